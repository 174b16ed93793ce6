package dev.tandem.sim;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.sim.matching.MarketProtection;
import dev.tandem.sim.matching.SelfTradePrevention;
import dev.tandem.sim.matching.TriggerSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Everything that configures one simulated venue. Immutable; {@link #defaults} gives coherent defaults and the
 * {@code with...} methods change one field.
 *
 * @param venue               the venue name (every instrument's {@code id().venue()})
 * @param seed                the run's master seed; the venue's streams are derived from it under
 *                            {@code "sim:<venue>"} (latency, faults, agents)
 * @param instruments         what the venue trades (one matching engine per symbol)
 * @param accounts            the venue's accounts (the kernel's, background agents'); ids unique
 * @param selfTradePrevention the books' self-trade prevention (default cancel the taker)
 * @param marketProtection    how far market orders may walk the book (default 500 bps from the touch)
 * @param stopTrigger         the price series stops of the kernel watch (its commands name none; default LAST)
 * @param latency             latency per operation (default {@link LatencyProfile#defaults()})
 * @param faults              the fault schedule (default none)
 * @param requestTimeoutNanos how long a client waits for an answer that never comes before it reports an unknown
 *                            outcome (outage timeouts, lost acks; default 5 s)
 * @param barFill             how bars meet the book (default {@link BarFill#CLOSE}; {@link BarFill#NONE} when the
 *                            book has liquidity of its own)
 * @param marksFromBars       bars also move the venue's mark price (default false: only {@code MarkPrice} data
 *                            and price gaps do)
 * @param ownTradesMoveLast   the venue's own trades move its last price, so stops on LAST trigger on them
 *                            (default true)
 * @param bookDepth           levels per side in the book snapshots the venue publishes (default 10)
 * @param ledger              which ledger keeps the accounts (default {@link LedgerKind#SIMPLE}; {@link LedgerKind#MARGIN}
 *                            for the full account model: margin, funding, liquidation through the book)
 * @param margin              the MARGIN ledger's settings (leverage, risk limits, liquidation fee, funding rates,
 *                            insurance fund seed, agent credit); ignored with SIMPLE
 */
public record SimVenueConfig(
        String venue,
        long seed,
        List<Instrument> instruments,
        List<SimAccount> accounts,
        SelfTradePrevention selfTradePrevention,
        MarketProtection marketProtection,
        TriggerSource stopTrigger,
        LatencyProfile latency,
        FaultPlan faults,
        long requestTimeoutNanos,
        BarFill barFill,
        boolean marksFromBars,
        boolean ownTradesMoveLast,
        int bookDepth,
        LedgerKind ledger,
        MarginSettings margin) {

    /** Default client request timeout: 5 s. */
    public static final long DEFAULT_REQUEST_TIMEOUT_NANOS = 5_000_000_000L;

    public SimVenueConfig {
        Objects.requireNonNull(venue, "venue");
        instruments = List.copyOf(instruments);
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        Objects.requireNonNull(marketProtection, "marketProtection");
        Objects.requireNonNull(stopTrigger, "stopTrigger");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(barFill, "barFill");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(margin, "margin");
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("venue " + venue + " needs at least one instrument");
        }
        final TreeSet<String> symbols = new TreeSet<>();
        for (final Instrument i : instruments) {
            if (!i.id().venue().equals(venue)) {
                throw new IllegalArgumentException(i.id() + " does not trade on venue " + venue);
            }
            if (!symbols.add(i.id().symbol())) {
                throw new IllegalArgumentException("instrument " + i.id() + " is listed twice");
            }
        }
        final TreeSet<Long> ids = new TreeSet<>();
        for (final SimAccount a : accounts) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("account " + a.id() + " is listed twice");
            }
        }
        if (requestTimeoutNanos <= 0) {
            throw new IllegalArgumentException("requestTimeoutNanos must be positive");
        }
        if (bookDepth < 1 || bookDepth > 1000) {
            throw new IllegalArgumentException("bookDepth must be within 1..1000");
        }
    }

    /** Defaults (see the field descriptions), no accounts. */
    public static SimVenueConfig defaults(final String venue, final long seed, final List<Instrument> instruments) {
        return new SimVenueConfig(venue, seed, instruments, List.of(), SelfTradePrevention.CANCEL_TAKER,
                MarketProtection.bps(500), TriggerSource.LAST, LatencyProfile.defaults(), FaultPlan.none(),
                DEFAULT_REQUEST_TIMEOUT_NANOS, BarFill.CLOSE, false, true, 10, LedgerKind.SIMPLE, MarginSettings.defaults());
    }

    /** A copy with one more account. */
    public SimVenueConfig withAccount(final SimAccount account) {
        final List<SimAccount> all = new ArrayList<>(accounts);
        all.add(account);
        return new SimVenueConfig(venue, seed, instruments, all, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with one more trading account. */
    public SimVenueConfig withAccount(final long id, final SortedMap<String, Long> balances) {
        return withAccount(SimAccount.trading(id, balances));
    }

    /** A copy with other latencies. */
    public SimVenueConfig withLatency(final LatencyProfile l) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                l, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another fault plan. */
    public SimVenueConfig withFaults(final FaultPlan plan) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, plan, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another bar fill model. */
    public SimVenueConfig withBarFill(final BarFill fill) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, fill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy where bars do (or do not) move the mark price. */
    public SimVenueConfig withMarksFromBars(final boolean on) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, on, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another self-trade prevention mode. */
    public SimVenueConfig withSelfTradePrevention(final SelfTradePrevention mode) {
        return new SimVenueConfig(venue, seed, instruments, accounts, mode, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another market protection. */
    public SimVenueConfig withMarketProtection(final MarketProtection protection) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, protection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy whose stops watch another price. */
    public SimVenueConfig withStopTrigger(final TriggerSource source) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, source,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another client request timeout. */
    public SimVenueConfig withRequestTimeout(final long nanos) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, nanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, ledger, margin);
    }

    /** A copy with another snapshot depth. */
    public SimVenueConfig withBookDepth(final int depth) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, depth, ledger, margin);
    }

    /** A copy where the venue's own trades do (or do not) move its last price. */
    public SimVenueConfig withOwnTradesMoveLast(final boolean on) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, on, bookDepth, ledger, margin);
    }

    /** A copy with another ledger kind (margin settings unchanged). */
    public SimVenueConfig withLedger(final LedgerKind kind) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth, kind, margin);
    }

    /** A copy with the {@link LedgerKind#MARGIN} ledger and these settings. */
    public SimVenueConfig withMarginLedger(final MarginSettings settings) {
        return new SimVenueConfig(venue, seed, instruments, accounts, selfTradePrevention, marketProtection, stopTrigger,
                latency, faults, requestTimeoutNanos, barFill, marksFromBars, ownTradesMoveLast, bookDepth,
                LedgerKind.MARGIN, settings);
    }

    /** A copy with the {@link LedgerKind#MARGIN} ledger and default settings ({@link MarginSettings#defaults()}). */
    public SimVenueConfig withMarginLedger() {
        return withMarginLedger(MarginSettings.defaults());
    }
}
