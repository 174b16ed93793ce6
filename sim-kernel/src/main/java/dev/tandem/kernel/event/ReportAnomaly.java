package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;

/** A venue report could not be applied (illegal transition, overfill, unknown order); logged, counted and skipped, never a crash. Reconciliation repairs what it implies. */
public record ReportAnomaly(String venue, ClientOrderId clientOrderId, String reportType, String detail, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
