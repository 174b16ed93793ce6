package dev.tandem.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}: a pure function from a {@link Rng} (a recorded sequence
 * of choices) to a value.
 *
 * <p>Every value is built only from choices drawn from the {@code Rng}, which is what makes it
 * shrinkable: the harness edits the recorded choices and simply runs the generator again. So a
 * generator must be deterministic given its choices: no other randomness, no mutable shared state.
 * Combinators ({@link #map}, {@link #flatMap}, {@link #filter}, {@link #listOf}, ...) keep that
 * property, so values built with them shrink without any extra code.
 *
 * <p>How values shrink: numbers towards 0 (or towards the bound nearest 0 when the range excludes
 * 0), booleans towards {@code false}, {@link #oneOf}/{@link #elements}/{@link #enumValues}/
 * {@link #frequency} towards their first option, lists towards fewer and then simpler elements.
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /** Default number of attempts of {@link #filter(Predicate)} before giving up. */
    int DEFAULT_FILTER_ATTEMPTS = 100;

    /**
     * Generates one value, drawing every random decision from {@code rng}.
     *
     * @param rng the choice source of the current test case
     * @return the generated value
     */
    T generate(Rng rng);

    /**
     * @param f a pure function
     * @param <R> result type
     * @return a generator of {@code f(value)}
     */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return rng -> f.apply(generate(rng));
    }

    /**
     * Generates a value, then uses it to choose the generator of the result (dependent generation,
     * e.g. a list size and then a list of that size). Both stages shrink.
     *
     * @param f maps a value to the generator to draw from next
     * @param <R> result type
     * @return the dependent generator
     */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        Objects.requireNonNull(f, "f");
        return rng -> f.apply(generate(rng)).generate(rng);
    }

    /**
     * Keeps only values satisfying {@code predicate}, retrying up to {@value #DEFAULT_FILTER_ATTEMPTS}
     * times per value. Prefer building the constraint into the generator when most values fail.
     *
     * @param predicate the condition values must meet
     * @return the filtered generator
     * @see #filter(Predicate, int)
     */
    default Gen<T> filter(Predicate<? super T> predicate) {
        return filter(predicate, DEFAULT_FILTER_ATTEMPTS);
    }

    /**
     * Keeps only values satisfying {@code predicate}. After {@code maxAttempts} rejected values in a
     * row it throws a {@link GenerationException}: the try is discarded, and a run whose tries are
     * mostly discarded fails with an explanation.
     *
     * @param predicate the condition values must meet
     * @param maxAttempts attempts per value, at least 1
     * @return the filtered generator
     */
    default Gen<T> filter(Predicate<? super T> predicate, int maxAttempts) {
        Objects.requireNonNull(predicate, "predicate");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        return rng -> {
            T rejected = null;
            for (int attempt = 0; attempt < maxAttempts; attempt++) {
                int start = rng.choiceCount();
                T value = generate(rng);
                if (predicate.test(value)) {
                    return value;
                }
                rng.markSpan(start);
                rejected = value;
            }
            throw new GenerationException("filter rejected " + maxAttempts + " values in a row (last: "
                    + Show.show(rejected, 200) + "); relax the predicate or build the constraint into the generator");
        };
    }

    /**
     * Generates one value from a fresh source seeded with {@code seed}; handy for debugging and for
     * tests of generators.
     *
     * @param seed the seed
     * @return the value
     */
    default T sample(long seed) {
        return generate(Rng.random(seed));
    }

    /**
     * Generates {@code count} values, value {@code i} from seed {@code SplitMix64.derive(seed, i)},
     * the same seeds a property run with master seed {@code seed} uses for its tries.
     *
     * @param seed the master seed
     * @param count how many values
     * @return the values, in order
     */
    default List<T> samples(long seed, int count) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(SplitMix64.derive(seed, i)));
        }
        return out;
    }

    // ------------------------------------------------------------------ factories

    /**
     * @param value the only value (may be {@code null})
     * @param <T> value type
     * @return a generator that always yields {@code value} and draws no choices
     */
    static <T> Gen<T> constant(T value) {
        return rng -> value;
    }

    /**
     * @param min lower bound, inclusive
     * @param max upper bound, inclusive
     * @return longs in {@code [min, max]}, shrinking towards 0 (or the bound nearest to 0)
     */
    static Gen<Long> longs(long min, long max) {
        checkRange(min <= max, min, max);
        return rng -> rng.choose(min, max);
    }

    /**
     * @param min lower bound, inclusive
     * @param max upper bound, inclusive
     * @return ints in {@code [min, max]}, shrinking towards 0 (or the bound nearest to 0)
     */
    static Gen<Integer> ints(int min, int max) {
        checkRange(min <= max, min, max);
        return rng -> rng.chooseInt(min, max);
    }

    /**
     * Doubles in {@code [min, max]} on a grid of 2^53 steps per side of the origin (0, or the bound
     * nearest to 0), bounds included. Shrinks towards the origin; e.g. with {@code [0, 1]} any
     * multiple of 2^-53 can be produced, so thresholds like 0.5 are found exactly.
     *
     * @param min finite lower bound, inclusive
     * @param max finite upper bound, inclusive
     * @return the generator
     */
    static Gen<Double> doubles(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("bounds must be finite: [" + min + ", " + max + "]");
        }
        checkRange(min <= max, min, max);
        double origin = min > 0 ? min : (max < 0 ? max : 0.0);
        boolean hasUp = max > origin;
        boolean hasDown = min < origin;
        long steps = 1L << 53;
        return rng -> {
            boolean negative = hasUp && hasDown ? rng.choose(0, 1) == 1 : hasDown;
            double fraction = rng.choose(0, steps) / (double) steps; // exact: both <= 2^53
            double value = negative ? origin - (origin - min) * fraction : origin + (max - origin) * fraction;
            return Math.max(min, Math.min(max, value));
        };
    }

    /** @return {@code false} or {@code true} with equal probability, shrinking towards {@code false} */
    static Gen<Boolean> booleans() {
        return rng -> rng.choose(0, 1) == 1;
    }

    /**
     * A biased coin, for "sometimes" decisions ({@code booleans(0.2)}: one time in five). Shrinks
     * towards {@code false} whatever the bias, so phrase the decision so that {@code false} is the
     * plain case ("add a fault?", "is the book empty?").
     *
     * @param probabilityTrue chance of {@code true} on fresh draws, in {@code [0, 1]}
     * @return the generator
     */
    static Gen<Boolean> booleans(double probabilityTrue) {
        if (!(probabilityTrue >= 0.0 && probabilityTrue <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probabilityTrue);
        }
        return rng -> rng.weightedBoolean(probabilityTrue);
    }

    /**
     * @param values the options (may contain {@code null}); copied
     * @param <T> value type
     * @return one of {@code values}, uniformly, shrinking towards the first
     */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> copy = new ArrayList<>(values.length);
        for (T value : values) {
            copy.add(value);
        }
        return elements(copy);
    }

    /**
     * @param values the options, at least one (may contain {@code null}); copied
     * @param <T> value type
     * @return one of {@code values}, uniformly, shrinking towards the first
     */
    static <T> Gen<T> elements(List<? extends T> values) {
        List<T> copy = Collections.unmodifiableList(new ArrayList<>(values));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("need at least one value");
        }
        int last = copy.size() - 1;
        return rng -> copy.get(rng.chooseInt(0, last));
    }

    /**
     * @param type an enum class with at least one constant
     * @param <E> the enum type
     * @return one of its constants, uniformly, shrinking towards the first declared
     */
    static <E extends Enum<E>> Gen<E> enumValues(Class<E> type) {
        return elements(Arrays.asList(type.getEnumConstants()));
    }

    /**
     * @param gens the alternatives, at least one
     * @param <T> value type
     * @return a value of one of {@code gens}, chosen uniformly, shrinking towards the first
     */
    @SafeVarargs
    static <T> Gen<T> anyOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
        for (Gen<? extends T> gen : gens) {
            copy.add(Objects.requireNonNull(gen, "gen"));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("need at least one generator");
        }
        int last = copy.size() - 1;
        return rng -> copy.get(rng.chooseInt(0, last)).generate(rng);
    }

    /**
     * One alternative of {@link #frequency}.
     *
     * @param weight relative weight, at least 1
     * @param gen the generator
     * @param <T> value type
     */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        /**
         * Validates the alternative.
         *
         * @param weight relative weight, at least 1
         * @param gen the generator
         */
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be >= 1: " + weight);
            }
            Objects.requireNonNull(gen, "gen");
        }
    }

    /**
     * @param weight relative weight, at least 1
     * @param gen the generator
     * @param <T> value type
     * @return an alternative for {@link #frequency}
     */
    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /**
     * Picks an alternative with probability proportional to its weight, then generates from it.
     * Shrinks towards the first alternative, so list the simplest one first.
     *
     * @param alternatives at least one
     * @param <T> value type
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... alternatives) {
        List<Weighted<? extends T>> copy = new ArrayList<>(alternatives.length);
        for (Weighted<? extends T> alternative : alternatives) {
            copy.add(Objects.requireNonNull(alternative, "alternative"));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("need at least one alternative");
        }
        long total = 0;
        for (Weighted<? extends T> w : copy) {
            total += w.weight();
        }
        long last = total - 1;
        return rng -> {
            long r = rng.choose(0, last);
            for (Weighted<? extends T> w : copy) {
                if (r < w.weight()) {
                    return w.gen().generate(rng);
                }
                r -= w.weight();
            }
            throw new AssertionError("unreachable");
        };
    }

    /**
     * Lists of {@code minSize..maxSize} elements. After the first {@code minSize} elements, each
     * further element is preceded by a "one more?" choice, so the size is geometric with mean about
     * {@code minSize + min((maxSize - minSize) / 2, 50)}. Shrinks by removing elements (anywhere)
     * and by shrinking elements. Each generated list is a fresh mutable {@link ArrayList}.
     *
     * @param element generator of elements
     * @param minSize minimum size, at least 0
     * @param maxSize maximum size, at least {@code minSize}
     * @param <T> element type
     * @return the list generator
     */
    static <T> Gen<List<T>> listOf(Gen<? extends T> element, int minSize, int maxSize) {
        Objects.requireNonNull(element, "element");
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("need 0 <= minSize <= maxSize: " + minSize + ", " + maxSize);
        }
        double extra = Math.min((maxSize - minSize) / 2.0, 50.0);
        double more = extra / (extra + 1.0);
        return rng -> {
            List<T> out = new ArrayList<>();
            while (true) {
                int start = rng.choiceCount();
                if (out.size() >= maxSize || (out.size() >= minSize && !rng.weightedBoolean(more))) {
                    return out;
                }
                out.add(element.generate(rng));
                rng.markSpan(start);
            }
        };
    }

    /**
     * @param first generator of the first component
     * @param second generator of the second component
     * @param <A> first type
     * @param <B> second type
     * @return pairs, generated first component first
     */
    static <A, B> Gen<Pair<A, B>> pairs(Gen<? extends A> first, Gen<? extends B> second) {
        return zip(first, second, Pair::new);
    }

    /**
     * @param a first generator
     * @param b second generator
     * @param f combines the two values
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return {@code f(a, b)} for independently generated {@code a} and {@code b}
     */
    static <A, B, R> Gen<R> zip(Gen<? extends A> a, Gen<? extends B> b,
                                BiFunction<? super A, ? super B, ? extends R> f) {
        return rng -> {
            A x = a.generate(rng);
            B y = b.generate(rng);
            return f.apply(x, y);
        };
    }

    /**
     * A function of three arguments, for {@link #zip(Gen, Gen, Gen, Function3)}.
     *
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <R> result type
     */
    @FunctionalInterface
    interface Function3<A, B, C, R> {
        /**
         * @param a first argument
         * @param b second argument
         * @param c third argument
         * @return the result
         */
        R apply(A a, B b, C c);
    }

    /**
     * @param a first generator
     * @param b second generator
     * @param c third generator
     * @param f combines the three values
     * @param <A> first type
     * @param <B> second type
     * @param <C> third type
     * @param <R> result type
     * @return {@code f(a, b, c)} for independently generated values
     */
    static <A, B, C, R> Gen<R> zip(Gen<? extends A> a, Gen<? extends B> b, Gen<? extends C> c,
                                   Function3<? super A, ? super B, ? super C, ? extends R> f) {
        return rng -> {
            A x = a.generate(rng);
            B y = b.generate(rng);
            C z = c.generate(rng);
            return f.apply(x, y, z);
        };
    }

    private static void checkRange(boolean ok, Object min, Object max) {
        if (!ok) {
            throw new IllegalArgumentException("empty range: min " + min + " > max " + max);
        }
    }
}
