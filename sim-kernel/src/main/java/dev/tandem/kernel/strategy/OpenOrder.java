package dev.tandem.kernel.strategy;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;

/** A read-only copy of one open order, for strategies. Prices and quantities scaled. */
public record OpenOrder(
        ClientOrderId clientOrderId,
        InstrumentId instrumentId,
        Side side,
        OrderType type,
        long price,
        long qty,
        long filledQty,
        String state) {
    /** Quantity still open. */
    public long leavesQty() {
        return qty - filledQty;
    }
}
