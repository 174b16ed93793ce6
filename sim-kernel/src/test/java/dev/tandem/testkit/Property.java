package dev.tandem.testkit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A property: "for all values of a generator, this body holds". Configure fluently, then run with
 * {@link #check(Body)} (body asserts / throws) or {@link #holds(Condition)} (body returns a boolean):
 *
 * <pre>{@code
 * Property.forAll(Gen.longs(-1_000, 1_000))
 *         .tries(500)                       // optional: fixed count for this property
 *         .check(ticks -> assertThat(Math.floorMod(ticks, 25L)).isBetween(0L, 24L));
 * }</pre>
 *
 * <p>Try {@code i} of a run generates its value from a {@link Rng} seeded with
 * {@code SplitMix64.derive(masterSeed, i)}. A try fails when the body throws anything (an
 * {@link AssertionError}, any exception) or the condition returns {@code false}. The first failure
 * is shrunk (at most {@link #maxShrinkRuns(int)} re-runs) and reported as a
 * {@link PropertyFailure}. Tries whose value cannot be generated (an exhausted {@link Gen#filter}, or
 * a JUnit assumption failing in the body) are discarded and do not count.
 *
 * <p>Settings and their precedence (system properties are read when the property is checked):
 * <ul>
 *   <li>tries: {@code .tries(n)} if called, else {@code -Dtandem.tries}, else {@value #DEFAULT_TRIES};</li>
 *   <li>master seed: {@code -Dtandem.seed} if set, else {@code .seed(s)}, else a stable hash of the
 *       label (so runs are reproducible by default, and different properties explore different values);</li>
 *   <li>{@code .trySeed(s)} replays exactly one try with that seed and ignores all of the above.</li>
 * </ul>
 *
 * <p>Instances are immutable: every setter returns a new {@code Property}.
 *
 * @param <T> the type of generated values
 */
public final class Property<T> {

    /** System property overriding every property's master seed: {@value}. */
    public static final String SEED_PROPERTY = "tandem.seed";
    /** System property giving the tries of properties that do not call {@link #tries(int)}: {@value}. */
    public static final String TRIES_PROPERTY = "tandem.tries";
    /** Tries when neither {@link #tries(int)} nor {@value #TRIES_PROPERTY} says otherwise. */
    public static final int DEFAULT_TRIES = 100;
    /** Default bound on re-runs while shrinking one failure. */
    public static final int DEFAULT_MAX_SHRINK_RUNS = 2_000;

    /**
     * The body of a property: throws (anything) to fail.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * @param value a generated value
         * @throws Exception to fail the property
         */
        void accept(T value) throws Exception;
    }

    /**
     * A boolean property body: returning {@code false} or throwing fails the property.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Condition<T> {
        /**
         * @param value a generated value
         * @return whether the property holds for {@code value}
         * @throws Exception to fail the property
         */
        boolean test(T value) throws Exception;
    }

    private final Gen<T> gen;
    private final Settings settings;

    private Property(Gen<T> gen, Settings settings) {
        this.gen = gen;
        this.settings = settings;
    }

    /**
     * @param gen generator of the values to check
     * @param <T> value type
     * @return an unconfigured property over {@code gen}
     */
    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(Objects.requireNonNull(gen, "gen"), Settings.defaults());
    }

    /**
     * Fixes the number of passing tries for this property; {@code -Dtandem.tries} no longer applies.
     *
     * @param tries at least 1
     * @return a configured copy
     */
    public Property<T> tries(int tries) {
        return new Property<>(gen, settings.withTries(tries));
    }

    /**
     * Sets the master seed; still overridden by {@code -Dtandem.seed} so a reported seed reproduces.
     *
     * @param masterSeed the master seed
     * @return a configured copy
     */
    public Property<T> seed(long masterSeed) {
        return new Property<>(gen, settings.withSeed(masterSeed));
    }

    /**
     * Replays exactly one try with the given try seed (as printed in a failure report), ignoring
     * tries and master seed settings. For debugging a single failure.
     *
     * @param trySeed the seed of the try to replay
     * @return a configured copy
     */
    public Property<T> trySeed(long trySeed) {
        return new Property<>(gen, settings.withTrySeed(trySeed));
    }

    /**
     * @param runs bound on re-runs while shrinking (0 disables shrinking); default {@value #DEFAULT_MAX_SHRINK_RUNS}
     * @return a configured copy
     */
    public Property<T> maxShrinkRuns(int runs) {
        return new Property<>(gen, settings.withMaxShrinkRuns(runs));
    }

    /**
     * @param label name used in reports and for the default seed; default {@code TestClass.method}
     * @return a configured copy
     */
    public Property<T> label(String label) {
        return new Property<>(gen, settings.withLabel(label));
    }

    /**
     * Runs the property; the body fails a try by throwing.
     *
     * @param body assertions about one generated value
     * @return a summary of the passing run
     * @throws PropertyFailure if some try failed (after shrinking)
     * @throws GenerationException if too many tries could not be generated
     */
    public CheckResult check(Body<? super T> body) {
        Objects.requireNonNull(body, "body");
        String label = settings.effectiveLabel();
        Engine.Run run = Engine.run(settings, label, testCase -> {
            T value = gen.generate(testCase.rng());
            testCase.value(value);
            body.accept(value);
        });
        if (run.falsified() != null) {
            throw failure(run.falsified());
        }
        OptionalLong master = run.masterSeed() == null ? OptionalLong.empty() : OptionalLong.of(run.masterSeed());
        return new CheckResult(label, master, run.tries(), run.discarded());
    }

    /**
     * Runs the property; a try fails if the condition returns {@code false} or throws.
     *
     * @param condition the condition every generated value must satisfy
     * @return a summary of the passing run
     * @throws PropertyFailure if some try failed (after shrinking)
     * @throws GenerationException if too many tries could not be generated
     */
    public CheckResult holds(Condition<? super T> condition) {
        Objects.requireNonNull(condition, "condition");
        return check(value -> {
            if (!condition.test(value)) {
                throw new AssertionError("condition returned false");
            }
        });
    }

    private PropertyFailure failure(Engine.Falsified f) {
        Object original = regenerate(f.original());
        Object shrunk = regenerate(f.shrunk());
        return new PropertyFailure(f, original, shrunk,
                Show.show(original, Show.DEFAULT_MAX_CHARS), Show.show(shrunk, Show.DEFAULT_MAX_CHARS));
    }

    /** A fresh copy of the generated value: the body may have mutated the one it was given. */
    private Object regenerate(Engine.Outcome outcome) {
        try {
            return gen.generate(Rng.replay(outcome.choices()));
        } catch (RuntimeException e) {
            return outcome.value();
        }
    }
}
