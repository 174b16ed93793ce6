package dev.tandem.sim.matching;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The fast {@link OrderBook}: one symbol's price-time priority book and matching engine.
 *
 * <p>Data structures: each side keeps its price levels in a sorted primitive-keyed array with the best level last
 * ({@link BookSide}); each level is an intrusive doubly-linked FIFO of {@link Order} records, so cancel is
 * O(1) once the order is found; live orders are found by id in an Eclipse Collections {@code LongObjectHashMap}
 * and by account in intrusive per-account lists (for cancel-all in acceptance order); pending stops sit in four
 * small arrays kept in trigger order ({@link StopQueue}). Hash maps are only ever probed by key, never iterated
 * into output, so every listener call and every state view follows book order.
 *
 * <p>Hot path: the listener receives primitives, so there are no result or event objects. An incoming order matches
 * in one reusable scratch record and gets its own {@link Order} only if it rests; a new price level allocates one
 * small object; the id map reallocates its table now and then. Nothing is pooled: pooling orders was measured
 * slower (reused records scatter a level's queue across memory) for a saving in allocation the young generation
 * absorbs easily (STYLE B5: no pools until a profiler asks). Views ({@link #state()}) allocate and are for tests
 * and tools.
 *
 * <p>Not thread-safe; one engine per symbol, driven by the simulator's single event loop.
 */
public final class MatchingEngine implements OrderBook {

    /** Why matching a taker stopped. */
    private static final int FILLED = 0;
    private static final int NO_LIQUIDITY = 1;
    private static final int LIMIT_REACHED = 2;
    private static final int SELF_TRADE = 3;

    private final BookRules rules;
    private final MatchListener listener;
    private final ReduceOnlyGuard guard;

    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private final LongObjectHashMap<Order> orders = new LongObjectHashMap<>();
    private final LongObjectHashMap<AccountOrders> accounts = new LongObjectHashMap<>();
    private final StopQueue lastBuys = new StopQueue(Side.BUY);
    private final StopQueue lastSells = new StopQueue(Side.SELL);
    private final StopQueue markBuys = new StopQueue(Side.BUY);
    private final StopQueue markSells = new StopQueue(Side.SELL);
    private Order[] triggered = new Order[16];

    /** The incoming order while it matches; copied into a fresh {@link Order} only if it rests. */
    private final Order scratch = new Order();
    private long nextSeq;
    private long lastPrice = NO_PRICE;
    private long markPrice = NO_PRICE;

    /**
     * @param rules    the venue rules
     * @param listener receives every outcome, synchronously
     * @param guard    positions for reduce-only orders ({@link ReduceOnlyGuard#FLAT} if there are no accounts)
     */
    public MatchingEngine(final BookRules rules, final MatchListener listener, final ReduceOnlyGuard guard) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** An engine without accounts: every reduce-only order is refused. */
    public MatchingEngine(final BookRules rules, final MatchListener listener) {
        this(rules, listener, ReduceOnlyGuard.FLAT);
    }

    /** The rules this book enforces. */
    public BookRules rules() {
        return rules;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public boolean place(final long orderId, final long account, final Side side, final OrderType type,
                         final TimeInForce tif, final long price, final long qty, final boolean reduceOnly,
                         final TriggerSource triggerSource, final long triggerPrice) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        final boolean stop = type.hasTriggerPrice();
        if (stop) {
            Objects.requireNonNull(triggerSource, "triggerSource");
        }
        final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        final long limitPrice = market ? 0 : price;

        RejectReason reject = validateNew(orderId, market, tif, limitPrice, qty, stop, triggerPrice);
        long acceptedQty = qty;
        if (reject == null && reduceOnly) {
            acceptedQty = reduceOnlyQty(account, side, qty);
            if (acceptedQty == 0) {
                reject = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
            }
        }
        if (reject == null && !stop) {
            reject = preTradeCheck(account, side, market, tif, limitPrice, acceptedQty);
        }
        if (reject != null) {
            listener.onRejected(orderId, account, reject);
            return false;
        }

        final Order o = stop ? new Order() : scratch;
        o.id = orderId;
        o.account = account;
        o.side = side;
        o.type = type;
        o.tif = tif;
        o.reduceOnly = reduceOnly;
        o.price = limitPrice;
        o.qty = acceptedQty;
        o.filled = 0;
        o.seq = nextSeq++;
        o.live = false;
        o.pendingStop = false;
        if (stop) {
            o.triggerSource = triggerSource;
            o.triggerPrice = triggerPrice;
            o.pendingStop = true;
            makeLive(o);
            listener.onAccepted(orderId, account, side, limitPrice, acceptedQty);
            final long reference = triggerSource == TriggerSource.LAST ? lastPrice : markPrice;
            final StopQueue queue = stopQueue(triggerSource, side);
            if (reference != NO_PRICE && queue.triggers(o, reference)) {
                enterTriggered(o, reference);
            } else {
                queue.add(o);
            }
            return true;
        }
        listener.onAccepted(orderId, account, side, limitPrice, acceptedQty);
        execute(o, market ? marketLimit(side) : limitPrice);
        return true;
    }

    @Override
    public boolean cancel(final long orderId, final long account) {
        final Order o = orders.get(orderId);
        if (o == null || o.account != account) {
            listener.onCancelRejected(orderId, account, RejectReason.UNKNOWN_ORDER);
            return false;
        }
        cancelLive(o, CancelReason.USER);
        return true;
    }

    @Override
    public int cancelAll(final long account) {
        final AccountOrders list = accounts.get(account);
        if (list == null) {
            return 0;
        }
        int n = 0;
        while (list.head != null) {
            cancelLive(list.head, CancelReason.CANCEL_ALL);
            n++;
        }
        return n;
    }

    @Override
    public boolean amend(final long orderId, final long account, final long newPrice, final long newQty) {
        final Order o = orders.get(orderId);
        RejectReason reject = null;
        if (o == null || o.account != account) {
            reject = RejectReason.UNKNOWN_ORDER;
        } else if (o.pendingStop) {
            reject = RejectReason.STOP_NOT_AMENDABLE;
        }
        final long price = newPrice == KEEP && o != null ? o.price : newPrice;
        final long qty = newQty == KEEP && o != null ? o.qty : newQty;
        if (reject == null) {
            reject = validatePrice(price);
        }
        if (reject == null) {
            reject = validateQty(qty);
        }
        if (reject == null && !rules.meetsMinNotional(price, qty)) {
            reject = RejectReason.NOTIONAL_BELOW_MIN;
        }
        if (reject == null && qty <= o.filled) {
            reject = RejectReason.AMEND_QTY_NOT_ABOVE_FILLED;
        }
        if (reject == null && o.reduceOnly && qty > o.qty && reduceOnlyQty(account, o.side, qty - o.filled) < qty - o.filled) {
            reject = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
        }
        if (reject == null && price != o.price && o.tif == TimeInForce.POST_ONLY && wouldTake(o.side, price)) {
            reject = RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (reject != null) {
            listener.onAmendRejected(orderId, account, reject);
            return false;
        }

        final PriceLevel level = o.level;
        if (price == o.price && qty <= o.qty) {
            level.totalQty -= o.qty - qty;
            o.qty = qty;
            listener.onAmended(orderId, account, price, qty, o.leaves(), true);
            return true;
        }
        if (price == o.price) {
            level.unlink(o);
            o.qty = qty;
            level.append(o);
            listener.onAmended(orderId, account, price, qty, o.leaves(), false);
            return true;
        }
        level.unlink(o);
        if (level.isEmpty()) {
            side(o.side).remove(level);
        }
        o.price = price;
        o.qty = qty;
        listener.onAmended(orderId, account, price, qty, o.leaves(), false);
        execute(o, price);
        return true;
    }

    @Override
    public void onLastPrice(final long price) {
        requirePositive(price);
        lastPrice = price;
        triggerStops(TriggerSource.LAST, lastBuys, lastSells, price);
    }

    @Override
    public void onMarkPrice(final long price) {
        requirePositive(price);
        markPrice = price;
        triggerStops(TriggerSource.MARK, markBuys, markSells, price);
    }

    // ------------------------------------------------------------------ queries

    @Override
    public long bestBid() {
        final PriceLevel best = bids.best();
        return best == null ? NO_PRICE : best.price;
    }

    @Override
    public long bestAsk() {
        final PriceLevel best = asks.best();
        return best == null ? NO_PRICE : best.price;
    }

    @Override
    public boolean isLive(final long orderId) {
        return orders.containsKey(orderId);
    }

    @Override
    public long leavesQty(final long orderId) {
        final Order o = orders.get(orderId);
        return o == null ? 0 : o.leaves();
    }

    @Override
    public long filledQty(final long orderId) {
        final Order o = orders.get(orderId);
        return o == null ? 0 : o.filled;
    }

    @Override
    public int liveOrderCount() {
        return orders.size();
    }

    /** The number of price levels on one side. */
    public int levelCount(final Side side) {
        return side(side).size();
    }

    /**
     * Copies the price and total quantity of up to {@code depth} levels of one side, best first, into the arrays
     * (allocation-free: for publishing the top of the book).
     *
     * @return how many levels were copied
     */
    public int topLevels(final Side side, final int depth, final long[] prices, final long[] qtys) {
        final BookSide book = side(side);
        final int n = Math.min(Math.min(depth, book.size()), Math.min(prices.length, qtys.length));
        for (int rank = 0; rank < n; rank++) {
            final PriceLevel level = book.fromBest(rank);
            prices[rank] = level.price;
            qtys[rank] = level.totalQty;
        }
        return n;
    }

    @Override
    public BookState state() {
        return new BookState(levels(bids), levels(asks), stops(), lastPrice, markPrice);
    }

    @Override
    public void bookDigest(final StateDigest digest) {
        BookDigestFormat.begin(digest, lastPrice, markPrice);
        digestSide(digest, BookDigestFormat.BIDS, bids);
        digestSide(digest, BookDigestFormat.ASKS, asks);
        BookDigestFormat.stops(digest, lastBuys.size() + lastSells.size() + markBuys.size() + markSells.size());
        for (final StopQueue q : new StopQueue[] {lastBuys, lastSells, markBuys, markSells}) {
            for (int i = 0; i < q.size(); i++) {
                final Order o = q.get(i);
                BookDigestFormat.stop(digest, o.id, o.account, o.side, o.type, o.tif, o.reduceOnly, o.triggerSource,
                        o.triggerPrice, o.price, o.qty);
            }
        }
    }

    // ------------------------------------------------------------------ validation

    private RejectReason validateNew(final long orderId, final boolean market, final TimeInForce tif, final long price,
                                     final long qty, final boolean stop, final long triggerPrice) {
        if (orders.containsKey(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (market && tif == TimeInForce.POST_ONLY) {
            return RejectReason.INVALID_TIME_IN_FORCE;
        }
        if (!market) {
            final RejectReason priceReject = validatePrice(price);
            if (priceReject != null) {
                return priceReject;
            }
        }
        if (stop && (triggerPrice <= 0 || triggerPrice % rules.tickSize() != 0)) {
            return RejectReason.INVALID_TRIGGER_PRICE;
        }
        final RejectReason qtyReject = validateQty(qty);
        if (qtyReject != null) {
            return qtyReject;
        }
        if (!market && !rules.meetsMinNotional(price, qty)) {
            return RejectReason.NOTIONAL_BELOW_MIN;
        }
        return null;
    }

    private RejectReason validatePrice(final long price) {
        if (price <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (price % rules.tickSize() != 0) {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        return null;
    }

    private RejectReason validateQty(final long qty) {
        if (qty <= 0) {
            return RejectReason.INVALID_QTY;
        }
        if (qty % rules.lotSize() != 0) {
            return RejectReason.QTY_NOT_ON_LOT;
        }
        if (qty < rules.minQty()) {
            return RejectReason.QTY_BELOW_MIN;
        }
        if (qty > rules.maxQty()) {
            return RejectReason.QTY_ABOVE_MAX;
        }
        return null;
    }

    /** The quantity a reduce-only order may have: 0 if it would increase the position, else capped at its size. */
    private long reduceOnlyQty(final long account, final Side side, final long qty) {
        final long position = guard.position(account);
        if (position == 0 || Long.signum(position) == side.sign()) {
            return 0;
        }
        final long size = position == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(position);
        return Math.min(qty, size);
    }

    /** Post-only and fill-or-kill: the checks that look at the book. */
    private RejectReason preTradeCheck(final long account, final Side side, final boolean market, final TimeInForce tif,
                                       final long price, final long qty) {
        if (tif == TimeInForce.POST_ONLY && wouldTake(side, price)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (tif == TimeInForce.FOK && !fillable(account, side, market ? marketLimit(side) : price, qty)) {
            return RejectReason.FOK_NOT_FILLABLE;
        }
        return null;
    }

    private boolean wouldTake(final Side side, final long price) {
        final PriceLevel best = opposite(side).best();
        return best != null && crosses(side, best.price, price);
    }

    /**
     * True if a taker could fill {@code qty} completely against the book right now within {@code limit}, honoring
     * self-trade prevention: own orders are skipped under CANCEL_MAKER (they would be canceled) and end the count
     * under CANCEL_TAKER and CANCEL_BOTH (the taker would be canceled there).
     */
    private boolean fillable(final long account, final Side side, final long limit, final long qty) {
        final BookSide book = opposite(side);
        final SelfTradePrevention stp = rules.selfTradePrevention();
        long available = 0;
        for (int rank = 0; rank < book.size(); rank++) {
            final PriceLevel level = book.fromBest(rank);
            if (!crosses(side, level.price, limit)) {
                return false;
            }
            if (stp == SelfTradePrevention.NONE) {
                available += level.totalQty;
                if (available >= qty) {
                    return true;
                }
                continue;
            }
            for (Order m = level.head; m != null; m = m.next) {
                if (m.account == account) {
                    if (stp == SelfTradePrevention.CANCEL_MAKER) {
                        continue;
                    }
                    return false;
                }
                available += m.leaves();
                if (available >= qty) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ matching

    /** The price limit of a market order starting to match now. */
    private long marketLimit(final Side side) {
        final PriceLevel best = opposite(side).best();
        if (best == null) {
            return side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return rules.marketProtection().worstPrice(side, best.price, rules.tickSize());
    }

    /** Matches an accepted (or amended, or triggered) order, then rests, cancels or drops what is left. */
    private void execute(final Order o, final long limit) {
        final int outcome = match(o, limit);
        final long leaves = o.leaves();
        if (outcome == SELF_TRADE) {
            finish(o, CancelReason.SELF_TRADE, leaves);
        } else if (leaves == 0) {
            finish(o, null, 0);
        } else if (o.isMarket()) {
            finish(o, outcome == LIMIT_REACHED ? CancelReason.PRICE_PROTECTION : CancelReason.NO_LIQUIDITY, leaves);
        } else if (o.tif == TimeInForce.IOC) {
            finish(o, CancelReason.IOC_REMAINDER, leaves);
        } else if (o.tif == TimeInForce.FOK) {
            throw new IllegalStateException("fill-or-kill order " + o.id + " passed the fill check but left " + leaves);
        } else {
            final Order resting = o == scratch ? restingCopy(o) : o;
            if (!resting.live) {
                makeLive(resting);
            }
            side(resting.side).getOrCreate(resting.price).append(resting);
        }
    }

    private static Order restingCopy(final Order o) {
        final Order c = new Order();
        c.id = o.id;
        c.account = o.account;
        c.side = o.side;
        c.type = o.type;
        c.tif = o.tif;
        c.reduceOnly = o.reduceOnly;
        c.price = o.price;
        c.qty = o.qty;
        c.filled = o.filled;
        c.seq = o.seq;
        return c;
    }

    /** Trades {@code taker} against the opposite side in price-time order up to {@code limit}. */
    private int match(final Order taker, final long limit) {
        final Side side = taker.side;
        final BookSide book = opposite(side);
        final SelfTradePrevention stp = rules.selfTradePrevention();
        while (taker.leaves() > 0) {
            final PriceLevel level = book.best();
            if (level == null) {
                return NO_LIQUIDITY;
            }
            if (!crosses(side, level.price, limit)) {
                return LIMIT_REACHED;
            }
            Order maker = level.head;
            while (maker != null && taker.leaves() > 0) {
                final Order next = maker.next;
                if (maker.account == taker.account && stp != SelfTradePrevention.NONE) {
                    if (stp == SelfTradePrevention.CANCEL_TAKER) {
                        return SELF_TRADE;
                    }
                    final long makerLeaves = maker.leaves();
                    level.unlink(maker);
                    forget(maker);
                    listener.onCanceled(maker.id, maker.account, CancelReason.SELF_TRADE, makerLeaves);
                    if (stp == SelfTradePrevention.CANCEL_BOTH) {
                        if (level.isEmpty()) {
                            book.remove(level);
                        }
                        return SELF_TRADE;
                    }
                    maker = next;
                    continue;
                }
                final long q = Math.min(taker.leaves(), maker.leaves());
                taker.filled += q;
                maker.filled += q;
                level.totalQty -= q;
                final long makerLeaves = maker.leaves();
                if (makerLeaves == 0) {
                    level.unlink(maker);
                    forget(maker);
                }
                listener.onTrade(taker.id, taker.account, maker.id, maker.account, side, level.price, q,
                        taker.leaves(), makerLeaves);
                maker = next;
            }
            if (level.isEmpty()) {
                book.remove(level);
            }
        }
        return FILLED;
    }

    private static boolean crosses(final Side takerSide, final long makerPrice, final long limit) {
        return takerSide == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    // ------------------------------------------------------------------ stops

    private void triggerStops(final TriggerSource source, final StopQueue buys, final StopQueue sells,
                              final long reference) {
        final int capacity = buys.size() + sells.size();
        if (capacity == 0) {
            return;
        }
        if (triggered.length < capacity) {
            triggered = new Order[Math.max(capacity, triggered.length * 2)];
        }
        int n = buys.drainTriggered(reference, triggered, 0);
        n = sells.drainTriggered(reference, triggered, n);
        for (int i = 0; i < n; i++) {
            final Order o = triggered[i];
            triggered[i] = null;
            enterTriggered(o, reference);
        }
    }

    /** A stop whose trigger condition holds enters the book (it is already out of its stop queue). */
    private void enterTriggered(final Order o, final long reference) {
        o.pendingStop = false;
        final boolean market = o.type == OrderType.STOP_MARKET;
        RejectReason failed = null;
        if (o.reduceOnly) {
            final long allowed = reduceOnlyQty(o.account, o.side, o.qty);
            if (allowed == 0) {
                failed = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
            } else {
                o.qty = allowed;
            }
        }
        listener.onTriggered(o.id, o.account, o.triggerSource, o.triggerPrice, reference, o.qty);
        if (failed == null) {
            failed = preTradeCheck(o.account, o.side, market, o.tif, o.price, o.qty);
        }
        if (failed != null) {
            finish(o, CancelReason.atTrigger(failed), o.leaves());
            return;
        }
        execute(o, market ? marketLimit(o.side) : o.price);
    }

    private StopQueue stopQueue(final TriggerSource source, final Side side) {
        if (source == TriggerSource.LAST) {
            return side == Side.BUY ? lastBuys : lastSells;
        }
        return side == Side.BUY ? markBuys : markSells;
    }

    // ------------------------------------------------------------------ order lifecycle

    /** Cancels a live order (resting or pending stop) on request. */
    private void cancelLive(final Order o, final CancelReason reason) {
        if (o.pendingStop) {
            stopQueue(o.triggerSource, o.side).remove(o);
        } else {
            final PriceLevel level = o.level;
            level.unlink(o);
            if (level.isEmpty()) {
                side(o.side).remove(level);
            }
        }
        finish(o, reason, o.leaves());
    }

    /** An order that is not (or no longer) in a level or stop queue is done, and optionally canceled. */
    private void finish(final Order o, final CancelReason reason, final long canceledQty) {
        if (o.live) {
            forget(o);
        }
        if (reason != null) {
            listener.onCanceled(o.id, o.account, reason, canceledQty);
        }
    }

    private void makeLive(final Order o) {
        orders.put(o.id, o);
        AccountOrders list = accounts.get(o.account);
        if (list == null) {
            list = new AccountOrders(o.account);
            accounts.put(o.account, list);
        }
        list.append(o);
        o.live = true;
    }

    private void forget(final Order o) {
        orders.remove(o.id);
        o.accountOrders.unlink(o);
        o.live = false;
    }

    private BookSide side(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide opposite(final Side side) {
        return side == Side.BUY ? asks : bids;
    }

    private static void requirePositive(final long price) {
        if (price <= 0) {
            throw new IllegalArgumentException("reference price must be positive: " + price);
        }
    }

    // ------------------------------------------------------------------ views

    private static List<BookState.Level> levels(final BookSide book) {
        final List<BookState.Level> out = new ArrayList<>(book.size());
        for (int rank = 0; rank < book.size(); rank++) {
            final PriceLevel level = book.fromBest(rank);
            final List<BookState.Entry> queue = new ArrayList<>(level.count);
            for (Order o = level.head; o != null; o = o.next) {
                queue.add(new BookState.Entry(o.id, o.account, o.qty, o.filled));
            }
            out.add(new BookState.Level(level.price, level.totalQty, level.count, queue));
        }
        return out;
    }

    private List<BookState.Stop> stops() {
        final List<BookState.Stop> out = new ArrayList<>();
        for (final StopQueue q : Arrays.asList(lastBuys, lastSells, markBuys, markSells)) {
            for (int i = 0; i < q.size(); i++) {
                final Order o = q.get(i);
                out.add(new BookState.Stop(o.id, o.account, o.side, o.type, o.tif, o.reduceOnly, o.triggerSource,
                        o.triggerPrice, o.price, o.qty));
            }
        }
        return out;
    }

    private static void digestSide(final StateDigest digest, final String name, final BookSide book) {
        BookDigestFormat.side(digest, name, book.size());
        for (int rank = 0; rank < book.size(); rank++) {
            final PriceLevel level = book.fromBest(rank);
            BookDigestFormat.level(digest, level.price, level.totalQty, level.count);
            for (Order o = level.head; o != null; o = o.next) {
                BookDigestFormat.entry(digest, o.id, o.account, o.qty, o.filled);
            }
        }
    }
}
