package dev.tandem.kernel.event;

/** Operator: return to ACTIVE after a kill switch or an automatic halt. */
public record DisengageKillSwitch(String operator, String reason, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
