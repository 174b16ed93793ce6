package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** A submit got no answer (state UNKNOWN); the order manager queries the venue before doing anything else with it. */
public record OrderStatusUnknown(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, String detail, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
