/**
 * The one seam between the kernel and the world. {@link dev.tandem.kernel.port.ExecutionPort} (one method per
 * command) and {@link dev.tandem.kernel.port.MarketDataPort} are implemented outside the kernel: by the simulator
 * ({@code exchange-sim}), by the Bybit and MEXC adapters ({@code live-runner}), and by test doubles. Calls never
 * block and return nothing: every outcome (accepted, rejected with reason, transient failure, rate limited with
 * retry-after, unknown outcome, fills, snapshots) comes back later as an inbound event through the
 * {@link dev.tandem.kernel.port.InboundSink} the implementation was given — possibly late, duplicated, out of
 * order, or never.
 */
package dev.tandem.kernel.port;
