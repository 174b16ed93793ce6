package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.event.KernelEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A set of checkers watching one run, fed by the runner: the standard set ({@link #standard}) covers every invariant
 * of issue 4 except determinism (which needs two runs: the chaos properties compare trace hashes).
 */
public final class Checkers {
    /** How long the venue's view must be unchanged before the end of a run to be compared by liveness. */
    public static final long SETTLE_NANOS = 10_000_000_000L;

    private final List<InvariantChecker> checkers;

    /** These checkers. */
    public Checkers(final List<? extends InvariantChecker> checkers) {
        this.checkers = List.copyOf(checkers);
    }

    /**
     * The standard checkers: order lifecycle, positions and accounting, risk limits at the venue, nothing new while
     * HALTED, REDUCING never increases |position|, order rates, an uncrossed venue book, and liveness.
     *
     * @param healedAtNanos  when the last fault ended (the run's start without faults)
     * @param livenessBound  how long after that every order must be settled
     * @param endNanos       the run's end
     */
    public static Checkers standard(final long healedAtNanos, final long livenessBound, final long endNanos) {
        return new Checkers(List.of(new OrderLifecycleChecker(), new PositionChecker(), new RiskLimitChecker(), new HaltedChecker(),
                new ReducingChecker(), new OrderRateChecker(), new CrossedBookChecker(),
                new LivenessChecker(healedAtNanos, livenessBound, endNanos, SETTLE_NANOS)));
    }

    /** No checkers at all. */
    public static Checkers none() {
        return new Checkers(List.of());
    }

    /** The checkers. */
    public List<InvariantChecker> all() {
        return checkers;
    }

    /** Feeds an outbound kernel event to every checker. */
    public void onEvent(final KernelEvent event, final CheckContext ctx) {
        for (final InvariantChecker c : checkers) {
            c.onEvent(event, ctx);
        }
    }

    /** Feeds a command leaving the kernel for the venue to every checker. */
    public void onCommand(final Command command, final CheckContext ctx) {
        for (final InvariantChecker c : checkers) {
            c.onCommand(command, ctx);
        }
    }

    /** A sampling step. */
    public void onStep(final CheckContext ctx) {
        for (final InvariantChecker c : checkers) {
            c.onStep(ctx);
        }
    }

    /** The end of the run. */
    public void onFinish(final CheckContext ctx) {
        for (final InvariantChecker c : checkers) {
            c.onFinish(ctx);
        }
    }

    /** Every violation, checker by checker. */
    public List<Violation> violations() {
        final List<Violation> out = new ArrayList<>();
        for (final InvariantChecker c : checkers) {
            out.addAll(c.violations());
        }
        return Collections.unmodifiableList(out);
    }
}
