package dev.tandem.scenarios.run;

import dev.tandem.scenarios.expect.ExpectationOutcome;
import java.util.List;
import java.util.SortedMap;

/**
 * The outcome of one scenario run, as written to {@code result.json}. Everything in it except {@link #wallMillis}
 * is a pure function of the scenario file, its data and its seed. Money and quantities are decimal strings; times are
 * ISO-8601 UTC instants.
 *
 * @param scenario      the scenario's name
 * @param file          the scenario file (as given), or empty
 * @param description   the scenario's description
 * @param seed          the master seed
 * @param start         the run's start
 * @param end           the run's end
 * @param dataSha256    SHA-256 of the recorded data file, or empty for generated data
 * @param traceHash     SHA-256 over every outbound kernel event (what golden files pin)
 * @param stateDigest   the kernel's state digest at the end
 * @param venueDigest   the venue's state digest at the end (books, orders, ledger, fault log)
 * @param runDigest     one digest of the trace hash, the kernel state and the venue state
 * @param counters      outbound events and commands sent, by type
 * @param finalState    positions, balances, equity and states at the end
 * @param tradingStates every trading-state change
 * @param strategyStates every strategy-state change
 * @param breakerStates every circuit-breaker change
 * @param venue         what the venue saw
 * @param faultLog      the venue's fault log
 * @param equity        equity on the sampling grid and at the end
 * @param expectations  every expectation's outcome, in file order
 * @param passed        true when every expectation passed
 * @param wallMillis    how long the run took on this machine (not deterministic; not part of any digest)
 */
public record ScenarioResult(
        String scenario,
        String file,
        String description,
        long seed,
        String start,
        String end,
        String dataSha256,
        String traceHash,
        String stateDigest,
        String venueDigest,
        String runDigest,
        SortedMap<String, Long> counters,
        FinalState finalState,
        List<StateChange> tradingStates,
        List<StateChange> strategyStates,
        List<StateChange> breakerStates,
        VenueCounters venue,
        List<FaultEntry> faultLog,
        List<EquityPoint> equity,
        List<ExpectationOutcome> expectations,
        boolean passed,
        long wallMillis) {

    /**
     * The account at the end.
     *
     * @param equity         the kernel's equity in the account currency
     * @param currency       the account currency
     * @param tradingState   the kernel's trading state
     * @param strategies     each strategy's state
     * @param positions      per instrument
     * @param balances       per asset, the kernel's and the venue's
     * @param invariantViolations the kernel's accounting identity violations (empty when exact)
     */
    public record FinalState(String equity, String currency, String tradingState, SortedMap<String, String> strategies,
                             List<Position> positions, List<Balance> balances, List<String> invariantViolations) {}

    /** A position at the end: the kernel's and the venue's quantity, the kernel's average entry and realized PnL. */
    public record Position(String instrument, String qty, String venueQty, String avgEntryPrice, String realizedPnl) {}

    /** A balance at the end, the kernel's and the venue's. */
    public record Balance(String asset, String kernel, String venue) {}

    /** One state change: when, whose (strategy or venue; empty for trading state), from, to, trigger, reason. */
    public record StateChange(String time, String subject, String from, String to, String trigger, String reason) {}

    /**
     * What reached the venue.
     *
     * @param ordersSent          submit commands sent (retries included)
     * @param cancelsSent         cancel and cancel-all commands sent
     * @param queriesSent         order, open-order, position and balance queries sent
     * @param maxOrdersPerSecond  the most submits in any one-second window
     * @param busiestSecond       when that window started (empty when no order was sent)
     * @param ordersWhileHalted   strategy submits sent while trading was HALTED
     * @param venueTrades         trades the venue matched (all accounts)
     */
    public record VenueCounters(long ordersSent, long cancelsSent, long queriesSent, long maxOrdersPerSecond, String busiestSecond,
                                long ordersWhileHalted, long venueTrades) {}

    /** One fault-log entry. */
    public record FaultEntry(String time, String type, String phase, String detail) {}

    /** Equity at a time. */
    public record EquityPoint(String time, String equity) {}
}
