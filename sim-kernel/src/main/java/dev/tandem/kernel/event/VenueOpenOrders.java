package dev.tandem.kernel.event;

import java.util.List;

/** The answer to {@code QueryOpenOrders}: every open order of the account at the venue. */
public record VenueOpenOrders(String venue, List<VenueOrder> orders, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
    public VenueOpenOrders {
        orders = List.copyOf(orders);
    }
}
