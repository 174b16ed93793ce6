package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;
import java.util.List;

/**
 * The top of an order book: bids best (highest) first, asks best (lowest) first. Used by strategies and by the
 * risk engine's expected-slippage check.
 */
public record BookSnapshot(
        InstrumentId instrumentId, List<BookLevel> bids, List<BookLevel> asks, long tsEventNanos, long tsInitNanos)
        implements MarketData {
    public BookSnapshot {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** Best bid price, or 0 when there is none. */
    public long bestBid() {
        return bids.isEmpty() ? 0 : bids.get(0).price();
    }

    /** Best ask price, or 0 when there is none. */
    public long bestAsk() {
        return asks.isEmpty() ? 0 : asks.get(0).price();
    }
}
