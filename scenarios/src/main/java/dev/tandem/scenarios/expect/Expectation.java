package dev.tandem.scenarios.expect;

import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.Order;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.account.Conservation;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed check evaluated on a finished run. One record per kind; each says in its outcome what was expected, what
 * happened and when. To add a kind: add a record here (and to {@code permits}), its JSON Schema branch in
 * {@code scenario.schema.json}, its mapping in {@code ScenarioLoader}, and a line in the module README.
 */
public sealed interface Expectation {

    /** The kind as written in scenario files ({@code expect: <kind>}). */
    String kind();

    /** What it checks, in words. */
    String describe();

    /** Evaluates it on a run. */
    ExpectationOutcome evaluate(RunFacts run);

    // ------------------------------------------------------------------ states reached

    /**
     * The kernel's trading state is {@code state} at some moment in {@code [after, after + within]} (or at any moment
     * after {@code after} when {@code withinNanos} is null): it changes to it in the window, or already is in it when
     * the window opens. With {@code trigger}, only a change to it with that trigger counts (the risk engine's reason
     * for it, e.g. DAILY_LOSS rather than DRAWDOWN).
     */
    record TradingStateReached(TradingState state, RiskTrigger trigger, Anchor after, Long withinNanos) implements Expectation {
        /** Any trigger. */
        public TradingStateReached(final TradingState state, final Anchor after, final Long withinNanos) {
            this(state, null, after, withinNanos);
        }

        @Override
        public String kind() {
            return "trading-state";
        }

        @Override
        public String describe() {
            return "trading state reaches " + state + Windows.byTrigger(trigger) + Windows.text(after, withinNanos);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final List<Windows.Change> changes = new ArrayList<>();
            for (final KernelEvent e : run.events()) {
                if (e instanceof TradingStateChanged t) {
                    changes.add(new Windows.Change(t.tsInitNanos(), t.to().name(), t.trigger().name(), t.trigger() + ": " + t.reason()));
                }
            }
            return Windows.reached(this, run, TradingState.ACTIVE.name(), changes, state.name(), trigger, after, withinNanos);
        }
    }

    /**
     * A strategy's state is {@code state} at some moment in the window (see {@link TradingStateReached}; with
     * {@code trigger}, only changes with that trigger count, e.g. DATA_FRESH for a resume on fresh data). With
     * {@code strategy} null, any strategy counts.
     */
    record StrategyStateReached(String strategy, StrategyState state, RiskTrigger trigger, Anchor after, Long withinNanos)
            implements Expectation {
        /** Any trigger. */
        public StrategyStateReached(final String strategy, final StrategyState state, final Anchor after, final Long withinNanos) {
            this(strategy, state, null, after, withinNanos);
        }

        @Override
        public String kind() {
            return "strategy-state";
        }

        @Override
        public String describe() {
            return (strategy == null ? "a strategy" : "strategy '" + strategy + "'") + " reaches " + state
                    + Windows.byTrigger(trigger) + Windows.text(after, withinNanos);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final Map<String, List<Windows.Change>> byStrategy = new LinkedHashMap<>();
            for (final StrategyId id : run.kernel().risk().strategies()) {
                if (strategy == null || id.value().equals(strategy)) {
                    byStrategy.put(id.value(), new ArrayList<>());
                }
            }
            for (final KernelEvent e : run.events()) {
                if (e instanceof StrategyStateChanged s && byStrategy.containsKey(s.strategyId().value())) {
                    byStrategy.get(s.strategyId().value()).add(
                            new Windows.Change(s.tsInitNanos(), s.to().name(), s.trigger().name(), s.trigger() + ": " + s.reason()));
                }
            }
            if (byStrategy.isEmpty()) {
                return ExpectationOutcome.of(this, false, describe(), "the run has no strategy '" + strategy + "'", "");
            }
            ExpectationOutcome first = null;
            for (final List<Windows.Change> changes : byStrategy.values()) {
                final ExpectationOutcome o = Windows.reached(this, run, StrategyState.RUNNING.name(), changes, state.name(),
                        trigger, after, withinNanos);
                if (o.passed()) {
                    return o;
                }
                if (first == null) {
                    first = o;
                }
            }
            return first;
        }
    }

    /** The circuit breaker of the venue reaches {@code state} in the window (initially CLOSED). */
    record BreakerStateReached(BreakerState state, Anchor after, Long withinNanos) implements Expectation {
        @Override
        public String kind() {
            return "breaker";
        }

        @Override
        public String describe() {
            return "the venue's circuit breaker reaches " + state + Windows.text(after, withinNanos);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final List<Windows.Change> changes = new ArrayList<>();
            for (final KernelEvent e : run.events()) {
                if (e instanceof CircuitBreakerStateChanged c) {
                    changes.add(new Windows.Change(c.tsInitNanos(), c.to().name(), c.reason()));
                }
            }
            return Windows.reached(this, run, BreakerState.CLOSED.name(), changes, state.name(), after, withinNanos);
        }
    }

    // ------------------------------------------------------------------ what reached the venue

    /**
     * At most {@code max} strategy orders (submits, retries included; the risk engine's own flattening orders
     * excluded) were sent to the venue while the kernel's trading state was HALTED.
     */
    record OrdersWhileHalted(long max) implements Expectation {
        @Override
        public String kind() {
            return "orders-while-halted";
        }

        @Override
        public String describe() {
            return "at most " + max + " strategy orders reach the venue while trading is HALTED";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            long n = 0;
            long firstAt = -1;
            for (final RunFacts.SentCommand s : run.sent()) {
                if (s.command() instanceof SubmitOrder o && s.tradingState() == TradingState.HALTED
                        && !o.strategyId().equals(StrategyId.RISK)) {
                    n++;
                    if (firstAt < 0) {
                        firstAt = s.nanos();
                    }
                }
            }
            return ExpectationOutcome.of(this, n <= max, "at most " + max, n + " orders sent while HALTED",
                    firstAt < 0 ? "" : "first at " + run.formatTime(firstAt));
        }
    }

    /** The venue never received more than {@code max} order submissions (retries included) in any one second. */
    record MaxOrdersPerSecond(long max) implements Expectation {
        @Override
        public String kind() {
            return "max-orders-per-second";
        }

        @Override
        public String describe() {
            return "the venue never receives more than " + max + " orders in one second";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final long[] peak = peak(run);
            return ExpectationOutcome.of(this, peak[0] <= max, "at most " + max + " per second",
                    peak[0] + " in the busiest second", peak[0] == 0 ? "" : "the second starting " + run.formatTime(peak[1]));
        }

        /** The most submissions in any window {@code [t, t + 1 s)} and the window's start. */
        public static long[] peak(final RunFacts run) {
            final List<Long> times = new ArrayList<>();
            for (final RunFacts.SentCommand s : run.sent()) {
                if (s.command() instanceof SubmitOrder) {
                    times.add(s.nanos());
                }
            }
            long best = 0;
            long bestAt = 0;
            int lo = 0;
            for (int hi = 0; hi < times.size(); hi++) {
                while (times.get(hi) - times.get(lo) >= 1_000_000_000L) {
                    lo++;
                }
                if (hi - lo + 1 > best) {
                    best = hi - lo + 1;
                    bestAt = times.get(lo);
                }
            }
            return new long[] {best, bestAt};
        }
    }

    // ------------------------------------------------------------------ end state

    /** The kernel's position in {@code instrument} at the end equals {@code qty} (scaled). */
    record FinalPosition(InstrumentId instrument, long qty) implements Expectation {
        @Override
        public String kind() {
            return "final-position";
        }

        @Override
        public String describe() {
            return "the final position in " + instrument.symbol() + " is " + qty + " (scaled)";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final Instrument i = instrumentOf(run, instrument);
            final long actual = run.kernel().portfolio().positionQty(instrument);
            final long venue = run.venue().position(run.kernelAccount(), instrument);
            return new ExpectationOutcome(-1, kind(), "the final position in " + instrument.symbol() + " is " + i.formatQty(qty),
                    actual == qty, i.formatQty(qty), i.formatQty(actual) + " (the venue's: " + i.formatQty(venue) + ")",
                    "at the end, " + run.formatTime(run.endNanos()));
        }
    }

    /**
     * The kernel's average (VWAP) entry price of the open position in {@code instrument} at the end equals
     * {@code price} (scaled): the quantity-weighted mean of the fills that built the position, as the portfolio
     * keeps it.
     */
    record AvgEntryPrice(InstrumentId instrument, long price) implements Expectation {
        @Override
        public String kind() {
            return "avg-entry-price";
        }

        @Override
        public String describe() {
            return "the average entry price in " + instrument.symbol() + " is " + price + " (scaled)";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final Instrument i = instrumentOf(run, instrument);
            final long actual = run.kernel().portfolio().avgEntryPrice(instrument);
            final long qty = run.kernel().portfolio().positionQty(instrument);
            return new ExpectationOutcome(-1, kind(), "the average entry price in " + instrument.symbol() + " is "
                    + i.formatPrice(price), actual == price, i.formatPrice(price), i.formatPrice(actual) + " (position "
                    + i.formatQty(qty) + ")", "at the end, " + run.formatTime(run.endNanos()));
        }
    }

    /** The kernel's equity (account currency) at the end equals {@code money} exactly. */
    record FinalEquity(long money) implements Expectation {
        @Override
        public String kind() {
            return "final-equity";
        }

        @Override
        public String describe() {
            return "the final equity is " + Fixed.formatMoney(money);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final long actual = run.kernel().portfolio().equityMoney();
            return ExpectationOutcome.of(this, actual == money, Fixed.formatMoney(money), Fixed.formatMoney(actual),
                    "at the end, " + run.formatTime(run.endNanos()));
        }
    }

    /**
     * The sum of the kernel's {@code FundingApplied} amounts (negative = paid) equals {@code money} exactly, and there
     * were {@code settlements} of them when given.
     */
    record FundingTotal(long money, Long settlements) implements Expectation {
        @Override
        public String kind() {
            return "funding-total";
        }

        @Override
        public String describe() {
            return "the funding booked sums to " + Fixed.formatMoney(money)
                    + (settlements == null ? "" : " over " + settlements + " settlements");
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            long sum = 0;
            long n = 0;
            long firstAt = -1;
            for (final KernelEvent e : run.events()) {
                if (e instanceof FundingApplied f) {
                    sum = Math.addExact(sum, f.amountMoney());
                    n++;
                    if (firstAt < 0) {
                        firstAt = f.tsInitNanos();
                    }
                }
            }
            final boolean ok = sum == money && (settlements == null || n == settlements);
            return ExpectationOutcome.of(this, ok, Fixed.formatMoney(money) + (settlements == null ? "" : " in " + settlements),
                    Fixed.formatMoney(sum) + " in " + n, firstAt < 0 ? "" : "first at " + run.formatTime(firstAt));
        }
    }

    /** The largest drop of equity from its running peak, on the sampling grid, is at most {@code maxRate}. */
    record MaxDrawdown(long maxRate) implements Expectation {
        @Override
        public String kind() {
            return "max-drawdown";
        }

        @Override
        public String describe() {
            return "the maximum drawdown is at most " + percent(maxRate);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final long[] dd = drawdown(run.equity());
            return ExpectationOutcome.of(this, dd[0] <= maxRate, "at most " + percent(maxRate), percent(dd[0]),
                    dd[0] == 0 ? "" : "trough at " + run.formatTime(dd[1]));
        }

        /** The largest drawdown as a rate and the time of its trough. */
        public static long[] drawdown(final List<RunFacts.EquitySample> equity) {
            long peak = Long.MIN_VALUE;
            long worst = 0;
            long worstAt = 0;
            for (final RunFacts.EquitySample s : equity) {
                peak = Math.max(peak, s.equityMoney());
                if (peak > 0 && s.equityMoney() < peak) {
                    final long dd = Fixed.mulDiv(peak - s.equityMoney(), Fixed.RATE_ONE, peak, RoundingMode.HALF_EVEN);
                    if (dd > worst) {
                        worst = dd;
                        worstAt = s.nanos();
                    }
                }
            }
            return new long[] {worst, worstAt};
        }
    }

    // ------------------------------------------------------------------ counts

    /** What {@link EventCount} counts. */
    enum Counted {
        /** {@code OrderDenied}: refused by our risk engine or order manager. */
        DENIED("denied"),
        /** {@code OrderRejected}: refused by the venue, or given up after retries. */
        REJECTED("rejected"),
        /** {@code OrderFilled}. */
        FILLED("filled"),
        /** {@code OrderCanceled}. */
        CANCELED("canceled"),
        /** Submit commands sent to the venue, retries included. */
        ORDERS_SENT("orders-sent"),
        /** {@code OrderRetryScheduled}. */
        RETRIES("retries"),
        /** {@code OrderStatusUnknown}. */
        UNKNOWN_OUTCOMES("unknown-outcomes"),
        /** {@code DriftDetected}. */
        DRIFTS("drifts"),
        /** {@code ReconciliationCompleted}. */
        RECONCILIATIONS("reconciliations"),
        /** {@code CancelRejected}: the venue refused a cancel (e.g. {@code VENUE_ALREADY_FILLED}). */
        CANCEL_REJECTED("cancel-rejected"),
        /** Order-status queries ({@code QueryOrder} commands) sent to the venue. */
        QUERIES_SENT("queries-sent"),
        /**
         * Submit commands for a client order id that was already sent to the venue: retries after a transient
         * failure or a rate limit, and blind resubmits (which must never happen after an unknown outcome).
         */
        RESUBMITS("resubmits"),
        /**
         * Requests the venue received during a rate limit before the retry-after it had given had passed, sent after
         * the client had that answer: what real venues ban for (exchange-sim's
         * {@code SimExecutionPort.retryAfterViolations}).
         */
        RETRY_AFTER_VIOLATIONS("retry-after-violations");

        private final String text;

        Counted(final String text) {
            this.text = text;
        }

        /** The name used in scenario files. */
        public String text() {
            return text;
        }

        /** The kind with this file name, or null. */
        public static Counted named(final String text) {
            for (final Counted c : values()) {
                if (c.text.equals(text)) {
                    return c;
                }
            }
            return null;
        }

        /** True if items of this kind carry a reason code ({@code reason:} applies). */
        public boolean hasReason() {
            return this == DENIED || this == REJECTED || this == CANCELED || this == CANCEL_REJECTED;
        }
    }

    /**
     * The number of {@code what} (with this reason, drift kind and strategy, when given) in {@code [from, until)} is
     * within {@code [atLeast, atMost]} (either bound may be null; {@code equals: n} sets both). {@code driftKind}
     * applies only to {@link Counted#DRIFTS}: only drifts of that kind are counted (e.g. the position's EXTERNAL_CLOSE
     * apart from the wallet's BALANCE found by the same reconciliation).
     */
    record EventCount(Counted what, ReasonCode reason, DriftKind driftKind, String strategy, Anchor from, Anchor until,
                      Long atLeast, Long atMost) implements Expectation {
        /** Checks that a drift kind comes only with drifts (the loader reports it in the file first). */
        public EventCount {
            if (driftKind != null && what != Counted.DRIFTS) {
                throw new IllegalArgumentException("a drift kind filters drifts only, not " + what.text());
            }
        }

        /** Without a drift kind. */
        public EventCount(final Counted what, final ReasonCode reason, final String strategy, final Anchor from, final Anchor until,
                          final Long atLeast, final Long atMost) {
            this(what, reason, null, strategy, from, until, atLeast, atMost);
        }

        @Override
        public String kind() {
            return "count";
        }

        @Override
        public String describe() {
            final StringBuilder sb = new StringBuilder("the number of ").append(what.text());
            if (reason != null) {
                sb.append(" with reason ").append(reason);
            }
            if (driftKind != null) {
                sb.append(" of kind ").append(kebab(driftKind));
            }
            if (strategy != null) {
                sb.append(" of strategy '").append(strategy).append('\'');
            }
            if (from != null) {
                sb.append(" after ").append(from.label());
            }
            if (until != null) {
                sb.append(" before ").append(until.label());
            }
            return sb.append(" is ").append(bounds()).toString();
        }

        private String bounds() {
            if (atLeast != null && atLeast.equals(atMost)) {
                return "exactly " + atLeast;
            }
            if (atLeast != null && atMost != null) {
                return "between " + atLeast + " and " + atMost;
            }
            return atLeast != null ? "at least " + atLeast : "at most " + atMost;
        }

        private boolean inWindow(final long t) {
            return (from == null || t >= from.nanos()) && (until == null || t < until.nanos());
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final List<Long> times = Counting.times(run, what, reason, driftKind, strategy);
            long n = 0;
            long firstAt = -1;
            for (final long t : times) {
                if (inWindow(t)) {
                    n++;
                    if (firstAt < 0) {
                        firstAt = t;
                    }
                }
            }
            final boolean ok = (atLeast == null || n >= atLeast) && (atMost == null || n <= atMost);
            String actual = Long.toString(n);
            if (!ok && driftKind != null) {
                // what the filter left out is usually what the author got wrong: show every kind found in the window
                actual += " (" + driftsByKind(run) + ")";
            }
            return ExpectationOutcome.of(this, ok, bounds(), actual, firstAt < 0 ? "" : "first at " + run.formatTime(firstAt));
        }

        /** {@code drifts of every kind in the window: external-close 1 (first at T+5m ...), balance 1 (...)}. */
        private String driftsByKind(final RunFacts run) {
            final StringBuilder sb = new StringBuilder();
            for (final DriftKind k : DriftKind.values()) {
                final List<Long> all = Counting.times(run, Counted.DRIFTS, null, k, strategy);
                long m = 0;
                long first = -1;
                for (final long t : all) {
                    if (inWindow(t)) {
                        m++;
                        if (first < 0) {
                            first = t;
                        }
                    }
                }
                if (m > 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(kebab(k)).append(' ').append(m)
                            .append(" (first at ").append(run.formatTime(first)).append(')');
                }
            }
            return sb.length() == 0 ? "no drift of any kind in the window" : "drifts of every kind in the window: " + sb;
        }
    }

    // ------------------------------------------------------------------ bounds over the run

    /**
     * The kernel's |signed position| in {@code instrument} never exceeds {@code maxQty} (scaled) at any moment of the
     * window {@code [after, after + within]} (no {@code after}: from the run's start; no {@code within}: to its end).
     * The position is followed through every {@code PositionChanged} the kernel published, starting from the holding it
     * started with (perpetual: 0; spot: the account's base balance, as the portfolio counts it); the position in effect
     * when the window opens counts too. Changes from fills and from reconciliation (adopted venue truth) alike.
     */
    record MaxPosition(InstrumentId instrument, long maxQty, Anchor after, Long withinNanos) implements Expectation {
        /** Checks that the bound is a size. */
        public MaxPosition {
            if (maxQty < 0) {
                throw new IllegalArgumentException("a bound on |position| cannot be negative: " + maxQty);
            }
        }

        @Override
        public String kind() {
            return "max-position";
        }

        @Override
        public String describe() {
            return "|position| in " + instrument.symbol() + " never exceeds " + maxQty + " (scaled)" + Windows.text(after, withinNanos);
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final Instrument i = instrumentOf(run, instrument);
            final long from = after == null ? run.startNanos() : after.nanos();
            final long to = withinNanos == null ? Long.MAX_VALUE : Math.addExact(from, withinNanos);
            final List<PositionChanged> changes = new ArrayList<>();
            for (final KernelEvent e : run.events()) {
                if (e instanceof PositionChanged p && p.instrumentId().equals(instrument)) {
                    changes.add(p);
                }
            }
            // the position held when the window opens counts: the starting holding and every change up to then
            long pos = startingPosition(run, i);
            int k = 0;
            while (k < changes.size() && changes.get(k).tsInitNanos() <= from) {
                pos = changes.get(k++).signedQty();
            }
            long largestSigned = pos;
            long largestAt = from;
            boolean heldAtOpen = true;
            long firstAbove = Math.absExact(pos) > maxQty ? from : -1;
            long seen = 0;
            for (; k < changes.size() && changes.get(k).tsInitNanos() <= to; k++) {
                final PositionChanged p = changes.get(k);
                seen++;
                if (Math.absExact(p.signedQty()) > Math.absExact(largestSigned)) {
                    largestSigned = p.signedQty();
                    largestAt = p.tsInitNanos();
                    heldAtOpen = false;
                }
                if (firstAbove < 0 && Math.absExact(p.signedQty()) > maxQty) {
                    firstAbove = p.tsInitNanos();
                }
            }
            final long largest = Math.absExact(largestSigned);
            final String description = "|position| in " + instrument.symbol() + " never exceeds " + i.formatQty(maxQty)
                    + Windows.text(after, withinNanos);
            final String side = largestSigned > 0 ? " (long)" : largestSigned < 0 ? " (short)" : "";
            final String actual = "largest |position| " + i.formatQty(largest) + side + " over " + seen + " position change"
                    + (seen == 1 ? "" : "s") + (after == null && withinNanos == null ? "" : " in the window");
            String when = (heldAtOpen ? "held when the window opened, " : "first reached at ") + run.formatTime(largestAt);
            if (firstAbove >= 0 && firstAbove != largestAt) {
                when = "first above " + i.formatQty(maxQty) + " at " + run.formatTime(firstAbove) + "; largest " + when;
            }
            return new ExpectationOutcome(-1, kind(), description, largest <= maxQty, "at most " + i.formatQty(maxQty), actual, when);
        }

        /** Perpetual: flat. Spot: the base balance the account started with, at the instrument's quantity scale. */
        private static long startingPosition(final RunFacts run, final Instrument i) {
            if (i.isPerpetual()) {
                return 0;
            }
            final Long base = run.kernel().config().initialBalances().get(i.baseAsset());
            return base == null ? 0 : Fixed.rescale(base, Fixed.MONEY_SCALE, i.qtyScale(), RoundingMode.DOWN);
        }
    }

    private static Instrument instrumentOf(final RunFacts run, final InstrumentId id) {
        return run.kernel().config().instruments().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    /** An enum constant as scenario files write it ({@code EXTERNAL_CLOSE} → {@code external-close}). */
    private static String kebab(final Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    // ------------------------------------------------------------------ consistency

    /**
     * The kernel's books are exact and the venue's conservation laws hold: {@code Kernel.checkInvariants()} (position =
     * signed sum of fills; wallet = initial + realized − fees + funding + adjustments) and, with the MARGIN ledger,
     * {@code Conservation.check} of the venue's account model; and the run's invariant checkers
     * ({@code dev.tandem.scenarios.check}, see {@link RunFacts#violations()}) found nothing: legal order lifecycles,
     * positions from fills, risk limits of every order reaching the venue, nothing new while HALTED, REDUCING never
     * increasing |position|, order rates, an uncrossed venue book, liveness after the faults.
     */
    record NoInvariantViolations() implements Expectation {
        @Override
        public String kind() {
            return "no-invariant-violations";
        }

        @Override
        public String describe() {
            return "no invariant of the kernel or the venue is violated";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final List<String> violations = new ArrayList<>(run.kernel().checkInvariants());
            if (run.venue().config().ledger() == LedgerKind.MARGIN) {
                for (final Conservation.Violation v : Conservation.check(run.venue().marginLedger().simLedger(), false)) {
                    violations.add("venue " + v.invariant() + ": " + v.detail());
                }
            }
            for (final dev.tandem.scenarios.check.Violation v : run.violations()) {
                final String text = v.checker() + " at " + run.formatTime(v.nanos()) + ": " + v.detail();
                final boolean seen = v.detail().startsWith("accounting: ")
                        && violations.contains(v.detail().substring("accounting: ".length()));
                if (!seen) {
                    violations.add(text);
                }
            }
            return ExpectationOutcome.of(this, violations.isEmpty(), "no violations",
                    violations.isEmpty() ? "none" : String.join("; ", violations), "at the end, " + run.formatTime(run.endNanos()));
        }
    }

    /**
     * No order was lost or duplicated: at the end no order of the kernel is still waiting for an answer (PENDING_NEW,
     * UNKNOWN, PENDING_CANCEL); every order the kernel submitted has the same filled quantity at the venue as in the
     * kernel and is open at the venue exactly when it is open in the kernel; the venue has no open order the kernel
     * does not know; the venue never saw a client order id twice ({@code VENUE_DUPLICATE_CLIENT_ID}); and the kernel's
     * positions equal the venue's.
     */
    record OrdersConsistent() implements Expectation {
        @Override
        public String kind() {
            return "orders-consistent";
        }

        @Override
        public String describe() {
            return "no order is lost or duplicated and the kernel's orders and positions agree with the venue's";
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final List<String> problems = new ArrayList<>();
            final Set<ClientOrderId> ids = new LinkedHashSet<>();
            final Map<ClientOrderId, Long> filled = new LinkedHashMap<>();
            for (final KernelEvent e : run.events()) {
                if (e instanceof OrderSubmitted s) {
                    ids.add(s.clientOrderId());
                } else if (e instanceof OrderFilled f && f.clientOrderId() != null) {
                    filled.merge(f.clientOrderId(), f.lastQty(), Long::sum);
                } else if (e instanceof OrderRejected r && r.reason() == ReasonCode.VENUE_DUPLICATE_CLIENT_ID) {
                    problems.add(r.clientOrderId() + " reached the venue twice (" + run.formatTime(r.tsInitNanos()) + ")");
                }
            }
            for (final ClientOrderId id : ids) {
                final Order k = run.kernel().orders().order(id);
                final VenueOrder v = run.venue().order(run.kernelAccount(), id);
                final long kf = filled.getOrDefault(id, 0L);
                final long vf = v == null ? 0 : v.filledQty();
                if (k != null && (k.state().name().equals("PENDING_NEW") || k.state().name().equals("UNKNOWN")
                        || k.state().name().equals("PENDING_CANCEL"))) {
                    problems.add(id + " still " + k.state() + " in the kernel");
                }
                if (kf != vf) {
                    problems.add(id + " filled " + kf + " in the kernel but " + vf + " at the venue");
                }
                final boolean kOpen = k != null && k.isOpen();
                final boolean vOpen = v != null && !v.status().isClosed();
                if (kOpen != vOpen) {
                    problems.add(id + " is " + (k == null ? "unknown" : k.state()) + " in the kernel but "
                            + (v == null ? "unknown" : v.status()) + " at the venue");
                }
            }
            for (final VenueOrder v : run.venue().openOrders(run.kernelAccount())) {
                if (v.clientOrderId() != null && !ids.contains(v.clientOrderId())) {
                    problems.add("the venue has open order " + v.clientOrderId() + " the kernel never submitted");
                }
            }
            for (final Instrument i : run.kernel().config().instruments()) {
                final long k = run.kernel().portfolio().positionQty(i.id());
                final long v = run.venue().position(run.kernelAccount(), i.id());
                if (k != v) {
                    problems.add(i.id().symbol() + " position " + i.formatQty(k) + " in the kernel but " + i.formatQty(v)
                            + " at the venue");
                }
            }
            return ExpectationOutcome.of(this, problems.isEmpty(), "every order settled and agreeing with the venue ("
                            + ids.size() + " orders)", problems.isEmpty() ? "all agree" : String.join("; ", problems),
                    "at the end, " + run.formatTime(run.endNanos()));
        }
    }

    /** The run's trace hash equals {@code hex} (prefer golden files; this pins a hash inside the scenario). */
    record TraceHashEquals(String hex) implements Expectation {
        @Override
        public String kind() {
            return "trace-hash";
        }

        @Override
        public String describe() {
            return "the trace hash equals " + hex;
        }

        @Override
        public ExpectationOutcome evaluate(final RunFacts run) {
            final String actual = run.kernel().traceHash();
            return ExpectationOutcome.of(this, actual.equalsIgnoreCase(hex), hex, actual, "");
        }
    }

    /** Formats a rate (1e8 = 100 %) as a percentage. */
    static String percent(final long rate) {
        return Fixed.format(rate * 100, Fixed.RATE_SCALE).replaceAll("0+$", "").replaceAll("\\.$", "") + "%";
    }
}
