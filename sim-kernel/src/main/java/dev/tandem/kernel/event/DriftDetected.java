package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.InstrumentId;

/** Reconciliation found a difference and adopted the venue's value. Unused fields are null / 0. */
public record DriftDetected(String venue, DriftKind kind, InstrumentId instrumentId, ClientOrderId clientOrderId, String asset, long localValue, long venueValue, String detail, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
