package dev.tandem.kernel.execution;

/** What the order manager does with a new order while its venue's circuit breaker is not CLOSED. */
public enum BreakerOpenPolicy {
    /** Deny it at once ({@code OrderDenied EXEC_BREAKER_OPEN}). */
    DENY,
    /** Hold it in the venue's bounded queue with a TTL; it is re-checked by risk when it leaves. */
    QUEUE
}
