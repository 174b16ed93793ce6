package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** Our risk engine or order manager refused the order; it never reached the venue. Terminal. */
public record OrderDenied(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, String message, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
