package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.StrategyId;

/** An amend was refused by the venue (or by our order manager, reason EXEC_*). */
public record AmendRejected(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, ReasonCode reason, String message, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
