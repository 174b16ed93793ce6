/**
 * The kernel's entry points: {@link dev.tandem.kernel.Kernel} (the single-threaded state machine),
 * {@link dev.tandem.kernel.KernelConfig} (everything that configures a run, seed required) and
 * {@link dev.tandem.kernel.SimulationLoop} (the event loop that drives a kernel and simulated venues in simulated
 * time). Sub-packages hold the parts; {@code docs/DETERMINISM.md} and {@code ARCHITECTURE.md} explain how they fit.
 */
package dev.tandem.kernel;
