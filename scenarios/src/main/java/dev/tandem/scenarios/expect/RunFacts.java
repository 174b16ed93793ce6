package dev.tandem.scenarios.expect;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.scenarios.check.Violation;
import dev.tandem.sim.SimVenue;
import java.util.List;

/** What expectations may look at after a run: the recorded streams and the final kernel and venue. */
public interface RunFacts {

    /** A command the kernel sent to the venue, with the kernel time and the trading state at that moment. */
    record SentCommand(long nanos, Command command, TradingState tradingState) {}

    /** The account's equity at a time (money units of the account currency). */
    record EquitySample(long nanos, long equityMoney) {}

    /** The run's start. */
    long startNanos();

    /** The run's end. */
    long endNanos();

    /** Every outbound kernel event, in trace order. */
    List<KernelEvent> events();

    /** Every command sent to the venue, in order. */
    List<SentCommand> sent();

    /** Equity on the sampling grid and at the end. */
    List<EquitySample> equity();

    /**
     * What the run's invariant checkers found ({@code dev.tandem.scenarios.check}; the runner's standard set unless it
     * was given another); empty when the run was not watched.
     */
    default List<Violation> violations() {
        return List.of();
    }

    /** The kernel after the run. */
    Kernel kernel();

    /** The venue after the run. */
    SimVenue venue();

    /** The kernel's account id at the venue. */
    long kernelAccount();

    /** Formats a time of this run for messages ({@code T+10m (2024-01-01T00:10:00Z)}). */
    String formatTime(long nanos);
}
