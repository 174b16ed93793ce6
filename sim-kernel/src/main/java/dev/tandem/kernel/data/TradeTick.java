package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;

/** A public trade print. {@code aggressor} is the taker's side. */
public record TradeTick(
        InstrumentId instrumentId, long price, long qty, Side aggressor, String tradeId, long tsEventNanos, long tsInitNanos)
        implements MarketData {}
