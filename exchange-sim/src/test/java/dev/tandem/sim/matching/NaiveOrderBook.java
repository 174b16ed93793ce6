package dev.tandem.sim.matching;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The reference book (the exchange-core habit): the most obviously correct implementation of {@link OrderBook} we
 * could write, to be compared with {@link MatchingEngine} by the differential property. Orders live in plain lists
 * that are scanned linearly and sorted again for every decision; time priority is an explicit counter that an
 * order takes anew when it joins (or rejoins) a queue; fill-or-kill is decided by running the order on a copy of
 * the book and looking at the result. Slow on purpose; never used outside tests.
 */
final class NaiveOrderBook implements OrderBook {

    /** One order, resting or stop. */
    private static final class Ord {
        long id;
        long account;
        Side side;
        OrderType type;
        TimeInForce tif;
        boolean reduceOnly;
        TriggerSource source;
        long trigger;
        long price;
        long qty;
        long filled;
        long arrival;
        long priority;

        long leaves() {
            return qty - filled;
        }

        boolean isMarket() {
            return type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        }

        Ord copy() {
            final Ord c = new Ord();
            c.id = id;
            c.account = account;
            c.side = side;
            c.type = type;
            c.tif = tif;
            c.reduceOnly = reduceOnly;
            c.source = source;
            c.trigger = trigger;
            c.price = price;
            c.qty = qty;
            c.filled = filled;
            c.arrival = arrival;
            c.priority = priority;
            return c;
        }
    }

    private enum Stopped { FILLED, NO_LIQUIDITY, LIMIT, SELF_TRADE }

    private final BookRules rules;
    private final MatchListener listener;
    private final ReduceOnlyGuard guard;
    private List<Ord> resting = new ArrayList<>();
    private final List<Ord> stops = new ArrayList<>();
    private long clock;
    private long lastPrice = NO_PRICE;
    private long markPrice = NO_PRICE;

    NaiveOrderBook(final BookRules rules, final MatchListener listener, final ReduceOnlyGuard guard) {
        this.rules = rules;
        this.listener = listener;
        this.guard = guard;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public boolean place(final long orderId, final long account, final Side side, final OrderType type,
                         final TimeInForce tif, final long price, final long qty, final boolean reduceOnly,
                         final TriggerSource triggerSource, final long triggerPrice) {
        Objects.requireNonNull(side);
        Objects.requireNonNull(type);
        Objects.requireNonNull(tif);
        final boolean stop = type == OrderType.STOP_MARKET || type == OrderType.STOP_LIMIT;
        final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        final Ord o = new Ord();
        o.id = orderId;
        o.account = account;
        o.side = side;
        o.type = type;
        o.tif = tif;
        o.reduceOnly = reduceOnly;
        o.source = stop ? Objects.requireNonNull(triggerSource) : null;
        o.trigger = stop ? triggerPrice : 0;
        o.price = market ? 0 : price;
        o.qty = qty;

        RejectReason reason = null;
        if (find(orderId) != null) {
            reason = RejectReason.DUPLICATE_ORDER_ID;
        } else if (market && tif == TimeInForce.POST_ONLY) {
            reason = RejectReason.INVALID_TIME_IN_FORCE;
        } else if (!market && priceProblem(o.price) != null) {
            reason = priceProblem(o.price);
        } else if (stop && (o.trigger <= 0 || o.trigger % rules.tickSize() != 0)) {
            reason = RejectReason.INVALID_TRIGGER_PRICE;
        } else if (qtyProblem(qty) != null) {
            reason = qtyProblem(qty);
        } else if (!market && !notionalOk(o.price, qty)) {
            reason = RejectReason.NOTIONAL_BELOW_MIN;
        } else if (reduceOnly && allowedReduceOnly(account, side) == 0) {
            reason = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
        }
        if (reason == null && reduceOnly) {
            o.qty = Math.min(qty, allowedReduceOnly(account, side));
        }
        if (reason == null && !stop) {
            reason = bookProblem(o);
        }
        if (reason != null) {
            listener.onRejected(orderId, account, reason);
            return false;
        }
        o.arrival = clock++;
        listener.onAccepted(orderId, account, side, o.price, o.qty);
        if (stop) {
            final long reference = o.source == TriggerSource.LAST ? lastPrice : markPrice;
            if (reference != NO_PRICE && triggers(o, reference)) {
                enter(o, reference);
            } else {
                stops.add(o);
            }
        } else {
            run(o);
        }
        return true;
    }

    @Override
    public boolean cancel(final long orderId, final long account) {
        final Ord o = find(orderId);
        if (o == null || o.account != account) {
            listener.onCancelRejected(orderId, account, RejectReason.UNKNOWN_ORDER);
            return false;
        }
        resting.remove(o);
        stops.remove(o);
        listener.onCanceled(o.id, o.account, CancelReason.USER, o.leaves());
        return true;
    }

    @Override
    public int cancelAll(final long account) {
        final List<Ord> mine = new ArrayList<>();
        for (final Ord o : all()) {
            if (o.account == account) {
                mine.add(o);
            }
        }
        mine.sort(Comparator.comparingLong(o -> o.arrival));
        for (final Ord o : mine) {
            resting.remove(o);
            stops.remove(o);
            listener.onCanceled(o.id, o.account, CancelReason.CANCEL_ALL, o.leaves());
        }
        return mine.size();
    }

    @Override
    public boolean amend(final long orderId, final long account, final long newPrice, final long newQty) {
        final Ord o = find(orderId);
        RejectReason reason = null;
        if (o == null || o.account != account) {
            reason = RejectReason.UNKNOWN_ORDER;
        } else if (stops.contains(o)) {
            reason = RejectReason.STOP_NOT_AMENDABLE;
        }
        if (reason != null) {
            listener.onAmendRejected(orderId, account, reason);
            return false;
        }
        final long price = newPrice == KEEP ? o.price : newPrice;
        final long qty = newQty == KEEP ? o.qty : newQty;
        if (priceProblem(price) != null) {
            reason = priceProblem(price);
        } else if (qtyProblem(qty) != null) {
            reason = qtyProblem(qty);
        } else if (!notionalOk(price, qty)) {
            reason = RejectReason.NOTIONAL_BELOW_MIN;
        } else if (qty <= o.filled) {
            reason = RejectReason.AMEND_QTY_NOT_ABOVE_FILLED;
        } else if (o.reduceOnly && qty > o.qty && allowedReduceOnly(account, o.side) < qty - o.filled) {
            reason = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
        } else if (price != o.price && o.tif == TimeInForce.POST_ONLY && crossesBest(o.side, price)) {
            reason = RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (reason != null) {
            listener.onAmendRejected(orderId, account, reason);
            return false;
        }
        final boolean keepsPriority = price == o.price && qty <= o.qty;
        o.qty = qty;
        if (keepsPriority) {
            listener.onAmended(o.id, o.account, price, qty, o.leaves(), true);
        } else if (price == o.price) {
            o.priority = clock++;
            listener.onAmended(o.id, o.account, price, qty, o.leaves(), false);
        } else {
            resting.remove(o);
            o.price = price;
            listener.onAmended(o.id, o.account, price, qty, o.leaves(), false);
            run(o);
        }
        return true;
    }

    @Override
    public void onLastPrice(final long price) {
        if (price <= 0) {
            throw new IllegalArgumentException("reference price must be positive: " + price);
        }
        lastPrice = price;
        fireStops(TriggerSource.LAST, price);
    }

    @Override
    public void onMarkPrice(final long price) {
        if (price <= 0) {
            throw new IllegalArgumentException("reference price must be positive: " + price);
        }
        markPrice = price;
        fireStops(TriggerSource.MARK, price);
    }

    // ------------------------------------------------------------------ queries

    @Override
    public long bestBid() {
        final List<Ord> bids = sorted(resting, Side.BUY);
        return bids.isEmpty() ? NO_PRICE : bids.get(0).price;
    }

    @Override
    public long bestAsk() {
        final List<Ord> asks = sorted(resting, Side.SELL);
        return asks.isEmpty() ? NO_PRICE : asks.get(0).price;
    }

    @Override
    public boolean isLive(final long orderId) {
        return find(orderId) != null;
    }

    @Override
    public long leavesQty(final long orderId) {
        final Ord o = find(orderId);
        return o == null ? 0 : o.leaves();
    }

    @Override
    public long filledQty(final long orderId) {
        final Ord o = find(orderId);
        return o == null ? 0 : o.filled;
    }

    @Override
    public int liveOrderCount() {
        return all().size();
    }

    @Override
    public BookState state() {
        final List<BookState.Stop> stopViews = new ArrayList<>();
        for (final TriggerSource source : TriggerSource.values()) {
            for (final Side side : Side.values()) {
                final List<Ord> group = new ArrayList<>();
                for (final Ord o : stops) {
                    if (o.source == source && o.side == side) {
                        group.add(o);
                    }
                }
                group.sort(triggerOrder(side));
                for (final Ord o : group) {
                    stopViews.add(new BookState.Stop(o.id, o.account, o.side, o.type, o.tif, o.reduceOnly, o.source,
                            o.trigger, o.price, o.qty));
                }
            }
        }
        return new BookState(levels(Side.BUY), levels(Side.SELL), stopViews, lastPrice, markPrice);
    }

    private List<BookState.Level> levels(final Side side) {
        final List<BookState.Level> out = new ArrayList<>();
        final List<Ord> ordered = sorted(resting, side);
        int i = 0;
        while (i < ordered.size()) {
            final long price = ordered.get(i).price;
            final List<BookState.Entry> queue = new ArrayList<>();
            long qty = 0;
            while (i < ordered.size() && ordered.get(i).price == price) {
                final Ord o = ordered.get(i);
                queue.add(new BookState.Entry(o.id, o.account, o.qty, o.filled));
                qty += o.leaves();
                i++;
            }
            out.add(new BookState.Level(price, qty, queue.size(), queue));
        }
        return out;
    }

    // ------------------------------------------------------------------ rules

    private RejectReason priceProblem(final long price) {
        if (price <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        return price % rules.tickSize() == 0 ? null : RejectReason.PRICE_NOT_ON_TICK;
    }

    private RejectReason qtyProblem(final long qty) {
        if (qty <= 0) {
            return RejectReason.INVALID_QTY;
        }
        if (qty % rules.lotSize() != 0) {
            return RejectReason.QTY_NOT_ON_LOT;
        }
        if (qty < rules.minQty()) {
            return RejectReason.QTY_BELOW_MIN;
        }
        return qty > rules.maxQty() ? RejectReason.QTY_ABOVE_MAX : null;
    }

    private boolean notionalOk(final long price, final long qty) {
        return BigInteger.valueOf(price).multiply(BigInteger.valueOf(qty))
                .compareTo(BigInteger.valueOf(rules.minNotional())) >= 0;
    }

    /** How much a reduce-only order on {@code side} may be: 0 if it would not reduce the position. */
    private long allowedReduceOnly(final long account, final Side side) {
        final long position = guard.position(account);
        final boolean reduces = side == Side.SELL ? position > 0 : position < 0;
        if (!reduces) {
            return 0;
        }
        return BigInteger.valueOf(position).abs().min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** Post-only and fill-or-kill, for an order about to trade. */
    private RejectReason bookProblem(final Ord o) {
        if (o.tif == TimeInForce.POST_ONLY && crossesBest(o.side, o.price)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        if (o.tif == TimeInForce.FOK && !fillsCompletelyOnACopy(o)) {
            return RejectReason.FOK_NOT_FILLABLE;
        }
        return null;
    }

    private boolean crossesBest(final Side side, final long price) {
        final List<Ord> opposite = sorted(resting, side.opposite());
        return !opposite.isEmpty() && crosses(side, opposite.get(0).price, price);
    }

    /** Fill-or-kill by definition: run the order on a copy of the book and see whether it filled. */
    private boolean fillsCompletelyOnACopy(final Ord o) {
        final List<Ord> saved = resting;
        final List<Ord> copy = new ArrayList<>();
        for (final Ord r : resting) {
            copy.add(r.copy());
        }
        resting = copy;
        try {
            final Ord taker = o.copy();
            match(taker, limitOf(taker), MatchListener.NONE);
            return taker.leaves() == 0;
        } finally {
            resting = saved;
        }
    }

    // ------------------------------------------------------------------ matching

    private long limitOf(final Ord o) {
        if (!o.isMarket()) {
            return o.price;
        }
        final List<Ord> opposite = sorted(resting, o.side.opposite());
        if (opposite.isEmpty()) {
            return o.side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return rules.marketProtection().worstPrice(o.side, opposite.get(0).price, rules.tickSize());
    }

    private void run(final Ord o) {
        final Stopped why = match(o, limitOf(o), listener);
        if (why == Stopped.SELF_TRADE) {
            listener.onCanceled(o.id, o.account, CancelReason.SELF_TRADE, o.leaves());
        } else if (o.leaves() == 0) {
            return;
        } else if (o.isMarket()) {
            listener.onCanceled(o.id, o.account,
                    why == Stopped.LIMIT ? CancelReason.PRICE_PROTECTION : CancelReason.NO_LIQUIDITY, o.leaves());
        } else if (o.tif == TimeInForce.IOC) {
            listener.onCanceled(o.id, o.account, CancelReason.IOC_REMAINDER, o.leaves());
        } else if (o.tif == TimeInForce.FOK) {
            throw new IllegalStateException("FOK order left unfilled");
        } else {
            o.priority = clock++;
            resting.add(o);
        }
    }

    /** Takes the best resting order again and again (re-sorting each time) until something stops the taker. */
    private Stopped match(final Ord taker, final long limit, final MatchListener out) {
        while (taker.leaves() > 0) {
            final List<Ord> opposite = sorted(resting, taker.side.opposite());
            if (opposite.isEmpty()) {
                return Stopped.NO_LIQUIDITY;
            }
            final Ord maker = opposite.get(0);
            if (!crosses(taker.side, maker.price, limit)) {
                return Stopped.LIMIT;
            }
            if (maker.account == taker.account && rules.selfTradePrevention() != SelfTradePrevention.NONE) {
                switch (rules.selfTradePrevention()) {
                    case CANCEL_TAKER:
                        return Stopped.SELF_TRADE;
                    case CANCEL_MAKER:
                        resting.remove(maker);
                        out.onCanceled(maker.id, maker.account, CancelReason.SELF_TRADE, maker.leaves());
                        continue;
                    case CANCEL_BOTH:
                        resting.remove(maker);
                        out.onCanceled(maker.id, maker.account, CancelReason.SELF_TRADE, maker.leaves());
                        return Stopped.SELF_TRADE;
                    default:
                        throw new IllegalStateException();
                }
            }
            final long q = Math.min(taker.leaves(), maker.leaves());
            taker.filled += q;
            maker.filled += q;
            if (maker.leaves() == 0) {
                resting.remove(maker);
            }
            out.onTrade(taker.id, taker.account, maker.id, maker.account, taker.side, maker.price, q,
                    taker.leaves(), maker.leaves());
        }
        return Stopped.FILLED;
    }

    private static boolean crosses(final Side taker, final long makerPrice, final long limit) {
        return taker == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    // ------------------------------------------------------------------ stops

    private static boolean triggers(final Ord stop, final long reference) {
        return stop.side == Side.BUY ? reference >= stop.trigger : reference <= stop.trigger;
    }

    private static Comparator<Ord> triggerOrder(final Side side) {
        final Comparator<Ord> byTrigger = Comparator.comparingLong(o -> o.trigger);
        return (side == Side.BUY ? byTrigger : byTrigger.reversed()).thenComparingLong(o -> o.arrival);
    }

    private void fireStops(final TriggerSource source, final long reference) {
        final List<Ord> fired = new ArrayList<>();
        for (final Side side : Side.values()) {
            final List<Ord> group = new ArrayList<>();
            for (final Ord o : stops) {
                if (o.source == source && o.side == side && triggers(o, reference)) {
                    group.add(o);
                }
            }
            group.sort(triggerOrder(side));
            fired.addAll(group);
        }
        stops.removeAll(fired);
        for (final Ord o : fired) {
            enter(o, reference);
        }
    }

    private void enter(final Ord o, final long reference) {
        RejectReason failed = null;
        if (o.reduceOnly) {
            final long allowed = allowedReduceOnly(o.account, o.side);
            if (allowed == 0) {
                failed = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
            } else {
                o.qty = Math.min(o.qty, allowed);
            }
        }
        listener.onTriggered(o.id, o.account, o.source, o.trigger, reference, o.qty);
        if (failed == null) {
            failed = bookProblem(o);
        }
        if (failed != null) {
            final CancelReason why;
            switch (failed) {
                case REDUCE_ONLY_WOULD_INCREASE:
                    why = CancelReason.REDUCE_ONLY_WOULD_INCREASE;
                    break;
                case POST_ONLY_WOULD_TAKE:
                    why = CancelReason.POST_ONLY_WOULD_TAKE;
                    break;
                default:
                    why = CancelReason.FOK_NOT_FILLABLE;
                    break;
            }
            listener.onCanceled(o.id, o.account, why, o.leaves());
            return;
        }
        run(o);
    }

    // ------------------------------------------------------------------ helpers

    private List<Ord> all() {
        final List<Ord> out = new ArrayList<>(resting);
        out.addAll(stops);
        return out;
    }

    private Ord find(final long id) {
        for (final Ord o : all()) {
            if (o.id == id) {
                return o;
            }
        }
        return null;
    }

    /** The resting orders of one side, best price first, then by time priority. */
    private static List<Ord> sorted(final List<Ord> orders, final Side side) {
        final List<Ord> out = new ArrayList<>();
        for (final Ord o : orders) {
            if (o.side == side) {
                out.add(o);
            }
        }
        final Comparator<Ord> byPrice = Comparator.comparingLong(o -> o.price);
        out.sort((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.priority));
        return out;
    }
}
