package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** The venue refused our cancel; the order returns to its previous state. */
public record CancelRejected(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, String message, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
