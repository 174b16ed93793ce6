/**
 * Latency and fault injection for the simulated venue: {@link dev.tandem.sim.fault.LatencyModel} (seeded latency
 * per operation with spikes), {@link dev.tandem.sim.fault.Fault} and {@link dev.tandem.sim.fault.FaultPlan} (a
 * schedule of faults from configuration), {@link dev.tandem.sim.fault.FaultProfile} (random plans drawn from a
 * seed), {@link dev.tandem.sim.fault.FaultInjector} (which faults are active, their seeded decisions and the
 * {@link dev.tandem.sim.fault.FaultRecord} log). Pure and deterministic: no clock, no threads, only seeded streams.
 * The venue ({@code dev.tandem.sim.SimVenue}) decides what each fault does.
 */
package dev.tandem.sim.fault;
