package dev.tandem.kernel.time;

/** A component that owns timers (see {@link Scheduler}). */
@FunctionalInterface
public interface TimerHandler {
    /** Called when a timer of this owner is due. */
    void onTimer(String name, long deadlineNanos);
}
