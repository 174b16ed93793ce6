package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;

/** The answer to a {@code QueryOrder}: {@code order} is null when the venue does not know the client order id. */
public record VenueOrderStatusReport(String venue, ClientOrderId clientOrderId, VenueOrder order, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
