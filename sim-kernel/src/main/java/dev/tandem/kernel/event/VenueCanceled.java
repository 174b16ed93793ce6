package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.ReasonCode;

/** The venue canceled an order: on our request, or on its own (IOC remainder, self-trade prevention, liquidation). */
public record VenueCanceled(String venue, ClientOrderId clientOrderId, ReasonCode reason, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
