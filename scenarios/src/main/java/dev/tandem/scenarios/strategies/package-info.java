/**
 * Scenario-only helper strategies ({@code interval-trader}, {@code buy-and-hold}) with a predictable order flow for
 * fault scenarios. Real strategies live in the kernel's library ({@code dev.tandem.kernel.strategy.library}), which
 * the runner's {@link dev.tandem.scenarios.run.StrategyResolver} asks first. The runner passes each strategy its
 * first instrument as the parameter {@code instrument}.
 */
package dev.tandem.scenarios.strategies;
