/**
 * Interim built-in strategies of the scenario runner ({@code sma-cross}, {@code interval-trader},
 * {@code buy-and-hold}), used by the scenario library until the kernel's strategy library lands and is plugged into
 * the runner's {@link dev.tandem.scenarios.run.StrategyResolver}. The runner passes each strategy its first
 * instrument as the parameter {@code instrument}.
 */
package dev.tandem.scenarios.strategies;
