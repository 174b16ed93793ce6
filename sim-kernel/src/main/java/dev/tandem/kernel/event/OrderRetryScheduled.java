package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.StrategyId;

/** A request for the order failed transiently or was rate limited; it will be re-sent at {@code retryAtNanos}. */
public record OrderRetryScheduled(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, RequestKind request, FailureKind failure, int attempt, long retryAtNanos, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
