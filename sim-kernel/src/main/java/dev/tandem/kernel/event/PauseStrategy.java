package dev.tandem.kernel.event;

import dev.tandem.kernel.model.StrategyId;

/** Operator: pause one strategy. */
public record PauseStrategy(String operator, StrategyId strategyId, String reason, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
