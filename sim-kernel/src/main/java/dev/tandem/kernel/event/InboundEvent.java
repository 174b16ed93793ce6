package dev.tandem.kernel.event;

/**
 * Something the world tells the kernel: market data, a venue report, or an operator command. The caller stamps
 * {@code tsInitNanos} with the time the event enters the kernel; the kernel's clock advances to it.
 */
public interface InboundEvent {
    /** When it happened at its source. */
    long tsEventNanos();

    /** When it entered the kernel. */
    long tsInitNanos();
}
