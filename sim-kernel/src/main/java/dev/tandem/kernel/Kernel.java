package dev.tandem.kernel;

import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.DataEngine;
import dev.tandem.kernel.data.FundingRate;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.ClosePosition;
import dev.tandem.kernel.event.DisengageKillSwitch;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.EventSink;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OperatorCommand;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PauseStrategy;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.ReconcileNow;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.ResumeStrategy;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.execution.ClientOrderIdGenerator;
import dev.tandem.kernel.execution.Order;
import dev.tandem.kernel.execution.OrderManager;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.execution.OrderView;
import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.journal.TraceHash;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.portfolio.Portfolio;
import dev.tandem.kernel.portfolio.PortfolioView;
import dev.tandem.kernel.portfolio.PositionUpdate;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.reconcile.Drift;
import dev.tandem.kernel.reconcile.Reconciler;
import dev.tandem.kernel.risk.RiskActions;
import dev.tandem.kernel.risk.RiskDecision;
import dev.tandem.kernel.risk.RiskEngine;
import dev.tandem.kernel.strategy.OpenOrder;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategyParams;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.Scheduler;
import dev.tandem.kernel.time.SimClock;
import dev.tandem.kernel.time.TimeEvent;
import dev.tandem.kernel.time.TimerQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic trading kernel: one single-threaded state machine that turns inbound events (market data, venue
 * reports, operator commands) and its own timers into commands to venue ports and outbound events.
 *
 * <p>Life of a quote: {@link #onEvent} → journal → {@link DataEngine} → portfolio valuation and risk triggers →
 * strategy callbacks. Life of an order: {@link StrategyContext#submit} → {@link RiskEngine#check} →
 * {@link OrderManager} (ids, breaker, limiter, retry) → {@link ExecutionPort}; reports come back through
 * {@link #onEvent} → {@link OrderManager#onReport} → order events → {@link Portfolio}, risk, strategy.
 *
 * <p>Every outbound event passes through one {@link EventSink} ({@link #emit}), which hashes it into the trace, lets
 * the portfolio and risk engine react synchronously, tells listeners, and queues it for the owning strategy. Strategy
 * callbacks run after the triggering event is fully handled (a FIFO drained at the end of each inbound event), so a
 * strategy never re-enters the kernel in the middle of a state change, and a bound on each strategy's callbacks per
 * inbound event stops runaway loops.
 */
public final class Kernel {
    /** Timer of a reconciliation deferred until the end of a venue's rate-limit backoff; the venue follows. */
    private static final String RECONCILE_AFTER_BACKOFF = "kernel:reconcile-after-backoff:";
    /**
     * Timer name prefix: reconcile a venue again because the last answer arrived while orders were in flight (see
     * {@link #unsettledInstruments}).
     */
    private static final String RECONCILE_DEFERRED = "kernel:reconcile-deferred:";
    /** How long to wait before asking again when a reconciliation had to be deferred. */
    private static final long RECONCILE_DEFER_NANOS = 1_000_000_000L;

    /** Receives every outbound event, in trace order, after the kernel's own reactions to it. */
    @FunctionalInterface
    public interface Listener {
        /** Called for each outbound event, in order. */
        void onEvent(KernelEvent event);
    }

    private final KernelConfig config;
    private final InstrumentRegistry instruments;
    private final SimClock clock;
    private final TimerQueue<String> timers = new TimerQueue<>();
    private final DataEngine data = new DataEngine();
    private final Portfolio portfolio;
    private final OrderManager orders;
    private final RiskEngine risk;
    private final Map<String, ExecutionPort> ports;
    private final EventJournal journal;
    private final TraceHash trace = new TraceHash();
    /** Position/balance differences seen once and waiting for a second sighting ({@link #confirmed}); sorted keys. */
    private final TreeMap<String, Long> driftCandidates = new TreeMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<StrategyId, StrategySlot> strategies = new LinkedHashMap<>();
    private final Map<InstrumentId, StrategySlot[]> subscribers = new LinkedHashMap<>();
    /** The instrument of the last market-data event and its subscribers (a cache of {@link #subscribers}). */
    private InstrumentId lastSubscribedId;
    private StrategySlot[] lastSubscribers;
    private final ArrayDeque<Object[]> strategyQueue = new ArrayDeque<>();
    /** Outbound events hashed but not yet delivered to listeners, in trace order (see {@link #emit}). */
    private final ArrayDeque<KernelEvent> unheard = new ArrayDeque<>();
    private boolean notifying;
    private final SinkImpl sink = new SinkImpl();
    private final SchedulerImpl scheduler = new SchedulerImpl();
    private long inboundSeq;
    private boolean started;
    private boolean draining;
    /** The snapshot this kernel was restored from (null for a kernel started from its configuration). */
    private KernelSnapshot restoredFrom;
    /** The order being re-checked by risk on leaving the local queue, or null (see {@link #recheck}). */
    private ClientOrderId rechecking;

    /** One registered strategy and its context. */
    private final class StrategySlot implements StrategyContext {
        final StrategySpec spec;
        final Strategy strategy;
        final StrategyParams params;
        final RandomSource random;

        StrategySlot(final StrategySpec spec) {
            this.spec = spec;
            this.strategy = spec.strategy();
            this.params = new StrategyParams(spec.id().value(), spec.parameters());
            this.random = RandomSource.forComponent(config.seed(), "strategy:" + spec.id().value());
        }

        @Override
        public StrategyId strategyId() {
            return spec.id();
        }

        @Override
        public long nowNanos() {
            return clock.nowNanos();
        }

        @Override
        public Instrument instrument(final InstrumentId id) {
            return instruments.get(id);
        }

        @Override
        public StrategyParams params() {
            return params;
        }

        @Override
        public RandomSource random() {
            return random;
        }

        @Override
        public SubmitResult submit(final OrderIntent intent) {
            final OrderIntent own = intent.strategyId().equals(spec.id())
                    ? intent
                    : new OrderIntent(spec.id(), intent.instrumentId(), intent.side(), intent.type(), intent.timeInForce(),
                            intent.price(), intent.triggerPrice(), intent.qty(), intent.reduceOnly());
            return submitIntent(own);
        }

        @Override
        public ReasonCode cancel(final ClientOrderId id) {
            final Order o = orders.order(id);
            if (o == null || !o.strategyId().equals(spec.id())) {
                return ReasonCode.EXEC_UNKNOWN_ORDER;
            }
            return orders.cancel(id);
        }

        @Override
        public ReasonCode amend(final ClientOrderId id, final long newPrice, final long newQty) {
            final Order o = orders.order(id);
            if (o == null || !o.strategyId().equals(spec.id())) {
                return ReasonCode.EXEC_UNKNOWN_ORDER;
            }
            return orders.amend(id, newPrice, newQty);
        }

        @Override
        public void cancelAll(final InstrumentId id) {
            for (final Order o : orders.openOrders(id)) {
                if (o.strategyId().equals(spec.id())) {
                    orders.cancel(o.clientOrderId());
                }
            }
        }

        @Override
        public List<OpenOrder> openOrders() {
            final List<OpenOrder> out = new ArrayList<>();
            for (final Order o : orders.openOrders()) {
                if (o.strategyId().equals(spec.id())) {
                    out.add(new OpenOrder(o.clientOrderId(), o.instrumentId(), o.side(), o.type(), o.price(), o.qty(),
                            o.filledQty(), o.state().name()));
                }
            }
            return out;
        }

        @Override
        public PortfolioView portfolio() {
            return portfolio;
        }

        @Override
        public dev.tandem.kernel.data.MarketView market() {
            return data;
        }

        @Override
        public TradingState tradingState() {
            return risk.tradingState();
        }

        @Override
        public StrategyState state() {
            return risk.strategyState(spec.id());
        }

        @Override
        public void setTimer(final String name, final long deadlineNanos) {
            final String full = timerName(name);
            timers.cancelAll(full);
            timers.schedule(full, Math.max(deadlineNanos, clock.nowNanos()), full);
        }

        @Override
        public void cancelTimer(final String name) {
            timers.cancelAll(timerName(name));
        }

        private String timerName(final String name) {
            return "strategy:" + spec.id().value() + ":" + name;
        }
    }

    private final class SinkImpl implements EventSink {
        @Override
        public void emit(final KernelEvent event) {
            Kernel.this.emit(event);
        }
    }

    private final class SchedulerImpl implements Scheduler {
        @Override
        public long nowNanos() {
            return clock.nowNanos();
        }

        @Override
        public long schedule(final String name, final long deadlineNanos) {
            return timers.schedule(name, Math.max(deadlineNanos, clock.nowNanos()), name);
        }

        @Override
        public int cancel(final String name) {
            return timers.cancelAll(name);
        }
    }

    private final class Actions implements RiskActions {
        @Override
        public void cancelAll() {
            for (final Instrument i : instruments.all()) {
                if (!orders.openOrders(i.id()).isEmpty()) {
                    orders.cancelAll(i.id());
                }
            }
        }

        @Override
        public void cancelAllForStrategy(final StrategyId strategyId) {
            for (final Order o : orders.openOrders()) {
                // not the order whose re-check disabled the strategy: the re-check's answer denies it
                if (o.strategyId().equals(strategyId) && !o.clientOrderId().equals(rechecking)) {
                    orders.cancel(o.clientOrderId());
                }
            }
        }

        @Override
        public void flatten(final InstrumentId id) {
            final Instrument i = instruments.get(id);
            long qty = portfolio.positionQty(id);
            if (i.kind() == InstrumentKind.SPOT) {
                qty = i.roundQtyDown(Math.max(0, qty));
            }
            if (qty == 0) {
                return;
            }
            final Side side = Side.reducing(qty);
            submitIntent(new OrderIntent(StrategyId.RISK, id, side, OrderType.MARKET, TimeInForce.IOC, 0, 0, Math.abs(qty), true));
        }

        @Override
        public void flattenAll() {
            for (final Instrument i : instruments.all()) {
                flatten(i.id());
            }
        }
    }

    /**
     * A kernel wired to its venue ports (one per venue named by the instruments).
     *
     * @param config  the run configuration (seed required)
     * @param ports   execution ports by venue
     * @param journal where inbound events are journaled before handling ({@link EventJournal#NONE} for none)
     */
    public Kernel(final KernelConfig config, final List<ExecutionPort> ports, final EventJournal journal) {
        this.config = config;
        this.instruments = InstrumentRegistry.of(config.instruments());
        this.clock = new SimClock(config.startTimeNanos());
        this.journal = journal;
        this.ports = new TreeMap<>();
        for (final ExecutionPort p : ports) {
            if (this.ports.put(p.venue(), p) != null) {
                throw new IllegalArgumentException("two execution ports for venue " + p.venue());
            }
        }
        for (final String venue : instruments.venues()) {
            if (!this.ports.containsKey(venue)) {
                throw new IllegalArgumentException("no execution port for venue " + venue + " (instruments trade there)");
            }
        }
        this.portfolio = new Portfolio(config.accountCurrency(), instruments, config.initialBalances());
        for (final Instrument i : instruments.all()) {
            if (i.isPerpetual()) {
                portfolio.setLeverage(i.id(), config.leverage().getOrDefault(i.id(), 1));
            }
        }
        this.orders = new OrderManager(config.execution(), instruments, this.ports, scheduler,
                RandomSource.forComponent(config.seed(), "exec.jitter"), sink,
                this::recheck,
                new ClientOrderIdGenerator(config.runTag()));
        this.risk = new RiskEngine(config.risk(), instruments, portfolio, data, new RiskOrderView(), scheduler, sink, new Actions());
    }

    /**
     * Risk re-check of an order leaving the local queue (breaker closed, token available). The order is still open
     * (PENDING_NEW) in the order manager; as {@link dev.tandem.kernel.execution.RiskRecheck} requires, the risk
     * engine sees it once, as the intent, and not again among the resting orders ({@link RiskOrderView}).
     */
    private ReasonCode recheck(final Order order) {
        rechecking = order.clientOrderId();
        try {
            return risk.check(intentOf(order)).reason();
        } finally {
            rechecking = null;
        }
    }

    /** The order manager as the risk engine sees it: without the order under re-check, if any. */
    private final class RiskOrderView implements OrderView {
        private Order excluded() {
            final Order o = rechecking == null ? null : orders.order(rechecking);
            return o != null && o.isOpen() ? o : null;
        }

        @Override
        public long openLeavesQty(final InstrumentId instrumentId, final Side side) {
            final long leaves = orders.openLeavesQty(instrumentId, side);
            final Order x = excluded();
            return x != null && x.instrumentId().equals(instrumentId) && x.side() == side ? leaves - x.leavesQty() : leaves;
        }

        @Override
        public int openOrderCount(final StrategyId strategyId) {
            final Order x = excluded();
            return orders.openOrderCount(strategyId) - (x != null && x.strategyId().equals(strategyId) ? 1 : 0);
        }

        @Override
        public int openOrderCount() {
            return orders.openOrderCount() - (excluded() != null ? 1 : 0);
        }

        @Override
        public BreakerState breakerState(final String venue) {
            return orders.breakerState(venue);
        }
    }

    private static OrderIntent intentOf(final Order o) {
        return new OrderIntent(o.strategyId(), o.instrumentId(), o.side(), o.type(), o.timeInForce(), o.price(),
                o.triggerPrice(), o.qty() - o.filledQty(), o.reduceOnly());
    }

    /** Registers a strategy (before {@link #start()}). */
    public Kernel addStrategy(final StrategySpec spec) {
        if (started || restoredFrom != null) {
            throw new IllegalStateException("strategies are added before start");
        }
        if (strategies.containsKey(spec.id()) || spec.id().equals(StrategyId.RISK)) {
            throw new IllegalArgumentException("duplicate or reserved strategy id " + spec.id());
        }
        for (final InstrumentId id : spec.instruments()) {
            instruments.get(id);
        }
        final StrategySlot slot = new StrategySlot(spec);
        strategies.put(spec.id(), slot);
        for (final InstrumentId id : spec.instruments()) {
            final StrategySlot[] old = subscribers.getOrDefault(id, new StrategySlot[0]);
            final StrategySlot[] now = java.util.Arrays.copyOf(old, old.length + 1);
            now[old.length] = slot;
            subscribers.put(id, now);
            lastSubscribedId = null;
        }
        risk.registerStrategy(spec.id(), new java.util.TreeSet<>(spec.instruments()), spec.marketMaker());
        return this;
    }

    /** Adds a listener for outbound events. */
    public Kernel addListener(final Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts the kernel: emits {@link KernelStarted}, starts strategies, schedules periodic reconciliation. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (restoredFrom != null) {
            startRestored();
            return;
        }
        started = true;
        emit(new KernelStarted(config.seed(), config.runTag(), config.fingerprint(), clock.nowNanos(), clock.nowNanos()));
        risk.onEquity(portfolio.equityMoney());
        for (final StrategySlot s : strategies.values()) {
            s.strategy.onStart(s);
        }
        if (config.reconcileIntervalNanos() > 0) {
            for (final String venue : ports.keySet()) {
                timers.schedule("kernel:reconcile:" + venue, clock.nowNanos() + config.reconcileIntervalNanos(), "kernel:reconcile:" + venue);
            }
        }
        drainStrategyQueue();
    }

    /** Stops strategies (no further callbacks). */
    public void stop() {
        for (final StrategySlot s : strategies.values()) {
            s.strategy.onStop();
        }
    }

    /** Kernel time. */
    public long nowNanos() {
        return clock.nowNanos();
    }

    /** Deadline of the next timer, or Long.MAX_VALUE. */
    public long nextTimerNanos() {
        return timers.nextDeadlineNanos();
    }

    /**
     * Fires every timer due at or before {@code nanos} in (deadline, name, sequence) order, each at its own
     * deadline, then moves the clock to {@code nanos}. Live runners call this when idle; the simulation loop calls
     * it between events.
     */
    public void advanceTo(final long nanos) {
        while (timers.poll(nanos)) { // allocation-free: the staleness timer fires every few trades of a sparse tape
            final long deadline = timers.polledDeadlineNanos();
            clock.advanceTo(Math.max(clock.nowNanos(), deadline));
            fireTimer(timers.polledName(), deadline, timers.polledSeq());
            drainStrategyQueue();
        }
        if (nanos > clock.nowNanos()) {
            clock.advanceTo(nanos);
        }
    }

    private void fireTimer(final String name, final long deadline, final long seq) {
        final int colon = name.indexOf(':');
        // the owner is the part before the first ':'; matched in place (a stale-data timer fires every few trades on
        // a sparse tape, and a substring per firing was garbage for nothing)
        final int ownerLength = colon < 0 ? name.length() : colon;
        if (isOwner(name, ownerLength, "exec")) {
            orders.onTimer(name, deadline);
            return;
        }
        if (isOwner(name, ownerLength, "risk")) {
            risk.onTimer(name, deadline);
            return;
        }
        final String owner = name.substring(0, ownerLength);
        switch (owner) {
            case "kernel" -> {
                if (name.startsWith(RECONCILE_AFTER_BACKOFF)) {
                    requestReconciliation(name.substring(RECONCILE_AFTER_BACKOFF.length()));
                    return;
                }
                if (name.startsWith(RECONCILE_DEFERRED)) {
                    requestReconciliation(name.substring(RECONCILE_DEFERRED.length()));
                    return;
                }
                final String venue = name.substring("kernel:reconcile:".length());
                requestReconciliation(venue);
                timers.schedule(name, deadline + config.reconcileIntervalNanos(), name);
            }
            case "strategy" -> {
                final int second = name.indexOf(':', colon + 1);
                final StrategySlot s = strategies.get(new StrategyId(name.substring(colon + 1, second)));
                if (s != null) {
                    strategyQueue.add(new Object[] {s, new TimeEvent(name.substring(second + 1), deadline, seq, clock.nowNanos())});
                }
            }
            default -> throw new IllegalStateException("timer with unknown owner: " + name);
        }
    }

    private static boolean isOwner(final String name, final int ownerLength, final String owner) {
        return ownerLength == owner.length() && name.startsWith(owner);
    }

    /**
     * Handles one inbound event: advances time to its {@code tsInitNanos} (firing due timers first), journals it with
     * the next sequence number, applies it, then runs the strategy callbacks it caused.
     */
    public void onEvent(final InboundEvent event) {
        if (!started) {
            throw new IllegalStateException("start() the kernel before sending events");
        }
        advanceTo(event.tsInitNanos());
        journal.append(++inboundSeq, event);
        if (event instanceof MarketData md) {
            onMarketData(md);
        } else if (event instanceof ExecutionReport r) {
            onReport(r);
        } else if (event instanceof OperatorCommand c) {
            onOperator(c);
        } else {
            throw new IllegalArgumentException("unknown inbound event type " + event.getClass().getName());
        }
        drainStrategyQueue();
    }

    private void onMarketData(final MarketData md) {
        data.onData(md);
        final InstrumentId id = md.instrumentId();
        risk.onMarketData(id);
        if (!(md instanceof FundingRate)) {
            final long px = data.referencePrice(id);
            if (px > 0) {
                portfolio.onMarkPrice(id, px);
                if (portfolio.positionQty(id) != 0) {
                    checkAccountRisk(id);
                }
            }
        }
        final StrategySlot[] subs;
        if (id == lastSubscribedId && id != null) {
            subs = lastSubscribers; // the same instrument as the previous event, nearly always
        } else {
            subs = subscribers.get(id);
            lastSubscribedId = id;
            lastSubscribers = subs;
        }
        if (subs == null) {
            return;
        }
        for (final StrategySlot s : subs) {
            if (risk.strategyState(s.spec.id()) == StrategyState.DISABLED) {
                continue;
            }
            if (md instanceof Bar b) {
                s.strategy.onBar(b);
            } else if (md instanceof TradeTick t) {
                s.strategy.onTrade(t);
            } else if (md instanceof QuoteTick q) {
                s.strategy.onQuote(q);
            } else if (md instanceof BookSnapshot b) {
                s.strategy.onBook(b);
            } else if (md instanceof MarkPrice m) {
                s.strategy.onMarkPrice(m);
            } else if (md instanceof FundingRate f) {
                s.strategy.onFundingRate(f);
            }
        }
    }

    private void checkAccountRisk(final InstrumentId id) {
        risk.onMarkPrice(id);
        risk.onEquity(portfolio.equityMoney());
        risk.onMarginRatio(portfolio.marginRatio());
    }

    private void onReport(final ExecutionReport r) {
        if (r instanceof VenueOpenOrders o) {
            orders.onReport(r);
            reconcileOrders(o);
        } else if (r instanceof VenuePositions p) {
            orders.onReport(r);
            reconcilePositions(p);
        } else if (r instanceof VenueBalances b) {
            orders.onReport(r);
            reconcileBalances(b);
        } else if (r instanceof FundingSettled f) {
            final Instrument i = instruments.find(f.instrumentId());
            if (i == null || !i.isPerpetual()) {
                return;
            }
            final long qty = portfolio.positionQty(f.instrumentId());
            final long amount = portfolio.applyFunding(f.instrumentId(), f.fundingRate(), f.markPrice());
            if (qty != 0) {
                emit(new FundingApplied(f.instrumentId(), qty, f.markPrice(), f.fundingRate(), amount, f.tsEventNanos(), clock.nowNanos()));
                emitPosition(f.instrumentId(), f.tsEventNanos());
                checkAccountRisk(f.instrumentId());
            }
        } else if (r instanceof VenueFill f && f.clientOrderId() == null) {
            onExternalFill(f);
        } else {
            orders.onReport(r);
        }
    }

    /** A fill of an order this process did not place: the venue's liquidation engine or another client. */
    private void onExternalFill(final VenueFill f) {
        if (instruments.find(f.instrumentId()) == null) {
            return;
        }
        final long before = portfolio.positionQty(f.instrumentId());
        portfolio.onFill(f.instrumentId(), f.side(), f.price(), f.qty(), f.feeMoney());
        final long after = portfolio.positionQty(f.instrumentId());
        final DriftKind kind = f.liquidity() == Liquidity.LIQUIDATION ? DriftKind.LIQUIDATION : DriftKind.EXTERNAL_FILL;
        emit(new DriftDetected(f.venue(), kind, f.instrumentId(), null, null, before, after,
                "fill " + f.tradeId() + " of an order not placed by this process", f.tsEventNanos(), clock.nowNanos()));
        emitPosition(f.instrumentId(), f.tsEventNanos());
        checkAccountRisk(f.instrumentId());
    }

    private void onOperator(final OperatorCommand c) {
        if (c instanceof EngageKillSwitch k) {
            risk.engageKillSwitch(k.operator(), k.reason(), k.flatten());
        } else if (c instanceof DisengageKillSwitch d) {
            risk.disengageKillSwitch(d.operator(), d.reason());
        } else if (c instanceof PauseStrategy p) {
            risk.pauseStrategy(p.strategyId(), p.operator(), p.reason());
        } else if (c instanceof ResumeStrategy r) {
            risk.resumeStrategy(r.strategyId(), r.operator(), r.reason());
        } else if (c instanceof ClosePosition cp) {
            new Actions().flatten(cp.instrumentId());
        } else if (c instanceof ReconcileNow rn) {
            requestReconciliation(rn.venue());
        }
    }

    /** Sends the three reconciliation queries to a venue; answers are reconciled when they arrive. */
    public void requestReconciliation(final String venue) {
        final ExecutionPort port = ports.get(venue);
        if (port == null) {
            return;
        }
        final long now = clock.nowNanos();
        final long backoffUntil = orders.backoffUntilNanos(venue);
        if (now < backoffUntil) {
            // The venue answered RATE_LIMITED: nothing at all may reach it before its retry-after has passed (the
            // order manager's promise; venues ban clients that ignore it). Ask when the backoff ends (one pending ask).
            final String later = RECONCILE_AFTER_BACKOFF + venue;
            timers.cancelAll(later);
            timers.schedule(later, backoffUntil, later);
            return;
        }
        port.queryOpenOrders(new QueryOpenOrders(orders.allocateCommandId(), now, venue));
        port.queryPositions(new QueryPositions(orders.allocateCommandId(), now, venue));
        port.queryBalances(new QueryBalances(orders.allocateCommandId(), now, venue));
    }

    private void reconcileOrders(final VenueOpenOrders snapshot) {
        final List<VenueOrder> local = new ArrayList<>();
        for (final Order o : orders.openOrders()) {
            if (o.instrumentId().venue().equals(snapshot.venue()) && isAcknowledged(o)) {
                local.add(toVenueOrder(o));
            }
        }
        final List<Drift> drifts = Reconciler.reconcileOrders(local, snapshot.orders());
        for (final Drift d : drifts) {
            emitDrift(snapshot.venue(), d, snapshot.tsEventNanos());
        }
        adoptOrders(snapshot, drifts);
        emit(new ReconciliationCompleted(snapshot.venue(), "ORDERS", drifts.size(), snapshot.tsEventNanos(), clock.nowNanos()));
    }

    /** Acknowledged by the venue and still open: the orders a venue snapshot must contain. */
    private static boolean isAcknowledged(final Order o) {
        return o.isOpen() && !o.isQueued() && o.venueOrderId() != null;
    }

    private static VenueOrder toVenueOrder(final Order o) {
        final VenueOrderStatus status = o.filledQty() > 0 ? VenueOrderStatus.PARTIALLY_FILLED : VenueOrderStatus.NEW;
        return new VenueOrder(o.clientOrderId(), o.venueOrderId(), o.instrumentId(), o.side(), o.type(), o.price(), o.qty(),
                o.filledQty(), o.avgFillPrice(), status);
    }

    /**
     * Adopts the venue's truth for our orders by feeding the order manager a status report per drift: fills and
     * statuses we missed are applied (inferred fills with deterministic trade ids). An order missing at the venue is
     * not closed on that evidence: the order manager asks the venue for its status ({@link OrderManager#queryMissing}),
     * and the answer books its fills or closes it. Orders the venue has and we do not know are only reported: they
     * may belong to a person trading the same account, so the kernel neither adopts nor cancels them.
     */
    private void adoptOrders(final VenueOpenOrders snapshot, final List<Drift> drifts) {
        final TreeMap<ClientOrderId, VenueOrder> venueById = new TreeMap<>();
        for (final VenueOrder vo : snapshot.orders()) {
            if (vo.clientOrderId() != null) {
                venueById.put(vo.clientOrderId(), vo);
            }
        }
        final java.util.TreeSet<ClientOrderId> done = new java.util.TreeSet<>();
        for (final Drift d : drifts) {
            final ClientOrderId id = d.clientOrderId();
            if (id == null || !done.add(id) || orders.order(id) == null) {
                continue;
            }
            final VenueOrder venueView;
            if (d.kind() == DriftKind.MISSING_ORDER) {
                // Absent from the open orders does not say how it ended: it may have filled with every fill report
                // lost or still on the way. Ask the venue; its answer books the fills or closes the order.
                orders.queryMissing(id);
                continue;
            } else if (d.kind() == DriftKind.EXTERNAL_FILL || d.kind() == DriftKind.ORDER_STATUS) {
                venueView = venueById.get(id);
            } else {
                continue;
            }
            orders.onReport(new VenueOrderStatusReport(snapshot.venue(), id, venueView, snapshot.tsEventNanos(), clock.nowNanos()));
        }
    }

    private void reconcilePositions(final VenuePositions snapshot) {
        final java.util.TreeSet<InstrumentId> ids = new java.util.TreeSet<>();
        for (final Instrument i : instruments.all()) {
            if (i.id().venue().equals(snapshot.venue()) && i.isPerpetual()) {
                ids.add(i.id());
            }
        }
        // A position snapshot races with reports still in flight: an order whose outcome is unknown, or that is
        // pending at the venue, may already be in the venue's position while its fill has not reached us (or will be
        // inferred by the pending status query). Adopting now would count that fill twice. Such instruments are left
        // out of this pass and the venue is asked again shortly.
        final java.util.TreeSet<InstrumentId> unsettled = unsettledInstruments(snapshot.venue());
        if (predatesBookedReports(snapshot.venue(), snapshot.tsEventNanos())) {
            ids.clear(); // older than a fill we booked: adopting it would undo that fill
            deferReconciliation(snapshot.venue());
        } else if (ids.removeAll(unsettled)) {
            deferReconciliation(snapshot.venue());
        }
        final List<Drift> drifts = confirmed(snapshot.venue(), "P", ids, Reconciler.reconcilePositions(portfolio, snapshot.positions(), ids));
        for (final Drift d : drifts) {
            emitDrift(snapshot.venue(), d, snapshot.tsEventNanos());
            final long entry = snapshot.positions().stream()
                    .filter(p -> p.instrumentId().equals(d.instrumentId()))
                    .mapToLong(p -> p.avgEntryPrice())
                    .findFirst()
                    .orElse(0);
            portfolio.adoptPosition(d.instrumentId(), d.venueValue(), entry);
            emitPosition(d.instrumentId(), snapshot.tsEventNanos());
        }
        emit(new ReconciliationCompleted(snapshot.venue(), "POSITIONS", drifts.size(), snapshot.tsEventNanos(), clock.nowNanos()));
    }

    private void reconcileBalances(final VenueBalances snapshot) {
        if (!unsettledInstruments(snapshot.venue()).isEmpty() || predatesBookedReports(snapshot.venue(), snapshot.tsEventNanos())) {
            // same races as for positions: a fill in flight changes the wallet (fees, spot balances)
            deferReconciliation(snapshot.venue());
            emit(new ReconciliationCompleted(snapshot.venue(), "BALANCES", 0, snapshot.tsEventNanos(), clock.nowNanos()));
            return;
        }
        final List<Drift> drifts = confirmed(snapshot.venue(), "B", null, Reconciler.reconcileBalances(portfolio, snapshot.balances()));
        for (final Drift d : drifts) {
            emitDrift(snapshot.venue(), d, snapshot.tsEventNanos());
            portfolio.adoptBalance(d.asset(), d.venueValue());
            // a spot holding is its base asset's balance: the position changed with it
            for (final Instrument i : instruments.all()) {
                if (!i.isPerpetual() && i.id().venue().equals(snapshot.venue()) && i.baseAsset().equals(d.asset())) {
                    emitPosition(i.id(), snapshot.tsEventNanos());
                }
            }
        }
        emit(new ReconciliationCompleted(snapshot.venue(), "BALANCES", drifts.size(), snapshot.tsEventNanos(), clock.nowNanos()));
    }

    /**
     * Instruments of a venue with an order whose fills may be in flight or not yet known: sent and not acknowledged
     * (PENDING_NEW), outcome unknown (UNKNOWN), a cancel in flight (PENDING_CANCEL), or a status query in flight or
     * scheduled (for example about an order reconciliation found missing at the venue).
     */
    private java.util.TreeSet<InstrumentId> unsettledInstruments(final String venue) {
        final java.util.TreeSet<InstrumentId> out = new java.util.TreeSet<>();
        for (final Order o : orders.openOrders()) {
            if (o.instrumentId().venue().equals(venue) && !o.isQueued()
                    && (o.state() == OrderState.PENDING_NEW || o.state() == OrderState.UNKNOWN
                            || o.state() == OrderState.PENDING_CANCEL || orders.hasPendingQuery(o.clientOrderId()))) {
                out.add(o.instrumentId());
            }
        }
        return out;
    }

    /**
     * Position and balance drifts are adopted only when two consecutive snapshots show the same difference (venue
     * minus ours): a fill report and a snapshot travel separately (a WebSocket push and a REST answer live; reordered
     * reports in simulation), so a snapshot can hold a fill whose report is still on the way, and adopting that
     * difference would count the fill twice. A first sighting is kept as a candidate (key: venue, scope, instrument or
     * asset) and the venue is asked again a second later; if our books caught up meanwhile, the difference is gone and
     * so is the candidate. Candidates of keys this pass looked at and found in agreement are dropped; a candidate whose
     * difference changed is replaced and waits for the next periodic reconciliation.
     *
     * @param scope "P" (positions) or "B" (balances)
     * @param looked the instruments this positions pass compared (null for balances: every asset)
     */
    private List<Drift> confirmed(final String venue, final String scope, final java.util.Set<InstrumentId> looked, final List<Drift> found) {
        final String prefix = venue + "|" + scope + "|";
        final TreeMap<String, Long> seen = new TreeMap<>(); // this pass's differences not confirmed yet
        final List<Drift> out = new ArrayList<>();
        for (final Drift d : found) {
            final String key = prefix + (d.asset() != null ? d.asset() : d.instrumentId().toString());
            final long difference = Math.subtractExact(d.venueValue(), d.localValue());
            final Long before = driftCandidates.get(key);
            if (before != null && before == difference) {
                driftCandidates.remove(key);
                out.add(d);
            } else {
                seen.put(key, difference);
            }
        }
        // forget the candidates this pass looked at and found in agreement; keep those it could not look at
        final java.util.Set<String> lookedKeys = new java.util.TreeSet<>();
        if (looked != null) {
            looked.forEach(i -> lookedKeys.add(prefix + i));
        }
        final java.util.SortedMap<String, Long> ofScope = driftCandidates.subMap(prefix, prefix + Character.MAX_VALUE);
        final boolean fresh = !ofScope.keySet().containsAll(seen.keySet());
        ofScope.keySet().removeIf(key -> !seen.containsKey(key) && (looked == null || lookedKeys.contains(key)));
        if (!seen.isEmpty()) {
            driftCandidates.putAll(seen);
            // Ask again soon only for a first sighting. A difference that changed since the last sighting waits for
            // the periodic reconciliation: a venue figure that moves on every snapshot (something we do not model)
            // must not make the kernel poll the venue every second for ever.
            if (fresh) {
                deferReconciliation(venue);
            }
        }
        return out;
    }

    /**
     * True when a venue snapshot was taken (venue time) before the latest fill or funding settlement already booked:
     * it overtook that report on the way, and adopting it would undo what the report booked. The venue is asked again.
     */
    private boolean predatesBookedReports(final String venue, final long snapshotVenueNanos) {
        return snapshotVenueNanos < orders.lastBookedVenueNanos(venue);
    }

    private void deferReconciliation(final String venue) {
        final String name = RECONCILE_DEFERRED + venue;
        timers.cancelAll(name);
        timers.schedule(name, clock.nowNanos() + RECONCILE_DEFER_NANOS, name);
    }

    private void emitDrift(final String venue, final Drift d, final long tsEvent) {
        emit(new DriftDetected(venue, d.kind(), d.instrumentId(), d.clientOrderId(), d.asset(), d.localValue(),
                d.venueValue(), d.detail(), tsEvent, clock.nowNanos()));
    }

    private void emitPosition(final InstrumentId id, final long tsEvent) {
        emit(new PositionChanged(id, portfolio.positionQty(id), portfolio.avgEntryPrice(id),
                portfolio.realizedPnlMoney(id), portfolio.feesMoney(id), portfolio.fundingMoney(id), tsEvent, clock.nowNanos()));
    }

    /** Turns an intent into an order: risk check, then the order manager. */
    private SubmitResult submitIntent(final OrderIntent intent) {
        // Check BEFORE the order exists. A created order is open (PENDING_NEW): the check would count the intent's
        // quantity twice (as resting leaves and as the order) in the exposure and REDUCING checks, and a check that
        // disables the strategy (rate abuse) would cancel the order it is deciding on, which then cannot be denied.
        final RiskDecision decision = risk.check(intent);
        if (!decision.passed() && intent.qty() <= 0) {
            // not even an order (orders have a positive quantity): a strategy's bad input is denied, never a crash
            final ClientOrderId id = orders.denyIntent(intent, decision.reason(), decision.message());
            return new SubmitResult(id, decision.reason(), decision.message());
        }
        final Order order = orders.create(intent);
        if (!decision.passed()) {
            orders.deny(order, decision.reason(), decision.message());
            return new SubmitResult(order.clientOrderId(), decision.reason(), decision.message());
        }
        orders.send(order);
        if (order.state() == OrderState.DENIED) {
            // refused at once by the order manager (breaker open with policy DENY, queue full): report it as denied, or
            // the strategy would take a dead order for one in flight and wait for it
            return new SubmitResult(order.clientOrderId(), order.closeReason(), "denied by the order manager: " + order.closeReason());
        }
        return new SubmitResult(order.clientOrderId(), ReasonCode.NONE, "");
    }

    /**
     * The single path of every outbound event: hashed into the trace, reacted to by the kernel, then delivered to
     * listeners in exactly the trace order (see the queue below).
     */
    private void emit(final KernelEvent event) {
        trace.accept(event);
        // The kernel's reactions below may emit events of their own (a fill's PositionChanged, a breaker's
        // StrategyStateChanged, a halt's cancels). Listeners must still see events in trace order, each after the
        // reactions to it: queue the event now, in trace position, and let the outermost emit deliver the queue.
        unheard.add(event);
        if (event instanceof OrderEvent oe) {
            onOrderEvent(oe);
        } else if (event instanceof CircuitBreakerStateChanged b) {
            risk.onBreakerStateChanged(b.venue(), b.to());
            if (b.to() == BreakerState.CLOSED) {
                requestReconciliation(b.venue());
            }
        }
        if (notifying) {
            return; // an outer emit is delivering: it will reach this event in order
        }
        notifying = true;
        try {
            KernelEvent next;
            while ((next = unheard.poll()) != null) {
                for (int i = 0; i < listeners.size(); i++) { // indexed: no iterator per outbound event
                    listeners.get(i).onEvent(next);
                }
            }
        } finally {
            notifying = false;
        }
    }

    private void onOrderEvent(final OrderEvent e) {
        // queue the owner's callback first, in trace position: the reactions below may emit order events of their own
        // (a fill that halts trading cancels the other orders), which the strategy must hear of after this one
        final StrategySlot owner = strategies.get(e.strategyId());
        if (owner != null) {
            strategyQueue.add(new Object[] {owner, e});
        }
        final Instrument instrument = instruments.find(e.instrumentId());
        final boolean spot = instrument != null && instrument.kind() == InstrumentKind.SPOT;
        if (e instanceof OrderSubmitted s && spot) {
            final long px = s.price() > 0 ? s.price() : data.referencePrice(s.instrumentId());
            portfolio.lock(s.clientOrderId(), s.instrumentId(), s.side(), px, s.qty());
        }
        if (e instanceof OrderFilled f) {
            final PositionUpdate u = portfolio.onFill(f.instrumentId(), f.side(), f.lastPrice(), f.lastQty(), f.feeMoney());
            if (spot) {
                portfolio.onLockFill(f.clientOrderId(), f.lastQty());
            }
            // spot: the holding (base balance), as positionQty and every other PositionChanged say, not only the traded qty
            emit(new PositionChanged(f.instrumentId(), spot ? portfolio.positionQty(f.instrumentId()) : u.signedQty(),
                    u.avgEntryPrice(), u.realizedPnlTotalMoney(),
                    u.feesTotalMoney(), u.fundingTotalMoney(), f.tsEventNanos(), clock.nowNanos()));
        }
        if (spot) {
            final Order o = orders.order(e.clientOrderId());
            if (o != null && o.state().isTerminal()) {
                portfolio.release(e.clientOrderId());
            }
        }
        risk.onOrderEvent(e);
        if (e instanceof OrderFilled f) {
            checkAccountRisk(f.instrumentId());
        }
    }

    private void drainStrategyQueue() {
        // Hot path: every inbound event ends here, and a quote usually queues nothing. Return before the try block
        // so an empty drain costs one check and allocates nothing.
        if (draining || strategyQueue.isEmpty()) {
            return;
        }
        draining = true;
        try {
            // Counted per strategy: a strategy whose finite reactions are queued behind another's flood is not the
            // runaway, and must not be disabled for the other's loop.
            final TreeMap<StrategyId, Integer> callbacks = new TreeMap<>();
            Object[] item;
            // Allocated only when a runaway strategy is found (never in a healthy run): the drain is on the hot
            // path of every inbound event and must not allocate.
            LinkedHashSet<StrategyId> runaway = null;
            while ((item = strategyQueue.poll()) != null) {
                final StrategySlot s = (StrategySlot) item[0];
                if (risk.strategyState(s.spec.id()) == StrategyState.DISABLED && !(item[1] instanceof OrderEvent)) {
                    continue;
                }
                if (callbacks.merge(s.spec.id(), 1, Integer::sum) > config.maxStrategyCallbacksPerEvent()) {
                    // A strategy that keeps reacting to its own events without end: disable it, drop the rest.
                    if (runaway == null) {
                        runaway = new LinkedHashSet<>();
                    }
                    if (runaway.add(s.spec.id())) {
                        risk.disableStrategy(s.spec.id(), RiskTrigger.ORDER_RATE_ABUSE, "more than " + config.maxStrategyCallbacksPerEvent()
                                + " callbacks of this strategy caused by one inbound event");
                    }
                    continue;
                }
                final Object evt = item[1];
                if (evt instanceof TimeEvent t) {
                    s.strategy.onTimer(t);
                } else if (evt instanceof OrderEvent oe) {
                    s.strategy.onOrderEvent(oe);
                    if (oe instanceof OrderFilled f) {
                        s.strategy.onFill(f);
                    }
                }
            }
        } finally {
            draining = false;
        }
    }

    // ---- snapshot and restore (DESIGN §2.8) ----

    /**
     * Everything needed to continue this run exactly, as immutable values ({@link KernelSnapshot#toText()} for
     * storage). Take it between inbound events (not from a listener or a strategy callback), after {@link #start()}.
     * The snapshot holds the state of {@link SnapshottableStrategy} strategies; other strategies are restarted with
     * {@code onStart} on restore.
     */
    public KernelSnapshot snapshot() {
        if (!started) {
            throw new IllegalStateException("start() the kernel before taking a snapshot");
        }
        if (draining || !strategyQueue.isEmpty()) {
            throw new IllegalStateException("a snapshot is taken between inbound events, not while one is handled");
        }
        final List<KernelSnapshot.TimerEntry> pending = new ArrayList<>();
        for (final TimerQueue.Due<String> t : timers.pending()) {
            pending.add(new KernelSnapshot.TimerEntry(t.name(), t.deadlineNanos(), t.seq()));
        }
        final List<KernelSnapshot.StrategyEntry> strategyEntries = new ArrayList<>();
        for (final StrategySlot s : strategies.values()) {
            String state = null;
            if (s.strategy instanceof SnapshottableStrategy ss) {
                state = ss.saveState();
                if (state == null) {
                    throw new IllegalStateException("strategy " + s.spec.id() + " returned no state from saveState()");
                }
            }
            strategyEntries.add(new KernelSnapshot.StrategyEntry(s.spec.id(), s.random.state(), state));
        }
        return new KernelSnapshot(KernelSnapshot.VERSION, config.fingerprint(), clock.nowNanos(), inboundSeq, pending,
                timers.nextSeq(), data.snapshot(), portfolio.snapshot(), orders.snapshot(), risk.snapshot(), strategyEntries,
                driftCandidates, trace.hex(), trace.events());
    }

    /**
     * A kernel that continues the run a snapshot was taken from. The configuration must be the one the snapshot was
     * taken with (same {@link KernelConfig#fingerprint()}), and the strategies the same ids, in the same order, with
     * the same instruments and market-maker flag. The returned kernel holds the snapshot's state (its
     * {@link #stateDigest()} equals the original's at the snapshot) and is not started: add listeners, then call
     * {@link #start()}, which emits nothing of its own (no second {@link KernelStarted}) and does not schedule
     * reconciliation again (pending timers are restored); it calls
     * {@link SnapshottableStrategy#restoreState} on strategies whose state is in the snapshot and {@code onStart} on
     * the others. Inbound sequence numbers continue from the snapshot's; {@link #traceHash()} continues as a new chain
     * seeded by the snapshot's trace hash (see {@link TraceHash#continueFrom}).
     *
     * @throws IllegalArgumentException if the snapshot belongs to another configuration or other strategies
     */
    public static Kernel restore(
            final KernelConfig config,
            final List<ExecutionPort> ports,
            final EventJournal journal,
            final List<StrategySpec> strategySpecs,
            final KernelSnapshot snapshot) {
        checkRestorable(config, strategySpecs, snapshot);
        final Kernel k = new Kernel(config, ports, journal);
        k.restoreState(strategySpecs, snapshot);
        return k;
    }

    private static void checkRestorable(final KernelConfig config, final List<StrategySpec> specs, final KernelSnapshot snapshot) {
        final String fingerprint = config.fingerprint();
        if (!fingerprint.equals(snapshot.configFingerprint())) {
            throw new IllegalArgumentException("snapshot was taken with configuration " + snapshot.configFingerprint()
                    + " but this configuration is " + fingerprint
                    + "; a snapshot restores only into the configuration it was taken with (same seed, run tag, instruments, balances, limits)");
        }
        final List<StrategyId> given = new ArrayList<>();
        specs.forEach(s -> given.add(s.id()));
        final List<StrategyId> saved = new ArrayList<>();
        snapshot.strategies().forEach(s -> saved.add(s.id()));
        if (!given.equals(saved)) {
            throw new IllegalArgumentException("snapshot has strategies " + saved + " but " + given
                    + " were given; a restore needs the same strategies in the same order");
        }
        final TreeMap<StrategyId, dev.tandem.kernel.risk.RiskSnapshot.StrategySnapshot> risked = new TreeMap<>();
        snapshot.risk().strategies().forEach(s -> risked.put(s.id(), s));
        if (risked.size() != given.size() || !risked.keySet().containsAll(given)) {
            throw new IllegalArgumentException("snapshot's risk state has strategies " + risked.keySet() + " but its strategy list " + saved);
        }
        for (int i = 0; i < specs.size(); i++) {
            final StrategySpec spec = specs.get(i);
            final var r = risked.get(spec.id());
            final List<InstrumentId> instrumentsSorted = new ArrayList<>(new java.util.TreeSet<>(spec.instruments()));
            if (!instrumentsSorted.equals(r.instruments()) || spec.marketMaker() != r.marketMaker()) {
                throw new IllegalArgumentException("strategy " + spec.id() + " was registered with instruments " + r.instruments()
                        + " and marketMaker=" + r.marketMaker() + " in the snapshot, but is given " + instrumentsSorted
                        + " and marketMaker=" + spec.marketMaker());
            }
            if (snapshot.strategies().get(i).state() != null && !(spec.strategy() instanceof SnapshottableStrategy)) {
                throw new IllegalArgumentException("the snapshot holds the state of strategy " + spec.id()
                        + " but the strategy given for it is not a SnapshottableStrategy");
            }
        }
    }

    /** Puts a snapshot's state into this fresh kernel (registers strategies without their risk side effects). */
    private void restoreState(final List<StrategySpec> specs, final KernelSnapshot snapshot) {
        for (final StrategySpec spec : specs) {
            final StrategySlot slot = new StrategySlot(spec);
            strategies.put(spec.id(), slot);
            for (final InstrumentId id : spec.instruments()) {
                final StrategySlot[] old = subscribers.getOrDefault(id, new StrategySlot[0]);
                final StrategySlot[] now = java.util.Arrays.copyOf(old, old.length + 1);
                now[old.length] = slot;
                subscribers.put(id, now);
                lastSubscribedId = null;
            }
        }
        clock.advanceTo(snapshot.clockNanos());
        inboundSeq = snapshot.inboundSeq();
        data.restore(snapshot.data());
        portfolio.restoreState(snapshot.portfolio());
        orders.restore(snapshot.execution());
        risk.restore(snapshot.risk());
        driftCandidates.clear();
        driftCandidates.putAll(snapshot.driftCandidates());
        for (final KernelSnapshot.TimerEntry t : snapshot.timers()) {
            timers.restore(new TimerQueue.Due<>(t.name(), t.deadlineNanos(), t.seq(), t.name()), snapshot.timerNextSeq());
        }
        timers.restoreNextSeq(snapshot.timerNextSeq());
        for (final KernelSnapshot.StrategyEntry e : snapshot.strategies()) {
            strategies.get(e.id()).random.restore(e.randomState());
        }
        trace.continueFrom(snapshot.traceHash(), snapshot.outboundEvents());
        restoredFrom = snapshot;
    }

    /** {@link #start()} of a restored kernel: strategies resume or restart; nothing else happens. */
    private void startRestored() {
        started = true;
        int i = 0;
        for (final StrategySlot s : strategies.values()) {
            final String state = restoredFrom.strategies().get(i++).state();
            if (state != null) {
                ((SnapshottableStrategy) s.strategy).restoreState(s, state);
            } else {
                s.strategy.onStart(s);
            }
        }
        drainStrategyQueue();
    }

    /** Whether this kernel was restored from a snapshot ({@link #restore}). */
    public boolean isRestored() {
        return restoredFrom != null;
    }

    // ---- inspection ----

    /** The portfolio (read-only view). */
    public PortfolioView portfolio() {
        return portfolio;
    }

    /** The order manager (for inspection and tests). */
    public OrderManager orders() {
        return orders;
    }

    /** The risk engine (for inspection and tests). */
    public RiskEngine risk() {
        return risk;
    }

    /** The latest market state. */
    public DataEngine data() {
        return data;
    }

    /** The run's configuration. */
    public KernelConfig config() {
        return config;
    }

    /** Number of inbound events handled. */
    public long inboundSeq() {
        return inboundSeq;
    }

    /** The trace hash of all outbound events so far. */
    public String traceHash() {
        return trace.hex();
    }

    /** Number of outbound events so far. */
    public long outboundEvents() {
        return trace.events();
    }

    /** The portfolio's accounting identity violations (empty when the books balance exactly). */
    public List<String> checkInvariants() {
        return portfolio.checkIdentities();
    }

    /** A digest of the whole kernel state, equal for equal states (replay, restore, another JVM). */
    public String stateDigest() {
        final StateDigest d = new StateDigest();
        d.section("kernel").putLong(clock.nowNanos()).putLong(inboundSeq);
        d.section("timers");
        for (final TimerQueue.Due<String> t : timers.pending()) {
            d.putString(t.name()).putLong(t.deadlineNanos());
        }
        data.digest(d);
        portfolio.digest(d);
        orders.digest(d);
        risk.digest(d);
        d.section("strategies");
        for (final StrategySlot s : strategies.values()) {
            d.putString(s.spec.id().value()).putLong(s.random.state());
        }
        d.section("drift-candidates").putInt(driftCandidates.size());
        driftCandidates.forEach((k, v) -> d.putString(k).putLong(v));
        return d.hex();
    }
}
