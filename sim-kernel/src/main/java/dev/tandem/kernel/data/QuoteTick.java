package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;

/** Best bid and offer. */
public record QuoteTick(
        InstrumentId instrumentId, long bidPrice, long bidQty, long askPrice, long askQty, long tsEventNanos, long tsInitNanos)
        implements MarketData {
    /** Mid price rounded down (scaled). */
    public long midPrice() {
        return (bidPrice + askPrice) / 2;
    }
}
