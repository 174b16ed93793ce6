package dev.tandem.scenarios.model;

import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.sim.fault.LatencyProfile;
import java.nio.file.Path;
import java.util.List;

/**
 * One scenario file, parsed and checked: everything one deterministic run needs. Times are absolute epoch
 * nanoseconds (relative times in the file are resolved against {@link RunSpec#startNanos()} when loading).
 *
 * @param name         the scenario's name (default: the file name without extension); names the output directory
 * @param description  free text, may be empty
 * @param seed         the run's master seed
 * @param source       the file it came from, or null when built in code
 * @param instruments  what the venue trades (all on one venue)
 * @param account      starting balances, leverage, the venue's ledger kind
 * @param marketData   a data file or a generator
 * @param agents       background agents trading at the venue
 * @param strategies   the strategies the kernel runs, in registration order
 * @param risk         the kernel's risk limits (DESIGN §2.5 defaults with the file's overrides)
 * @param execution    the order manager's configuration (defaults with the file's overrides)
 * @param faults       the venue's fault schedule, in file order
 * @param latency      the venue's latency model
 * @param fillModel    how bars meet the venue's book
 * @param run          start, end, sampling, reconciliation, request timeout
 * @param expectations the checks evaluated after the run, in file order
 */
public record Scenario(
        String name,
        String description,
        long seed,
        Path source,
        List<Instrument> instruments,
        AccountSpec account,
        MarketDataSpec marketData,
        List<AgentSpec> agents,
        List<StrategyConfig> strategies,
        RiskLimits risk,
        ExecutionConfig execution,
        List<FaultSpec> faults,
        LatencyProfile latency,
        FillModel fillModel,
        RunSpec run,
        List<Expectation> expectations) {

    public Scenario {
        instruments = List.copyOf(instruments);
        agents = List.copyOf(agents);
        strategies = List.copyOf(strategies);
        faults = List.copyOf(faults);
        expectations = List.copyOf(expectations);
    }

    /** The venue every instrument trades on. */
    public String venue() {
        return instruments.get(0).id().venue();
    }

    /** The fault with this id, or null. */
    public FaultSpec fault(final String id) {
        for (final FaultSpec f : faults) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        return null;
    }
}
