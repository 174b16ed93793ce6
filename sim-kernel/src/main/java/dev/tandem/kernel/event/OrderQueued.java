package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** The order is held locally (venue breaker open or venue throttle) until {@code expiresAtNanos}; it is re-checked by risk when it leaves the queue. */
public record OrderQueued(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, long expiresAtNanos, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
