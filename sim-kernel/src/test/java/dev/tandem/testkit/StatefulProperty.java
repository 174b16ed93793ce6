package dev.tandem.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stateful (model-based) property: runs random sequences of actions against a fresh system under
 * test and reports the <em>shortest, simplest</em> failing action sequence.
 *
 * <pre>{@code
 * StatefulProperty.of(OrderBookHarness::new,          // fresh state per try: SUT + model
 *                     OrderBookHarness.ACTIONS,       // Gen<Action>
 *                     (h, action) -> {                // apply, then check invariants by asserting
 *                         h.apply(action);
 *                         h.assertMatchesModel();
 *                     })
 *         .length(0, 100)
 *         .check();
 * }</pre>
 *
 * <p>Each try creates a state with the supplier, then repeatedly draws an action and calls the
 * step, until the sequence reaches its drawn length or a step throws. Actions are drawn one at a
 * time from the same choice sequence as everything else, so the shrinker deletes and simplifies
 * actions exactly as it does list elements. With {@link #stateDependent} the action generator may
 * depend on the current state (e.g. only cancel orders that exist). If the state is
 * {@link AutoCloseable} it is closed after every try. {@link #startWith} and {@link #endWith} add an
 * action that every try opens with (a generated set-up) or closes with (a final phase whose checks
 * must always run); both are applied by the same step and reported like the others.
 *
 * <p>The failure's {@link PropertyFailure#shrunkValue()} is the executed {@code List<A>} (ending with
 * the action whose step threw), and the report prints it one numbered action per line, so give
 * actions a readable {@code toString()} (records do). Tries, seeds and shrinking are configured
 * exactly as for {@link Property}. Instances are immutable.
 *
 * @param <S> the state: system under test, model, or both
 * @param <A> the action type
 */
public final class StatefulProperty<S, A> {

    /** Default minimum number of actions per try. */
    public static final int DEFAULT_MIN_LENGTH = 0;
    /** Default maximum number of actions per try. */
    public static final int DEFAULT_MAX_LENGTH = 50;

    /**
     * Applies one action to the state and checks invariants; throws (anything) to fail.
     *
     * @param <S> state type
     * @param <A> action type
     */
    @FunctionalInterface
    public interface Step<S, A> {
        /**
         * @param state the current state (mutate it, or mutate what it holds)
         * @param action the action to apply
         * @throws Exception to fail the property
         */
        void apply(S state, A action) throws Exception;
    }

    private final Supplier<? extends S> initialState;
    private final Function<? super S, ? extends Gen<? extends A>> actions;
    private final Step<S, A> step;
    private final int minLength;
    private final int maxLength;
    private final Gen<? extends A> first; // null: none
    private final Gen<? extends A> last;  // null: none
    private final Settings settings;

    private StatefulProperty(Supplier<? extends S> initialState,
                             Function<? super S, ? extends Gen<? extends A>> actions, Step<S, A> step,
                             int minLength, int maxLength, Gen<? extends A> first, Gen<? extends A> last,
                             Settings settings) {
        this.initialState = initialState;
        this.actions = actions;
        this.step = step;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.first = first;
        this.last = last;
        this.settings = settings;
    }

    /**
     * @param initialState creates a fresh state for every try (and every shrink re-run)
     * @param actions generator of actions
     * @param step applies an action and checks invariants
     * @param <S> state type
     * @param <A> action type
     * @return an unconfigured stateful property
     */
    public static <S, A> StatefulProperty<S, A> of(Supplier<? extends S> initialState, Gen<? extends A> actions,
                                                   Step<S, A> step) {
        Objects.requireNonNull(actions, "actions");
        return stateDependent(initialState, state -> actions, step);
    }

    /**
     * Like {@link #of}, but the next action's generator is chosen from the current state.
     *
     * @param initialState creates a fresh state for every try (and every shrink re-run)
     * @param actions returns the generator of the next action for the current state
     * @param step applies an action and checks invariants
     * @param <S> state type
     * @param <A> action type
     * @return an unconfigured stateful property
     */
    public static <S, A> StatefulProperty<S, A> stateDependent(
            Supplier<? extends S> initialState, Function<? super S, ? extends Gen<? extends A>> actions,
            Step<S, A> step) {
        return new StatefulProperty<>(Objects.requireNonNull(initialState, "initialState"),
                Objects.requireNonNull(actions, "actions"), Objects.requireNonNull(step, "step"),
                DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, null, null, Settings.defaults());
    }

    /**
     * @param min minimum actions per try, at least 0
     * @param max maximum actions per try, at least {@code min}
     * @return a configured copy
     */
    public StatefulProperty<S, A> length(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
        }
        return new StatefulProperty<>(initialState, actions, step, min, max, first, last, settings);
    }

    /**
     * Starts every try with one action drawn from {@code firstAction}, before the random ones: a
     * generated set-up (a seed, a configuration, a market to trade in) that the following actions can
     * rely on. It is always applied, is not counted by {@link #length}, is never deleted by the
     * shrinker (its values still shrink) and is reported as action 1.
     *
     * @param firstAction generator of the opening action
     * @return a configured copy
     */
    public StatefulProperty<S, A> startWith(Gen<? extends A> firstAction) {
        Objects.requireNonNull(firstAction, "firstAction");
        return new StatefulProperty<>(initialState, actions, step, minLength, maxLength, firstAction, last, settings);
    }

    /**
     * Ends every try whose actions all passed with one more action drawn from {@code lastAction}: a
     * closing phase whose checks must run at the end of every sequence ("let every timer fire",
     * "close all positions, then the books must balance exactly"). It is applied by the same step, is
     * not counted by {@link #length}, is never deleted by the shrinker (its values still shrink) and
     * is reported as the last action, marked when it is the one that failed.
     *
     * @param lastAction generator of the closing action
     * @return a configured copy
     */
    public StatefulProperty<S, A> endWith(Gen<? extends A> lastAction) {
        Objects.requireNonNull(lastAction, "lastAction");
        return new StatefulProperty<>(initialState, actions, step, minLength, maxLength, first, lastAction, settings);
    }

    /**
     * @param tries number of passing tries; see {@link Property#tries(int)}
     * @return a configured copy
     */
    public StatefulProperty<S, A> tries(int tries) {
        return with(settings.withTries(tries));
    }

    /**
     * @param masterSeed the master seed; see {@link Property#seed(long)}
     * @return a configured copy
     */
    public StatefulProperty<S, A> seed(long masterSeed) {
        return with(settings.withSeed(masterSeed));
    }

    /**
     * @param trySeed replay exactly this try; see {@link Property#trySeed(long)}
     * @return a configured copy
     */
    public StatefulProperty<S, A> trySeed(long trySeed) {
        return with(settings.withTrySeed(trySeed));
    }

    /**
     * @param runs bound on shrink re-runs; see {@link Property#maxShrinkRuns(int)}
     * @return a configured copy
     */
    public StatefulProperty<S, A> maxShrinkRuns(int runs) {
        return with(settings.withMaxShrinkRuns(runs));
    }

    /**
     * @param label name used in reports and for the default seed
     * @return a configured copy
     */
    public StatefulProperty<S, A> label(String label) {
        return with(settings.withLabel(label));
    }

    private StatefulProperty<S, A> with(Settings newSettings) {
        return new StatefulProperty<>(initialState, actions, step, minLength, maxLength, first, last, newSettings);
    }

    /**
     * Runs the action sequences.
     *
     * @return a summary of the passing run
     * @throws PropertyFailure with the minimal failing action sequence
     * @throws GenerationException if too many tries could not be generated
     */
    public CheckResult check() {
        String label = settings.effectiveLabel();
        double extra = Math.min((maxLength - minLength) / 2.0, 50.0);
        double more = extra / (extra + 1.0);
        Engine.Run run = Engine.run(settings, label, testCase -> {
            Trace trace = new Trace();
            testCase.value(trace);
            Rng rng = testCase.rng();
            S state = initialState.get();
            Throwable primary = null;
            try {
                if (first != null) {
                    trace.run(state, first.generate(rng));
                }
                int offset = trace.actions.size();
                while (true) {
                    int n = trace.actions.size() - offset;
                    int start = rng.choiceCount();
                    if (n >= maxLength || (n >= minLength && !rng.weightedBoolean(more))) {
                        break;
                    }
                    A action = actions.apply(state).generate(rng);
                    rng.markSpan(start);
                    trace.run(state, action);
                }
                if (last != null) {
                    trace.run(state, last.generate(rng));
                }
            } catch (Throwable t) {
                primary = t;
                throw t;
            } finally {
                if (state instanceof AutoCloseable) {
                    try {
                        ((AutoCloseable) state).close();
                    } catch (Throwable closeFailure) {
                        if (primary == null) {
                            throw closeFailure;
                        }
                        primary.addSuppressed(closeFailure);
                    }
                }
            }
        });
        if (run.falsified() != null) {
            throw failure(run.falsified());
        }
        OptionalLong master = run.masterSeed() == null ? OptionalLong.empty() : OptionalLong.of(run.masterSeed());
        return new CheckResult(label, master, run.tries(), run.discarded());
    }

    private PropertyFailure failure(Engine.Falsified f) {
        @SuppressWarnings("unchecked")
        Trace original = (Trace) f.original().value();
        @SuppressWarnings("unchecked")
        Trace shrunk = (Trace) f.shrunk().value();
        return new PropertyFailure(f, original.snapshot(), shrunk.snapshot(), original.render(), shrunk.render());
    }

    /** The actions executed in one try, and whether the last step threw. */
    private final class Trace {
        final List<A> actions = new ArrayList<>();
        boolean stepRunning;

        void run(S state, A action) throws Exception {
            actions.add(action);
            stepRunning = true;
            step.apply(state, action);
            stepRunning = false;
        }

        List<A> snapshot() {
            return Collections.unmodifiableList(new ArrayList<>(actions));
        }

        String render() {
            String count = actions.size() == 1 ? "1 action" : actions.size() + " actions";
            if (actions.isEmpty()) {
                return count + " (the initial state or its close() failed)";
            }
            return count + "\n" + Show.steps(actions, stepRunning, "");
        }
    }
}
