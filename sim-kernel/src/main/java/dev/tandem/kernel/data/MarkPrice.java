package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;

/** The venue's mark price (and index price, 0 if unknown), used for unrealized PnL, margin and price bands. */
public record MarkPrice(InstrumentId instrumentId, long markPrice, long indexPrice, long tsEventNanos, long tsInitNanos)
        implements MarketData {}
