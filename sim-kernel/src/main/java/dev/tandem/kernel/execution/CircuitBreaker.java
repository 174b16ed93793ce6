package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.BreakerState;

/**
 * One venue's circuit breaker (DESIGN §2.6): {@code failureThreshold} consecutive failures open it for
 * {@code openNanos}; then it is HALF_OPEN until {@code halfOpenSuccesses} consecutive successes close it, and any
 * failure while half open opens it again. Pure bookkeeping: the owner schedules the open timer, sends probes and
 * emits the events; every method returns the change it made, or null.
 *
 * <p>A failure is a request that got no definite answer (transient or unknown outcome). Rate limiting is not a
 * failure (the venue answered; we were too fast) and neither is a rejection.
 */
public final class CircuitBreaker {
    /** A state change. */
    public record Change(BreakerState from, BreakerState to, int consecutiveFailures) {}

    private final int failureThreshold;
    private final long openNanos;
    private final int halfOpenSuccesses;
    private BreakerState state = BreakerState.CLOSED;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private long openUntilNanos;

    /** A closed breaker. */
    public CircuitBreaker(final int failureThreshold, final long openNanos, final int halfOpenSuccesses) {
        if (failureThreshold < 1 || openNanos <= 0 || halfOpenSuccesses < 1) {
            throw new IllegalArgumentException("breaker needs threshold >= 1, openNanos > 0, successes >= 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.halfOpenSuccesses = halfOpenSuccesses;
    }

    /** The current state. */
    public BreakerState state() {
        return state;
    }

    /** Failures in a row (reset by a success). */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Successes in a row while HALF_OPEN. */
    public int consecutiveSuccesses() {
        return consecutiveSuccesses;
    }

    /** When an OPEN breaker may go HALF_OPEN. */
    public long openUntilNanos() {
        return openUntilNanos;
    }

    /** Records a failure; may open the breaker. */
    public Change onFailure(final long nowNanos) {
        consecutiveSuccesses = 0;
        consecutiveFailures = consecutiveFailures == Integer.MAX_VALUE ? consecutiveFailures : consecutiveFailures + 1;
        switch (state) {
            case CLOSED:
                return consecutiveFailures >= failureThreshold ? open(nowNanos) : null;
            case HALF_OPEN:
                return open(nowNanos);
            default:
                return null; // already open; the open period is not extended by failures of in-flight requests
        }
    }

    /** Records a definite answer from the venue; may close a half-open breaker. */
    public Change onSuccess(final long nowNanos) {
        consecutiveFailures = 0;
        if (state != BreakerState.HALF_OPEN) {
            // a late answer while OPEN does not shorten the open period
            return null;
        }
        consecutiveSuccesses++;
        if (consecutiveSuccesses >= halfOpenSuccesses) {
            consecutiveSuccesses = 0;
            state = BreakerState.CLOSED;
            return new Change(BreakerState.HALF_OPEN, BreakerState.CLOSED, 0);
        }
        return null;
    }

    /** The open period may have ended: OPEN becomes HALF_OPEN at or after {@link #openUntilNanos()}. */
    public Change onOpenTimeout(final long nowNanos) {
        if (state != BreakerState.OPEN || nowNanos < openUntilNanos) {
            return null;
        }
        state = BreakerState.HALF_OPEN;
        consecutiveSuccesses = 0;
        return new Change(BreakerState.OPEN, BreakerState.HALF_OPEN, consecutiveFailures);
    }

    private Change open(final long nowNanos) {
        final BreakerState from = state;
        state = BreakerState.OPEN;
        consecutiveSuccesses = 0;
        openUntilNanos = Math.addExact(nowNanos, openNanos);
        return new Change(from, BreakerState.OPEN, consecutiveFailures);
    }

    /** Restores a snapshot. */
    public void restore(final BreakerState s, final int failures, final int successes, final long openUntil) {
        this.state = s;
        this.consecutiveFailures = failures;
        this.consecutiveSuccesses = successes;
        this.openUntilNanos = openUntil;
    }
}
