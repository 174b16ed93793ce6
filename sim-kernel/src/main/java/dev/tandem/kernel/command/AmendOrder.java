package dev.tandem.kernel.command;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;

/**
 * Change a resting order's price and/or total quantity (scaled). A new quantity is the new TOTAL quantity,
 * including what has already filled.
 */
public record AmendOrder(
        long commandId, long tsInitNanos, ClientOrderId clientOrderId, InstrumentId instrumentId, long newPrice, long newQty, int attempt)
        implements Command {
    @Override
    public String venue() {
        return instrumentId.venue();
    }
}
