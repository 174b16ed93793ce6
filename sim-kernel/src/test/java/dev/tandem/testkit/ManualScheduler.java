package dev.tandem.testkit;

import dev.tandem.kernel.time.Scheduler;
import dev.tandem.kernel.time.SimClock;
import dev.tandem.kernel.time.TimerHandler;
import dev.tandem.kernel.time.TimerQueue;
import java.util.List;

/**
 * A {@link Scheduler} a test drives by hand: a {@link SimClock} plus a {@link TimerQueue}. Nothing fires on its own;
 * {@link #advanceTo(long, TimerHandler)} moves time forward and fires every timer due on the way, in (deadline, name,
 * sequence) order, each at its own deadline. A test with its own event loop (reports interleaved with timers) can
 * use {@link #nextDeadlineNanos()} and {@link #pollDue(long)} instead.
 *
 * <pre>{@code
 * ManualScheduler scheduler = new ManualScheduler(T0);
 * RiskEngine engine = new RiskEngine(..., scheduler, ...);
 * scheduler.advanceTo(T0 + 10 * SECOND, engine); // the engine's staleness timers fire at their deadlines
 * scheduler.set(T0 + DAY);                        // moves time without firing anything
 * }</pre>
 */
public final class ManualScheduler implements Scheduler {
    private final SimClock clock;
    private final TimerQueue<String> timers = new TimerQueue<>();

    /** Starts at {@code startNanos} with no timers. */
    public ManualScheduler(final long startNanos) {
        clock = new SimClock(startNanos);
    }

    @Override
    public long nowNanos() {
        return clock.nowNanos();
    }

    @Override
    public long schedule(final String name, final long deadlineNanos) {
        return timers.schedule(name, deadlineNanos, name);
    }

    @Override
    public int cancel(final String name) {
        return timers.cancelAll(name);
    }

    /** The clock behind {@link #nowNanos()} (for components that take a clock, such as a scripted venue). */
    public SimClock clock() {
        return clock;
    }

    /** The pending timers (for snapshot tests that restore them). */
    public TimerQueue<String> timers() {
        return timers;
    }

    /**
     * Moves time to {@code nanos}, firing every timer due on the way at its own deadline (timers scheduled by the
     * handler fire too if they are due by then).
     *
     * @throws IllegalStateException if the timers never settle (more than {@link Integer#MAX_VALUE} firings)
     */
    public void advanceTo(final long nanos, final TimerHandler handler) {
        if (!advanceTo(nanos, handler, Integer.MAX_VALUE)) {
            throw new IllegalStateException("timers never settle before " + nanos);
        }
    }

    /**
     * Like {@link #advanceTo(long, TimerHandler)}, but fires at most {@code maxFirings} timers: returns true once
     * nothing more is due and the clock is at {@code nanos}; false if it gave up, with the clock at the deadline of
     * the last timer fired.
     */
    public boolean advanceTo(final long nanos, final TimerHandler handler, final int maxFirings) {
        for (int fired = 0; fired < maxFirings; fired++) {
            final TimerQueue.Due<String> due = timers.pollDue(nanos);
            if (due == null) {
                clock.advanceTo(nanos);
                return true;
            }
            clock.advanceTo(Math.max(clock.nowNanos(), due.deadlineNanos()));
            handler.onTimer(due.name(), due.deadlineNanos());
        }
        return false;
    }

    /** Moves time to {@code nanos} without firing anything (for check-only tests). */
    public void set(final long nanos) {
        clock.advanceTo(nanos);
    }

    /** Deadline of the earliest pending timer, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextDeadlineNanos() {
        return timers.nextDeadlineNanos();
    }

    /**
     * Removes and returns the earliest timer if it is due at or before {@code nanos}, else null. It neither moves
     * the clock nor fires the timer: the caller does both.
     */
    public TimerQueue.Due<String> pollDue(final long nanos) {
        return timers.pollDue(nanos);
    }

    /** Pending timers in firing order. */
    public List<TimerQueue.Due<String>> pending() {
        return timers.pending();
    }
}
