package dev.tandem.kernel.time;

/**
 * Timers for kernel components, on the kernel clock. A timer is pure data (name and deadline), so pending timers
 * can be snapshotted. The part of the name before the first ':' names the owner ("exec", "risk", "data",
 * "strategy"); when the timer is due the kernel calls that owner's {@link TimerHandler#onTimer}. Timers due at
 * the same time fire in (deadline, name, sequence) order.
 */
public interface Scheduler {
    /** Kernel time now. */
    long nowNanos();

    /** Schedules a timer named {@code owner:key}; returns its sequence number. */
    long schedule(String name, long deadlineNanos);

    /** Cancels every pending timer with exactly this name; returns how many were canceled. */
    int cancel(String name);
}
