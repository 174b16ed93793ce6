/**
 * Incremental technical indicators for the strategy API: simple and exponential moving averages,
 * Wilder's RSI and ATR, Bollinger bands, cumulative and rolling VWAP, and a rolling standard deviation.
 * Every indicator is fed one observation at a time, does O(1) (amortised) work per update into storage
 * preallocated at construction (no allocation, no boxing on the update path), and is a pure function of
 * the sequence of updates it has received since construction or its last {@link
 * dev.tandem.kernel.indicator.Indicator#reset() reset()}, so replays are bit-for-bit deterministic.
 * Shared conventions, documented on {@link dev.tandem.kernel.indicator.Indicator}: {@code value()} is
 * {@link java.lang.Double#NaN NaN} until the indicator {@code isReady()}; inputs must be finite (volumes
 * finite and non-negative), and an update that violates this throws {@link
 * java.lang.IllegalArgumentException} and leaves the indicator unchanged; instances are mutable and not
 * thread-safe, which suits the single-threaded kernel.
 */
package dev.tandem.kernel.indicator;
