package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code market-maker}: one bid and one ask around the mid, skewed against inventory, within an inventory limit.
 *
 * <p><b>Mid.</b> The best bid/offer's mid on a quote, the book's mid on a book snapshot; until the first quote or book,
 * the last trade price or bar close (bar- or trade-only data).
 *
 * <p><b>Quotes.</b> With inventory {@code q} (the account's signed position on the instrument), inventory limit
 * {@code M = maxInventory × size}, reservation price {@code r = mid − mid × skewBps × q / M} and half spread {@code h = mid × spreadBps / 2}:
 * bid at {@code r − h} rounded down to the tick, ask at {@code r + h} rounded up (at least one tick apart). A long
 * inventory moves both quotes down (sell sooner, buy cheaper), a short one up; at {@code |q| = M} the shift is
 * {@code skewBps}. Sizes: bid {@code min(size, M − q)}, ask {@code min(size, M + q)}, rounded down to the lot and
 * dropped below the minimum quantity — so the strategy's own fills never take {@code |q|} beyond {@code M}, and it stops
 * quoting the side that would.
 *
 * <p><b>Re-quoting.</b> A resting quote is canceled when its side should not quote, when its open quantity differs from
 * the target size, or when its target price differs and either the mid moved at least {@code requoteBps} since it was
 * placed or the inventory changed. The replacement is placed once the cancel is done (never two orders on one side; a
 * cancel the venue refuses is tried again on the next market data),
 * and placements are at least {@code minRequoteMs} apart (a timer catches up), which keeps the strategy within the
 * risk engine's order-rate limit. A quote the risk engine denies is not tracked (nothing rests), and a timer tries again
 * after {@code max(minRequoteMs, 1 s)}: nothing else may come to wake the strategy (no order event; no quote when the
 * only book was its own quotes), and a denial must not leave it believing a quote is working or never quote again.
 *
 * <p><b>Kernel states.</b> HALTED or the strategy not RUNNING (PAUSED, DISABLED): cancel both quotes, place nothing.
 * REDUCING: quote only the side that reduces the inventory, at most {@code |q|}; flat → nothing. Optional watchdog
 * ({@code watchdogMs > 0}): while quotes rest, a timer checks every {@code watchdogMs} and pulls them when no market
 * data came for that long or the states forbid quoting — strategies get no callback when they are paused for stale data.
 */
public final class MarketMaker implements SnapshottableStrategy {
    /** The name in the library. */
    public static final String NAME = "market-maker";
    private static final String STATE_FORMAT = NAME + "/1";
    private static final String REQUOTE_TIMER = "requote";
    private static final String WATCHDOG_TIMER = "watchdog";
    /** Least wait before quoting again after the risk engine denied a quote (see {@link #update}). */
    static final int DENIAL_RETRY_MS = 1000;

    /** The library entry. */
    public static final StrategyDescriptor DESCRIPTOR = new StrategyDescriptor(NAME,
            "Two-sided quoting around the mid with a spread, inventory skew and a maximum inventory; re-quotes when the mid "
                    + "moves; pulls quotes when trading is HALTED or the strategy is paused, quotes only the reducing side when REDUCING.",
            true,
            List.of(
                    ParamSpec.decimal("spreadBps", "10", "0.01", "10000", "full quoted spread, basis points of the mid"),
                    ParamSpec.quantity("size", "min", "quantity of each quote"),
                    ParamSpec.integer("maxInventory", 10, 1, 1_000_000, "largest |position| the quotes may lead to, in multiples of size"),
                    ParamSpec.decimal("skewBps", "5", "0", "10000", "shift of both quotes at full inventory, basis points of the mid"),
                    ParamSpec.decimal("requoteBps", "1", "0", "10000", "mid move that makes a quote stale, basis points"),
                    ParamSpec.integer("minRequoteMs", 250, 0, 3_600_000, "least time between placements (keeps within order-rate limits)"),
                    ParamSpec.flag("postOnly", false, "quote post-only (the venue rejects a quote that would take)"),
                    ParamSpec.integer("watchdogMs", 0, 0, 3_600_000, "pull quotes after this much market-data silence (0 = off)")));

    /**
     * Validated parameters.
     *
     * @param spreadUnits   full spread in basis-point units ({@link LibMath#BPS_ONE} = 100 %)
     * @param size          quantity per quote
     * @param maxInventory  inventory limit in multiples of {@code size}
     * @param skewUnits     skew at full inventory, basis-point units
     * @param requoteUnits  mid move that makes a quote stale, basis-point units
     * @param minRequoteMs  least time between placements
     * @param postOnly      post-only quotes
     * @param watchdogMs    data-silence watchdog period, 0 = off
     */
    public record Config(long spreadUnits, QtyParam size, int maxInventory, long skewUnits, long requoteUnits,
            int minRequoteMs, boolean postOnly, int watchdogMs) {
        public Config {
            if (spreadUnits <= 0) {
                throw new StrategyParameterException(NAME, "spreadBps", "strategy '" + NAME + "' parameter 'spreadBps': must be positive");
            }
            if (maxInventory < 1) {
                throw new StrategyParameterException(NAME, "maxInventory",
                        "strategy '" + NAME + "' parameter 'maxInventory': must be at least 1 (a multiple of size)");
            }
            if (skewUnits < 0 || requoteUnits < 0 || minRequoteMs < 0 || watchdogMs < 0) {
                throw new StrategyParameterException(NAME, skewUnits < 0 ? "skewBps" : requoteUnits < 0 ? "requoteBps"
                        : minRequoteMs < 0 ? "minRequoteMs" : "watchdogMs", "strategy '" + NAME + "': skewBps, requoteBps, "
                        + "minRequoteMs and watchdogMs must not be negative");
            }
        }

        static Config from(final Params p) {
            return new Config(p.decimal("spreadBps", LibMath.BPS_SCALE), p.quantity("size"), p.integer("maxInventory"),
                    p.decimal("skewBps", LibMath.BPS_SCALE), p.decimal("requoteBps", LibMath.BPS_SCALE), p.integer("minRequoteMs"),
                    p.flag("postOnly"), p.integer("watchdogMs"));
        }

        /** Checks the quantities against the instrument. */
        void check(final Instrument instrument) {
            Math.multiplyExact(size.resolve(NAME, instrument), (long) maxInventory);
        }
    }

    /** Where the strategy wants its quotes (a quantity of 0 means no quote on that side). */
    record Targets(long bidPrice, long bidQty, long askPrice, long askQty) {}

    /** One resting quote. */
    private static final class Quote {
        final ClientOrderId id;
        final long price;
        final long qty;
        final long midAtPlacement;
        final long inventoryAtPlacement;
        long filled;
        boolean cancelRequested;

        Quote(final ClientOrderId id, final long price, final long qty, final long midAtPlacement, final long inventoryAtPlacement) {
            this.id = id;
            this.price = price;
            this.qty = qty;
            this.midAtPlacement = midAtPlacement;
            this.inventoryAtPlacement = inventoryAtPlacement;
        }
    }

    private final InstrumentId instrumentId;
    private final Config config;
    private StrategyContext ctx;
    private Instrument instrument;
    private long size;
    private long maxInventoryQty;
    private long mid;
    private boolean touchSeen;
    private Quote bid;
    private Quote ask;
    private long lastPlacementNanos = Long.MIN_VALUE;
    private boolean requoteTimerSet;
    private boolean watchdogSet;
    private long placements;
    private long cancels;

    /** A market maker on {@code instrumentId} with these parameters. */
    public MarketMaker(final InstrumentId instrumentId, final Config config) {
        this.instrumentId = instrumentId;
        this.config = config;
    }

    @Override
    public void onStart(final StrategyContext context) {
        bind(context);
    }

    private void bind(final StrategyContext context) {
        this.ctx = context;
        this.instrument = context.instrument(instrumentId);
        this.size = config.size().resolve(NAME, instrument);
        this.maxInventoryQty = Math.multiplyExact(size, (long) config.maxInventory());
    }

    // ------------------------------------------------------------------ market data

    @Override
    public void onQuote(final QuoteTick quote) {
        if (quote.instrumentId().equals(instrumentId) && quote.bidPrice() > 0 && quote.askPrice() > 0) {
            touchSeen = true;
            mid = quote.midPrice();
            update();
        }
    }

    @Override
    public void onBook(final BookSnapshot book) {
        if (book.instrumentId().equals(instrumentId) && book.bestBid() > 0 && book.bestAsk() > 0) {
            touchSeen = true;
            mid = (book.bestBid() + book.bestAsk()) / 2;
            update();
        }
    }

    @Override
    public void onTrade(final TradeTick trade) {
        if (trade.instrumentId().equals(instrumentId) && !touchSeen && trade.price() > 0) {
            mid = trade.price();
            update();
        }
    }

    @Override
    public void onBar(final Bar bar) {
        if (bar.instrumentId().equals(instrumentId) && !touchSeen) {
            mid = bar.close();
            update();
        }
    }

    // ------------------------------------------------------------------ orders and timers

    @Override
    public void onOrderEvent(final OrderEvent event) {
        final boolean isBid = bid != null && bid.id.equals(event.clientOrderId());
        final boolean isAsk = ask != null && ask.id.equals(event.clientOrderId());
        if (!isBid && !isAsk) {
            return; // denied placements were never tracked; late reports of replaced quotes change nothing here
        }
        final Quote q = isBid ? bid : ask;
        if (event instanceof OrderFilled f) {
            q.filled = f.cumQty();
        }
        if (event instanceof CancelRejected) {
            // the venue kept the order (or says it is already gone; then its terminal event follows). Decide again on the
            // next market data, not at once: a venue refusing every cancel must not turn this into a request loop.
            q.cancelRequested = false;
            return;
        }
        if (Orders.isTerminal(event)) {
            if (isBid) {
                bid = null;
            } else {
                ask = null;
            }
        }
        if (event instanceof OrderFilled || Orders.isTerminal(event)) {
            update();
        }
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (timer.name().equals(REQUOTE_TIMER)) {
            requoteTimerSet = false;
            update();
        } else if (timer.name().equals(WATCHDOG_TIMER)) {
            watchdogSet = false;
            update();
            armWatchdog();
        }
    }

    // ------------------------------------------------------------------ the quoting logic

    private boolean mayQuote() {
        return ctx.tradingState() != TradingState.HALTED && ctx.state() == StrategyState.RUNNING;
    }

    /** With the watchdog on: no market data for {@code watchdogMs}; quotes are pulled and not replaced until data comes. */
    private boolean dataSilent() {
        return config.watchdogMs() > 0
                && ctx.nowNanos() - ctx.market().lastUpdateNanos(instrumentId) >= LibMath.millis(config.watchdogMs());
    }

    /** Reconciles the resting quotes with the targets; the single place where orders are placed or canceled. */
    private void update() {
        if (mid <= 0) {
            return;
        }
        if (!mayQuote() || dataSilent()) {
            pullQuotes();
            return;
        }
        final long inventory = ctx.portfolio().positionQty(instrumentId);
        final Targets t = targets(mid, inventory, ctx.tradingState());
        final long now = ctx.nowNanos();
        final boolean mayPlace = lastPlacementNanos == Long.MIN_VALUE
                || now - lastPlacementNanos >= LibMath.millis(config.minRequoteMs());
        boolean placed = false;
        boolean waiting = false;
        boolean denied = false;

        bid = reconcile(bid, t.bidPrice(), t.bidQty(), inventory);
        ask = reconcile(ask, t.askPrice(), t.askQty(), inventory);
        if (bid == null && t.bidQty() > 0) {
            if (mayPlace) {
                bid = place(Side.BUY, t.bidPrice(), t.bidQty(), inventory);
                placed = true;
                denied |= bid == null;
            } else {
                waiting = true;
            }
        }
        if (ask == null && t.askQty() > 0) {
            if (mayPlace) {
                ask = place(Side.SELL, t.askPrice(), t.askQty(), inventory);
                placed = true;
                denied |= ask == null;
            } else {
                waiting = true;
            }
        }
        if (placed) {
            lastPlacementNanos = now;
        }
        if (denied && !requoteTimerSet) {
            // A denied quote leaves nothing resting, so no order event will wake the strategy, and market data may not
            // either (a book of only its own quotes goes silent once they are gone). Try again later, never sooner than
            // DENIAL_RETRY_MS: a denial for the order rate must not be answered with a burst of further intents.
            requoteTimerSet = true;
            ctx.setTimer(REQUOTE_TIMER, now + Math.max(LibMath.millis(config.minRequoteMs()), LibMath.millis(DENIAL_RETRY_MS)));
        } else if (waiting && !requoteTimerSet) {
            requoteTimerSet = true;
            ctx.setTimer(REQUOTE_TIMER, lastPlacementNanos + LibMath.millis(config.minRequoteMs()));
        }
        armWatchdog();
    }

    /** Keeps, cancels or forgets one side's quote; returns what stays in the slot. */
    private Quote reconcile(final Quote q, final long targetPrice, final long targetQty, final long inventory) {
        if (q == null || q.cancelRequested) {
            return q;
        }
        final boolean stale = targetQty == 0
                || q.qty - q.filled != targetQty
                || (targetPrice != q.price
                        && (inventory != q.inventoryAtPlacement || LibMath.movedAtLeast(q.midAtPlacement, mid, config.requoteUnits())));
        if (!stale) {
            return q;
        }
        return cancel(q);
    }

    private Quote cancel(final Quote q) {
        final ReasonCode r = ctx.cancel(q.id);
        if (r == ReasonCode.NONE) {
            q.cancelRequested = true;
            cancels++;
            return q;
        }
        return null; // already over (its terminal event is on its way or was missed): nothing left to cancel
    }

    private void pullQuotes() {
        if (bid != null && !bid.cancelRequested) {
            bid = cancel(bid);
        }
        if (ask != null && !ask.cancelRequested) {
            ask = cancel(ask);
        }
    }

    private Quote place(final Side side, final long price, final long qty, final long inventory) {
        final TimeInForce tif = config.postOnly() ? TimeInForce.POST_ONLY : TimeInForce.GTC;
        final SubmitResult r = ctx.submit(new OrderIntent(ctx.strategyId(), instrumentId, side, OrderType.LIMIT, tif, price, 0, qty, false));
        placements++;
        return r.passed() ? new Quote(r.clientOrderId(), price, qty, mid, inventory) : null;
    }

    private void armWatchdog() {
        if (config.watchdogMs() > 0 && !watchdogSet && (bid != null || ask != null)) {
            watchdogSet = true;
            ctx.setTimer(WATCHDOG_TIMER, ctx.nowNanos() + LibMath.millis(config.watchdogMs()));
        }
    }

    /**
     * The quotes wanted for a mid, an inventory and a trading state (pure; see the class comment for the formulas).
     */
    Targets targets(final long midPrice, final long inventory, final TradingState state) {
        final long tick = instrument.tickSize();
        final long half = Math.max(1, Fixed.mulDiv(midPrice, config.spreadUnits(), 2 * LibMath.BPS_ONE, RoundingMode.HALF_EVEN));
        final long skew = Fixed.mulDiv(LibMath.bps(midPrice, config.skewUnits(), RoundingMode.HALF_EVEN), inventory,
                maxInventoryQty, RoundingMode.HALF_EVEN);
        final long reservation = midPrice - skew;
        long bidPrice = LibMath.floorToTick(reservation - half, tick);
        long askPrice = LibMath.ceilToTick(reservation + half, tick);
        if (askPrice <= bidPrice) {
            askPrice = bidPrice + tick;
        }
        long bidQty = sized(Math.min(size, maxInventoryQty - inventory));
        long askQty = sized(Math.min(size, maxInventoryQty + inventory));
        if (state == TradingState.REDUCING) {
            bidQty = inventory < 0 ? sized(Math.min(bidQty, -inventory)) : 0;
            askQty = inventory > 0 ? sized(Math.min(askQty, inventory)) : 0;
        }
        if (bidPrice <= 0) {
            bidPrice = 0;
            bidQty = 0;
        }
        return new Targets(bidPrice, bidQty, askPrice, askQty);
    }

    private long sized(final long qty) {
        final long q = instrument.roundQtyDown(Math.max(0, qty));
        return q < instrument.minQty() ? 0 : q;
    }

    // ------------------------------------------------------------------ inspection and snapshots

    /** Limit orders submitted so far (passed or denied). */
    public long placements() {
        return placements;
    }

    /** Cancels requested so far. */
    public long cancels() {
        return cancels;
    }

    /** The parameters. */
    public Config config() {
        return config;
    }

    @Override
    public String saveState() {
        final StateText s = StateText.write(STATE_FORMAT)
                .put("mid", mid)
                .put("touchSeen", touchSeen)
                .put("lastPlacement", lastPlacementNanos)
                .put("requoteTimerSet", requoteTimerSet)
                .put("watchdogSet", watchdogSet)
                .put("placements", placements)
                .put("cancels", cancels);
        saveQuote(s, "bid", bid);
        saveQuote(s, "ask", ask);
        return s.toString();
    }

    private static void saveQuote(final StateText s, final String side, final Quote q) {
        s.put(side, q == null ? null : q.id.value());
        if (q != null) {
            s.put(side + "Quote", new long[] {q.price, q.qty, q.midAtPlacement, q.inventoryAtPlacement, q.filled, q.cancelRequested ? 1 : 0});
        }
    }

    private static Quote restoreQuote(final StateText s, final String side) {
        final String id = s.getString(side);
        if (id == null) {
            return null;
        }
        final long[] v = s.getLongs(side + "Quote");
        if (v.length != 6) {
            throw new IllegalArgumentException(STATE_FORMAT + " state: " + side + "Quote needs 6 numbers, has " + v.length);
        }
        final Quote q = new Quote(new ClientOrderId(id), v[0], v[1], v[2], v[3]);
        q.filled = v[4];
        q.cancelRequested = v[5] != 0;
        return q;
    }

    @Override
    public void restoreState(final StrategyContext context, final String state) {
        bind(context);
        final StateText s = StateText.read(STATE_FORMAT, state);
        mid = s.getLong("mid");
        touchSeen = s.getBoolean("touchSeen");
        lastPlacementNanos = s.getLong("lastPlacement");
        requoteTimerSet = s.getBoolean("requoteTimerSet");
        watchdogSet = s.getBoolean("watchdogSet");
        placements = s.getLong("placements");
        cancels = s.getLong("cancels");
        bid = restoreQuote(s, "bid");
        ask = restoreQuote(s, "ask");
    }
}
