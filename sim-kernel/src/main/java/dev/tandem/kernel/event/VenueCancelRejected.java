package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.ReasonCode;

/** The venue refused to cancel (already filled, unknown order...). */
public record VenueCancelRejected(String venue, ClientOrderId clientOrderId, ReasonCode reason, String message, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
