package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.VenueOrderStatus;

/**
 * An order as the venue sees it (in status reports and open-order snapshots). {@code clientOrderId} is null for
 * orders placed outside this process without one of our ids.
 */
public record VenueOrder(
        ClientOrderId clientOrderId,
        String venueOrderId,
        InstrumentId instrumentId,
        Side side,
        OrderType type,
        long price,
        long qty,
        long filledQty,
        long avgFillPrice,
        VenueOrderStatus status) {}
