/**
 * Tandem's built-in strategies and their registry, {@link dev.tandem.kernel.strategy.library.StrategyLibrary}.
 *
 * <p>Example strategies: {@code sma-cross} ({@link dev.tandem.kernel.strategy.library.SmaCross}), {@code rsi-reversion}
 * ({@link dev.tandem.kernel.strategy.library.RsiReversion}), {@code market-maker}
 * ({@link dev.tandem.kernel.strategy.library.MarketMaker}), {@code pump-detector}
 * ({@link dev.tandem.kernel.strategy.library.PumpDetector}). Deliberately bad ones for chaos scenarios:
 * {@code rogue-loop} ({@link dev.tandem.kernel.strategy.library.RogueLoop}), {@code fat-finger}
 * ({@link dev.tandem.kernel.strategy.library.FatFinger}) and {@code cancel-replace-storm}
 * ({@link dev.tandem.kernel.strategy.library.CancelReplaceStorm}).
 *
 * <p>They are kernel main code, so the same classes run in backtests, chaos scenarios and live: they use only the
 * {@link dev.tandem.kernel.strategy.StrategyContext}, take time from it, draw no randomness, and decide price signals on
 * exact scaled integers. Every one is a {@link dev.tandem.kernel.strategy.SnapshottableStrategy}, so a kernel restored
 * from a snapshot continues them exactly. Parameters are text, read strictly against each strategy's
 * {@link dev.tandem.kernel.strategy.library.StrategyDescriptor}; the sim-kernel README has the table of names,
 * parameters, defaults and behaviour.
 */
package dev.tandem.kernel.strategy.library;
