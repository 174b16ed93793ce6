/**
 * The simulated venue: {@link dev.tandem.sim.SimVenue} (matching engines per instrument, a
 * {@link dev.tandem.sim.VenueLedger}, bar liquidity per {@link dev.tandem.sim.BarFill}, latency and faults) and the
 * kernel's ports on it, {@link dev.tandem.sim.SimExecutionPort} and {@link dev.tandem.sim.SimMarketDataPort}. It
 * runs only on the kernel's {@code SimulationLoop}: no clock, no threads, no timers of its own; every random choice
 * comes from a stream derived from the run's seed.
 */
package dev.tandem.sim;
