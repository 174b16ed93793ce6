package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** A submit request for the order left through the execution port (attempt 1, or a retry with the same client id). */
public record OrderSent(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, int attempt, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
