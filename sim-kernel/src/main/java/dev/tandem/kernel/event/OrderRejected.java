package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** The venue refused the order, or our order manager gave up on it (retries exhausted, not found after an unknown outcome). Terminal. */
public record OrderRejected(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, String message, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
