package dev.tandem.kernel.event;

/** Something the kernel decided or observed, emitted to listeners and hashed into the run's trace hash. */
public interface KernelEvent {
    /** When it happened at its source (for order events from venue reports, the venue's time). */
    long tsEventNanos();

    /** Kernel time when the event was created. */
    long tsInitNanos();
}
