package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.port.ExecutionPort;
import java.util.ArrayDeque;

/** What the order manager keeps per venue: breaker, request budget, rate-limit backoff, probe and local queue. */
final class VenueState {
    final String name;
    final ExecutionPort port;
    final CircuitBreaker breaker;
    final TokenBucket bucket;
    /** FIFO of orders held locally (never sent), bounded by the configured capacity. */
    final ArrayDeque<ClientOrderId> queue = new ArrayDeque<>();
    /** No request goes to the venue before this time (it answered RATE_LIMITED). */
    long backoffUntilNanos;
    /** Command id of the HALF_OPEN probe in flight, 0 if none. */
    long probeCommandId;
    long probeDeadlineNanos;
    /**
     * The latest venue time ({@code tsEventNanos}) of a report that changed the account: a fill (ours, inferred or
     * external) or a funding settlement. A position or balance snapshot older than this predates something already
     * booked, so adopting it would undo that (reports can overtake each other).
     */
    long lastBookedVenueNanos;

    VenueState(final String name, final ExecutionPort port, final ExecutionConfig config, final long nowNanos) {
        this.name = name;
        this.port = port;
        this.breaker = new CircuitBreaker(config.breakerFailureThreshold(), config.breakerOpenNanos(), config.breakerHalfOpenSuccesses());
        this.bucket = new TokenBucket(config.rateLimit(name), nowNanos);
    }
}
