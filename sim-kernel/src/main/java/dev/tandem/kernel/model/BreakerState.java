package dev.tandem.kernel.model;

/** Per-venue circuit breaker state. */
public enum BreakerState {
    CLOSED,
    OPEN,
    HALF_OPEN
}
