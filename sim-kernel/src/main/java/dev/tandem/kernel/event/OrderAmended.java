package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** The venue applied an amend. */
public record OrderAmended(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, long newPrice, long newQty, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
