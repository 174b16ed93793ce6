package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** The venue accepted the order (state NEW). */
public record OrderAccepted(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, String venueOrderId, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
