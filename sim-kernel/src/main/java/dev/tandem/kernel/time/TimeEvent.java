package dev.tandem.kernel.time;

/**
 * A timer firing.
 *
 * @param name          the timer's name (ordering key after the deadline)
 * @param deadlineNanos when it was due
 * @param seq           insertion sequence (final tie-break)
 * @param tsInitNanos   when the kernel fired it (equals the deadline in simulation)
 */
public record TimeEvent(String name, long deadlineNanos, long seq, long tsInitNanos) {}
