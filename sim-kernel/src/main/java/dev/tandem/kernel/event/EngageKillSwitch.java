package dev.tandem.kernel.event;

/** Operator: halt trading now, cancel all open orders, and flatten every position if {@code flatten}. */
public record EngageKillSwitch(String operator, String reason, boolean flatten, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
