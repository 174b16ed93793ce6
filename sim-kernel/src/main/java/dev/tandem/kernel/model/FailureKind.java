package dev.tandem.kernel.model;

/** How a request to a venue failed without a definite answer. */
public enum FailureKind {
    /** Not processed: connection refused, HTTP 5xx, "system busy". Safe to retry with the same client id. */
    TRANSIENT,
    /** The venue throttled us (HTTP 429, Bybit 10006, MEXC 418); wait for retry-after. */
    RATE_LIMITED,
    /** Sent, no answer (timeout, lost ack): the venue may or may not have it. Query before anything else. */
    UNKNOWN_OUTCOME
}
