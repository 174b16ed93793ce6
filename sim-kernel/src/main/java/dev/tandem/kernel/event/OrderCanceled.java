package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** The order is canceled (terminal); {@code reason} says whether we asked or the venue did it. */
public record OrderCanceled(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
