package dev.tandem.kernel.event;

/** Operator or runner: reconcile with one venue now (startup, after reconnect). */
public record ReconcileNow(String operator, String venue, String reason, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
