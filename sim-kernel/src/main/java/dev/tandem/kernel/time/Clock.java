package dev.tandem.kernel.time;

/** The kernel's only source of time: UTC epoch nanoseconds. */
@FunctionalInterface
public interface Clock {
    /** Current time, UTC epoch nanoseconds. */
    long nowNanos();
}
