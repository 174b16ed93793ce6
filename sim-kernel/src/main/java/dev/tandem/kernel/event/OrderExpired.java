package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** The order expired (terminal). */
public record OrderExpired(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
