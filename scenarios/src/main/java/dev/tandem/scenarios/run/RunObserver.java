package dev.tandem.scenarios.run;

import dev.tandem.kernel.Kernel;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.fault.FaultRecord;

/**
 * Watches a scenario run (the seam for reports and progress displays). Every call happens on the run's thread,
 * in simulated-time order; an observer must not change the run. To see kernel events, register a listener in
 * {@link #onStart}: {@code kernel.addListener(...)} (the kernel has not started yet, so nothing is missed).
 */
public interface RunObserver {

    /** The kernel and the venue are wired; the kernel is about to start. */
    default void onStart(Kernel kernel, SimVenue venue) {}

    /** Simulated time reached {@code nanos} (the sampling grid of the run, and its end). */
    default void onStep(long nanos) {}

    /** The venue logged a fault record (start, hit, end), reported at the next step after it happened. */
    default void onFault(FaultRecord record) {}

    /** The run is over and its expectations are evaluated. */
    default void onFinish(ScenarioResult result) {}
}
