package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.event.KernelEvent;
import java.util.List;

/**
 * Watches one run and collects violations of one invariant. A checker is stateful and used for one run only; every
 * call comes from the run's thread in simulated-time order. It must never change the run.
 */
public interface InvariantChecker {

    /** A short kebab-case name ({@code order-lifecycle}) used in violations. */
    String name();

    /** An outbound kernel event, as the kernel publishes it. */
    default void onEvent(final KernelEvent event, final CheckContext ctx) {}

    /** A command as it leaves the kernel for the venue (the kernel's state is the one it was sent in). */
    default void onCommand(final Command command, final CheckContext ctx) {}

    /** Simulated time reached a step of the run's sampling grid. */
    default void onStep(final CheckContext ctx) {}

    /** The run is over (the final kernel and venue state). */
    default void onFinish(final CheckContext ctx) {}

    /** Violations found so far, in the order found (bounded by {@link AbstractChecker#MAX_VIOLATIONS}). */
    List<Violation> violations();
}
