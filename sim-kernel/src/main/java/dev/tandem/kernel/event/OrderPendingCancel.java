package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** A cancel request for the order was sent (state PENDING_CANCEL). */
public record OrderPendingCancel(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
