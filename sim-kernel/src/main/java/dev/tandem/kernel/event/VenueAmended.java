package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;

/** The venue applied an amend: the order now has this price and total quantity. */
public record VenueAmended(String venue, ClientOrderId clientOrderId, long newPrice, long newQty, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
