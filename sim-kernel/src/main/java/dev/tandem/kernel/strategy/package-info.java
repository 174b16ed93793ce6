/**
 * The strategy API. A {@link dev.tandem.kernel.strategy.Strategy} receives callbacks (start/stop, bars, trades,
 * quotes, books, mark prices, funding, order events, fills, timers) and acts only through its
 * {@link dev.tandem.kernel.strategy.StrategyContext}: it expresses intents, and every intent passes the risk engine
 * before anything reaches a venue. Strategies may use {@code double} and the incremental indicators in
 * {@code dev.tandem.kernel.indicator}; they must take randomness from {@link StrategyContext#random()} and time from
 * {@link StrategyContext#nowNanos()} so that runs stay reproducible.
 */
package dev.tandem.kernel.strategy;
