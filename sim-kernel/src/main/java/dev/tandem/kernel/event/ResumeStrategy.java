package dev.tandem.kernel.event;

import dev.tandem.kernel.model.StrategyId;

/** Operator: resume (or re-enable) one strategy. */
public record ResumeStrategy(String operator, StrategyId strategyId, String reason, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
