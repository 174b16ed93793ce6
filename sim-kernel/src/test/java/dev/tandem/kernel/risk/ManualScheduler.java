package dev.tandem.kernel.risk;

import dev.tandem.kernel.time.Scheduler;
import dev.tandem.kernel.time.SimClock;
import dev.tandem.kernel.time.TimerHandler;
import dev.tandem.kernel.time.TimerQueue;
import java.util.List;

/** A scheduler the test drives by hand: a SimClock plus a TimerQueue, firing due timers in order on advance. */
final class ManualScheduler implements Scheduler {
    final SimClock clock;
    final TimerQueue<String> timers = new TimerQueue<>();

    ManualScheduler(final long startNanos) {
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

    /** Moves time to {@code nanos}, firing every timer due on the way at its own deadline. */
    void advanceTo(final long nanos, final TimerHandler handler) {
        for (TimerQueue.Due<String> due = timers.pollDue(nanos); due != null; due = timers.pollDue(nanos)) {
            clock.advanceTo(Math.max(clock.nowNanos(), due.deadlineNanos()));
            handler.onTimer(due.name(), due.deadlineNanos());
        }
        clock.advanceTo(nanos);
    }

    /** Moves time without firing anything (for check-only tests). */
    void set(final long nanos) {
        clock.advanceTo(nanos);
    }

    List<TimerQueue.Due<String>> pending() {
        return timers.pending();
    }
}
