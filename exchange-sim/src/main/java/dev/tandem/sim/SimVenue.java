package dev.tandem.sim;

import dev.tandem.kernel.SimulationLoop;
import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.sim.account.AdlFill;
import dev.tandem.sim.account.FundingEngine;
import dev.tandem.sim.account.FundingPayment;
import dev.tandem.sim.account.FundingSettlement;
import dev.tandem.sim.account.LiquidationEngine;
import dev.tandem.sim.account.LiquidationExecutor;
import dev.tandem.sim.account.LiquidationReport;
import dev.tandem.sim.account.Takeover;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultInjector;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.InjectedFault;
import dev.tandem.sim.fault.LatencyModel;
import dev.tandem.sim.matching.BookRules;
import dev.tandem.sim.matching.BookState;
import dev.tandem.sim.matching.CancelReason;
import dev.tandem.sim.matching.MatchListener;
import dev.tandem.sim.matching.MatchingEngine;
import dev.tandem.sim.matching.OrderBook;
import dev.tandem.sim.matching.RejectReason;
import dev.tandem.sim.matching.TriggerSource;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * One simulated venue: a {@link MatchingEngine} per instrument, a {@link VenueLedger} of accounts, latency and
 * fault injection, all driven by the kernel's {@link SimulationLoop} (no clock, no threads, no timers of its own).
 *
 * <p>Wiring (the loop needs the kernel, the kernel needs the ports):
 * <pre>{@code
 * SimVenue venue = new SimVenue(venueConfig);                 // accounts, instruments, latency, faults
 * SimExecutionPort port = venue.executionPort(account);       // the kernel's account
 * Kernel kernel = new Kernel(kernelConfig, List.of(port), journal);
 * SimulationLoop loop = new SimulationLoop(kernel);
 * venue.attach(loop);                                         // schedules faults, starts agents
 * venue.marketDataPort().subscribe(btc.id(), EnumSet.allOf(DataKind.class));
 * venue.addReplay(bars.iterator());                           // market data, read lazily
 * kernel.start(); loop.runUntil(end);
 * }</pre>
 *
 * <p>Everything the venue does happens in a loop action at venue time (the loop's time): a request arriving after
 * its order-entry latency, a replayed market-data event at its {@code tsEventNanos}, a fault's start or end, an
 * agent's action. Reports and market data go back to the kernel through {@link SimulationLoop#publish} with
 * {@code tsEventNanos} = venue time and {@code tsInitNanos} = venue time + latency. At the end of each action the
 * venue publishes what changed in its books (quotes and snapshots for subscribers).
 *
 * <p>Venue rules are those of the matching engine (module README); on top of them: a second submit with a client
 * order id the account already used is rejected with {@code VENUE_DUPLICATE_CLIENT_ID} and never creates a
 * second order; the ledger may refuse an order ({@code VENUE_INSUFFICIENT_BALANCE}); a cancel or amend of an order
 * that is filled or closed is refused with {@code VENUE_ALREADY_FILLED} / {@code VENUE_ALREADY_CLOSED}, of an
 * unknown order with {@code VENUE_ORDER_NOT_FOUND}; the venue's own trades move its last price (configurable), so
 * stops trigger on them; bars, trades and marks from replayed data move its last and mark prices; bar-driven runs
 * get bar liquidity per the configured {@link BarFill}.
 *
 * <p>Not thread-safe: one loop drives it.
 */
public final class SimVenue {

    /** The reserved account of bar liquidity: its trades are public (trade prints) but book nowhere. */
    public static final long BAR_LIQUIDITY_ACCOUNT = -1L;

    /** A bound on rounds of own-trade price feeding and trade-through orders within one action. */
    private static final int MAX_ROUNDS = 100_000;

    private final SimVenueConfig config;
    private final String name;
    private final VenueLedger ledger;
    private final LatencyModel latency;
    private final FaultInjector faults;
    private final TreeMap<String, Book> books = new TreeMap<>();
    /** {@link #books}' values in symbol order, for the loop at the end of every action (no iterator per action). */
    private Book[] bookArray = new Book[0];
    private final TreeMap<Long, AccountOrders> accounts = new TreeMap<>();
    private final TreeMap<Long, SimExecutionPort> ports = new TreeMap<>();
    private final SimMarketDataPort marketData;
    private final LongObjectHashMap<SimOrder> live = new LongObjectHashMap<>();
    private final List<AgentSlot> agents = new ArrayList<>();
    private SimulationLoop loop;
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long nextLiquidationId = 1;
    private long actions;
    /** While the venue cancels orders for its own reasons (liquidation), the reason the cancels carry. */
    private ReasonCode cancelOverride;
    /** The client id of the cancel or amend being processed (for the engine's refusals). */
    private ClientOrderId currentClientId;
    /** The MARGIN ledger, or null (then everything below stays null). */
    private final AccountLedger margin;
    private final LiquidationEngine liquidation;
    private FundingEngine funding;
    private boolean inRiskPass;
    private final List<LiquidationReport> liquidations = new ArrayList<>();
    private final List<FundingSettlement> fundingSettlements = new ArrayList<>();

    /** The orders of one account, by client order id. */
    private static final class AccountOrders {
        final TreeMap<ClientOrderId, SimOrder> byClientId = new TreeMap<>();
        final TreeMap<ClientOrderId, SimOrder> open = new TreeMap<>();
    }

    /** A replayed market-data source, read one event ahead. */
    /**
     * One replay source and its next event's venue action. A source has at most one action scheduled at a time (each
     * schedules the next), so the action is this object, reused: no closure per replayed event.
     */
    private final class Replay implements Runnable {
        final Iterator<? extends MarketData> source;
        long lastNanos = Long.MIN_VALUE;
        /** The event of the scheduled action. */
        MarketData next;
        /** The book of {@link #next}. */
        Book nextBook;
        /** The instrument of the previous event and its book: a source mostly repeats one instrument (a trade tape). */
        InstrumentId lastId;
        Book lastBook;

        Replay(final Iterator<? extends MarketData> source) {
            this.source = source;
        }

        @Override
        public void run() {
            final MarketData md = next;
            final Book b = nextBook;
            next = null;
            nextBook = null;
            onData(b, md);
            endAction();
            pump(this);
        }
    }

    private record AgentSlot(long account, VenueAgent agent) {}

    /**
     * A venue with the configured ledger: {@link SimpleLedger} ({@link LedgerKind#SIMPLE}, the default) or
     * {@link AccountLedger} ({@link LedgerKind#MARGIN}: margin, funding and liquidation through the books).
     */
    public SimVenue(final SimVenueConfig config) {
        this(config, config.ledger() == LedgerKind.MARGIN
                ? new AccountLedger(config.instruments(), config.margin()) : new SimpleLedger());
    }

    /**
     * A venue with another ledger (the full venue-side accounts). The configured accounts are opened in it.
     *
     * @param config the venue's configuration
     * @param ledger an empty ledger
     */
    public SimVenue(final SimVenueConfig config, final VenueLedger ledger) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.venue();
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        final String component = "sim:" + name;
        this.latency = new LatencyModel(config.latency(), config.seed(), component);
        this.faults = new FaultInjector(config.faults(), config.seed(), component);
        for (final SimAccount a : config.accounts()) {
            ledger.open(a.id(), a.balances(), a.unchecked());
            accounts.put(a.id(), new AccountOrders());
        }
        for (final Instrument i : config.instruments()) {
            books.put(i.id().symbol(), new Book(i));
            bookArray = books.values().toArray(new Book[0]);
        }
        this.marketData = new SimMarketDataPort(this);
        if (ledger instanceof AccountLedger a) {
            this.margin = a;
            this.liquidation = new LiquidationEngine(a.simLedger(), new Liquidator(), a.settings().liquidationFeeRate());
        } else {
            this.margin = null;
            this.liquidation = null;
        }
    }

    // =================================================================== wiring

    /** The venue name. */
    public String name() {
        return name;
    }

    /** The configuration. */
    public SimVenueConfig config() {
        return config;
    }

    /**
     * The execution port of an account (one per account; the same object on every call). The account must be in the
     * configuration.
     */
    public SimExecutionPort executionPort(final long account) {
        if (!accounts.containsKey(account)) {
            throw new IllegalArgumentException("venue " + name + " has no account " + account);
        }
        return ports.computeIfAbsent(account, a -> new SimExecutionPort(this, a));
    }

    /** The venue's market-data port. */
    public SimMarketDataPort marketDataPort() {
        return marketData;
    }

    /**
     * Binds the venue to the loop that drives the kernel: schedules the fault plan's starts and ends and starts the
     * agents. Call once, before the kernel starts (strategies may send orders from {@code onStart}).
     */
    public void attach(final SimulationLoop simulationLoop) {
        if (loop != null) {
            throw new IllegalStateException("venue " + name + " is already attached");
        }
        this.loop = Objects.requireNonNull(simulationLoop, "loop");
        for (final InjectedFault f : faults.faults()) {
            schedule(f);
        }
        for (final AgentSlot a : agents) {
            startAgent(a);
        }
        if (margin != null) {
            funding = new FundingEngine(margin.simLedger(), margin.marks(), margin.settings().fundingRates(),
                    loop.nowNanos());
            scheduleFunding();
        }
    }

    /** True once {@link #attach} was called. */
    public boolean isAttached() {
        return loop != null;
    }

    /**
     * Adds a time-ordered market-data source (bars, trades, quotes, books, marks, funding rates of this venue's
     * instruments), read lazily. Each event reaches the venue at its {@code tsEventNanos} (moving last and mark
     * prices, filling bar-driven orders) and subscribers after the market-data latency, with a new
     * {@code tsInitNanos}. Events of other venues' instruments are an error.
     */
    public void addReplay(final Iterator<? extends MarketData> source) {
        requireAttached();
        pump(new Replay(Objects.requireNonNull(source, "source")));
    }

    /** Adds a background agent trading {@code account} (an account of the configuration). */
    public void addAgent(final long account, final VenueAgent agent) {
        if (!accounts.containsKey(account)) {
            throw new IllegalArgumentException("venue " + name + " has no account " + account + " for agent " + agent.name());
        }
        final AgentSlot slot = new AgentSlot(account, Objects.requireNonNull(agent, "agent"));
        agents.add(slot);
        if (loop != null) {
            startAgent(slot);
        }
    }

    /** Injects a fault while running (not before now); it is logged and digested like a planned one. */
    public void inject(final Fault fault) {
        requireAttached();
        schedule(faults.add(fault));
    }

    // =================================================================== inspection

    /** Venue time: the loop's. */
    public long nowNanos() {
        requireAttached();
        return loop.nowNanos();
    }

    /** The ledger. */
    public VenueLedger ledger() {
        return ledger;
    }

    /** The venue's view of an account's order, or null if it does not know the client id. */
    public VenueOrder order(final long account, final ClientOrderId id) {
        final AccountOrders a = accounts.get(account);
        final SimOrder o = a == null ? null : a.byClientId.get(id);
        return o == null ? null : o.view();
    }

    /** An account's open orders (placed with client ids), sorted by client id. */
    public List<VenueOrder> openOrders(final long account) {
        final List<VenueOrder> out = new ArrayList<>();
        final AccountOrders a = accounts.get(account);
        if (a != null) {
            for (final SimOrder o : a.open.values()) {
                out.add(o.view());
            }
        }
        return out;
    }

    /** How many orders with client ids the account placed (every submit the venue processed, rejected or not). */
    public int orderCount(final long account) {
        final AccountOrders a = accounts.get(account);
        return a == null ? 0 : a.byClientId.size();
    }

    /** An account's signed position (perpetual) or base holding (spot). */
    public long position(final long account, final InstrumentId id) {
        return ledger.position(account, book(id.symbol()).instrument);
    }

    /** An account's balances. */
    public List<VenueBalance> balances(final long account) {
        return ledger.balances(account);
    }

    /** An account's non-zero perpetual positions. */
    public List<VenuePosition> positions(final long account) {
        return ledger.positions(account);
    }

    /** A copy of a symbol's book. */
    public BookState book(final InstrumentId id) {
        return book(id.symbol()).engine.state();
    }

    /** The venue's last price of a symbol (0 before any). */
    public long lastPrice(final InstrumentId id) {
        return book(id.symbol()).last;
    }

    /** The venue's mark price of a symbol (0 before any). */
    public long markPrice(final InstrumentId id) {
        return book(id.symbol()).mark;
    }

    /** The fault log so far. */
    public List<FaultRecord> faultLog() {
        return faults.log();
    }

    /** The fault injector (for inspection). */
    public FaultInjector faults() {
        return faults;
    }

    /** The latency model (for inspection). */
    public LatencyModel latency() {
        return latency;
    }

    /** The number of trades so far (including bar liquidity's). */
    public long tradeCount() {
        return nextTradeId - 1;
    }

    /** Writes the venue's whole state into a digest: books, orders, ledger, ports, latency and fault streams, fault log. */
    public void digest(final StateDigest d) {
        d.section("sim-venue").putString(name).putLong(nextOrderId).putLong(nextTradeId).putLong(nextLiquidationId)
                .putLong(actions);
        for (final Book b : books.values()) {
            d.section("book").putString(b.instrument.id().symbol()).putLong(b.last).putLong(b.mark).putInt(b.pendingStops);
            if (b.lastBar != null) {
                d.putLong(b.lastBar.tsEventNanos()).putLong(b.lastBar.close());
            }
            d.putInt(b.waiting.size());
            for (final SimOrder o : b.waiting) {
                d.putLong(o.id);
            }
            b.engine.bookDigest(d);
        }
        d.section("orders");
        for (final Map.Entry<Long, AccountOrders> e : accounts.entrySet()) {
            d.putLong(e.getKey()).putInt(e.getValue().byClientId.size());
            for (final SimOrder o : e.getValue().byClientId.values()) {
                o.writeTo(d);
            }
        }
        final long[] ids = live.keySet().toSortedArray();
        d.putInt(ids.length);
        for (final long id : ids) {
            live.get(id).writeTo(d);
        }
        ledger.digest(d);
        if (margin != null) {
            d.section("margin").putLong(funding == null ? 0 : funding.nextFundingNanos()).putInt(liquidations.size())
                    .putInt(fundingSettlements.size());
        }
        for (final SimExecutionPort p : ports.values()) {
            p.digest(d);
        }
        marketData.digest(d);
        latency.digest(d);
        faults.digest(d);
    }

    /** The venue's state digest as hex. */
    public String digest() {
        final StateDigest d = new StateDigest();
        digest(d);
        return d.hex();
    }

    // =================================================================== venue-side order entry (agents, tools)

    /**
     * Places an order for an account directly at the venue, without latency or faults (background agents, tests,
     * tools). Reports of a port's account are delivered like any other (an order without client id reports only
     * its fills, which the kernel sees as fills of an order it did not place). During a maintenance halt nothing is
     * placed.
     *
     * @return the venue's order id, or 0 if the order was rejected (or the venue is halted)
     */
    public long placeOrder(final long account, final String symbol, final Side side, final OrderType type,
                           final TimeInForce tif, final long price, final long qty) {
        requireAttached();
        final Book b = book(symbol);
        if (!accounts.containsKey(account)) {
            throw new IllegalArgumentException("venue " + name + " has no account " + account);
        }
        if (halted()) {
            return 0;
        }
        final SimOrder o = new SimOrder(nextOrderId++, account, null, b.instrument, side, type, tif, price, 0, qty, false);
        final ReasonCode r = ledger.canPlace(account, o.ticket(referencePrice(b, side)));
        if (r != ReasonCode.NONE) {
            o.status = VenueOrderStatus.REJECTED;
            return 0;
        }
        live.put(o.id, o);
        b.engine.place(o.id, account, side, type, tif, o.price, qty, false, config.stopTrigger(), 0);
        settle(b);
        endAction();
        return o.status == VenueOrderStatus.REJECTED ? 0 : o.id;
    }

    /**
     * Cancels a venue-side order (see {@link #placeOrder}); false if it is not live, not the account's, or the venue
     * is halted.
     */
    public boolean cancelOrder(final long account, final String symbol, final long orderId) {
        requireAttached();
        final Book b = book(symbol);
        final SimOrder o = live.get(orderId);
        if (o == null || o.account != account || o.instrument != b.instrument || halted()) {
            return false;
        }
        final boolean done = b.engine.cancel(orderId, account);
        endAction();
        return done;
    }

    // =================================================================== requests (from SimExecutionPort, after the fault gate)

    void submit(final SimExecutionPort port, final SubmitOrder c) {
        final long account = port.account();
        final AccountOrders acc = accounts.get(account);
        final ClientOrderId cid = c.clientOrderId();
        final long now = loop.nowNanos();
        final SimOrder known = acc.byClientId.get(cid);
        if (known != null) {
            port.deliver(new VenueRejected(name, cid, ReasonCode.VENUE_DUPLICATE_CLIENT_ID,
                    "client order id " + cid + " is already used by order " + known.venueOrderId(), now, now));
            return;
        }
        final Book b = c.instrumentId().venue().equals(name) ? books.get(c.instrumentId().symbol()) : null;
        if (b == null) {
            port.deliver(new VenueRejected(name, cid, ReasonCode.VENUE_OTHER, "unknown symbol " + c.instrumentId(), now, now));
            return;
        }
        final SimOrder o = new SimOrder(nextOrderId++, account, cid, b.instrument, c.side(), c.type(), c.timeInForce(),
                c.price(), c.triggerPrice(), c.qty(), c.reduceOnly());
        acc.byClientId.put(cid, o);
        final ReasonCode refused = ledger.canPlace(account, o.ticket(referencePrice(b, o.side)));
        if (refused != ReasonCode.NONE) {
            o.status = VenueOrderStatus.REJECTED;
            port.deliver(new VenueRejected(name, cid, refused, "refused by the account: " + refused, now, now));
            return;
        }
        acc.open.put(cid, o);
        live.put(o.id, o);
        if (o.type == OrderType.MARKET && config.barFill().marketOrdersWaitForNextBar()) {
            o.waiting = true;
            o.acceptReported = true;
            b.waiting.addLast(o);
            port.deliver(new VenueAccepted(name, cid, o.venueOrderId(), now, now));
            return;
        }
        final long liquidity = takerLiquidity(b, o.side, o.type, o.price, o.qty, o.triggerPrice);
        b.engine.place(o.id, account, o.side, o.type, o.tif, o.price, o.qty, o.reduceOnly, config.stopTrigger(), o.triggerPrice);
        removeLiquidity(b, liquidity);
        settle(b);
    }

    void cancel(final SimExecutionPort port, final CancelOrder c) {
        final ClientOrderId cid = c.clientOrderId();
        final SimOrder o = accounts.get(port.account()).byClientId.get(cid);
        final long now = loop.nowNanos();
        final ReasonCode refused = refusal(o, c.instrumentId());
        if (refused != ReasonCode.NONE) {
            port.deliver(new VenueCancelRejected(name, cid, refused, refusalText(refused), now, now));
            return;
        }
        final Book b = book(o.instrument.id().symbol());
        if (o.waiting) {
            unwait(b, o);
            closeOrder(o, VenueOrderStatus.CANCELED);
            report(o, new VenueCanceled(name, cid, ReasonCode.NONE, now, now));
            return;
        }
        final InjectedFault raced = faults.active(FaultType.CANCEL_REJECT_FILLED, now, b.instrument.id().symbol());
        if (raced != null && !o.pendingStop && o.price > 0 && faults.roll(raced)) {
            fillAheadOfCancel(port, b, o, raced);
            return;
        }
        currentClientId = cid;
        try {
            b.engine.cancel(o.id, o.account);
        } finally {
            currentClientId = null;
        }
        settle(b);
    }

    void amend(final SimExecutionPort port, final AmendOrder c) {
        final ClientOrderId cid = c.clientOrderId();
        final SimOrder o = accounts.get(port.account()).byClientId.get(cid);
        final long now = loop.nowNanos();
        ReasonCode refused = refusal(o, c.instrumentId());
        String text = refusalText(refused);
        if (refused == ReasonCode.NONE && o.waiting) {
            refused = ReasonCode.VENUE_OTHER;
            text = "a market order waiting for the next bar cannot be amended";
        }
        if (refused != ReasonCode.NONE) {
            port.deliver(new VenueAmendRejected(name, cid, refused, text, now, now));
            return;
        }
        final Book b = book(o.instrument.id().symbol());
        final long newPrice = o.type.hasLimitPrice() && c.newPrice() > 0 ? c.newPrice() : OrderBook.KEEP;
        final long newQty = c.newQty() > 0 ? c.newQty() : OrderBook.KEEP;
        long liquidity = 0;
        if (newPrice != OrderBook.KEEP && newPrice != o.price && !o.pendingStop && o.tif != TimeInForce.POST_ONLY) {
            final long qty = (newQty == OrderBook.KEEP ? o.qty : newQty) - o.filled;
            if (qty > 0) {
                liquidity = takerLiquidity(b, o.side, OrderType.LIMIT, newPrice, qty, 0);
            }
        }
        currentClientId = cid;
        try {
            b.engine.amend(o.id, o.account, newPrice, newQty);
        } finally {
            currentClientId = null;
        }
        removeLiquidity(b, liquidity);
        settle(b);
    }

    void cancelAll(final SimExecutionPort port, final CancelAllOrders c) {
        final Book b = c.instrumentId().venue().equals(name) ? books.get(c.instrumentId().symbol()) : null;
        if (b == null) {
            return;
        }
        final long account = port.account();
        cancelWaiting(b, account, ReasonCode.NONE);
        b.engine.cancelAll(account);
        settle(b);
    }

    void queryOrder(final SimExecutionPort port, final QueryOrder c) {
        final SimOrder o = accounts.get(port.account()).byClientId.get(c.clientOrderId());
        final long now = loop.nowNanos();
        port.deliver(new VenueOrderStatusReport(name, c.clientOrderId(), o == null ? null : o.view(), now, now));
    }

    void queryOpenOrders(final SimExecutionPort port, final QueryOpenOrders c) {
        final long now = loop.nowNanos();
        port.deliver(new VenueOpenOrders(name, openOrders(port.account()), now, now));
    }

    void queryPositions(final SimExecutionPort port, final QueryPositions c) {
        final long now = loop.nowNanos();
        port.deliver(new VenuePositions(name, ledger.positions(port.account()), now, now));
    }

    void queryBalances(final SimExecutionPort port, final QueryBalances c) {
        final long now = loop.nowNanos();
        port.deliver(new VenueBalances(name, ledger.balances(port.account()), now, now));
    }

    private static ReasonCode refusal(final SimOrder o, final InstrumentId requested) {
        if (o == null || !o.instrument.id().equals(requested)) {
            return ReasonCode.VENUE_ORDER_NOT_FOUND;
        }
        if (o.status == VenueOrderStatus.FILLED) {
            return ReasonCode.VENUE_ALREADY_FILLED;
        }
        if (!o.isOpen()) {
            return ReasonCode.VENUE_ALREADY_CLOSED;
        }
        return ReasonCode.NONE;
    }

    private static String refusalText(final ReasonCode r) {
        return switch (r) {
            case VENUE_ORDER_NOT_FOUND -> "order not found";
            case VENUE_ALREADY_FILLED -> "order already filled";
            case VENUE_ALREADY_CLOSED -> "order already closed";
            default -> r.name();
        };
    }

    /**
     * CANCEL_REJECT_FILLED: the market fills the order just before its cancel arrives. A taker from the bar
     * liquidity account trades at the order's price everything ahead of it and the order itself (price-time
     * priority holds: better prices and earlier orders at its price fill first); the cancel is rejected with
     * VENUE_ALREADY_FILLED, and the account's fill reports follow the rejection.
     */
    private void fillAheadOfCancel(final SimExecutionPort port, final Book b, final SimOrder o, final InjectedFault f) {
        final long now = loop.nowNanos();
        final long want = Math.addExact(qtyAhead(b, o), o.leaves());
        port.holdReports();
        final long id = nextOrderId++;
        b.engine.place(id, BAR_LIQUIDITY_ACCOUNT, o.side.opposite(), OrderType.LIMIT, TimeInForce.IOC, o.price,
                liquidityQty(b, o.price, want), false, null, 0);
        final List<ExecutionReport> held = port.releaseHeld();
        if (o.status == VenueOrderStatus.FILLED) {
            port.deliver(new VenueCancelRejected(name, o.clientOrderId, ReasonCode.VENUE_ALREADY_FILLED,
                    "order already filled", now, now));
            port.deliverLate(held, f.fault().magnitude());
            faults.hit(f, now, "filled " + o.clientOrderId + " (" + o.venueOrderId() + ") just before its cancel; "
                    + held.size() + " report(s) follow the rejection");
        } else {
            port.deliverLate(held, 0); // could not fill it: an ordinary cancel
            currentClientId = o.clientOrderId;
            try {
                b.engine.cancel(o.id, o.account);
            } finally {
                currentClientId = null;
            }
        }
        settle(b);
    }

    /** The resting quantity on the order's side that fills before it: better prices, then earlier at its price. */
    private static long qtyAhead(final Book b, final SimOrder o) {
        final BookState s = b.engine.state();
        long ahead = 0;
        for (final BookState.Level level : o.side == Side.BUY ? s.bids() : s.asks()) {
            final boolean better = o.side == Side.BUY ? level.price() > o.price : level.price() < o.price;
            if (better) {
                ahead = Math.addExact(ahead, level.qty());
            } else if (level.price() == o.price) {
                for (final BookState.Entry e : level.queue()) {
                    if (e.id() == o.id) {
                        break;
                    }
                    ahead = Math.addExact(ahead, e.leaves());
                }
            }
        }
        return ahead;
    }

    // =================================================================== bar liquidity

    /** True once bars drive this instrument and a fill model provides liquidity. */
    private boolean barDriven(final Book b) {
        return config.barFill() != BarFill.NONE && b.lastBar != null;
    }

    /**
     * Bar liquidity for a taking order that is about to enter the book: the opposite side at the fill model's taker
     * price, for the order's quantity. A stop takes only if it triggers on arrival (its reference price is already
     * at or beyond the trigger). Returns the liquidity order's id, or 0 for none.
     */
    private long takerLiquidity(final Book b, final Side side, final OrderType type, final long limitPrice, final long qty,
                                final long triggerPrice) {
        if (!barDriven(b)) {
            return 0;
        }
        if (type.hasTriggerPrice()) {
            final long reference = config.stopTrigger() == TriggerSource.LAST ? b.last : b.mark;
            final boolean triggers = reference > 0 && (side == Side.BUY ? reference >= triggerPrice : reference <= triggerPrice);
            if (!triggers) {
                return 0;
            }
        }
        final long p = config.barFill().takerPrice(b.lastBar, side);
        if (p <= 0) {
            return 0;
        }
        final long px = onTick(b, p);
        final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        final boolean taking = market || (side == Side.BUY ? limitPrice >= px : limitPrice <= px);
        if (!taking || !b.instrument.isValidQty(qty) || (!market && !b.instrument.isValidPrice(limitPrice))) {
            return 0;
        }
        return addLiquidity(b, side.opposite(), px, qty);
    }

    /** Places bar liquidity (a GTC limit of the reserved account); returns its id. */
    private long addLiquidity(final Book b, final Side side, final long price, final long qty) {
        final long id = nextOrderId++;
        b.engine.place(id, BAR_LIQUIDITY_ACCOUNT, side, OrderType.LIMIT, TimeInForce.GTC, price, liquidityQty(b, price, qty),
                false, null, 0);
        return id;
    }

    private static void removeLiquidity(final Book b, final long id) {
        if (id != 0 && b.engine.isLive(id)) {
            b.engine.cancel(id, BAR_LIQUIDITY_ACCOUNT);
        }
    }

    /** A quantity the book's filters accept, at least {@code want} where possible (capped at the max quantity). */
    private static long liquidityQty(final Book b, final long price, final long want) {
        final BookRules r = b.engine.rules();
        long q = Math.max(want, r.minQty());
        if (r.minNotional() > 0) {
            final long forNotional = Fixed.divide(r.minNotional(), price, RoundingMode.CEILING);
            q = Math.max(q, forNotional);
        }
        q = Fixed.divide(q, r.lotSize(), RoundingMode.CEILING) * r.lotSize();
        final long max = r.maxQty() - r.maxQty() % r.lotSize();
        return Math.min(q, max);
    }

    /**
     * A market-data bar reaches the venue: waiting market orders fill at the next-bar price, then the venue walks the
     * bar's path (trade-through fills, stop triggers at their trigger prices, last and mark prices).
     */
    private void onBar(final Book b, final Bar bar) {
        b.lastBar = bar;
        if (halted()) {
            return;
        }
        final BarFill fill = config.barFill();
        final boolean driven = barDriven(b);
        if (driven) {
            fillWaiting(b, bar);
        }
        final long[] path = fill.path(bar);
        long prev = b.last;
        for (int k = 0; k < path.length; k++) {
            final long p = path[k];
            if (p <= 0) {
                continue;
            }
            if (k > 0 && driven && b.pendingStops > 0 && prev > 0) {
                for (final long t : triggersBetween(b, prev, p)) {
                    walkTo(b, t, config.marksFromBars(), true);
                    settle(b);
                }
            }
            if (p != prev || k == 0) {
                walkTo(b, p, config.marksFromBars(), true);
                settle(b);
            }
            prev = p;
        }
    }

    private void fillWaiting(final Book b, final Bar bar) {
        while (!b.waiting.isEmpty()) {
            final SimOrder o = b.waiting.pollFirst();
            o.waiting = false;
            final long p = config.barFill().nextBarPrice(bar, o.side);
            final long liquidity = p > 0 && b.instrument.isValidQty(o.qty) ? addLiquidity(b, o.side.opposite(), onTick(b, p), o.qty) : 0;
            b.engine.place(o.id, o.account, o.side, o.type, o.tif, o.price, o.qty, o.reduceOnly, config.stopTrigger(), o.triggerPrice);
            removeLiquidity(b, liquidity);
            settle(b);
        }
    }

    /** Trigger prices of pending stops strictly between {@code from} and {@code to} (exclusive of {@code to}), in path order. */
    private long[] triggersBetween(final Book b, final long from, final long to) {
        if (from == to) {
            return new long[0];
        }
        final boolean up = to > from;
        final TreeSet<Long> out = new TreeSet<>();
        for (final BookState.Stop s : b.engine.state().stops()) {
            if (s.source() == TriggerSource.MARK && !config.marksFromBars()) {
                continue;
            }
            final long t = s.triggerPrice();
            if (up && s.side() == Side.BUY && t > from && t < to) {
                out.add(t);
            } else if (!up && s.side() == Side.SELL && t < from && t > to) {
                out.add(t);
            }
        }
        final long[] a = new long[out.size()];
        int i = 0;
        for (final long t : up ? out : out.descendingSet()) {
            a[i++] = t;
        }
        return a;
    }

    /**
     * The market trades at {@code p}: resting orders it passed through fill (when asked and bar-driven), stops that
     * trigger at {@code p} get bar liquidity (bar-driven), then the last (and mark) price moves.
     */
    private void walkTo(final Book b, final long p, final boolean mark, final boolean tradeThrough) {
        final boolean driven = barDriven(b);
        if (driven && tradeThrough && config.barFill().fillsRestingOrders()) {
            tradeThrough(b, p);
        }
        long buyLiquidity = 0;
        long sellLiquidity = 0;
        if (driven && b.pendingStops > 0) {
            long buys = 0;
            long sells = 0;
            for (final BookState.Stop s : b.engine.state().stops()) {
                if (s.source() == TriggerSource.LAST || (mark && s.source() == TriggerSource.MARK)) {
                    if (s.side() == Side.BUY && p >= s.triggerPrice()) {
                        buys = Math.addExact(buys, s.qty());
                    } else if (s.side() == Side.SELL && p <= s.triggerPrice()) {
                        sells = Math.addExact(sells, s.qty());
                    }
                }
            }
            if (buys > 0) {
                sellLiquidity = addLiquidity(b, Side.SELL, onTick(b, p), buys);
            }
            if (sells > 0) {
                buyLiquidity = addLiquidity(b, Side.BUY, onTick(b, p), sells);
            }
        }
        b.last = p;
        b.engine.onLastPrice(p);
        if (mark) {
            b.mark = p;
            b.engine.onMarkPrice(p);
        }
        removeLiquidity(b, sellLiquidity);
        removeLiquidity(b, buyLiquidity);
    }

    /** Fills resting bids above {@code p} and asks below it, each at its own price, from the bar liquidity account. */
    private void tradeThrough(final Book b, final long p) {
        final long tick = b.instrument.tickSize();
        int rounds = 0;
        while (b.engine.bestBid() != OrderBook.NO_PRICE && b.engine.bestBid() > p) {
            final long px = Math.floorDiv(p, tick) * tick + tick; // the lowest tick price above p
            place(b, Side.SELL, px);
            bound(++rounds, "trade-through of bids");
        }
        rounds = 0;
        while (b.engine.bestAsk() != OrderBook.NO_PRICE && b.engine.bestAsk() < p) {
            final long px = Math.floorDiv(p - 1, tick) * tick; // the highest tick price below p
            place(b, Side.BUY, px);
            bound(++rounds, "trade-through of asks");
        }
    }

    private void place(final Book b, final Side side, final long px) {
        final BookRules r = b.engine.rules();
        final long max = r.maxQty() - r.maxQty() % r.lotSize();
        b.engine.place(nextOrderId++, BAR_LIQUIDITY_ACCOUNT, side, OrderType.LIMIT, TimeInForce.IOC, px,
                liquidityQty(b, px, max), false, null, 0);
    }

    private static long onTick(final Book b, final long price) {
        final long rounded = b.instrument.roundPrice(price);
        return Math.max(rounded, b.instrument.tickSize());
    }

    /** Own trades move the last price (when configured), which may trigger stops, which may trade: until quiet. */
    private void settle(final Book b) {
        int rounds = 0;
        while (b.traded) {
            b.traded = false;
            if (!config.ownTradesMoveLast() || halted()) {
                return;
            }
            bound(++rounds, "own-trade price feeding");
            if (b.lastTradePrice != b.last) {
                walkTo(b, b.lastTradePrice, false, false);
            }
        }
    }

    private static void bound(final int rounds, final String what) {
        if (rounds > MAX_ROUNDS) {
            throw new IllegalStateException(what + " did not settle within " + MAX_ROUNDS + " rounds");
        }
    }

    // =================================================================== market data

    private void pump(final Replay r) {
        if (!r.source.hasNext()) {
            return;
        }
        final MarketData md = r.source.next();
        final InstrumentId id = md.instrumentId();
        if (id != r.lastId) { // the same id instance as the previous event's was checked then
            final Book b = id.venue().equals(name) ? books.get(id.symbol()) : null;
            if (b == null) {
                throw new IllegalArgumentException("replayed data for " + id + " does not belong to venue " + name);
            }
            r.lastId = id;
            r.lastBook = b;
        }
        final long t = md.tsEventNanos();
        if (t < r.lastNanos) {
            throw new IllegalStateException("replay source is not in time order: " + t + " after " + r.lastNanos);
        }
        r.lastNanos = t;
        r.next = md;
        r.nextBook = r.lastBook;
        loop.scheduleAction(Math.max(t, loop.nowNanos()), r);
    }

    private void onData(final Book b, final MarketData md) {
        if (md instanceof Bar bar) {
            onBar(b, bar);
        } else if (md instanceof TradeTick t) {
            if (!halted() && t.price() > 0) {
                walkTo(b, t.price(), false, false);
                settle(b);
            }
        } else if (md instanceof MarkPrice m) {
            if (!halted() && m.markPrice() > 0) {
                b.mark = m.markPrice();
                b.engine.onMarkPrice(m.markPrice());
                settle(b);
            }
        } else if (md instanceof BookSnapshot s) {
            b.lastDataBook = s;
        } else if (md instanceof QuoteTick q) {
            b.lastDataQuote = q;
        }
        marketData.deliver(md);
    }

    /** The end of every venue action: the margin ledger's risk pass, then publish what changed in the books. */
    void endAction() {
        actions++;
        riskPass();
        for (final Book b : bookArray) {
            if (b.dirty) {
                publishTop(b, false);
            }
        }
    }

    /** Publishes a book's top to subscribers when it changed (or always, for a resync); returns how many events. */
    private int publishTop(final Book b, final boolean force) {
        b.dirty = false;
        final int depth = config.bookDepth();
        final int nb = b.engine.topLevels(Side.BUY, depth, b.bidPx, b.bidQty);
        final int na = b.engine.topLevels(Side.SELL, depth, b.askPx, b.askQty);
        final boolean changed = nb != b.pubBids || na != b.pubAsks
                || !Arrays.equals(b.bidPx, 0, nb, b.pubBidPx, 0, nb) || !Arrays.equals(b.bidQty, 0, nb, b.pubBidQty, 0, nb)
                || !Arrays.equals(b.askPx, 0, na, b.pubAskPx, 0, na) || !Arrays.equals(b.askQty, 0, na, b.pubAskQty, 0, na);
        if (!changed && !force) {
            return 0;
        }
        final boolean topChanged = nb == 0 || na == 0 || b.pubBids == 0 || b.pubAsks == 0
                || b.bidPx[0] != b.pubBidPx[0] || b.bidQty[0] != b.pubBidQty[0]
                || b.askPx[0] != b.pubAskPx[0] || b.askQty[0] != b.pubAskQty[0];
        final boolean wasTwoSided = b.pubBids > 0 && b.pubAsks > 0;
        System.arraycopy(b.bidPx, 0, b.pubBidPx, 0, nb);
        System.arraycopy(b.bidQty, 0, b.pubBidQty, 0, nb);
        System.arraycopy(b.askPx, 0, b.pubAskPx, 0, na);
        System.arraycopy(b.askQty, 0, b.pubAskQty, 0, na);
        b.pubBids = nb;
        b.pubAsks = na;
        final InstrumentId id = b.instrument.id();
        final long now = loop.nowNanos();
        int sent = 0;
        if ((topChanged || force) && nb > 0 && na > 0 && marketData.wants(id, DataKind.QUOTES)) {
            marketData.deliver(new QuoteTick(id, b.bidPx[0], b.bidQty[0], b.askPx[0], b.askQty[0], now, now));
            sent++;
        } else if (topChanged && wasTwoSided && marketData.wants(id, DataKind.QUOTES)) {
            // The book lost a side: without this the subscriber keeps the last two-sided quote and prices (values
            // positions, checks risk) at a touch that no longer exists. An empty side is sent as price 0, qty 0.
            marketData.deliver(new QuoteTick(id, nb > 0 ? b.bidPx[0] : 0, nb > 0 ? b.bidQty[0] : 0,
                    na > 0 ? b.askPx[0] : 0, na > 0 ? b.askQty[0] : 0, now, now));
            sent++;
        }
        if (marketData.wants(id, DataKind.BOOK)) {
            marketData.deliver(new BookSnapshot(id, levels(b.bidPx, b.bidQty, nb), levels(b.askPx, b.askQty, na), now, now));
            sent++;
        }
        return sent;
    }

    private static List<BookLevel> levels(final long[] px, final long[] qty, final int n) {
        final List<BookLevel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BookLevel(px[i], qty[i]));
        }
        return out;
    }

    /**
     * A fresh snapshot of an instrument for its subscribers (after a market-data reconnect, or a new subscription):
     * the venue's own book when it has one, else the latest replayed book and quote; the mark when there is one.
     *
     * @return how many events were sent
     */
    int snapshot(final InstrumentId id) {
        final Book b = books.get(id.symbol());
        if (b == null || loop == null) {
            return 0;
        }
        final long now = loop.nowNanos();
        final boolean own = b.engine.bestBid() != OrderBook.NO_PRICE || b.engine.bestAsk() != OrderBook.NO_PRICE;
        int sent = 0;
        if (own) {
            sent += publishTop(b, true);
        } else {
            if (b.lastDataBook != null && marketData.wants(id, DataKind.BOOK)) {
                marketData.deliver(b.lastDataBook);
                sent++;
            }
            if (b.lastDataQuote != null && marketData.wants(id, DataKind.QUOTES)) {
                marketData.deliver(b.lastDataQuote);
                sent++;
            }
        }
        if (b.mark > 0 && marketData.wants(id, DataKind.MARK_PRICE)) {
            marketData.deliver(new MarkPrice(id, b.mark, 0, now, now));
            sent++;
        }
        return sent;
    }

    // =================================================================== faults

    private void schedule(final InjectedFault f) {
        final long start = Math.max(f.fault().atNanos(), loop.nowNanos());
        loop.scheduleAction(start, () -> {
            onFaultStart(f);
            endAction();
        });
        if (f.fault().type().windowed()) {
            loop.scheduleAction(Math.max(f.fault().endNanos(), start), () -> {
                onFaultEnd(f);
                endAction();
            });
        }
    }

    private void onFaultStart(final InjectedFault f) {
        final long now = loop.nowNanos();
        faults.started(f, now, f.fault().describe());
        switch (f.fault().type()) {
            case PRICE_GAP -> priceGap(f);
            case EXTERNAL_CLOSE -> externalClose(f);
            case FORCED_LIQUIDATION -> liquidate(f);
            default -> {
                return; // windowed faults act while active, through the ports
            }
        }
        faults.ended(f, now, "hits=" + f.hits());
    }

    private void onFaultEnd(final InjectedFault f) {
        final long now = loop.nowNanos();
        String extra = "";
        if (f.fault().type() == FaultType.MD_DISCONNECT) {
            if (faults.isActive(FaultType.MD_DISCONNECT, now)) {
                extra = "; still disconnected by another fault, no resync yet";
            } else {
                int sent = 0;
                for (final InstrumentId id : marketData.subscribed()) {
                    sent += snapshot(id);
                }
                extra = "; resync: " + sent + " snapshot event(s) sent first";
            }
        } else if (f.fault().type() == FaultType.STALE_BOOK) {
            marketData.thaw(f);
        }
        faults.ended(f, now, "hits=" + f.hits() + extra);
    }

    private void priceGap(final InjectedFault f) {
        final long now = loop.nowNanos();
        for (final Book b : books.values()) {
            if (!f.fault().appliesTo(b.instrument.id().symbol())) {
                continue;
            }
            final long base = b.last > 0 ? b.last : b.mark;
            if (base <= 0) {
                faults.hit(f, now, b.instrument.id() + ": no price to gap from");
                continue;
            }
            final long gapped = onTick(b, Fixed.mulDiv(base, 10_000 + f.fault().magnitude(), 10_000, RoundingMode.HALF_EVEN));
            final boolean moveMark = b.mark > 0;
            if (barDriven(b)) {
                b.lastBar = new Bar(b.instrument.id(), now, 1, gapped, gapped, gapped, gapped, 0, now, now);
            }
            faults.hit(f, now, b.instrument.id() + ": last " + b.last + " -> " + gapped
                    + (moveMark ? ", mark " + b.mark + " -> " + gapped : ""));
            walkTo(b, gapped, moveMark, true);
            settle(b);
            if (moveMark && marketData.wants(b.instrument.id(), DataKind.MARK_PRICE)) {
                marketData.deliver(new MarkPrice(b.instrument.id(), gapped, 0, now, now));
            } else if (!moveMark && marketData.wants(b.instrument.id(), DataKind.TRADES)) {
                // Without a mark series the gap would stay invisible to subscribers until the next bar or trade (a
                // kernel values positions, and runs its inventory-edge check, on market data). Simplified model: the
                // gap prints as one trade of the minimum quantity at the gapped price, aggressor in the gap's direction.
                final Side aggressor = f.fault().magnitude() < 0 ? Side.SELL : Side.BUY;
                marketData.deliver(new TradeTick(b.instrument.id(), gapped, b.instrument.minQty(), aggressor,
                        "T" + nextTradeId++, now, now));
            }
        }
    }

    /** The price the venue closes positions at: mark, else last, else the last bar's close. */
    private static long closingPrice(final Book b) {
        if (b.mark > 0) {
            return b.mark;
        }
        if (b.last > 0) {
            return b.last;
        }
        return b.lastBar == null ? 0 : b.lastBar.close();
    }

    private void externalClose(final InjectedFault f) {
        final long now = loop.nowNanos();
        for (final long account : ports.keySet()) {
            for (final Book b : books.values()) {
                if (!f.fault().appliesTo(b.instrument.id().symbol()) || !b.instrument.isPerpetual()) {
                    continue;
                }
                final long price = closingPrice(b);
                if (price <= 0 || ledger.position(account, b.instrument) == 0) {
                    continue;
                }
                final long closed = ledger.closeOutside(account, b.instrument, price);
                faults.hit(f, now, "account " + account + " " + b.instrument.id() + ": position " + closed
                        + " closed outside the kernel at " + price + " (no report; reconciliation finds it)");
            }
        }
    }

    private void liquidate(final InjectedFault f) {
        final long now = loop.nowNanos();
        if (margin != null) {
            forcedLiquidation(f);
            return;
        }
        for (final long account : ports.keySet()) {
            for (final Book b : books.values()) {
                if (!f.fault().appliesTo(b.instrument.id().symbol()) || !b.instrument.isPerpetual()) {
                    continue;
                }
                final long q = ledger.position(account, b.instrument);
                final long reference = closingPrice(b);
                if (q == 0 || reference <= 0) {
                    continue;
                }
                final long bps = q > 0 ? 10_000 - f.fault().magnitude() : 10_000 + f.fault().magnitude();
                final long price = onTick(b, Fixed.mulDiv(reference, Math.max(1, bps), 10_000, RoundingMode.HALF_EVEN));
                cancelOverride = ReasonCode.VENUE_LIQUIDATION;
                try {
                    cancelWaiting(b, account, ReasonCode.VENUE_LIQUIDATION);
                    b.engine.cancelAll(account);
                } finally {
                    cancelOverride = null;
                }
                final Side side = Side.reducing(q);
                final long qty = Math.abs(q);
                final long fee = ledger.onFill(account, b.instrument, side, price, qty, Liquidity.LIQUIDATION);
                final long n = nextLiquidationId++;
                final SimExecutionPort port = ports.get(account);
                port.deliver(new VenueFill(name, null, "LIQ" + n, b.instrument.id(), "L" + n, side, price, qty, fee,
                        Liquidity.LIQUIDATION, now, now));
                faults.hit(f, now, "account " + account + " " + b.instrument.id() + ": position " + q
                        + " liquidated at " + price + " (fee " + fee + ")");
            }
        }
    }

    /** True while a maintenance halt is active: the venue's matching is frozen (no price feeding, no bar fills). */
    boolean halted() {
        return faults.isActive(FaultType.MAINTENANCE_HALT, loop.nowNanos());
    }

    // =================================================================== internals

    /** A latency sample for an operation, with an active latency spike added. */
    long latency(final LatencyModel.Operation op) {
        final long base = latency.sample(op);
        final InjectedFault spike = faults.active(FaultType.LATENCY_SPIKE, loop.nowNanos());
        if (spike == null) {
            return base;
        }
        faults.count(spike);
        return base + spike.fault().magnitude();
    }

    SimulationLoop loop() {
        requireAttached();
        return loop;
    }

    String venueName() {
        return name;
    }

    Instrument instrumentOf(final InstrumentId id) {
        final Book b = id.venue().equals(name) ? books.get(id.symbol()) : null;
        return b == null ? null : b.instrument;
    }

    private void requireAttached() {
        if (loop == null) {
            throw new IllegalStateException("venue " + name + " is not attached to a simulation loop (call attach first)");
        }
    }

    private Book book(final String symbol) {
        final Book b = books.get(symbol);
        if (b == null) {
            throw new IllegalArgumentException("venue " + name + " does not trade " + symbol);
        }
        return b;
    }

    /** The price a market order is expected to trade near: the best opposite price, bar liquidity's, last, mark. */
    private long referencePrice(final Book b, final Side side) {
        final long opposite = side == Side.BUY ? b.engine.bestAsk() : b.engine.bestBid();
        if (opposite != OrderBook.NO_PRICE) {
            return opposite;
        }
        if (barDriven(b)) {
            final long p = config.barFill().takerPrice(b.lastBar, side);
            if (p > 0) {
                return p;
            }
        }
        return b.last > 0 ? b.last : b.mark;
    }

    private void unwait(final Book b, final SimOrder o) {
        b.waiting.remove(o);
        o.waiting = false;
    }

    private void cancelWaiting(final Book b, final long account, final ReasonCode reason) {
        if (b.waiting.isEmpty()) {
            return;
        }
        final long now = loop.nowNanos();
        final List<SimOrder> gone = new ArrayList<>();
        for (final SimOrder o : b.waiting) {
            if (o.account == account) {
                gone.add(o);
            }
        }
        for (final SimOrder o : gone) {
            unwait(b, o);
            closeOrder(o, VenueOrderStatus.CANCELED);
            report(o, new VenueCanceled(name, o.clientOrderId, reason, now, now));
        }
    }

    /** The order is done: out of the live and open sets. */
    private void closeOrder(final SimOrder o, final VenueOrderStatus status) {
        o.status = status;
        live.remove(o.id);
        if (o.clientOrderId != null) {
            final AccountOrders a = accounts.get(o.account);
            if (a != null) {
                a.open.remove(o.clientOrderId);
            }
        }
    }

    /** Delivers a report about an order to its account's port (orders without client id report only their fills). */
    private void report(final SimOrder o, final ExecutionReport r) {
        if (o.clientOrderId == null && !(r instanceof VenueFill)) {
            return;
        }
        final SimExecutionPort p = ports.get(o.account);
        if (p != null) {
            p.deliver(r);
        }
    }

    private void startAgent(final AgentSlot slot) {
        final RandomSource random = RandomSource.forComponent(config.seed(), "sim:" + name + ":agent:" + slot.agent().name());
        final AgentContext ctx = new AgentContext() {
            @Override
            public long account() {
                return slot.account();
            }

            @Override
            public long nowNanos() {
                return loop.nowNanos();
            }

            @Override
            public RandomSource random() {
                return random;
            }

            @Override
            public void at(final long nanos, final Runnable action) {
                loop.scheduleAction(Math.max(nanos, loop.nowNanos()), () -> {
                    action.run();
                    endAction();
                });
            }

            @Override
            public Instrument instrument(final String symbol) {
                return book(symbol).instrument;
            }

            @Override
            public long place(final String symbol, final Side side, final OrderType type, final TimeInForce tif,
                              final long price, final long qty) {
                return placeOrder(slot.account(), symbol, side, type, tif, price, qty);
            }

            @Override
            public boolean cancel(final String symbol, final long orderId) {
                return cancelOrder(slot.account(), symbol, orderId);
            }

            @Override
            public int cancelAll(final String symbol) {
                if (halted()) {
                    return 0;
                }
                final int n = book(symbol).engine.cancelAll(slot.account());
                endAction();
                return n;
            }

            @Override
            public long bestBid(final String symbol) {
                return book(symbol).engine.bestBid();
            }

            @Override
            public long bestAsk(final String symbol) {
                return book(symbol).engine.bestAsk();
            }

            @Override
            public long lastPrice(final String symbol) {
                return book(symbol).last;
            }

            @Override
            public long position(final String symbol) {
                return ledger.position(slot.account(), book(symbol).instrument);
            }
        };
        loop.scheduleAction(loop.nowNanos(), () -> {
            slot.agent().start(ctx);
            endAction();
        });
    }

    // =================================================================== MARGIN ledger: marks, funding, liquidation

    /** The MARGIN ledger, or null with SIMPLE. */
    public AccountLedger marginLedger() {
        return margin;
    }

    /** Every liquidation the venue ran so far (MARGIN; empty with SIMPLE). */
    public List<LiquidationReport> liquidations() {
        return List.copyOf(liquidations);
    }

    /** Every funding settlement so far (MARGIN; empty with SIMPLE). */
    public List<FundingSettlement> fundingSettlements() {
        return List.copyOf(fundingSettlements);
    }

    /**
     * The account model's mark of each perpetual: the venue's mark price when it has one (replayed {@code MarkPrice}
     * data, bars with {@code marksFromBars}, price gaps), else its last price; rounded to the tick.
     */
    private void syncMarks() {
        for (final Book b : books.values()) {
            if (!b.instrument.isPerpetual()) {
                continue;
            }
            final long m = b.mark > 0 ? b.mark : b.last;
            if (m <= 0) {
                continue;
            }
            final long px = onTick(b, m);
            final String symbol = b.instrument.id().symbol();
            if (margin.marks().mark(symbol) != px) {
                margin.marks().setMark(symbol, px);
            }
        }
    }

    /**
     * At the end of every action (after trades and price moves): marks follow the venue's prices, then
     * {@link LiquidationEngine#checkAll} liquidates every account under its maintenance margin; the liquidation
     * account's closes trade in the books like any order and may move prices, so the pass repeats until quiet.
     * Skipped during a maintenance halt (the books are frozen).
     */
    private void riskPass() {
        if (margin == null || inRiskPass || loop == null || halted()) {
            return;
        }
        inRiskPass = true;
        try {
            for (int round = 0; round < 1_000; round++) {
                syncMarks();
                final List<LiquidationReport> done = liquidation.checkAll();
                if (done.isEmpty()) {
                    return;
                }
                for (final LiquidationReport r : done) {
                    publish(r);
                }
                for (final Book b : books.values()) {
                    settle(b);
                }
            }
            throw new IllegalStateException("liquidations did not settle within 1000 rounds");
        } finally {
            inRiskPass = false;
        }
    }

    /**
     * Reports a liquidation to the accounts' ports: each taken-over position as a fill without client order id,
     * {@code Liquidity.LIQUIDATION}, at the bankruptcy price with the liquidation fee (its orders were canceled with
     * {@code VENUE_LIQUIDATION} before); each auto-deleveraging fill the same way, without fee.
     */
    private void publish(final LiquidationReport r) {
        liquidations.add(r);
        final long now = loop.nowNanos();
        for (final Takeover t : r.takeovers()) {
            final SimExecutionPort port = ports.get(t.account());
            final long n = nextLiquidationId++;
            if (port != null) {
                port.deliver(new VenueFill(name, null, "LIQ" + n, book(t.symbol()).instrument.id(), "L" + n, t.side(),
                        t.bankruptcyPrice(), t.qty(), t.liquidationFee(), Liquidity.LIQUIDATION, now, now));
            }
        }
        for (final AdlFill a : r.adlFills()) {
            final SimExecutionPort port = ports.get(a.account());
            final long n = nextLiquidationId++;
            if (port != null) {
                port.deliver(new VenueFill(name, null, "ADL" + n, book(a.symbol()).instrument.id(), "A" + n, a.side(),
                        a.price(), a.qty(), 0, Liquidity.LIQUIDATION, now, now));
            }
        }
    }

    /** FORCED_LIQUIDATION with MARGIN: the liquidation engine liquidates the accounts holding the instrument. */
    private void forcedLiquidation(final InjectedFault f) {
        final long now = loop.nowNanos();
        syncMarks();
        for (final long account : ports.keySet()) {
            for (final Book b : books.values()) {
                if (!f.fault().appliesTo(b.instrument.id().symbol()) || !b.instrument.isPerpetual()
                        || ledger.position(account, b.instrument) == 0) {
                    continue;
                }
                final LiquidationReport r = liquidation.liquidate(account, b.instrument.settleAsset());
                publish(r);
                faults.hit(f, now, "account " + account + " " + b.instrument.id() + ": liquidated by the engine, "
                        + r.takeovers().size() + " position(s) taken over, " + r.adlFills().size() + " ADL fill(s)");
            }
        }
        for (final Book b : books.values()) {
            settle(b);
        }
    }

    private void scheduleFunding() {
        loop.scheduleAction(Math.max(funding.nextFundingNanos(), loop.nowNanos()), () -> {
            onFundingTime();
            endAction();
            scheduleFunding();
        });
    }

    /**
     * A funding time (00:00, 08:00, 16:00 UTC of venue time): the account model settles every open position at the
     * current mark, and every account with a port that paid or received gets a {@code FundingSettled} (rate and mark;
     * the kernel computes its own amount, exact unless {@code q × mark × rate} needs rounding: the venue rounds
     * toward −∞, the kernel half-even).
     */
    private void onFundingTime() {
        final long now = loop.nowNanos();
        syncMarks();
        for (final FundingSettlement s : funding.onTime(now)) {
            fundingSettlements.add(s);
            final InstrumentId id = book(s.symbol()).instrument.id();
            for (final FundingPayment p : s.payments()) {
                final SimExecutionPort port = ports.get(p.account());
                if (port != null) {
                    port.deliver(new FundingSettled(name, id, s.rate(), s.markPrice(), now, now));
                }
            }
        }
    }

    /** The venue's way into its books for the liquidation engine. */
    private final class Liquidator implements LiquidationExecutor {
        @Override
        public void cancelAllOrders(final long account) {
            cancelOverride = ReasonCode.VENUE_LIQUIDATION;
            try {
                for (final Book b : books.values()) {
                    cancelWaiting(b, account, ReasonCode.VENUE_LIQUIDATION);
                    b.engine.cancelAll(account);
                }
            } finally {
                cancelOverride = null;
            }
        }

        @Override
        public void submitImmediateOrCancel(final String symbol, final long account, final Side side,
                                            final long limitPrice, final long qty) {
            final Book b = book(symbol);
            final SimOrder o = new SimOrder(nextOrderId++, AccountLedger.LIQUIDATION_BOOK_ACCOUNT, null, b.instrument,
                    side, OrderType.LIMIT, TimeInForce.IOC, limitPrice, 0, qty, false);
            live.put(o.id, o);
            b.engine.place(o.id, o.account, side, OrderType.LIMIT, TimeInForce.IOC, limitPrice, qty, false, null, 0);
        }
    }

    // =================================================================== one instrument

    /** One instrument's matching engine, prices, waiting orders and publication state; the engine's listener. */
    private final class Book implements MatchListener {
        final Instrument instrument;
        final MatchingEngine engine;
        Bar lastBar;
        long last;
        long mark;
        int pendingStops;
        final ArrayDeque<SimOrder> waiting = new ArrayDeque<>();
        boolean dirty;
        boolean traded;
        long lastTradePrice;
        BookSnapshot lastDataBook;
        QuoteTick lastDataQuote;
        final long[] bidPx;
        final long[] bidQty;
        final long[] askPx;
        final long[] askQty;
        final long[] pubBidPx;
        final long[] pubBidQty;
        final long[] pubAskPx;
        final long[] pubAskQty;
        int pubBids;
        int pubAsks;

        Book(final Instrument instrument) {
            this.instrument = instrument;
            final BookRules rules = BookRules.forInstrument(instrument, config.selfTradePrevention(), config.marketProtection());
            this.engine = new MatchingEngine(rules, this,
                    account -> account == BAR_LIQUIDITY_ACCOUNT ? 0 : ledger.position(account, instrument));
            final int depth = config.bookDepth();
            bidPx = new long[depth];
            bidQty = new long[depth];
            askPx = new long[depth];
            askQty = new long[depth];
            pubBidPx = new long[depth];
            pubBidQty = new long[depth];
            pubAskPx = new long[depth];
            pubAskQty = new long[depth];
        }

        private long now() {
            return loop.nowNanos();
        }

        @Override
        public void onAccepted(final long orderId, final long account, final Side side, final long price, final long qty) {
            dirty = true;
            if (account == BAR_LIQUIDITY_ACCOUNT) {
                return;
            }
            final SimOrder o = live.get(orderId);
            o.qty = qty;
            if (o.type.hasTriggerPrice()) {
                o.pendingStop = true;
                pendingStops++;
            }
            if (o.type.hasLimitPrice()) {
                ledger.reserve(o.account, o.ticket(0));
            }
            if (!o.acceptReported) {
                o.acceptReported = true;
                final long now = now();
                report(o, new VenueAccepted(name, o.clientOrderId, o.venueOrderId(), now, now));
            }
        }

        @Override
        public void onRejected(final long orderId, final long account, final RejectReason reason) {
            if (account == BAR_LIQUIDITY_ACCOUNT) {
                return;
            }
            final SimOrder o = live.get(orderId);
            final long now = now();
            if (o.acceptReported) {
                // The engine refuses an order it had accepted only when it comes to execute it (a waiting market
                // order at the bar close that reduce-only now forbids): the live order is canceled, as venues do
                // (Bybit: a reduce-only order that would increase the position is cancelled).
                closeOrder(o, VenueOrderStatus.CANCELED);
                report(o, new VenueCanceled(name, o.clientOrderId, reason.code(), now, now));
                return;
            }
            closeOrder(o, VenueOrderStatus.REJECTED);
            report(o, new VenueRejected(name, o.clientOrderId, reason.code(), reason.name(), now, now));
        }

        @Override
        public void onCancelRejected(final long orderId, final long account, final RejectReason reason) {
            final SimExecutionPort p = ports.get(account);
            if (p != null && currentClientId != null) {
                final long now = now();
                p.deliver(new VenueCancelRejected(name, currentClientId, reason.code(), reason.name(), now, now));
            }
        }

        @Override
        public void onAmendRejected(final long orderId, final long account, final RejectReason reason) {
            final SimExecutionPort p = ports.get(account);
            if (p != null && currentClientId != null) {
                final long now = now();
                p.deliver(new VenueAmendRejected(name, currentClientId, reason.code(), reason.name(), now, now));
            }
        }

        @Override
        public void onTrade(final long takerId, final long takerAccount, final long makerId, final long makerAccount,
                            final Side aggressor, final long price, final long qty, final long takerLeavesQty,
                            final long makerLeavesQty) {
            dirty = true;
            traded = true;
            lastTradePrice = price;
            final String tradeId = "T" + nextTradeId++;
            fill(takerId, takerAccount, price, qty, Liquidity.TAKER, takerLeavesQty, tradeId);
            fill(makerId, makerAccount, price, qty, Liquidity.MAKER, makerLeavesQty, tradeId);
            if (marketData.wants(instrument.id(), DataKind.TRADES)) {
                final long now = now();
                marketData.deliver(new TradeTick(instrument.id(), price, qty, aggressor, tradeId, now, now));
            }
        }

        private void fill(final long orderId, final long account, final long price, final long qty, final Liquidity liquidity,
                          final long leaves, final String tradeId) {
            if (account == BAR_LIQUIDITY_ACCOUNT) {
                return;
            }
            final SimOrder o = live.get(orderId);
            o.filled = Math.addExact(o.filled, qty);
            o.filledCost = Math.addExact(o.filledCost, Math.multiplyExact(price, qty));
            final long fee = ledger.onFill(o.account, o.id, instrument, o.side, price, qty, liquidity);
            ledger.updateReservation(o.account, o.id, o.price, leaves);
            if (leaves == 0) {
                closeOrder(o, VenueOrderStatus.FILLED);
            } else {
                o.status = VenueOrderStatus.PARTIALLY_FILLED;
            }
            final long now = now();
            report(o, new VenueFill(name, o.clientOrderId, o.venueOrderId(), instrument.id(), tradeId, o.side, price, qty,
                    fee, liquidity, now, now));
        }

        @Override
        public void onCanceled(final long orderId, final long account, final CancelReason reason, final long canceledQty) {
            dirty = true;
            if (account == BAR_LIQUIDITY_ACCOUNT) {
                return;
            }
            final SimOrder o = live.get(orderId);
            if (o.pendingStop) {
                o.pendingStop = false;
                pendingStops--;
            }
            closeOrder(o, VenueOrderStatus.CANCELED);
            ledger.updateReservation(o.account, o.id, o.price, 0);
            final ReasonCode code = cancelOverride != null ? cancelOverride : reason.code();
            final long now = now();
            report(o, new VenueCanceled(name, o.clientOrderId, code, now, now));
        }

        @Override
        public void onAmended(final long orderId, final long account, final long price, final long qty,
                              final long leavesQty, final boolean priorityKept) {
            dirty = true;
            final SimOrder o = live.get(orderId);
            if (o == null) {
                return;
            }
            o.price = price;
            o.qty = qty;
            ledger.updateReservation(o.account, o.id, price, leavesQty);
            final long now = now();
            report(o, new VenueAmended(name, o.clientOrderId, price, qty, now, now));
        }

        @Override
        public void onTriggered(final long orderId, final long account, final TriggerSource source, final long triggerPrice,
                                final long referencePrice, final long qty) {
            dirty = true;
            final SimOrder o = live.get(orderId);
            if (o == null) {
                return;
            }
            if (o.pendingStop) {
                o.pendingStop = false;
                pendingStops--;
            }
            o.qty = Math.addExact(o.filled, qty);
        }
    }
}
