package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;

/** The venue accepted an order. */
public record VenueAccepted(String venue, ClientOrderId clientOrderId, String venueOrderId, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
