package dev.tandem.kernel.command;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;

/**
 * Place a new order. Retries re-send the same command content with the same client order id and a higher
 * {@code attempt}, so a venue that already has the order recognises the duplicate.
 *
 * @param price        limit price (scaled); 0 for market and stop-market orders
 * @param triggerPrice stop trigger price (scaled); 0 unless a stop order
 * @param qty          quantity (scaled)
 * @param attempt      1 for the first send, then 2, 3, ... for retries
 */
public record SubmitOrder(
        long commandId,
        long tsInitNanos,
        ClientOrderId clientOrderId,
        StrategyId strategyId,
        InstrumentId instrumentId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long price,
        long triggerPrice,
        long qty,
        boolean reduceOnly,
        int attempt)
        implements Command {
    @Override
    public String venue() {
        return instrumentId.venue();
    }
}
