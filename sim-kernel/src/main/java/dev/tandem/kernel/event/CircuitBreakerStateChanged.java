package dev.tandem.kernel.event;

import dev.tandem.kernel.model.BreakerState;

/** Audit: a venue's circuit breaker changed state. */
public record CircuitBreakerStateChanged(String venue, BreakerState from, BreakerState to, int consecutiveFailures, String reason, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
