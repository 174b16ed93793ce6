package dev.tandem.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opentest4j.TestAbortedException;

/**
 * Runs tries of a test function and shrinks the first failure. Shared by {@link Property} and
 * {@link StatefulProperty}; not public API.
 */
final class Engine {

    private Engine() {
    }

    /** One test case: draws its values from {@link #rng()} and records what to report. */
    static final class TestCase {
        private final Rng rng;
        private Object value;

        TestCase(Rng rng) {
            this.rng = rng;
        }

        Rng rng() {
            return rng;
        }

        void value(Object generated) {
            this.value = generated;
        }
    }

    /** The code under test, given a test case; throws to fail, {@link GenerationException} to discard. */
    @FunctionalInterface
    interface TestFunction {
        void run(TestCase testCase) throws Throwable;
    }

    enum Status { PASSED, FAILED, INVALID }

    /** What one execution did: status, the choices it consumed, the captured value and the error. */
    record Outcome(Status status, long[] choices, long[] limits, int[] spans, Object value, Throwable error) {
    }

    /** A falsified property: where it failed and what it shrank to. */
    record Falsified(String label, Long masterSeed, long trySeed, int tryIndex, int triesToReproduce,
                     Outcome original, Outcome shrunk, int shrinkSteps, int shrinkRuns, boolean budgetExhausted) {
    }

    /** The result of a run; {@code falsified} is null when every try passed. */
    record Run(String label, Long masterSeed, int tries, int discarded, Falsified falsified) {
    }

    static Run run(Settings settings, String label, TestFunction fn) {
        if (settings.trySeed() != null) {
            long seed = settings.trySeed();
            Outcome outcome = execute(fn, Rng.random(seed));
            switch (outcome.status()) {
                case PASSED:
                    return new Run(label, null, 1, 0, null);
                case INVALID:
                    throw new GenerationException("Property '" + label + "': the try with seed " + seed
                            + " could not be generated: " + outcome.error().getMessage(), outcome.error());
                default:
                    return new Run(label, null, 1, 0, falsify(settings, fn, label, null, seed, 0, 1, outcome));
            }
        }
        long master = settings.effectiveMasterSeed(label);
        int tries = settings.effectiveTries();
        int maxDiscards = Math.max(10, tries);
        int passed = 0;
        int discarded = 0;
        for (int attempt = 0; passed < tries; attempt++) {
            long seed = SplitMix64.derive(master, attempt);
            Outcome outcome = execute(fn, Rng.random(seed));
            if (outcome.status() == Status.PASSED) {
                passed++;
            } else if (outcome.status() == Status.INVALID) {
                discarded++;
                if (discarded > maxDiscards) {
                    throw new GenerationException(String.format(
                            "Property '%s' gave up: %d tries discarded (%d passed) because values could not be"
                                    + " generated; last reason: %s%n  master seed : %d%n  try seed    : %d",
                            label, discarded, passed, outcome.error().getMessage(), master, seed),
                            outcome.error());
                }
            } else {
                return new Run(label, master, passed + 1, discarded,
                        falsify(settings, fn, label, master, seed, attempt, passed + 1, outcome));
            }
        }
        return new Run(label, master, passed, discarded, null);
    }

    private static Falsified falsify(Settings settings, TestFunction fn, String label, Long master, long seed,
                                     int tryIndex, int triesToReproduce, Outcome failure) {
        Shrinker shrinker = new Shrinker(fn, settings.maxShrinkRuns(), failure);
        Outcome shrunk = shrinker.shrink();
        return new Falsified(label, master, seed, tryIndex, triesToReproduce, failure, shrunk,
                shrinker.steps, shrinker.runs, shrinker.budgetExhausted);
    }

    static Outcome execute(TestFunction fn, Rng rng) {
        TestCase testCase = new TestCase(rng);
        try {
            fn.run(testCase);
            return new Outcome(Status.PASSED, rng.choices(), rng.limits(), rng.spans(), testCase.value, null);
        } catch (GenerationException | TestAbortedException e) {
            return new Outcome(Status.INVALID, rng.choices(), rng.limits(), rng.spans(), testCase.value, e);
        } catch (StackOverflowError e) {
            return new Outcome(Status.FAILED, rng.choices(), rng.limits(), rng.spans(), testCase.value, e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return new Outcome(Status.FAILED, rng.choices(), rng.limits(), rng.spans(), testCase.value, e);
        }
    }

    /** Shortlex order on choice sequences: shorter is simpler, then smaller (unsigned) choices first. */
    static int shortlex(long[] a, long[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * Greedy shrinker over the choice sequence. Every candidate must be shortlex-smaller than the
     * current best and still fail; the consumed choices of the accepted run become the new best.
     * Since shortlex order is a well-order this terminates; the run budget bounds the work.
     */
    static final class Shrinker {
        private static final int[] CHUNK_SIZES = {8, 4, 3, 2, 1};
        /** Values below this are tried one by one before binary search (catches non-monotone failures). */
        private static final int SMALL_VALUES = 8;
        /** How far apart two choices may be for the pairwise passes. */
        private static final int WINDOW = 32;

        private final TestFunction fn;
        private final int budget;
        private final Set<Key> seen = new HashSet<>();
        private Outcome best;
        int runs;
        int steps;
        boolean budgetExhausted;

        Shrinker(TestFunction fn, int budget, Outcome failure) {
            this.fn = fn;
            this.budget = budget;
            this.best = failure;
        }

        Outcome shrink() {
            long[] before;
            do {
                before = best.choices();
                deleteSpans();
                deleteChunks();
                zeroChunks();
                minimizeChoices();
                minimizeDuplicates();
                if (best.choices() == before) { // the cheap passes are stuck: try the pairwise ones
                    swapPairs();
                    redistributePairs();
                }
            } while (best.choices() != before && !budgetExhausted);
            return best;
        }

        private long[] current() {
            return best.choices();
        }

        private long[] limits() {
            return best.limits();
        }

        /** Runs {@code candidate} and adopts it if it still fails and is simpler. */
        private boolean consider(long[] candidate) {
            if (shortlex(candidate, current()) >= 0 || !seen.add(new Key(candidate))) {
                return false;
            }
            if (runs >= budget) {
                budgetExhausted = true;
                return false;
            }
            runs++;
            Outcome outcome = execute(fn, Rng.replay(candidate));
            if (outcome.status() == Status.FAILED && shortlex(outcome.choices(), current()) < 0) {
                best = outcome;
                steps++;
                return true;
            }
            return false;
        }

        /** Removes marked structural units (list elements, actions, rejected filter attempts), last first. */
        private void deleteSpans() {
            for (int s = best.spans().length / 2 - 1; s >= 0 && !budgetExhausted; s--) {
                int[] spans = best.spans();
                if (2 * s + 1 < spans.length && spans[2 * s + 1] <= current().length) {
                    deleteRange(spans[2 * s], spans[2 * s + 1]);
                }
            }
        }

        private void deleteRange(int from, int to) {
            long[] c = current();
            long[] candidate = new long[c.length - (to - from)];
            System.arraycopy(c, 0, candidate, 0, from);
            System.arraycopy(c, to, candidate, from, c.length - to);
            consider(candidate);
        }

        /** Removes runs of k choices, back to front: drops list elements, actions, filter retries. */
        private void deleteChunks() {
            for (int k : CHUNK_SIZES) {
                for (int i = current().length - k; i >= 0 && !budgetExhausted; i--) {
                    if (i + k <= current().length) {
                        deleteRange(i, i + k);
                    }
                }
            }
        }

        /** Sets runs of k choices to 0 at once (for choices that only fail together). */
        private void zeroChunks() {
            for (int k : CHUNK_SIZES) {
                if (k == 1) {
                    continue; // minimizeChoices tries 0 first
                }
                for (int i = 0; i + k <= current().length && !budgetExhausted; i++) {
                    long[] candidate = current().clone();
                    boolean nonZero = false;
                    for (int j = i; j < i + k; j++) {
                        nonZero |= candidate[j] != 0;
                        candidate[j] = 0;
                    }
                    if (nonZero) {
                        consider(candidate);
                    }
                }
            }
        }

        private void minimizeChoices() {
            for (int i = 0; i < current().length && !budgetExhausted; i++) {
                minimize(new int[] {i});
            }
        }

        /** Lowers equal choices of the same range together (e.g. "two equal elements" failures). */
        private void minimizeDuplicates() {
            long[] c = current();
            long[] lim = limits();
            Integer[] order = new Integer[c.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int byLimit = Long.compareUnsigned(lim[a], lim[b]);
                return byLimit != 0 ? byLimit : Long.compareUnsigned(c[a], c[b]);
            });
            List<int[]> groups = new ArrayList<>();
            for (int start = 0; start < order.length; ) {
                int end = start + 1;
                while (end < order.length && lim[order[end]] == lim[order[start]] && c[order[end]] == c[order[start]]) {
                    end++;
                }
                if (end - start >= 2 && c[order[start]] != 0 && lim[order[start]] != 1) {
                    int[] group = new int[end - start];
                    for (int g = 0; g < group.length; g++) {
                        group[g] = order[start + g];
                    }
                    Arrays.sort(group);
                    groups.add(group);
                }
                start = end;
            }
            for (int[] group : groups) {
                if (budgetExhausted || best.choices() != c) {
                    return; // positions are stale once anything changed; the next round regroups
                }
                minimize(group);
            }
        }

        /**
         * Lowers the (equal) choices at {@code positions}: to 0 if possible, then small values one
         * by one, then binary search. Indices alternate sign (see {@link Rng}), so the search runs
         * within each parity class, where the magnitude grows monotonically with the index.
         */
        private void minimize(int[] positions) {
            if (!valid(positions)) {
                return;
            }
            long v = current()[positions[0]];
            if (v == 0 || setAll(positions, 0)) {
                return;
            }
            for (long w = 1; Long.compareUnsigned(w, v) < 0 && w <= SMALL_VALUES; w++) {
                if (setAll(positions, w)) {
                    return;
                }
            }
            searchParity(positions, v & 1);
            searchParity(positions, (v & 1) ^ 1);
        }

        /**
         * Finds the smallest {@code w = parity + 2j} below the current choice that still fails, by
         * binary search over {@code j} (assumes failure is monotone within the parity class).
         */
        private void searchParity(int[] positions, long parity) {
            if (!valid(positions) || Long.compareUnsigned(current()[positions[0]], parity) <= 0) {
                return;
            }
            long v = current()[positions[0]];
            long top = (v & 1) == parity ? v : v - 1;
            if (top != v && (!setAll(positions, top) || !holds(positions, top))) {
                return; // the other sign/parity does not fail at the same magnitude
            }
            long hi = (top - parity) >>> 1; // j known to fail the property
            long lo = 0;                     // j known not to fail (tried by minimize)
            while (hi - lo > 1 && !budgetExhausted) {
                long mid = lo + ((hi - lo) >>> 1);
                long w = parity + (mid << 1);
                if (setAll(positions, w)) {
                    if (!holds(positions, w)) {
                        return; // the structure changed under us; the next round continues
                    }
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }

        private boolean valid(int[] positions) {
            return positions[positions.length - 1] < current().length;
        }

        private boolean holds(int[] positions, long value) {
            if (!valid(positions)) {
                return false;
            }
            for (int p : positions) {
                if (current()[p] != value) {
                    return false;
                }
            }
            return true;
        }

        private boolean setAll(int[] positions, long value) {
            if (!valid(positions)) {
                return false;
            }
            long[] candidate = current().clone();
            for (int p : positions) {
                candidate[p] = value;
            }
            return consider(candidate);
        }

        /** Swaps out-of-order choices of the same range (sorts list elements, simple actions first). */
        private void swapPairs() {
            for (int i = 0; i < current().length && !budgetExhausted; i++) {
                for (int j = i + 1; j < Math.min(current().length, i + 1 + WINDOW) && !budgetExhausted; j++) {
                    long[] c = current();
                    long[] lim = limits();
                    if (lim[i] == lim[j] && lim[i] != 1 && Long.compareUnsigned(c[i], c[j]) > 0) {
                        long[] candidate = c.clone();
                        candidate[i] = c[j];
                        candidate[j] = c[i];
                        consider(candidate);
                    }
                }
            }
        }

        /**
         * Moves as much as fits from choice i onto a later choice j of the same range, so that a
         * budget spread over several elements can collect in fewer ({@code [30, 32, 38] -> [2, 60, 38]
         * -> [0, 60, 40]}, after which the 0 element can be deleted).
         */
        private void redistributePairs() {
            for (int i = 0; i < current().length && !budgetExhausted; i++) {
                for (int j = i + 1; j < Math.min(current().length, i + 1 + WINDOW) && !budgetExhausted; j++) {
                    long[] c = current();
                    long[] lim = limits();
                    if (lim[i] != lim[j] || lim[i] == 1 || c[i] == 0) {
                        continue;
                    }
                    long room = lim[j] - c[j]; // unsigned, c[j] <= limit
                    long move = Long.compareUnsigned(room, c[i]) < 0 ? room : c[i];
                    if (move == 0) {
                        continue;
                    }
                    long[] candidate = c.clone();
                    candidate[i] = c[i] - move;
                    candidate[j] = c[j] + move;
                    consider(candidate);
                }
            }
        }
    }

    /** Value-equality wrapper for the candidate cache. */
    private record Key(long[] choices) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(choices, ((Key) o).choices);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(choices);
        }
    }
}
