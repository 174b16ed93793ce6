package dev.tandem.kernel.risk;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarketView;
import dev.tandem.kernel.event.EventSink;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.execution.OrderView;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.AuditMetadata;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.portfolio.PortfolioView;
import dev.tandem.kernel.time.Scheduler;
import dev.tandem.kernel.time.TimerHandler;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pre-trade checks and the account/strategy risk state machines (DESIGN §2.5). Single-threaded, on kernel time
 * only ({@link Scheduler#nowNanos()}); every state change emits exactly one audit event.
 *
 * <h2>Pre-trade check order</h2>
 * {@link #check} runs these in order; the first failure wins. "Risk flatten" means an intent from
 * {@link StrategyId#RISK} marked reduce-only (the kernel's own flatten orders).
 * <ol>
 *   <li><b>Trading state.</b> HALTED denies everything but risk flattens ({@code RISK_TRADING_HALTED}). REDUCING
 *       denies everything but risk flattens and <i>reducing</i> intents ({@code RISK_TRADING_REDUCING}).</li>
 *   <li><b>Strategy.</b> Unregistered ({@code RISK_UNKNOWN_STRATEGY}, fail closed), DISABLED
 *       ({@code RISK_STRATEGY_DISABLED}), PAUSED ({@code RISK_STRATEGY_PAUSED}). Skipped for risk flattens
 *       ({@code RISK} is never registered and never paused); an intent from {@code RISK} that is not reduce-only
 *       is treated like any other and so denied as an unknown strategy.</li>
 *   <li><b>Instrument</b> in the registry and registered for the strategy ({@code RISK_UNKNOWN_INSTRUMENT}); an
 *       unregistered instrument would escape the staleness and breaker pauses.</li>
 *   <li><b>Venue filters.</b> Quantity a lot multiple within [minQty, maxQty] ({@code RISK_INVALID_QTY}); limit
 *       and trigger prices positive tick multiples when the type has them and 0 when it does not
 *       ({@code RISK_INVALID_PRICE}); notional at the limit price (stop-market: trigger price; market: the
 *       reference price, skipped when there is none) at least the instrument's minimum ({@code RISK_MIN_NOTIONAL}).</li>
 *   <li><b>Reduce-only</b> flag set but the intent does not reduce the current position
 *       ({@code RISK_REDUCE_ONLY_WOULD_INCREASE}). Risk flattens pass here and skip everything below: getting out
 *       must not be blocked by a thin book, a band or a rate window.</li>
 *   <li><b>Order rate</b>, per strategy then global ({@code RISK_ORDER_RATE_STRATEGY}, {@code RISK_ORDER_RATE_GLOBAL}).</li>
 *   <li><b>Reference price</b>: limit price (LIMIT, STOP_LIMIT), trigger price (STOP_MARKET) or
 *       {@link MarketView#referencePrice} (MARKET); none → {@code RISK_NO_REFERENCE_PRICE}.</li>
 *   <li><b>Max order notional</b> (reference price × qty, rounded up) ({@code RISK_MAX_ORDER_NOTIONAL}).</li>
 *   <li><b>Price band</b> (orders with a limit price): |limit − mark| ≤ mark × band. The mark is
 *       {@link MarketView#markPrice}, else {@link MarketView#referencePrice} (spot has no mark); skipped when
 *       neither exists ({@code RISK_PRICE_BAND}).</li>
 *   <li><b>Expected slippage</b> (MARKET orders): walk the opposite side of {@link MarketView#book} from the
 *       touch; Σ|level price − touch| × level qty must be ≤ touch × qty × max slippage, i.e. the expected average
 *       fill is within the limit of the best price. A book too thin to fill the whole quantity is denied. No book
 *       at all skips the check (the notional checks still use the reference price, and the venue has its own
 *       price protection) ({@code RISK_SLIPPAGE}).</li>
 *   <li><b>Exposure</b>, skipped for reducing intents: projected position notional on the instrument
 *       ({@code RISK_MAX_POSITION_NOTIONAL}), total notional ({@code RISK_MAX_TOTAL_NOTIONAL}), open positions
 *       when the intent opens a new one ({@code RISK_MAX_OPEN_POSITIONS}), concentration
 *       ({@code RISK_MAX_CONCENTRATION}), leverage ({@code RISK_MAX_LEVERAGE}).</li>
 *   <li><b>Spot balance</b>: a BUY needs free quote ≥ notional + taker fee (rounded up); a SELL needs free base
 *       ≥ qty ({@code RISK_INSUFFICIENT_BALANCE}). Applies to reducing spot sells too.</li>
 * </ol>
 * Overflow while evaluating (absurd price × qty) denies with {@code RISK_MAX_ORDER_NOTIONAL}: fail closed.
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li><b>Position</b> is {@link PortfolioView#positionQty} (account-wide, signed; spot: base holding).</li>
 *   <li>An intent <b>reduces now</b> when the position is non-zero, the side is opposite to it and qty ≤ |position|
 *       (so it can never flip it). It is <b>reducing</b> when, in addition, qty plus the resting leaves on the same
 *       side ({@link OrderView#openLeavesQty}) ≤ |position|: even if every resting reducing order fills first,
 *       this one cannot flip the position. Reduce-only uses "reduces now" (the venue caps reduce-only fills
 *       anyway); the REDUCING state gate and the exposure skip use "reducing", so a loop of small sells cannot
 *       build a short under the cover of "reducing".</li>
 *   <li><b>Projected position</b> = position + side × (same-side resting leaves + qty), valued at
 *       max(order reference price, market reference price), rounded up. <b>Total</b> = every other instrument's
 *       current {@link PortfolioView#positionNotionalMoney} + this projection. <b>Concentration</b>: projected
 *       notional ≤ equity × rate; <b>leverage</b>: total ≤ equity × rate; with equity ≤ 0 both deny any
 *       increase. A new position is opened when the position is 0; then open positions + other instruments
 *       with no position but resting orders + 1 must be ≤ the maximum.</li>
 *   <li><b>Order rate.</b> Sliding windows on kernel time, {@code (now − window, now]}. A window counts the
 *       intents the rate check <i>admitted</i> — including those a later check (notional, band, ...) then
 *       denies, so a rogue loop of bad intents is throttled too — but not the rate-denied ones, so a saturated
 *       window drains and cannot lock a strategy (or, for the global window, everybody) out forever. The global
 *       window only sees intents that passed the per-strategy check, so one rogue strategy cannot consume more
 *       of the global budget than its own limit. Passed intents are a subset of admitted ones, so the venue
 *       never sees more than either limit per window.</li>
 *   <li><b>Rate abuse</b>: {@code rateAbuseDenialsMax} (default 20) {@code RISK_ORDER_RATE_STRATEGY} denials of
 *       one strategy within a sliding {@code rateAbuseWindowNanos} (default 10 s) → DISABLED, trigger
 *       ORDER_RATE_ABUSE. Global-rate denials do not count: they can be caused by other strategies.</li>
 *   <li><b>Venue failures</b>: OrderRejected (any reason), OrderRetryScheduled and OrderStatusUnknown each add
 *       one; OrderAccepted and OrderFilled reset to 0; reaching {@code venueFailuresMax} → DISABLED, trigger
 *       VENUE_FAILURES.</li>
 *   <li><b>Daily loss</b>: the baseline is the first equity reading of each UTC day (day = floor(kernel nanos /
 *       86 400 s)); loss = baseline − equity; loss ≥ baseline × rate → HALTED + cancel all (skipped while the
 *       baseline is not positive; likewise drawdown while the peak is not positive). A new day silently
 *       re-bases; if DAILY_LOSS was the only halt cause the state returns to ACTIVE (or REDUCING) with trigger
 *       NEW_TRADING_DAY.</li>
 *   <li><b>Drawdown</b>: peak = highest equity seen; peak − equity ≥ peak × rate → HALTED + cancel all.</li>
 *   <li><b>Margin ratio</b> (maintenance margin / margin balance, a rate): ≥ reducing threshold → REDUCING; below
 *       it → back to ACTIVE (level-triggered, trigger MARGIN_RATIO both ways). ≥ flatten threshold → REDUCING
 *       and {@link RiskActions#flattenAll()}, once per excursion: it fires again only after the ratio went
 *       back below the flatten threshold, so a slow flatten is not multiplied into an order storm.</li>
 *   <li><b>Staleness</b>: an instrument is stale once {@code dataStaleNanos} passed without
 *       {@link #onMarketData}; registration starts the clock, so an instrument that never gets data goes stale
 *       too. One timer {@code risk:stale:<SYMBOL.VENUE>} per instrument is kept pending and re-armed lazily
 *       when it fires (no cancel per tick).</li>
 *   <li><b>Edge collapse</b> (strategies registered as market makers): per instrument, the strategy's own
 *       inventory from its fills (average cost, fees excluded); at {@link #onMarkPrice} with mark M:
 *       unrealized = signed qty × M − cost basis; notional = |qty| × M; unrealized ≤ −notional × rate (200 bps)
 *       → HALTED + cancel all, trigger EDGE_COLLAPSE. Fills of {@link StrategyId#RISK} (flattens) reduce market
 *       makers' inventories on that instrument in strategy-id order, since they close what those created.</li>
 * </ul>
 *
 * <h2>State machines and precedence</h2>
 * Trading state is derived: HALTED if any latched halt cause (KILL_SWITCH, DAILY_LOSS, DRAWDOWN, EDGE_COLLAPSE)
 * is set, else REDUCING if the margin ratio is at or above a margin threshold, else ACTIVE. Halt causes are
 * cleared only by a new UTC day (DAILY_LOSS only) or by {@link #disengageKillSwitch} (all of them). Disengaging
 * acknowledges the losses that halted: it re-bases the day-start equity (DAILY_LOSS), the peak (DRAWDOWN) and
 * the market makers' inventory cost to the mark (EDGE_COLLAPSE), so the operator's decision is not undone by
 * the very same loss on the next tick; further losses are measured from there.
 *
 * <p>Strategy state is derived too: DISABLED if latched disabled, else PAUSED if any pause cause (DATA_STALE:
 * one of its instruments is stale; BREAKER_OPEN: one of its venues' breakers is not CLOSED; OPERATOR), else
 * RUNNING. So a strategy paused by both stale data and an open breaker resumes only when both clear; a PAUSED
 * strategy can be DISABLED; DISABLED is left only by {@link #resumeStrategy}, which also clears an operator
 * pause but cannot override stale data or an open breaker (the strategy then goes DISABLED → PAUSED).
 * Disabling also asks {@link RiskActions#cancelAllForStrategy}.
 *
 * <p>Every change of either state emits one {@link TradingStateChanged} / {@link StrategyStateChanged} with the
 * trigger, a reason and sorted metadata holding the numbers that caused it (money and rates as plain decimals).
 * Actions ({@link RiskActions}) are called after the event.
 */
public final class RiskEngine implements TimerHandler {
    /** Owner prefix of this engine's timers. */
    public static final String TIMER_PREFIX = "risk:";
    /** Prefix of the staleness timers; the rest of the name is {@code SYMBOL.VENUE}. */
    public static final String STALE_TIMER_PREFIX = "risk:stale:";
    /** One UTC day in nanoseconds. */
    public static final long DAY_NANOS = 86_400L * RiskLimits.SECOND_NANOS;

    private final RiskLimits limits;
    private final InstrumentRegistry instruments;
    private final PortfolioView portfolio;
    private final MarketView market;
    private final OrderView orders;
    private final Scheduler scheduler;
    private final EventSink sink;
    private final RiskActions actions;

    private TradingState tradingState = TradingState.ACTIVE;
    private final EnumSet<RiskTrigger> haltCauses = EnumSet.noneOf(RiskTrigger.class);
    private boolean marginReducing;
    private boolean marginFlattened;
    private long marginRatioRate;
    private boolean equitySeen;
    private long utcDay;
    private long dayStartEquityMoney;
    private long peakEquityMoney;
    private long lastEquityMoney;
    // Memo of the two equity thresholds (derived, not state: not in snapshots or digests). Each is a function of one
    // base value (start-of-day equity, peak) that changes rarely, while onEquity runs on every quote with an open
    // position and the product base × rate overflows a long, so recomputing it each time meant BigInteger math.
    private long dailyLossThresholdBase = Long.MIN_VALUE;
    private long dailyLossThresholdMoney;
    private long drawdownThresholdBase = Long.MIN_VALUE;
    private long drawdownThresholdMoney;

    private final TreeMap<StrategyId, StrategyRisk> strategies = new TreeMap<>();
    /** {@link #strategies}' values in id order, kept in step with it (iterated on every pause and resume). */
    private StrategyRisk[] strategyArray = new StrategyRisk[0];
    private final SlidingWindow globalWindow;
    private final TreeMap<InstrumentId, DataClock> data = new TreeMap<>();
    /** The same clocks by the name of their staleness timer (lookup only). */
    private final TreeMap<String, DataClock> staleTimers = new TreeMap<>();
    /** The clock whose staleness timer fired last (a cache for {@link #onTimer}; one of {@link #data}'s values). */
    private DataClock lastFiredClock;
    private final TreeSet<String> openVenues = new TreeSet<>();
    private final EnumMap<ReasonCode, Long> denials = new EnumMap<>(ReasonCode.class);
    private long passedCount;

    /** Mutable risk state of one registered strategy. */
    private static final class StrategyRisk {
        final StrategyId id;
        final TreeSet<InstrumentId> instruments;
        final TreeSet<String> venues = new TreeSet<>();
        final boolean marketMaker;
        final SlidingWindow rateWindow;
        final SlidingWindow abuseWindow;
        final TreeMap<InstrumentId, Inventory> inventory = new TreeMap<>();
        StrategyState state = StrategyState.RUNNING;
        boolean disabled;
        boolean operatorPaused;
        int consecutiveFailures;

        /** {@link #instruments} and {@link #venues} as arrays, for the pause-cause check without iterators. */
        final InstrumentId[] instrumentArray;
        final String[] venueArray;

        StrategyRisk(final StrategyId id, final TreeSet<InstrumentId> instruments, final boolean marketMaker, final RiskLimits l) {
            this.id = id;
            this.instruments = instruments;
            this.marketMaker = marketMaker;
            instruments.forEach(i -> venues.add(i.venue()));
            this.instrumentArray = instruments.toArray(new InstrumentId[0]);
            this.venueArray = venues.toArray(new String[0]);
            this.rateWindow = l.strategyOrdersPerWindowMax() > 0 ? new SlidingWindow(l.strategyOrdersPerWindowMax()) : null;
            this.abuseWindow = l.rateAbuseDenialsMax() > 0 ? new SlidingWindow(l.rateAbuseDenialsMax()) : null;
        }
    }

    /**
     * Market-data freshness of one instrument, with the texts its pause and resume carry, built once: on a sparse
     * trade tape the instrument goes stale and fresh again every few trades.
     */
    private final class DataClock {
        final InstrumentId id;
        final String idText;
        final String timerName;
        final String staleReason;
        final String freshReason;
        long lastDataNanos = -1;
        boolean stale;
        long timerDeadlineNanos = -1;

        DataClock(final InstrumentId id) {
            this.id = id;
            this.idText = id.toString();
            this.timerName = STALE_TIMER_PREFIX + idText;
            this.staleReason = "no market data for " + idText + " within " + limits.dataStaleNanos() + " ns";
            this.freshReason = "market data for " + idText + " is fresh again";
        }
    }

    /** The data clock of an instrument, created on first use (and found again by its timer's name). */
    private DataClock dataClock(final InstrumentId id) {
        DataClock c = data.get(id);
        if (c == null) {
            c = new DataClock(id);
            data.put(id, c);
            staleTimers.put(c.timerName, c);
        }
        return c;
    }

    /**
     * A risk engine in state ACTIVE with no strategies.
     *
     * @param limits      what to enforce
     * @param instruments the kernel's instruments (filters, scales)
     * @param portfolio   positions, balances, equity
     * @param market      mark, reference prices and books
     * @param orders      resting leaves and breaker states
     * @param scheduler   kernel time and the {@code risk:} timers
     * @param sink        where audit events go
     * @param actions     what the kernel does when a trigger fires
     */
    public RiskEngine(
            final RiskLimits limits,
            final InstrumentRegistry instruments,
            final PortfolioView portfolio,
            final MarketView market,
            final OrderView orders,
            final Scheduler scheduler,
            final EventSink sink,
            final RiskActions actions) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.market = Objects.requireNonNull(market, "market");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.globalWindow = limits.globalOrdersPerWindowMax() > 0 ? new SlidingWindow(limits.globalOrdersPerWindowMax()) : null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // registration

    /**
     * Registers a strategy and the instruments it may trade. It starts RUNNING, or PAUSED (with an audit event)
     * if one of its instruments is already stale or one of its venues' breakers is not CLOSED. Starts the
     * staleness clock of instruments that have none yet.
     *
     * @throws IllegalArgumentException for {@link StrategyId#RISK}, a duplicate, or an unknown instrument
     */
    public void registerStrategy(final StrategyId id, final Set<InstrumentId> instrumentIds, final boolean marketMaker) {
        Objects.requireNonNull(id, "id");
        if (StrategyId.RISK.equals(id)) {
            throw new IllegalArgumentException("the risk engine's own id cannot be registered as a strategy");
        }
        if (strategies.containsKey(id)) {
            throw new IllegalArgumentException("strategy already registered: " + id);
        }
        final TreeSet<InstrumentId> sorted = new TreeSet<>(instrumentIds);
        for (final InstrumentId i : sorted) {
            if (instruments.find(i) == null) {
                throw new IllegalArgumentException("strategy " + id + " names an unknown instrument " + i);
            }
        }
        final StrategyRisk s = new StrategyRisk(id, sorted, marketMaker, limits);
        strategies.put(id, s);
        lastRegistered = null;
        strategyArray = strategies.values().toArray(new StrategyRisk[0]);
        final long now = scheduler.nowNanos();
        if (limits.dataStaleNanos() > 0) {
            for (final InstrumentId i : sorted) {
                final DataClock c = dataClock(i);
                if (c.timerDeadlineNanos < 0 && !c.stale) {
                    armStaleTimer(c, Fixed.add(c.lastDataNanos < 0 ? now : c.lastDataNanos, limits.dataStaleNanos()));
                }
            }
        }
        if (limits.pauseOnBreakerOpen()) {
            for (final String venue : s.venues) {
                final BreakerState b = orders.breakerState(venue);
                if (b != null && b != BreakerState.CLOSED && openVenues.add(venue)) {
                    // the breaker opened before we were told: every strategy on the venue is affected, not just this one
                    final Meta m = new Meta().text("venue", venue).text("breakerState", b.name());
                    refreshVenue(venue, RiskTrigger.BREAKER_OPEN, "venue " + venue + " breaker is " + b, m);
                }
            }
        }
        final Set<RiskTrigger> causes = pauseCauses(s);
        if (!causes.isEmpty()) {
            final RiskTrigger trigger = causes.iterator().next();
            refresh(s, trigger, "registered while " + names(causes), new Meta().text("staleInstruments", staleOf(s)).text("openVenues", openOf(s)));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // pre-trade check

    /**
     * Decides whether an intent may become an order (see the class comment for the order of checks). Call it
     * exactly once per intent: it records the intent in the rate windows, counts denials and may disable a
     * strategy for rate abuse.
     */
    public RiskDecision check(final OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        RiskDecision d;
        try {
            d = evaluate(intent);
        } catch (ArithmeticException e) {
            d = RiskDecision.deny(ReasonCode.RISK_MAX_ORDER_NOTIONAL, "arithmetic overflow evaluating the order (fail closed): " + e.getMessage());
        }
        if (d.passed()) {
            passedCount++;
        } else {
            denials.merge(d.reason(), 1L, Long::sum);
        }
        return d;
    }

    private RiskDecision evaluate(final OrderIntent intent) {
        final StrategyId sid = intent.strategyId();
        final InstrumentId iid = intent.instrumentId();
        final boolean riskFlatten = StrategyId.RISK.equals(sid) && intent.reduceOnly();
        final Instrument inst = instruments.find(iid);
        final long pos = inst == null ? 0 : portfolio.positionQty(iid);

        // 1. trading state
        if (tradingState == TradingState.HALTED && !riskFlatten) {
            return RiskDecision.deny(ReasonCode.RISK_TRADING_HALTED, "trading is HALTED (" + names(haltCauses) + ")");
        }
        if (tradingState == TradingState.REDUCING && !riskFlatten && !(inst != null && reducing(intent, pos))) {
            return RiskDecision.deny(ReasonCode.RISK_TRADING_REDUCING, "trading is REDUCING: only orders that reduce |position| pass"
                    + (inst == null ? "" : " (position " + inst.formatQty(pos) + ", resting same side "
                    + inst.formatQty(orders.openLeavesQty(iid, intent.side())) + ", order " + intent.side() + " " + inst.formatQty(intent.qty()) + ")"));
        }

        // 2. strategy state
        StrategyRisk s = null;
        if (!riskFlatten) {
            s = strategies.get(sid);
            if (s == null) {
                return RiskDecision.deny(ReasonCode.RISK_UNKNOWN_STRATEGY, "strategy " + sid + " is not registered with the risk engine");
            }
            if (s.state == StrategyState.DISABLED) {
                return RiskDecision.deny(ReasonCode.RISK_STRATEGY_DISABLED, "strategy " + sid + " is DISABLED");
            }
            if (s.state == StrategyState.PAUSED) {
                return RiskDecision.deny(ReasonCode.RISK_STRATEGY_PAUSED, "strategy " + sid + " is PAUSED (" + names(pauseCauses(s)) + ")");
            }
        }

        // 3. instrument
        if (inst == null) {
            return RiskDecision.deny(ReasonCode.RISK_UNKNOWN_INSTRUMENT, "unknown instrument " + iid);
        }
        if (s != null && !s.instruments.contains(iid)) {
            return RiskDecision.deny(ReasonCode.RISK_UNKNOWN_INSTRUMENT, "instrument " + iid + " is not registered for strategy " + sid);
        }

        // 4. venue filters
        RiskDecision validity = validate(intent, inst);
        if (validity == null) {
            validity = checkMinNotional(intent, inst);
        }
        if (validity != null) {
            return validity;
        }

        // 5. reduce-only
        if (intent.reduceOnly() && !reducesNow(intent, pos)) {
            return RiskDecision.deny(ReasonCode.RISK_REDUCE_ONLY_WOULD_INCREASE, "reduce-only " + intent.side() + " "
                    + inst.formatQty(intent.qty()) + " would not reduce position " + inst.formatQty(pos));
        }
        if (riskFlatten) {
            return RiskDecision.PASS;
        }

        // 6. order rate
        final RiskDecision rate = checkRate(s);
        if (rate != null) {
            return rate;
        }

        // 7. reference price
        final long orderRef = orderReferencePrice(intent);
        if (orderRef <= 0) {
            return RiskDecision.deny(ReasonCode.RISK_NO_REFERENCE_PRICE, "no reference price for " + iid);
        }
        final long orderNotional = Fixed.notional(orderRef, inst.priceScale(), intent.qty(), inst.qtyScale(), RoundingMode.UP);

        // 8. max order notional
        if (limits.orderNotionalMoneyMax() > 0 && orderNotional > limits.orderNotionalMoneyMax()) {
            return RiskDecision.deny(ReasonCode.RISK_MAX_ORDER_NOTIONAL, "order notional " + Fixed.formatMoney(orderNotional)
                    + " > max " + Fixed.formatMoney(limits.orderNotionalMoneyMax()));
        }

        // 9. price band
        if (limits.priceBandRate() > 0 && intent.type().hasLimitPrice()) {
            final long mark = bandReferencePrice(iid);
            if (mark > 0) {
                final long maxDistance = Fixed.mulDiv(mark, limits.priceBandRate(), Fixed.RATE_ONE, RoundingMode.FLOOR);
                final long distance = Math.abs(Fixed.sub(intent.price(), mark));
                if (distance > maxDistance) {
                    return RiskDecision.deny(ReasonCode.RISK_PRICE_BAND, "limit " + inst.formatPrice(intent.price()) + " is "
                            + inst.formatPrice(distance) + " from mark " + inst.formatPrice(mark) + ", band allows "
                            + inst.formatPrice(maxDistance) + " (" + rateText(limits.priceBandRate()) + ")");
                }
            }
        }

        // 10. expected slippage
        if (limits.slippageRateMax() > 0 && intent.type() == OrderType.MARKET) {
            final RiskDecision slip = checkSlippage(intent, inst);
            if (slip != null) {
                return slip;
            }
        }

        // 11. exposure (skipped for reducing intents)
        if (!reducing(intent, pos)) {
            final RiskDecision exposure = checkExposure(intent, inst, pos, orderRef);
            if (exposure != null) {
                return exposure;
            }
        }

        // 12. spot balance
        if (limits.spotBalanceCheck() && inst.kind() == InstrumentKind.SPOT) {
            final RiskDecision balance = checkSpotBalance(intent, inst, orderNotional);
            if (balance != null) {
                return balance;
            }
        }
        return RiskDecision.PASS;
    }

    private static RiskDecision validate(final OrderIntent intent, final Instrument inst) {
        if (intent.qty() <= 0 || !inst.isValidQty(intent.qty())) {
            return RiskDecision.deny(ReasonCode.RISK_INVALID_QTY, "qty " + inst.formatQty(intent.qty()) + " is not a multiple of lot "
                    + inst.formatQty(inst.lotSize()) + " within [" + inst.formatQty(inst.minQty()) + ", " + inst.formatQty(inst.maxQty()) + "]");
        }
        final OrderType type = intent.type();
        if (type.hasLimitPrice() ? !inst.isValidPrice(intent.price()) : intent.price() != 0) {
            return RiskDecision.deny(ReasonCode.RISK_INVALID_PRICE, type + " price " + inst.formatPrice(intent.price())
                    + (type.hasLimitPrice() ? " is not a positive multiple of tick " + inst.formatPrice(inst.tickSize()) : " must be 0"));
        }
        if (type.hasTriggerPrice() ? !inst.isValidPrice(intent.triggerPrice()) : intent.triggerPrice() != 0) {
            return RiskDecision.deny(ReasonCode.RISK_INVALID_PRICE, type + " trigger price " + inst.formatPrice(intent.triggerPrice())
                    + (type.hasTriggerPrice() ? " is not a positive multiple of tick " + inst.formatPrice(inst.tickSize()) : " must be 0"));
        }
        return null;
    }

    private RiskDecision checkMinNotional(final OrderIntent intent, final Instrument inst) {
        if (inst.minNotionalMoney() <= 0) {
            return null;
        }
        final long price = orderReferencePrice(intent);
        if (price <= 0) {
            return null; // market order without a reference price: denied later with RISK_NO_REFERENCE_PRICE
        }
        final long notional = inst.notional(price, intent.qty());
        if (notional < inst.minNotionalMoney()) {
            return RiskDecision.deny(ReasonCode.RISK_MIN_NOTIONAL, "notional " + Fixed.formatMoney(notional) + " < venue minimum "
                    + Fixed.formatMoney(inst.minNotionalMoney()));
        }
        return null;
    }

    private RiskDecision checkRate(final StrategyRisk s) {
        final long now = scheduler.nowNanos();
        if (s.rateWindow != null && s.rateWindow.isFull(now, limits.strategyRateWindowNanos())) {
            recordRateAbuse(s, now);
            return RiskDecision.deny(ReasonCode.RISK_ORDER_RATE_STRATEGY, "strategy " + s.id + " reached " + limits.strategyOrdersPerWindowMax()
                    + " orders per " + limits.strategyRateWindowNanos() + " ns");
        }
        if (globalWindow != null && globalWindow.isFull(now, limits.globalRateWindowNanos())) {
            return RiskDecision.deny(ReasonCode.RISK_ORDER_RATE_GLOBAL, "all strategies reached " + limits.globalOrdersPerWindowMax()
                    + " orders per " + limits.globalRateWindowNanos() + " ns");
        }
        // admitted: counts against both windows whatever the later checks decide
        if (s.rateWindow != null) {
            s.rateWindow.record(now);
        }
        if (globalWindow != null) {
            globalWindow.record(now);
        }
        return null;
    }

    private void recordRateAbuse(final StrategyRisk s, final long now) {
        if (s.abuseWindow == null || s.disabled) {
            return;
        }
        s.abuseWindow.record(now);
        if (s.abuseWindow.isFull(now, limits.rateAbuseWindowNanos())) {
            final Meta m = new Meta()
                    .num("rateDenials", s.abuseWindow.count(now, limits.rateAbuseWindowNanos()))
                    .num("threshold", limits.rateAbuseDenialsMax())
                    .num("windowNanos", limits.rateAbuseWindowNanos())
                    .num("ordersPerWindowMax", limits.strategyOrdersPerWindowMax())
                    .num("rateWindowNanos", limits.strategyRateWindowNanos());
            s.abuseWindow.clear();
            disable(s, RiskTrigger.ORDER_RATE_ABUSE, "sustained order-rate abuse: " + limits.rateAbuseDenialsMax()
                    + " rate denials within " + limits.rateAbuseWindowNanos() + " ns", m);
        }
    }

    private long orderReferencePrice(final OrderIntent intent) {
        switch (intent.type()) {
            case LIMIT:
            case STOP_LIMIT:
                return intent.price();
            case STOP_MARKET:
                return intent.triggerPrice();
            default:
                return market.referencePrice(intent.instrumentId());
        }
    }

    private long bandReferencePrice(final InstrumentId iid) {
        final long mark = market.markPrice(iid);
        return mark > 0 ? mark : market.referencePrice(iid);
    }

    private RiskDecision checkSlippage(final OrderIntent intent, final Instrument inst) {
        final BookSnapshot book = market.book(intent.instrumentId());
        if (book == null) {
            return null; // documented: no book, no expected-slippage estimate
        }
        final List<BookLevel> levels = intent.side() == Side.BUY ? book.asks() : book.bids();
        if (levels.isEmpty()) {
            return RiskDecision.deny(ReasonCode.RISK_SLIPPAGE, "no " + (intent.side() == Side.BUY ? "asks" : "bids") + " in the book");
        }
        final long touch = levels.get(0).price();
        long remaining = intent.qty();
        long impact = 0; // Σ |level price − touch| × qty taken, in price × qty units
        for (final BookLevel level : levels) {
            if (remaining == 0) {
                break;
            }
            final long take = Math.min(remaining, level.qty());
            if (take <= 0) {
                continue;
            }
            impact = Fixed.add(impact, Fixed.mul(Math.abs(Fixed.sub(level.price(), touch)), take));
            remaining -= take;
        }
        if (remaining > 0) {
            return RiskDecision.deny(ReasonCode.RISK_SLIPPAGE, "book too thin: " + inst.formatQty(remaining) + " of "
                    + inst.formatQty(intent.qty()) + " cannot be filled from the visible levels");
        }
        final long allowed = Fixed.mulDiv(Fixed.mul(touch, intent.qty()), limits.slippageRateMax(), Fixed.RATE_ONE, RoundingMode.FLOOR);
        if (impact > allowed) {
            final long slippageRate = Fixed.mulDiv(impact, Fixed.RATE_ONE, Fixed.mul(touch, intent.qty()), RoundingMode.CEILING);
            return RiskDecision.deny(ReasonCode.RISK_SLIPPAGE, "expected slippage " + rateText(slippageRate) + " from touch "
                    + inst.formatPrice(touch) + " > max " + rateText(limits.slippageRateMax()));
        }
        return null;
    }

    private RiskDecision checkExposure(final OrderIntent intent, final Instrument inst, final long pos, final long orderRef) {
        final InstrumentId iid = intent.instrumentId();
        final long leaves = orders.openLeavesQty(iid, intent.side());
        final long projectedQty = Fixed.add(pos, intent.side().sign() * Fixed.add(leaves, intent.qty()));
        final long valuation = Math.max(orderRef, market.referencePrice(iid));
        final long projected = Fixed.notional(valuation, inst.priceScale(), Math.abs(projectedQty), inst.qtyScale(), RoundingMode.UP);

        if (limits.positionNotionalMoneyMax() > 0 && projected > limits.positionNotionalMoneyMax()) {
            return RiskDecision.deny(ReasonCode.RISK_MAX_POSITION_NOTIONAL, "projected position " + inst.formatQty(projectedQty)
                    + " (position " + inst.formatQty(pos) + " + resting " + inst.formatQty(leaves) + " + order) = "
                    + Fixed.formatMoney(projected) + " > max " + Fixed.formatMoney(limits.positionNotionalMoneyMax()));
        }
        final long total = Fixed.add(Fixed.sub(portfolio.totalPositionNotionalMoney(), portfolio.positionNotionalMoney(iid)), projected);
        if (limits.totalNotionalMoneyMax() > 0 && total > limits.totalNotionalMoneyMax()) {
            return RiskDecision.deny(ReasonCode.RISK_MAX_TOTAL_NOTIONAL, "projected total notional " + Fixed.formatMoney(total)
                    + " > max " + Fixed.formatMoney(limits.totalNotionalMoneyMax()));
        }
        if (limits.openPositionsMax() > 0 && pos == 0) {
            final int after = portfolio.openPositionCount() + pendingOpenings(iid) + 1;
            if (after > limits.openPositionsMax()) {
                return RiskDecision.deny(ReasonCode.RISK_MAX_OPEN_POSITIONS, "would be position #" + after + " (max "
                        + limits.openPositionsMax() + ", counting instruments with resting orders but no position)");
            }
        }
        final long equity = portfolio.equityMoney();
        if (limits.concentrationRateMax() > 0) {
            final long cap = Fixed.mulDiv(equity, limits.concentrationRateMax(), Fixed.RATE_ONE, RoundingMode.FLOOR);
            if (projected > cap) {
                return RiskDecision.deny(ReasonCode.RISK_MAX_CONCENTRATION, "projected position " + Fixed.formatMoney(projected)
                        + " > " + rateText(limits.concentrationRateMax()) + " of equity " + Fixed.formatMoney(equity));
            }
        }
        if (limits.leverageRateMax() > 0) {
            final long cap = Fixed.mulDiv(equity, limits.leverageRateMax(), Fixed.RATE_ONE, RoundingMode.FLOOR);
            if (total > cap) {
                return RiskDecision.deny(ReasonCode.RISK_MAX_LEVERAGE, "projected total " + Fixed.formatMoney(total) + " > "
                        + rateText(limits.leverageRateMax()) + "x equity " + Fixed.formatMoney(equity));
            }
        }
        return null;
    }

    /** Other instruments with no position but resting orders: each may become a position when they fill. */
    private int pendingOpenings(final InstrumentId except) {
        int n = 0;
        for (final Instrument i : instruments.all()) {
            final InstrumentId id = i.id();
            if (!id.equals(except) && portfolio.positionQty(id) == 0
                    && (orders.openLeavesQty(id, Side.BUY) > 0 || orders.openLeavesQty(id, Side.SELL) > 0)) {
                n++;
            }
        }
        return n;
    }

    private RiskDecision checkSpotBalance(final OrderIntent intent, final Instrument inst, final long orderNotional) {
        if (intent.side() == Side.BUY) {
            final long fee = Math.max(0, Fixed.applyRate(orderNotional, inst.takerFeeRate(), RoundingMode.UP));
            final long required = Fixed.add(orderNotional, fee);
            final long free = portfolio.freeBalanceMoney(inst.quoteAsset());
            if (free < required) {
                return RiskDecision.deny(ReasonCode.RISK_INSUFFICIENT_BALANCE, "free " + inst.quoteAsset() + " " + Fixed.formatMoney(free)
                        + " < notional + taker fee " + Fixed.formatMoney(required));
            }
        } else {
            final long required = Fixed.rescale(intent.qty(), inst.qtyScale(), Fixed.MONEY_SCALE, RoundingMode.UP);
            final long free = portfolio.freeBalanceMoney(inst.baseAsset());
            if (free < required) {
                return RiskDecision.deny(ReasonCode.RISK_INSUFFICIENT_BALANCE, "free " + inst.baseAsset() + " " + Fixed.formatMoney(free)
                        + " < " + Fixed.formatMoney(required));
            }
        }
        return null;
    }

    /** Non-zero position, opposite side, qty ≤ |position|: cannot flip the position by itself. */
    private static boolean reducesNow(final OrderIntent intent, final long pos) {
        return pos != 0 && intent.qty() > 0 && intent.side() == Side.reducing(pos) && intent.qty() <= Math.abs(pos);
    }

    /** {@link #reducesNow} even if every resting order on the same side fills first. */
    private boolean reducing(final OrderIntent intent, final long pos) {
        if (!reducesNow(intent, pos)) {
            return false;
        }
        final long leaves = orders.openLeavesQty(intent.instrumentId(), intent.side());
        return Fixed.add(leaves, intent.qty()) <= Math.abs(pos);
    }

    // ------------------------------------------------------------------------------------------------------------
    // triggers

    /**
     * Account equity after a portfolio change or mark update. Tracks the UTC-day baseline and the peak, and halts
     * (cancel all) on daily loss or drawdown.
     */
    public void onEquity(final long equityMoney) {
        final long now = scheduler.nowNanos();
        final long day = Math.floorDiv(now, DAY_NANOS);
        lastEquityMoney = equityMoney;
        boolean newDayCleared = false;
        if (!equitySeen) {
            equitySeen = true;
            utcDay = day;
            dayStartEquityMoney = equityMoney;
            peakEquityMoney = equityMoney;
        } else if (day != utcDay) {
            utcDay = day;
            dayStartEquityMoney = equityMoney;
            newDayCleared = haltCauses.remove(RiskTrigger.DAILY_LOSS);
        }
        if (equityMoney > peakEquityMoney) {
            peakEquityMoney = equityMoney;
        }

        // Runs on every quote while a position is open: the audit metadata (decimal text in a TreeMap) is built only
        // when an event will carry it, below; the checks themselves are unchanged.
        RiskTrigger firstNew = null;
        long loss = 0;
        long lossThreshold = 0;
        boolean lossReached = false;
        if (limits.dailyLossRateMax() > 0 && dayStartEquityMoney > 0) {
            loss = Fixed.sub(dayStartEquityMoney, equityMoney);
            if (dailyLossThresholdBase != dayStartEquityMoney) {
                dailyLossThresholdMoney = Fixed.mulDiv(dayStartEquityMoney, limits.dailyLossRateMax(), Fixed.RATE_ONE, RoundingMode.CEILING);
                dailyLossThresholdBase = dayStartEquityMoney;
            }
            lossThreshold = dailyLossThresholdMoney;
            if (loss >= lossThreshold) {
                lossReached = true;
                if (haltCauses.add(RiskTrigger.DAILY_LOSS)) {
                    firstNew = RiskTrigger.DAILY_LOSS;
                }
            }
        }
        long drawdown = 0;
        long drawdownThreshold = 0;
        boolean drawdownReached = false;
        if (limits.drawdownRateMax() > 0 && peakEquityMoney > 0) {
            drawdown = Fixed.sub(peakEquityMoney, equityMoney);
            if (drawdownThresholdBase != peakEquityMoney) {
                drawdownThresholdMoney = Fixed.mulDiv(peakEquityMoney, limits.drawdownRateMax(), Fixed.RATE_ONE, RoundingMode.CEILING);
                drawdownThresholdBase = peakEquityMoney;
            }
            drawdownThreshold = drawdownThresholdMoney;
            if (drawdown >= drawdownThreshold) {
                drawdownReached = true;
                if (haltCauses.add(RiskTrigger.DRAWDOWN) && firstNew == null) {
                    firstNew = RiskTrigger.DRAWDOWN;
                }
            }
        }
        if (firstNew == null && !newDayCleared) {
            return;
        }
        final Meta m = new Meta().money("equity", equityMoney).num("utcDay", utcDay);
        if (lossReached) {
            m.money("dayStartEquity", dayStartEquityMoney).money("dailyLoss", loss).money("dailyLossThreshold", lossThreshold)
                    .rate("dailyLossRateMax", limits.dailyLossRateMax());
        }
        if (drawdownReached) {
            m.money("peakEquity", peakEquityMoney).money("drawdown", drawdown).money("drawdownThreshold", drawdownThreshold)
                    .rate("drawdownRateMax", limits.drawdownRateMax());
        }
        if (firstNew != null) {
            final String reason = firstNew == RiskTrigger.DAILY_LOSS
                    ? "daily loss reached " + rateText(limits.dailyLossRateMax()) + " of start-of-day equity"
                    : "drawdown reached " + rateText(limits.drawdownRateMax()) + " of peak equity";
            if (setTradingState(derivedTradingState(), firstNew, reason, m)) {
                actions.cancelAll();
            }
        } else if (newDayCleared) {
            m.money("dayStartEquity", dayStartEquityMoney);
            setTradingState(derivedTradingState(), RiskTrigger.NEW_TRADING_DAY, "new UTC day: daily-loss halt lifted", m);
        }
    }

    /**
     * Margin ratio (maintenance margin / margin balance, a rate at {@link Fixed#RATE_SCALE}). At or above the
     * reducing threshold → REDUCING; back below → ACTIVE; at or above the flatten threshold → flattenAll once per
     * excursion.
     */
    public void onMarginRatio(final long ratioRate) {
        marginRatioRate = ratioRate;
        final long reduceAt = limits.marginRatioReducingRate();
        final long flattenAt = limits.marginRatioFlattenRate();
        final boolean flattenBreached = flattenAt > 0 && ratioRate >= flattenAt;
        marginReducing = (reduceAt > 0 && ratioRate >= reduceAt) || flattenBreached;
        final TradingState target = derivedTradingState();
        // Runs on every quote while a position is open: the metadata and reason text are only needed when the state
        // changes (setTradingState does nothing otherwise), so they are not built on the common path.
        if (target != tradingState) {
            final Meta m = new Meta().rate("marginRatio", ratioRate).rate("reducingThreshold", reduceAt).rate("flattenThreshold", flattenAt)
                    .text("flatten", Boolean.toString(flattenBreached && !marginFlattened));
            setTradingState(target, RiskTrigger.MARGIN_RATIO, target == TradingState.REDUCING
                    ? "margin ratio " + rateText(ratioRate) + " reached " + rateText(flattenBreached ? flattenAt : reduceAt)
                    : "margin ratio " + rateText(ratioRate) + " back below " + rateText(reduceAt), m);
        }
        if (flattenBreached && !marginFlattened) {
            marginFlattened = true;
            actions.flattenAll();
        } else if (!flattenBreached) {
            marginFlattened = false;
        }
    }

    /** Market data of any kind arrived for an instrument: it is fresh; resumes strategies paused only for it. */
    public void onMarketData(final InstrumentId instrumentId) {
        if (limits.dataStaleNanos() <= 0) {
            return;
        }
        final long now = scheduler.nowNanos();
        final DataClock c = dataClock(instrumentId);
        c.lastDataNanos = now;
        if (c.timerDeadlineNanos < 0) {
            armStaleTimer(c, Fixed.add(now, limits.dataStaleNanos()));
        }
        if (c.stale) {
            c.stale = false;
            refreshInstrument(instrumentId, RiskTrigger.DATA_FRESH, c.freshReason, new FreshMeta(c.idText, now));
        }
    }

    /** A venue's breaker changed: strategies on it pause while it is not CLOSED and resume when it closes. */
    public void onBreakerStateChanged(final String venue, final BreakerState to) {
        if (!limits.pauseOnBreakerOpen()) {
            return;
        }
        final boolean changed = to == BreakerState.CLOSED ? openVenues.remove(venue) : openVenues.add(venue);
        if (changed) {
            final Meta m = new Meta().text("venue", venue).text("breakerState", to.name());
            if (to == BreakerState.CLOSED) {
                refreshVenue(venue, RiskTrigger.BREAKER_CLOSED, "venue " + venue + " breaker closed", m);
            } else {
                refreshVenue(venue, RiskTrigger.BREAKER_OPEN, "venue " + venue + " breaker is " + to, m);
            }
        }
    }

    /** An order event: counts consecutive venue failures per strategy and tracks market makers' inventories. */
    public void onOrderEvent(final OrderEvent e) {
        if (e instanceof OrderFilled) {
            applyFill((OrderFilled) e);
        }
        final StrategyRisk s = strategies.get(e.strategyId());
        if (s == null) {
            return;
        }
        if (e instanceof OrderRejected || e instanceof OrderRetryScheduled || e instanceof OrderStatusUnknown) {
            s.consecutiveFailures++;
            if (limits.venueFailuresMax() > 0 && s.consecutiveFailures >= limits.venueFailuresMax() && !s.disabled) {
                final Meta m = new Meta().num("consecutiveFailures", s.consecutiveFailures).num("threshold", limits.venueFailuresMax())
                        .text("lastFailure", e.getClass().getSimpleName()).text("lastClientOrderId", e.clientOrderId().toString());
                if (e instanceof OrderRejected) {
                    m.text("lastReason", ((OrderRejected) e).reason().name());
                }
                s.consecutiveFailures = 0;
                disable(s, RiskTrigger.VENUE_FAILURES, limits.venueFailuresMax() + " consecutive venue failures", m);
            }
        } else if (e instanceof OrderAccepted || e instanceof OrderFilled) {
            s.consecutiveFailures = 0;
        }
    }

    private void applyFill(final OrderFilled f) {
        final Instrument inst = instruments.find(f.instrumentId());
        if (inst == null || f.lastQty() <= 0) {
            return;
        }
        if (StrategyId.RISK.equals(f.strategyId())) {
            // a risk flatten closes what the strategies built: take it off market makers' inventories, in id order
            long remaining = f.lastQty();
            for (final StrategyRisk s : strategies.values()) {
                final Inventory inv = s.inventory.get(f.instrumentId());
                if (remaining == 0 || inv == null || Long.signum(inv.qty()) != -f.side().sign()) {
                    continue;
                }
                final long take = Math.min(remaining, Math.abs(inv.qty()));
                inv.apply(inst, f.side(), f.lastPrice(), take);
                remaining -= take;
                if (inv.qty() == 0) {
                    s.inventory.remove(f.instrumentId());
                }
            }
            return;
        }
        final StrategyRisk s = strategies.get(f.strategyId());
        if (s == null || !s.marketMaker) {
            return;
        }
        final Inventory inv = s.inventory.computeIfAbsent(f.instrumentId(), k -> new Inventory());
        inv.apply(inst, f.side(), f.lastPrice(), f.lastQty());
        if (inv.qty() == 0) {
            s.inventory.remove(f.instrumentId());
        }
    }

    /** A new mark price for an instrument: evaluates market makers' inventory edge on it. */
    public void onMarkPrice(final InstrumentId instrumentId) {
        if (limits.edgeCollapseRate() <= 0 || tradingState == TradingState.HALTED) {
            return;
        }
        final Instrument inst = instruments.find(instrumentId);
        final long mark = bandReferencePrice(instrumentId);
        if (inst == null || mark <= 0) {
            return;
        }
        for (final StrategyRisk s : strategies.values()) {
            final Inventory inv = s.inventory.get(instrumentId);
            if (!s.marketMaker || inv == null || inv.qty() == 0) {
                continue;
            }
            final long notional = inv.notionalMoney(inst, mark);
            final long unrealized = inv.unrealizedMoney(inst, mark);
            final long threshold = Fixed.mulDiv(notional, limits.edgeCollapseRate(), Fixed.RATE_ONE, RoundingMode.CEILING);
            if (notional > 0 && Fixed.sub(0, unrealized) >= threshold) {
                final long edgeRate = Fixed.mulDiv(unrealized, Fixed.RATE_ONE, notional, RoundingMode.FLOOR);
                final Meta m = new Meta().text("strategy", s.id.toString()).text("instrument", instrumentId.toString())
                        .text("inventoryQty", inst.formatQty(inv.qty())).money("costBasis", inv.costMoney())
                        .text("mark", inst.formatPrice(mark)).money("unrealizedPnl", unrealized).money("inventoryNotional", notional)
                        .rate("edgeRate", edgeRate).rate("threshold", Fixed.sub(0, limits.edgeCollapseRate()));
                haltCauses.add(RiskTrigger.EDGE_COLLAPSE);
                if (setTradingState(TradingState.HALTED, RiskTrigger.EDGE_COLLAPSE, "market maker " + s.id + " inventory edge on "
                        + instrumentId + " collapsed to " + rateText(edgeRate), m)) {
                    actions.cancelAll();
                }
                return;
            }
        }
    }

    @Override
    public void onTimer(final String name, final long deadlineNanos) {
        // the timer hands back the name instance the clock scheduled it with: found by identity, no string compares
        DataClock c = lastFiredClock != null && lastFiredClock.timerName == name ? lastFiredClock : null;
        if (c == null && !name.startsWith(STALE_TIMER_PREFIX)) {
            throw new IllegalArgumentException("not a risk timer: " + name);
        }
        if (c == null) {
            c = staleTimers.get(name);
        }
        if (c == null) {
            c = data.get(InstrumentId.parse(name.substring(STALE_TIMER_PREFIX.length())));
        }
        if (c == null || c.timerDeadlineNanos != deadlineNanos) {
            return; // not the timer we are waiting for (e.g. a duplicate after a restore)
        }
        lastFiredClock = c;
        c.timerDeadlineNanos = -1;
        if (c.stale || limits.dataStaleNanos() <= 0) {
            return;
        }
        final long now = scheduler.nowNanos();
        if (c.lastDataNanos >= 0 && now - c.lastDataNanos < limits.dataStaleNanos()) {
            // data came in since the timer was armed: re-arm lazily instead of canceling on every tick
            armStaleTimer(c, Fixed.add(c.lastDataNanos, limits.dataStaleNanos()));
            return;
        }
        c.stale = true;
        refreshInstrument(c.id, RiskTrigger.DATA_STALE, c.staleReason,
                new StaleMeta(c.idText, c.lastDataNanos, limits.dataStaleNanos(), now));
    }

    private void armStaleTimer(final DataClock c, final long deadlineNanos) {
        c.timerDeadlineNanos = deadlineNanos;
        scheduler.schedule(c.timerName, deadlineNanos);
    }

    // ------------------------------------------------------------------------------------------------------------
    // operator

    /** Kill switch: HALTED (trigger KILL_SWITCH), cancel all, and flatten everything if asked. */
    public void engageKillSwitch(final String operator, final String reason, final boolean flatten) {
        haltCauses.add(RiskTrigger.KILL_SWITCH);
        final Meta m = new Meta().text("operator", operator).text("flatten", Boolean.toString(flatten));
        setTradingState(TradingState.HALTED, RiskTrigger.KILL_SWITCH, reason, m);
        // the operator asked explicitly: act even if already HALTED
        actions.cancelAll();
        if (flatten) {
            actions.flattenAll();
        }
    }

    /**
     * Clears every halt cause (trigger OPERATOR) and acknowledges the losses that caused them (see the class
     * comment). Goes to REDUCING instead of ACTIVE if the margin ratio still requires it.
     */
    public void disengageKillSwitch(final String operator, final String reason) {
        final Meta m = new Meta().text("operator", operator).text("clearedCauses", names(haltCauses));
        if (haltCauses.contains(RiskTrigger.DAILY_LOSS)) {
            dayStartEquityMoney = lastEquityMoney;
            m.money("dayStartEquity", dayStartEquityMoney);
        }
        if (haltCauses.contains(RiskTrigger.DRAWDOWN)) {
            peakEquityMoney = lastEquityMoney;
            m.money("peakEquity", peakEquityMoney);
        }
        if (haltCauses.contains(RiskTrigger.EDGE_COLLAPSE)) {
            rebaseInventories();
        }
        haltCauses.clear();
        setTradingState(derivedTradingState(), RiskTrigger.OPERATOR, reason, m);
    }

    private void rebaseInventories() {
        for (final StrategyRisk s : strategies.values()) {
            for (final Map.Entry<InstrumentId, Inventory> e : s.inventory.entrySet()) {
                final long mark = bandReferencePrice(e.getKey());
                final Instrument inst = instruments.find(e.getKey());
                if (mark > 0 && inst != null) {
                    e.getValue().rebase(inst, mark);
                }
            }
        }
    }

    /** Operator pause (cause OPERATOR). */
    public void pauseStrategy(final StrategyId id, final String operator, final String reason) {
        final StrategyRisk s = registered(id);
        s.operatorPaused = true;
        refresh(s, RiskTrigger.OPERATOR, reason, new Meta().text("operator", operator));
    }

    /** Operator resume: clears an operator pause and DISABLED (and its counters); stale data or an open breaker still pause. */
    public void resumeStrategy(final StrategyId id, final String operator, final String reason) {
        final StrategyRisk s = registered(id);
        s.operatorPaused = false;
        s.disabled = false;
        s.consecutiveFailures = 0;
        if (s.abuseWindow != null) {
            s.abuseWindow.clear();
        }
        refresh(s, RiskTrigger.OPERATOR, reason, new Meta().text("operator", operator));
    }

    // ------------------------------------------------------------------------------------------------------------
    // state plumbing

    private TradingState derivedTradingState() {
        if (!haltCauses.isEmpty()) {
            return TradingState.HALTED;
        }
        return marginReducing ? TradingState.REDUCING : TradingState.ACTIVE;
    }

    /** Moves to {@code to} and emits the audit event; false (and nothing emitted) when already there. */
    private boolean setTradingState(final TradingState to, final RiskTrigger trigger, final String reason, final Meta m) {
        if (to == tradingState) {
            return false;
        }
        final TradingState from = tradingState;
        tradingState = to; // before emitting, so a listener reacting to the event sees the new state
        m.text("haltCauses", names(haltCauses));
        final long now = scheduler.nowNanos();
        sink.emit(new TradingStateChanged(from, to, trigger, reason, m.metadata.build(), now, now));
        return true;
    }

    /**
     * Disables a strategy for misbehaviour detected outside the risk engine (the kernel's bound on callbacks per
     * inbound event catches a strategy that reacts to its own events without end). Cancels its open orders; only an
     * operator resume re-enables it. No-op if already disabled.
     */
    public void disableStrategy(final StrategyId id, final RiskTrigger trigger, final String reason) {
        final StrategyRisk s = registered(id);
        if (s == null || s.disabled) {
            return;
        }
        disable(s, trigger, reason, new Meta().text("detectedBy", "kernel"));
    }

    private void disable(final StrategyRisk s, final RiskTrigger trigger, final String reason, final MetaSource m) {
        s.disabled = true;
        refresh(s, trigger, reason, m);
        actions.cancelAllForStrategy(s.id);
    }

    private void refresh(final StrategyRisk s, final RiskTrigger trigger, final String reason, final MetaSource m) {
        // runs on every stale-data pause and resume: the causes as bits and their text from a table, no EnumSet
        final int causes = pauseCauseBits(s);
        final StrategyState to = s.disabled ? StrategyState.DISABLED : causes == 0 ? StrategyState.RUNNING : StrategyState.PAUSED;
        if (to == s.state) {
            return;
        }
        final StrategyState from = s.state;
        s.state = to;
        final long now = scheduler.nowNanos();
        sink.emit(new StrategyStateChanged(s.id, from, to, trigger, reason,
                m.withPauseCauses(PAUSE_CAUSE_NAMES[causes]), now, now));
    }

    private void refreshInstrument(final InstrumentId id, final RiskTrigger trigger, final String reason, final MetaSource m) {
        for (final StrategyRisk s : strategyArray) { // id order, no iterator: runs on every stale-data pause and resume
            if (s.instruments.contains(id)) {
                refresh(s, trigger, reason, m);
            }
        }
    }

    private void refreshVenue(final String venue, final RiskTrigger trigger, final String reason, final MetaSource m) {
        for (final StrategyRisk s : strategyArray) {
            if (s.venues.contains(venue)) {
                refresh(s, trigger, reason, m);
            }
        }
    }

    private EnumSet<RiskTrigger> pauseCauses(final StrategyRisk s) {
        final int bits = pauseCauseBits(s);
        final EnumSet<RiskTrigger> causes = EnumSet.noneOf(RiskTrigger.class);
        for (int i = 0; i < PAUSE_CAUSES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                causes.add(PAUSE_CAUSES[i]);
            }
        }
        return causes;
    }

    /** The pause causes, in enum order; bit {@code i} of {@link #pauseCauseBits} stands for {@code PAUSE_CAUSES[i]}. */
    private static final RiskTrigger[] PAUSE_CAUSES = pauseCauseOrder();
    /** {@link #names} of every combination of pause causes, indexed by its bits. */
    private static final String[] PAUSE_CAUSE_NAMES = pauseCauseNames();

    private static RiskTrigger[] pauseCauseOrder() {
        final EnumSet<RiskTrigger> set = EnumSet.of(RiskTrigger.DATA_STALE, RiskTrigger.BREAKER_OPEN, RiskTrigger.OPERATOR);
        return set.toArray(new RiskTrigger[0]); // EnumSet iterates in declaration order, as names(causes) did
    }

    private static String[] pauseCauseNames() {
        final String[] out = new String[1 << PAUSE_CAUSES.length];
        for (int bits = 0; bits < out.length; bits++) {
            final EnumSet<RiskTrigger> set = EnumSet.noneOf(RiskTrigger.class);
            for (int i = 0; i < PAUSE_CAUSES.length; i++) {
                if ((bits & (1 << i)) != 0) {
                    set.add(PAUSE_CAUSES[i]);
                }
            }
            out[bits] = names(set);
        }
        return out;
    }

    private int pauseCauseBits(final StrategyRisk s) {
        int bits = 0;
        for (final InstrumentId i : s.instrumentArray) {
            final DataClock c = data.get(i);
            if (c != null && c.stale) {
                bits |= bit(RiskTrigger.DATA_STALE);
                break;
            }
        }
        if (!openVenues.isEmpty()) {
            for (final String v : s.venueArray) {
                if (openVenues.contains(v)) {
                    bits |= bit(RiskTrigger.BREAKER_OPEN);
                    break;
                }
            }
        }
        if (s.operatorPaused) {
            bits |= bit(RiskTrigger.OPERATOR);
        }
        return bits;
    }

    private static int bit(final RiskTrigger t) {
        for (int i = 0; i < PAUSE_CAUSES.length; i++) {
            if (PAUSE_CAUSES[i] == t) {
                return 1 << i;
            }
        }
        throw new IllegalArgumentException("not a pause cause: " + t);
    }

    private String staleOf(final StrategyRisk s) {
        final List<String> out = new ArrayList<>();
        for (final InstrumentId i : s.instruments) {
            final DataClock c = data.get(i);
            if (c != null && c.stale) {
                out.add(i.toString());
            }
        }
        return String.join(",", out);
    }

    private String openOf(final StrategyRisk s) {
        final List<String> out = new ArrayList<>();
        for (final String v : s.venues) {
            if (openVenues.contains(v)) {
                out.add(v);
            }
        }
        return String.join(",", out);
    }

    private StrategyRisk registered(final StrategyId id) {
        final StrategyRisk l = lastRegistered;
        if (l != null && l.id == id) {
            return l; // the kernel asks for each subscriber's state on every market-data event
        }
        final StrategyRisk s = strategies.get(id);
        if (s == null) {
            throw new IllegalArgumentException("strategy not registered: " + id);
        }
        lastRegistered = s;
        return s;
    }

    /** The strategy {@link #registered} found last (a cache; cleared with {@link #strategies}). */
    private StrategyRisk lastRegistered;

    private static String names(final Set<RiskTrigger> set) {
        final List<String> out = new ArrayList<>(set.size());
        set.forEach(t -> out.add(t.name()));
        return String.join(",", out);
    }

    private static String rateText(final long rate) {
        return Fixed.format(rate, Fixed.RATE_SCALE);
    }

    /** The metadata of a strategy state change, completed with that strategy's pause causes. */
    private interface MetaSource {
        AuditMetadata withPauseCauses(String pauseCauses);
    }

    private static final AuditMetadata.Layout STALE_LAYOUT =
            AuditMetadata.Layout.of("instrument", "lastDataNanos", "staleAfterNanos", "nowNanos", "pauseCauses");
    private static final int STALE_INSTRUMENT = STALE_LAYOUT.indexOf("instrument");
    private static final int STALE_LAST = STALE_LAYOUT.indexOf("lastDataNanos");
    private static final int STALE_AFTER = STALE_LAYOUT.indexOf("staleAfterNanos");
    private static final int STALE_NOW = STALE_LAYOUT.indexOf("nowNanos");
    private static final int STALE_CAUSES = STALE_LAYOUT.indexOf("pauseCauses");
    private static final AuditMetadata.Layout FRESH_LAYOUT = AuditMetadata.Layout.of("instrument", "lastDataNanos", "pauseCauses");
    private static final int FRESH_INSTRUMENT = FRESH_LAYOUT.indexOf("instrument");
    private static final int FRESH_LAST = FRESH_LAYOUT.indexOf("lastDataNanos");
    private static final int FRESH_CAUSES = FRESH_LAYOUT.indexOf("pauseCauses");

    /**
     * The metadata of a stale-data pause, on a shared key layout (a sparse trade tape pauses every few trades). The
     * same entries as {@code new Meta().text("instrument", ..).num("lastDataNanos", ..).num("staleAfterNanos", ..)
     * .num("nowNanos", ..)} plus the pause causes.
     */
    private record StaleMeta(String instrument, long lastDataNanos, long staleAfterNanos, long nowNanos) implements MetaSource {
        @Override
        public AuditMetadata withPauseCauses(final String pauseCauses) {
            return STALE_LAYOUT.values().text(STALE_INSTRUMENT, instrument).number(STALE_LAST, lastDataNanos)
                    .number(STALE_AFTER, staleAfterNanos).number(STALE_NOW, nowNanos).text(STALE_CAUSES, pauseCauses).build();
        }
    }

    /** The metadata of the resume when data is fresh again: instrument, lastDataNanos and the pause causes. */
    private record FreshMeta(String instrument, long lastDataNanos) implements MetaSource {
        @Override
        public AuditMetadata withPauseCauses(final String pauseCauses) {
            return FRESH_LAYOUT.values().text(FRESH_INSTRUMENT, instrument).number(FRESH_LAST, lastDataNanos)
                    .text(FRESH_CAUSES, pauseCauses).build();
        }
    }

    /**
     * Sorted audit metadata with fixed number formats. Numbers stay {@code long}s in the {@link AuditMetadata} until
     * someone reads them as text (the trace encoder writes their digits directly).
     */
    private static final class Meta implements MetaSource {
        final AuditMetadata.Builder metadata = AuditMetadata.builder();

        Meta text(final String k, final String v) {
            metadata.text(k, v);
            return this;
        }

        Meta num(final String k, final long v) {
            metadata.number(k, v);
            return this;
        }

        Meta money(final String k, final long v) {
            metadata.text(k, Fixed.formatMoney(v));
            return this;
        }

        Meta rate(final String k, final long v) {
            metadata.text(k, rateText(v));
            return this;
        }

        @Override
        public AuditMetadata withPauseCauses(final String pauseCauses) {
            return metadata.buildWith("pauseCauses", pauseCauses);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // accessors

    /** The limits in force. */
    public RiskLimits limits() {
        return limits;
    }

    /** Account-wide trading state. */
    public TradingState tradingState() {
        return tradingState;
    }

    /** Latched halt causes (empty unless HALTED). */
    public Set<RiskTrigger> haltCauses() {
        return EnumSet.copyOf(haltCauses);
    }

    /** A strategy's state; {@link StrategyId#RISK} is always RUNNING. */
    public StrategyState strategyState(final StrategyId id) {
        return StrategyId.RISK.equals(id) ? StrategyState.RUNNING : registered(id).state;
    }

    /** Why a strategy is paused (DATA_STALE, BREAKER_OPEN, OPERATOR), in enum order; empty when not paused. */
    public Set<RiskTrigger> pauseCauses(final StrategyId id) {
        return pauseCauses(registered(id));
    }

    /** Consecutive venue failures of a strategy since its last accept or fill. */
    public int consecutiveFailures(final StrategyId id) {
        return registered(id).consecutiveFailures;
    }

    /** Registered strategies in id order. */
    public List<StrategyId> strategies() {
        return new ArrayList<>(strategies.keySet());
    }

    /** True while an instrument's market data is stale. */
    public boolean isStale(final InstrumentId id) {
        final DataClock c = data.get(id);
        return c != null && c.stale;
    }

    /** Equity at the start of the current UTC day (first reading of the day). */
    public long dayStartEquityMoney() {
        return dayStartEquityMoney;
    }

    /** Highest equity seen (since start or since an operator acknowledged a drawdown). */
    public long peakEquityMoney() {
        return peakEquityMoney;
    }

    /** How many intents were denied with this reason. */
    public long denialCount(final ReasonCode reason) {
        return denials.getOrDefault(reason, 0L);
    }

    /** Denial counters by reason (a copy; reasons never used are absent). */
    public Map<ReasonCode, Long> denialCounts() {
        final EnumMap<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
        copy.putAll(denials);
        return Collections.unmodifiableMap(copy);
    }

    /** How many intents passed. */
    public long passedCount() {
        return passedCount;
    }

    // ------------------------------------------------------------------------------------------------------------
    // snapshot, restore, digest

    /** All mutable state as values. */
    public RiskSnapshot snapshot() {
        final List<RiskSnapshot.StrategySnapshot> ss = new ArrayList<>();
        for (final StrategyRisk s : strategies.values()) {
            final List<RiskSnapshot.InventorySnapshot> inv = new ArrayList<>();
            s.inventory.forEach((k, v) -> inv.add(new RiskSnapshot.InventorySnapshot(k, v.qty(), v.costMoney())));
            ss.add(new RiskSnapshot.StrategySnapshot(s.id, new ArrayList<>(s.instruments), s.marketMaker, s.state, s.disabled,
                    s.operatorPaused, s.consecutiveFailures, s.rateWindow == null ? List.of() : s.rateWindow.toList(),
                    s.abuseWindow == null ? List.of() : s.abuseWindow.toList(), inv));
        }
        final List<RiskSnapshot.DataSnapshot> ds = new ArrayList<>();
        data.forEach((k, c) -> ds.add(new RiskSnapshot.DataSnapshot(k, c.lastDataNanos, c.stale, c.timerDeadlineNanos)));
        final List<RiskSnapshot.DenialCount> dc = new ArrayList<>();
        denials.forEach((k, v) -> dc.add(new RiskSnapshot.DenialCount(k, v)));
        return new RiskSnapshot(tradingState, new ArrayList<>(haltCauses), marginReducing, marginFlattened, marginRatioRate, equitySeen,
                utcDay, dayStartEquityMoney, peakEquityMoney, lastEquityMoney, ss,
                globalWindow == null ? List.of() : globalWindow.toList(), ds, new ArrayList<>(openVenues), dc, passedCount);
    }

    /**
     * Replaces all mutable state with a snapshot (strategies included). Emits nothing and does not touch the
     * scheduler: pending {@code risk:} timers are restored with the kernel's timer queue.
     */
    public void restore(final RiskSnapshot snap) {
        tradingState = snap.tradingState();
        haltCauses.clear();
        haltCauses.addAll(snap.haltCauses());
        marginReducing = snap.marginReducing();
        marginFlattened = snap.marginFlattened();
        marginRatioRate = snap.marginRatioRate();
        equitySeen = snap.equitySeen();
        utcDay = snap.utcDay();
        dayStartEquityMoney = snap.dayStartEquityMoney();
        peakEquityMoney = snap.peakEquityMoney();
        lastEquityMoney = snap.lastEquityMoney();
        strategies.clear();
        lastRegistered = null;
        for (final RiskSnapshot.StrategySnapshot x : snap.strategies()) {
            final StrategyRisk s = new StrategyRisk(x.id(), new TreeSet<>(x.instruments()), x.marketMaker(), limits);
            s.state = x.state();
            s.disabled = x.disabled();
            s.operatorPaused = x.operatorPaused();
            s.consecutiveFailures = x.consecutiveFailures();
            if (s.rateWindow != null) {
                s.rateWindow.restore(x.rateWindowNanos());
            }
            if (s.abuseWindow != null) {
                s.abuseWindow.restore(x.abuseWindowNanos());
            }
            for (final RiskSnapshot.InventorySnapshot i : x.inventory()) {
                s.inventory.put(i.instrumentId(), new Inventory(i.qty(), i.costMoney()));
            }
            strategies.put(s.id, s);
            lastRegistered = null;
        }
        strategyArray = strategies.values().toArray(new StrategyRisk[0]);
        if (globalWindow != null) {
            globalWindow.restore(snap.globalWindowNanos());
        }
        data.clear();
        staleTimers.clear();
        lastFiredClock = null;
        for (final RiskSnapshot.DataSnapshot x : snap.data()) {
            final DataClock c = dataClock(x.instrumentId());
            c.lastDataNanos = x.lastDataNanos();
            c.stale = x.stale();
            c.timerDeadlineNanos = x.timerDeadlineNanos();
        }
        openVenues.clear();
        openVenues.addAll(snap.openVenues());
        denials.clear();
        for (final RiskSnapshot.DenialCount x : snap.denials()) {
            denials.put(x.reason(), x.count());
        }
        passedCount = snap.passedCount();
    }

    /** Writes limits and state in a fixed order (sorted ids, enum order, windows oldest first). */
    public void digest(final StateDigest d) {
        d.section("risk.limits");
        final RiskLimits l = limits;
        d.putLong(l.orderNotionalMoneyMax()).putLong(l.positionNotionalMoneyMax()).putLong(l.totalNotionalMoneyMax())
                .putInt(l.openPositionsMax()).putLong(l.concentrationRateMax()).putLong(l.leverageRateMax()).putLong(l.priceBandRate())
                .putLong(l.slippageRateMax()).putInt(l.strategyOrdersPerWindowMax()).putLong(l.strategyRateWindowNanos())
                .putInt(l.globalOrdersPerWindowMax()).putLong(l.globalRateWindowNanos()).putInt(l.rateAbuseDenialsMax())
                .putLong(l.rateAbuseWindowNanos()).putInt(l.venueFailuresMax()).putLong(l.dailyLossRateMax()).putLong(l.drawdownRateMax())
                .putLong(l.marginRatioReducingRate()).putLong(l.marginRatioFlattenRate()).putLong(l.dataStaleNanos())
                .putBoolean(l.pauseOnBreakerOpen()).putLong(l.edgeCollapseRate()).putBoolean(l.spotBalanceCheck());
        final RiskSnapshot s = snapshot();
        d.section("risk.account");
        d.putEnum(s.tradingState());
        d.putInt(s.haltCauses().size());
        s.haltCauses().forEach(d::putEnum);
        d.putBoolean(s.marginReducing()).putBoolean(s.marginFlattened()).putLong(s.marginRatioRate()).putBoolean(s.equitySeen())
                .putLong(s.utcDay()).putLong(s.dayStartEquityMoney()).putLong(s.peakEquityMoney()).putLong(s.lastEquityMoney());
        d.section("risk.strategies");
        d.putInt(s.strategies().size());
        for (final RiskSnapshot.StrategySnapshot x : s.strategies()) {
            d.putString(x.id().value());
            d.putInt(x.instruments().size());
            x.instruments().forEach(i -> d.putString(i.toString()));
            d.putBoolean(x.marketMaker()).putEnum(x.state()).putBoolean(x.disabled()).putBoolean(x.operatorPaused())
                    .putInt(x.consecutiveFailures());
            putTimes(d, x.rateWindowNanos());
            putTimes(d, x.abuseWindowNanos());
            d.putInt(x.inventory().size());
            for (final RiskSnapshot.InventorySnapshot i : x.inventory()) {
                d.putString(i.instrumentId().toString()).putLong(i.qty()).putLong(i.costMoney());
            }
        }
        d.section("risk.rate");
        putTimes(d, s.globalWindowNanos());
        d.section("risk.data");
        d.putInt(s.data().size());
        for (final RiskSnapshot.DataSnapshot x : s.data()) {
            d.putString(x.instrumentId().toString()).putLong(x.lastDataNanos()).putBoolean(x.stale()).putLong(x.timerDeadlineNanos());
        }
        d.section("risk.venues");
        d.putInt(s.openVenues().size());
        s.openVenues().forEach(d::putString);
        d.section("risk.counters");
        d.putInt(s.denials().size());
        for (final RiskSnapshot.DenialCount x : s.denials()) {
            d.putEnum(x.reason()).putLong(x.count());
        }
        d.putLong(s.passedCount());
    }

    private static void putTimes(final StateDigest d, final List<Long> times) {
        d.putInt(times.size());
        times.forEach(d::putLong);
    }
}
