package dev.tandem.kernel.data;

import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.model.InstrumentId;

/** A market-data event for one instrument. */
public sealed interface MarketData extends InboundEvent
        permits Bar, TradeTick, QuoteTick, BookSnapshot, MarkPrice, FundingRate {
    /** The instrument. */
    InstrumentId instrumentId();
}
