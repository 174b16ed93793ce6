package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;

/** The order expired at the venue (time in force). */
public record VenueExpired(String venue, ClientOrderId clientOrderId, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
