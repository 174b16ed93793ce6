package dev.tandem.scenarios.model;

/**
 * When and how the run goes.
 *
 * @param startNanos          the kernel clock's start (epoch nanoseconds)
 * @param endNanos            the run stops after everything due at or before this time
 * @param sampleEveryNanos    equity is sampled on this grid (and at the end) for drawdown and the equity series
 * @param reconcileEveryNanos periodic reconciliation with the venue; 0 = only at start and after the breaker closes
 * @param requestTimeoutNanos how long the client waits for an answer that never comes (outage timeouts, lost acks)
 */
public record RunSpec(long startNanos, long endNanos, long sampleEveryNanos, long reconcileEveryNanos,
                      long requestTimeoutNanos) {
    public RunSpec {
        if (endNanos <= startNanos) {
            throw new IllegalArgumentException("the run must end after it starts");
        }
        if (sampleEveryNanos <= 0 || requestTimeoutNanos <= 0 || reconcileEveryNanos < 0) {
            throw new IllegalArgumentException("sampling and request timeout must be positive, reconciliation >= 0");
        }
    }

    /** The run's length. */
    public long lengthNanos() {
        return endNanos - startNanos;
    }
}
