package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.RequestKind;

/** A request got no definite answer: transient failure, rate limited (with retry-after), or unknown outcome. {@code clientOrderId} is null for account-level requests. */
public record VenueRequestFailed(String venue, RequestKind request, ClientOrderId clientOrderId, long commandId, FailureKind failure, long retryAfterNanos, String detail, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
