package dev.tandem.kernel.event;

/** A reconciliation pass over one scope (ORDERS, POSITIONS or BALANCES) of one venue finished. */
public record ReconciliationCompleted(String venue, String scope, int driftCount, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
