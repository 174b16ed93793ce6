package dev.tandem.testkit;

import java.util.Arrays;

/**
 * The source of randomness handed to every {@link Gen}: a <em>recorded sequence of choices</em>.
 *
 * <p>Generators never see raw random bits. They ask for a bounded choice ({@link #choose(long, long)},
 * {@link #weightedBoolean(double)}) and the {@code Rng} answers either from a seeded
 * {@link SplitMix64} (a fresh try) or from a given choice sequence (replay and shrinking), and in
 * both cases records the answer. Because the recorded sequence fully determines the generated
 * value, the shrinker can edit the sequence and regenerate, whatever {@code map}, {@code flatMap},
 * {@code filter} or list structure sits in between.
 *
 * <p><b>Choice encoding.</b> A choice is stored as an unsigned <em>index</em> ordered by
 * simplicity: index 0 is the range's <em>origin</em> (0 if the range contains 0, else the bound
 * nearest to 0), then values alternate outwards: {@code origin+1, origin-1, origin+2, ...}; once one
 * side of the range is used up, the other side continues alone. So a smaller index is always a
 * value at least as close to the origin, and shrinking an index towards 0 shrinks the value
 * towards 0 (or towards {@code min} for ranges above 0). When a replayed index does not fit the
 * range asked for, it is clamped to the largest index of that range.
 *
 * <p>Fresh draws are uniform over the range, except for a mild bias (about 1 in 7 draws on ranges
 * of 64 or more values) towards the origin, both bounds and small magnitudes, where bugs live.
 *
 * <p>An {@code Rng} is single-use and not thread-safe.
 */
public final class Rng {

    /** Upper bound on the choices one test case may draw; exceeding it discards the test case. */
    public static final int MAX_CHOICES = 100_000;

    /** Ranges with at least this many values get the edge-case bias on fresh draws. */
    private static final long BIAS_MIN_SPAN = 63;

    private final SplitMix64 random; // null: replay only, exhausted prefix reads as zeros
    private final long[] prefix;
    private long[] recorded = new long[16];
    private long[] limits = new long[16]; // per choice: its largest index (range size - 1), unsigned
    private int size;
    private int[] spans = new int[16];    // structural units as [start, end) pairs of choice positions
    private int spanInts;

    private Rng(SplitMix64 random, long[] prefix) {
        this.random = random;
        this.prefix = prefix;
    }

    /**
     * A fresh source: choices are drawn from a {@link SplitMix64} seeded with {@code seed}.
     *
     * @param seed the try seed
     * @return a new recording source
     */
    public static Rng random(long seed) {
        return new Rng(new SplitMix64(seed), new long[0]);
    }

    /**
     * A replaying source: answers choice {@code i} with {@code choices[i]} (clamped to the range
     * asked for) and with index 0, the simplest value, once the sequence is exhausted.
     *
     * @param choices a recorded (possibly edited) choice sequence; copied
     * @return a new recording source
     */
    public static Rng replay(long[] choices) {
        return new Rng(null, choices.clone());
    }

    /**
     * Chooses a long in {@code [min, max]} (inclusive), shrinking towards the value nearest to 0.
     *
     * @param min lower bound, inclusive
     * @param max upper bound, inclusive
     * @return the chosen value
     * @throws IllegalArgumentException if {@code min > max}
     */
    public long choose(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min > max: " + min + " > " + max);
        }
        long span = max - min; // unsigned number of values minus one
        long index;
        if (size < prefix.length || random == null) {
            index = replayed(span);
        } else {
            index = fresh(min, max, span);
        }
        record(index, span);
        return valueAt(min, max, index);
    }

    /**
     * Chooses an int in {@code [min, max]} (inclusive); see {@link #choose(long, long)}.
     *
     * @param min lower bound, inclusive
     * @param max upper bound, inclusive
     * @return the chosen value
     */
    public int chooseInt(int min, int max) {
        return (int) choose(min, max);
    }

    /**
     * A boolean that is {@code true} with probability {@code probabilityTrue} on fresh draws and
     * shrinks towards {@code false}. Used e.g. as the "one more element?" flag of lists.
     *
     * @param probabilityTrue in {@code [0, 1]}
     * @return the chosen boolean
     */
    public boolean weightedBoolean(double probabilityTrue) {
        if (!(probabilityTrue >= 0.0 && probabilityTrue <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probabilityTrue);
        }
        long index;
        if (size < prefix.length || random == null) {
            index = replayed(1);
        } else {
            ensureCapacity();
            index = random.nextDouble() < probabilityTrue ? 1 : 0;
        }
        record(index, 1);
        return index == 1;
    }

    /** @return a copy of the choices recorded so far (unsigned indices, see class comment) */
    public long[] choices() {
        return Arrays.copyOf(recorded, size);
    }

    /** @return how many choices have been drawn so far */
    public int choiceCount() {
        return size;
    }

    private long replayed(long span) {
        ensureCapacity();
        long index = size < prefix.length ? prefix[size] : 0L;
        return Long.compareUnsigned(index, span) > 0 ? span : index;
    }

    private long fresh(long min, long max, long span) {
        ensureCapacity();
        if (Long.compareUnsigned(span, BIAS_MIN_SPAN) < 0) {
            return random.nextUnsignedAtMost(span);
        }
        int roll = (int) random.nextUnsignedAtMost(63);
        switch (roll) {
            case 0:
                return indexOf(min, max, min);
            case 1:
                return indexOf(min, max, max);
            case 2:
                return 0L;
            case 3: case 4: case 5: case 6: case 7: case 8: {
                int bits = 1 + (int) random.nextUnsignedAtMost(15); // small magnitudes: 2^1 .. 2^16
                long cap = (1L << bits) - 1;
                return random.nextUnsignedAtMost(Long.compareUnsigned(cap, span) < 0 ? cap : span);
            }
            default:
                return random.nextUnsignedAtMost(span);
        }
    }

    private void ensureCapacity() {
        if (size >= MAX_CHOICES) {
            throw new GenerationException("test case drew more than " + MAX_CHOICES
                    + " choices; is a generator unbounded (e.g. listOf with a huge maxSize, or recursion)?");
        }
    }

    /** @return per recorded choice, the largest index its range allowed (a shrinker hint) */
    long[] limits() {
        return Arrays.copyOf(limits, size);
    }

    /**
     * Marks the choices from {@code start} to now as one structural unit (a list element with its
     * "one more?" flag, a stateful action, a rejected filter attempt), which the shrinker then
     * tries to delete as a whole.
     */
    void markSpan(int start) {
        if (start >= size) {
            return;
        }
        if (spanInts == spans.length) {
            spans = Arrays.copyOf(spans, spanInts * 2);
        }
        spans[spanInts++] = start;
        spans[spanInts++] = size;
    }

    /** @return the marked units as flattened {@code [start, end)} pairs, in the order they ended */
    int[] spans() {
        return Arrays.copyOf(spans, spanInts);
    }

    private void record(long index, long limit) {
        if (size == recorded.length) {
            int capacity = Math.min(MAX_CHOICES, size * 2);
            recorded = Arrays.copyOf(recorded, capacity);
            limits = Arrays.copyOf(limits, capacity);
        }
        limits[size] = limit;
        recorded[size++] = index;
    }

    /** The simplest value of {@code [min, max]}: 0 if contained, else the bound nearest to 0. */
    static long origin(long min, long max) {
        if (min > 0) {
            return min;
        }
        if (max < 0) {
            return max;
        }
        return 0L;
    }

    /**
     * Maps a simplicity index (unsigned, {@code <= max - min}) to its value in {@code [min, max]}.
     * All arithmetic is unsigned/wrapping and exact for the full {@code long} range.
     */
    static long valueAt(long min, long max, long index) {
        long o = origin(min, max);
        long up = max - o;
        long down = o - min;
        long m = Long.compareUnsigned(up, down) <= 0 ? up : down;
        long zig = m << 1; // 2m <= max - min, fits unsigned
        if (Long.compareUnsigned(index, zig) <= 0) {
            if (index == 0) {
                return o;
            }
            return (index & 1) == 1 ? o + ((index >>> 1) + 1) : o - (index >>> 1);
        }
        long excess = index - zig;
        return Long.compareUnsigned(up, down) > 0 ? o + m + excess : o - m - excess;
    }

    /** Inverse of {@link #valueAt}: the simplicity index of {@code value} in {@code [min, max]}. */
    static long indexOf(long min, long max, long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " not in [" + min + ", " + max + "]");
        }
        long o = origin(min, max);
        long up = max - o;
        long down = o - min;
        long m = Long.compareUnsigned(up, down) <= 0 ? up : down;
        if (value == o) {
            return 0L;
        }
        long u = value > o ? value - o : o - value;
        if (Long.compareUnsigned(u, m) > 0) {
            return (m << 1) + (u - m);
        }
        return value > o ? (u << 1) - 1 : u << 1;
    }
}
