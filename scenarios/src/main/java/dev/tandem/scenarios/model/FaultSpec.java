package dev.tandem.scenarios.model;

import dev.tandem.sim.fault.Fault;

/**
 * One scheduled fault of the scenario.
 *
 * @param id    the name expectations refer to it by ({@code after-fault: outage}); default {@code fault-<n>} (1-based)
 * @param fault the simulator's fault, at its absolute start time
 */
public record FaultSpec(String id, Fault fault) {}
