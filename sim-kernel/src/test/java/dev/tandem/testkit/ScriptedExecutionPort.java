package dev.tandem.testkit;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueExpired;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.port.InboundSink;
import dev.tandem.kernel.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;

/**
 * An in-memory venue for tests: a simple, fully deterministic exchange behind the {@link ExecutionPort} seam, with
 * scripting hooks for the faults the order manager must survive.
 *
 * <p>Default behaviour: validates quantity (lot, min, max), price (tick), min notional; rejects a second order with a
 * client id it has seen ({@code VENUE_DUPLICATE_CLIENT_ID}) without creating it; acknowledges limit orders and rests
 * them; fills market orders, and limit orders crossing the configured market price, at that price as taker (in
 * {@link #setFillChunks chunks}, each with a unique trade id); rejects POST_ONLY orders that would take and FOK
 * orders that cannot fill, cancels the remainder of IOC orders; cancels, amends and answers every query from its own
 * state. Positions are kept per instrument; balances start where {@link #setBalance} puts them and pay the fees.
 * Every report is stamped {@code tsEventNanos = clock.now}, {@code tsInitNanos = clock.now + latencyNanos} and
 * delivered through the sink.
 *
 * <p>Faults: {@link #failNext} queues a scripted failure per request kind — TRANSIENT and RATE_LIMITED requests are
 * not processed; an UNKNOWN_OUTCOME request is processed but every report it produces is lost and replaced by the
 * failure. {@link #loseNextRequest} loses a request before the venue sees it (UNKNOWN_OUTCOME, not processed).
 * {@link #duplicateReports} delivers everything twice; {@link #delayNextReports} delivers some reports late, so
 * later ones overtake them; {@link #loseNextReports} drops some; {@link #forgetClosedOrder} purges a closed order;
 * {@link #rejectNext} refuses the next submit and {@link #rejectNextCancel} the next cancel; {@link #fillRestingOrder}, {@link #unsolicitedCancel} and {@link #expireRestingOrder} act on a resting order as the
 * venue would on its own; {@link #setPosition} changes a position behind the kernel's back.
 */
public final class ScriptedExecutionPort implements ExecutionPort {

    private static final class SimOrder {
        final ClientOrderId clientOrderId;
        final String venueOrderId;
        final InstrumentId instrumentId;
        final Side side;
        final OrderType type;
        final TimeInForce timeInForce;
        long price;
        long qty;
        long filled;
        long notional;
        VenueOrderStatus status;

        SimOrder(final SubmitOrder c, final String venueOrderId, final VenueOrderStatus status) {
            this.clientOrderId = c.clientOrderId();
            this.venueOrderId = venueOrderId;
            this.instrumentId = c.instrumentId();
            this.side = c.side();
            this.type = c.type();
            this.timeInForce = c.timeInForce();
            this.price = c.price();
            this.qty = c.qty();
            this.status = status;
        }

        boolean isOpen() {
            return !status.isClosed();
        }

        VenueOrder view() {
            return new VenueOrder(clientOrderId, venueOrderId, instrumentId, side, type, price, qty, filled,
                    filled == 0 ? 0 : notional / filled, status);
        }
    }

    private record ScriptedFailure(FailureKind failure, long retryAfterNanos) {}

    private final String venue;
    private final InstrumentRegistry instruments;
    private final Clock clock;
    private final InboundSink sink;
    private final long latencyNanos;

    private final List<Command> commands = new ArrayList<>();
    private final TreeMap<ClientOrderId, SimOrder> orders = new TreeMap<>();
    private final TreeMap<InstrumentId, Long> marketPrices = new TreeMap<>();
    private final TreeMap<InstrumentId, long[]> positions = new TreeMap<>(); // {signedQty, cost}
    private final TreeMap<String, Long> balances = new TreeMap<>();
    private final EnumMap<RequestKind, ArrayDeque<ScriptedFailure>> failures = new EnumMap<>(RequestKind.class);
    private final ArrayDeque<ReasonCode> rejects = new ArrayDeque<>();
    private final ArrayDeque<ReasonCode> cancelRejects = new ArrayDeque<>();
    private final EnumMap<RequestKind, Integer> lost = new EnumMap<>(RequestKind.class);
    private boolean duplicateReports;
    private int delayedReports;
    private int lostReports;
    private long delayNanos;
    private boolean losingAnswers;
    private int fillChunks = 1;
    private long nextVenueOrderId = 1;
    private long nextTradeId = 1;

    /** A venue named {@code venue} trading the registry's instruments of that venue. */
    public ScriptedExecutionPort(
            final String venue, final InstrumentRegistry instruments, final Clock clock, final InboundSink sink, final long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.venue = venue;
        this.instruments = instruments;
        this.clock = clock;
        this.sink = sink;
        this.latencyNanos = latencyNanos;
        for (final RequestKind k : RequestKind.values()) {
            failures.put(k, new ArrayDeque<>());
        }
    }

    // ------------------------------------------------------------------ scripting

    /** The price market orders and crossing limit orders fill at. */
    public void setMarketPrice(final InstrumentId instrumentId, final long price) {
        marketPrices.put(instrumentId, price);
    }

    /** Splits every aggressive fill into up to this many fills (by lot), each with its own trade id. */
    public void setFillChunks(final int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be positive");
        }
        this.fillChunks = chunks;
    }

    /**
     * Sets a position as the venue would on its own, without fills this process hears of (closed or opened outside
     * this process, auto-deleveraging): reconciliation must find the difference. {@code avgEntryPrice} must be
     * positive unless the position is 0.
     */
    public void setPosition(final InstrumentId instrumentId, final long signedQty, final long avgEntryPrice) {
        if (signedQty != 0 && avgEntryPrice <= 0) {
            throw new IllegalArgumentException("a position needs a positive entry price");
        }
        final long[] p = positions.computeIfAbsent(instrumentId, k -> new long[2]);
        p[0] = signedQty;
        p[1] = signedQty == 0 ? 0 : avgEntryPrice * Math.abs(signedQty);
    }

    /** Sets a balance (money units). */
    public void setBalance(final String asset, final long money) {
        balances.put(asset, money);
    }

    /**
     * The next request of this kind fails: TRANSIENT and RATE_LIMITED requests are not processed; an UNKNOWN_OUTCOME
     * request is processed but its reports are lost. Failures queue up per kind.
     */
    public void failNext(final RequestKind kind, final FailureKind failure, final long retryAfterNanos) {
        failures.get(kind).addLast(new ScriptedFailure(failure, retryAfterNanos));
    }

    /** When on, every report is delivered twice. */
    public void duplicateReports(final boolean on) {
        this.duplicateReports = on;
    }

    /**
     * The next {@code count} reports are late by {@code extraNanos} on top of the latency, so reports produced after
     * them overtake them: out-of-order delivery (a fill before its ack, a cancel ack before the fill it raced).
     */
    public void delayNextReports(final int count, final long extraNanos) {
        if (count < 0 || extraNanos < 0) {
            throw new IllegalArgumentException("count and delay must not be negative");
        }
        this.delayedReports = count;
        this.delayNanos = extraNanos;
    }

    /**
     * The next {@code count} reports the venue produces are lost on their way out (a dropped WebSocket message or
     * HTTP answer): the venue's state changes, the kernel hears nothing.
     */
    public void loseNextReports(final int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        this.lostReports = count;
    }

    /**
     * The venue forgets a closed order (venues keep closed orders for a limited time): status queries answer "not
     * found" from now on.
     */
    public void forgetClosedOrder(final ClientOrderId id) {
        final SimOrder o = orders.get(id);
        if (o == null || o.isOpen()) {
            throw new IllegalStateException("cannot forget " + id + ": unknown or still open");
        }
        orders.remove(id);
    }

    /** The next submit (that is not a duplicate) is rejected with this reason. */
    public void rejectNext(final ReasonCode reason) {
        rejects.addLast(reason);
    }

    /** The next cancel of an open order is refused with this reason (e.g. VENUE_OTHER for "system busy"). */
    public void rejectNextCancel(final ReasonCode reason) {
        cancelRejects.addLast(reason);
    }

    /**
     * The next request of this kind is lost on its way in: the venue never sees it and the sender gets an
     * UNKNOWN_OUTCOME failure (a timeout). Checked before {@link #failNext} scripts.
     */
    public void loseNextRequest(final RequestKind kind) {
        lost.merge(kind, 1, Integer::sum);
    }

    /** A passive fill of a resting order at its limit price, as maker. */
    public void fillRestingOrder(final ClientOrderId id, final long qty) {
        final SimOrder o = orders.get(id);
        if (o == null || !o.isOpen() || qty <= 0 || o.filled + qty > o.qty) {
            throw new IllegalStateException("cannot fill " + qty + " of " + id);
        }
        fill(o, o.price, qty, Liquidity.MAKER, 1);
    }

    /** The venue cancels a resting order on its own (reason VENUE_OTHER). */
    public void unsolicitedCancel(final ClientOrderId id) {
        unsolicitedCancel(id, ReasonCode.VENUE_OTHER);
    }

    /** The venue cancels a resting order on its own, for this reason. */
    public void unsolicitedCancel(final ClientOrderId id, final ReasonCode reason) {
        final SimOrder o = requireOpen(id);
        o.status = VenueOrderStatus.CANCELED;
        publish(new VenueCanceled(venue, id, reason, now(), tsInit()));
    }

    /** The venue expires a resting order. */
    public void expireRestingOrder(final ClientOrderId id) {
        final SimOrder o = requireOpen(id);
        o.status = VenueOrderStatus.EXPIRED;
        publish(new VenueExpired(venue, id, now(), tsInit()));
    }

    // ------------------------------------------------------------------ inspection

    /** Every command received, in order. */
    public List<Command> commands() {
        return new ArrayList<>(commands);
    }

    /** The commands of one type, in order. */
    public <T extends Command> List<T> commands(final Class<T> type) {
        return TypeFilter.ofType(commands, type);
    }

    /** The venue's view of an order, or null. */
    public VenueOrder venueOrder(final ClientOrderId id) {
        final SimOrder o = orders.get(id);
        return o == null ? null : o.view();
    }

    /** Open orders at the venue, by client id. */
    public List<VenueOrder> openOrders() {
        final List<VenueOrder> out = new ArrayList<>();
        for (final SimOrder o : orders.values()) {
            if (o.isOpen()) {
                out.add(o.view());
            }
        }
        return out;
    }

    /** Signed position on an instrument. */
    public long positionQty(final InstrumentId id) {
        final long[] p = positions.get(id);
        return p == null ? 0 : p[0];
    }

    // ------------------------------------------------------------------ ExecutionPort

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public void submit(final SubmitOrder c) {
        commands.add(c);
        run(RequestKind.SUBMIT, c.clientOrderId(), c.commandId(), () -> doSubmit(c));
    }

    @Override
    public void cancel(final CancelOrder c) {
        commands.add(c);
        run(RequestKind.CANCEL, c.clientOrderId(), c.commandId(), () -> doCancel(c));
    }

    @Override
    public void amend(final AmendOrder c) {
        commands.add(c);
        run(RequestKind.AMEND, c.clientOrderId(), c.commandId(), () -> doAmend(c));
    }

    @Override
    public void cancelAll(final CancelAllOrders c) {
        commands.add(c);
        run(RequestKind.CANCEL_ALL, null, c.commandId(), () -> {
            for (final SimOrder o : orders.values()) {
                if (o.isOpen() && o.instrumentId.equals(c.instrumentId())) {
                    o.status = VenueOrderStatus.CANCELED;
                    publish(new VenueCanceled(venue, o.clientOrderId, ReasonCode.NONE, now(), tsInit()));
                }
            }
        });
    }

    @Override
    public void queryOrder(final QueryOrder c) {
        commands.add(c);
        run(RequestKind.QUERY_ORDER, c.clientOrderId(), c.commandId(), () -> {
            final SimOrder o = orders.get(c.clientOrderId());
            publish(new VenueOrderStatusReport(venue, c.clientOrderId(), o == null ? null : o.view(), now(), tsInit()));
        });
    }

    @Override
    public void queryOpenOrders(final QueryOpenOrders c) {
        commands.add(c);
        run(RequestKind.QUERY_OPEN_ORDERS, null, c.commandId(), () -> publish(new VenueOpenOrders(venue, openOrders(), now(), tsInit())));
    }

    @Override
    public void queryPositions(final QueryPositions c) {
        commands.add(c);
        run(RequestKind.QUERY_POSITIONS, null, c.commandId(), () -> {
            final List<VenuePosition> out = new ArrayList<>();
            positions.forEach((id, p) -> {
                if (p[0] != 0) {
                    out.add(new VenuePosition(id, p[0], Math.abs(p[1] / p[0])));
                }
            });
            publish(new VenuePositions(venue, out, now(), tsInit()));
        });
    }

    @Override
    public void queryBalances(final QueryBalances c) {
        commands.add(c);
        run(RequestKind.QUERY_BALANCES, null, c.commandId(), () -> {
            final List<VenueBalance> out = new ArrayList<>();
            balances.forEach((asset, money) -> out.add(new VenueBalance(asset, money, 0)));
            publish(new VenueBalances(venue, out, now(), tsInit()));
        });
    }

    // ------------------------------------------------------------------ the simple venue

    private void run(final RequestKind kind, final ClientOrderId id, final long commandId, final Runnable process) {
        final Integer lostCount = lost.get(kind);
        if (lostCount != null) {
            if (lostCount == 1) {
                lost.remove(kind);
            } else {
                lost.put(kind, lostCount - 1);
            }
            publish(new VenueRequestFailed(venue, kind, id, commandId, FailureKind.UNKNOWN_OUTCOME, 0, "request lost (timeout)", now(), tsInit()));
            return;
        }
        final ScriptedFailure f = failures.get(kind).pollFirst();
        if (f == null) {
            process.run();
            return;
        }
        if (f.failure() == FailureKind.UNKNOWN_OUTCOME) {
            losingAnswers = true;
            try {
                process.run();
            } finally {
                losingAnswers = false;
            }
        }
        publish(new VenueRequestFailed(venue, kind, id, commandId, f.failure(), f.retryAfterNanos(), "scripted " + f.failure(), now(), tsInit()));
    }

    private void doSubmit(final SubmitOrder c) {
        final ClientOrderId id = c.clientOrderId();
        if (orders.containsKey(id)) {
            publish(new VenueRejected(venue, id, ReasonCode.VENUE_DUPLICATE_CLIENT_ID, "duplicate client order id", now(), tsInit()));
            return;
        }
        final ReasonCode scripted = rejects.pollFirst();
        if (scripted != null) {
            reject(c, scripted, "scripted rejection");
            return;
        }
        final Instrument i = instruments.find(c.instrumentId());
        if (i == null || !c.instrumentId().venue().equals(venue)) {
            reject(c, ReasonCode.VENUE_OTHER, "unknown symbol " + c.instrumentId());
            return;
        }
        if (!i.isValidQty(c.qty())) {
            reject(c, ReasonCode.VENUE_INVALID_QTY, "qty " + i.formatQty(c.qty()) + " violates lot/min/max");
            return;
        }
        if ((c.type().hasLimitPrice() && !i.isValidPrice(c.price()))
                || (c.type().hasTriggerPrice() && !i.isValidPrice(c.triggerPrice()))) {
            reject(c, ReasonCode.VENUE_INVALID_PRICE, "price is not a positive multiple of the tick");
            return;
        }
        final Long market = marketPrices.get(c.instrumentId());
        final long reference = c.type().hasLimitPrice() ? c.price() : market == null ? 0 : market;
        if (reference == 0 && c.type() == OrderType.MARKET) {
            reject(c, ReasonCode.VENUE_OTHER, "no liquidity");
            return;
        }
        if (reference > 0 && i.minNotionalMoney() > 0 && i.notional(reference, c.qty()) < i.minNotionalMoney()) {
            reject(c, ReasonCode.VENUE_MIN_NOTIONAL, "notional below minimum");
            return;
        }
        final boolean crosses = market != null && (c.type() == OrderType.MARKET
                || (c.type() == OrderType.LIMIT && (c.side() == Side.BUY ? c.price() >= market : c.price() <= market)));
        if (crosses && c.timeInForce() == TimeInForce.POST_ONLY) {
            reject(c, ReasonCode.VENUE_POST_ONLY_WOULD_TAKE, "post-only order would take liquidity");
            return;
        }
        if (!crosses && c.timeInForce() == TimeInForce.FOK) {
            reject(c, ReasonCode.VENUE_FOK_NOT_FILLABLE, "fill-or-kill order cannot fill");
            return;
        }
        final SimOrder o = new SimOrder(c, "V" + nextVenueOrderId++, VenueOrderStatus.NEW);
        orders.put(id, o);
        publish(new VenueAccepted(venue, id, o.venueOrderId, now(), tsInit()));
        if (crosses) {
            fill(o, market, o.qty, Liquidity.TAKER, fillChunks);
        } else if (c.timeInForce() == TimeInForce.IOC && c.type() == OrderType.LIMIT) {
            o.status = VenueOrderStatus.CANCELED;
            publish(new VenueCanceled(venue, id, ReasonCode.VENUE_IOC_REMAINDER, now(), tsInit()));
        }
    }

    private void reject(final SubmitOrder c, final ReasonCode reason, final String message) {
        // remember the id: a venue does not accept the same client id twice, rejected or not
        orders.put(c.clientOrderId(), new SimOrder(c, "V" + nextVenueOrderId++, VenueOrderStatus.REJECTED));
        publish(new VenueRejected(venue, c.clientOrderId(), reason, message, now(), tsInit()));
    }

    private void fill(final SimOrder o, final long price, final long qty, final Liquidity liquidity, final int chunks) {
        final Instrument i = instruments.get(o.instrumentId);
        final long lots = qty / i.lotSize();
        final int n = (int) Math.max(1, Math.min(chunks, lots));
        long left = qty;
        for (int k = 0; k < n; k++) {
            final long q = k == n - 1 ? left : (lots / n) * i.lotSize();
            left -= q;
            o.filled += q;
            o.notional += price * q;
            o.status = o.filled == o.qty ? VenueOrderStatus.FILLED : VenueOrderStatus.PARTIALLY_FILLED;
            final long fee = i.fee(i.notional(price, q), liquidity);
            balances.merge(i.settleAsset(), -fee, Long::sum);
            book(o.instrumentId, o.side.sign() * q, price);
            publish(new VenueFill(venue, o.clientOrderId, o.venueOrderId, o.instrumentId, "T" + nextTradeId++, o.side, price, q,
                    fee, liquidity, now(), tsInit()));
        }
    }

    private void book(final InstrumentId id, final long delta, final long price) {
        final long[] p = positions.computeIfAbsent(id, k -> new long[2]);
        final long pos = p[0];
        if (pos == 0 || Long.signum(pos) == Long.signum(delta)) {
            p[1] += price * Math.abs(delta);
            p[0] += delta;
            return;
        }
        final long closing = Math.min(Math.abs(delta), Math.abs(pos));
        p[1] -= p[1] / Math.abs(pos) * closing;
        p[0] += delta;
        if (Math.abs(delta) > closing) {
            p[1] = price * (Math.abs(delta) - closing);
        }
        if (p[0] == 0) {
            p[1] = 0;
        }
    }

    private void doCancel(final CancelOrder c) {
        final SimOrder o = orders.get(c.clientOrderId());
        if (o == null) {
            publish(new VenueCancelRejected(venue, c.clientOrderId(), ReasonCode.VENUE_ORDER_NOT_FOUND, "order not found", now(), tsInit()));
        } else if (o.status == VenueOrderStatus.FILLED) {
            publish(new VenueCancelRejected(venue, c.clientOrderId(), ReasonCode.VENUE_ALREADY_FILLED, "order already filled", now(), tsInit()));
        } else if (!o.isOpen()) {
            publish(new VenueCancelRejected(venue, c.clientOrderId(), ReasonCode.VENUE_ALREADY_CLOSED, "order already closed", now(), tsInit()));
        } else if (!cancelRejects.isEmpty()) {
            publish(new VenueCancelRejected(venue, c.clientOrderId(), cancelRejects.pollFirst(), "scripted cancel rejection", now(), tsInit()));
        } else {
            o.status = VenueOrderStatus.CANCELED;
            publish(new VenueCanceled(venue, c.clientOrderId(), ReasonCode.NONE, now(), tsInit()));
        }
    }

    private void doAmend(final AmendOrder c) {
        final SimOrder o = orders.get(c.clientOrderId());
        final ClientOrderId id = c.clientOrderId();
        if (o == null) {
            publish(new VenueAmendRejected(venue, id, ReasonCode.VENUE_ORDER_NOT_FOUND, "order not found", now(), tsInit()));
            return;
        }
        if (!o.isOpen()) {
            final ReasonCode r = o.status == VenueOrderStatus.FILLED ? ReasonCode.VENUE_ALREADY_FILLED : ReasonCode.VENUE_ALREADY_CLOSED;
            publish(new VenueAmendRejected(venue, id, r, "order closed", now(), tsInit()));
            return;
        }
        final Instrument i = instruments.get(o.instrumentId);
        if (o.type.hasLimitPrice() && !i.isValidPrice(c.newPrice())) {
            publish(new VenueAmendRejected(venue, id, ReasonCode.VENUE_INVALID_PRICE, "bad price", now(), tsInit()));
            return;
        }
        if (!i.isValidQty(c.newQty()) || c.newQty() <= o.filled) {
            publish(new VenueAmendRejected(venue, id, ReasonCode.VENUE_INVALID_QTY, "bad qty", now(), tsInit()));
            return;
        }
        o.price = c.newPrice();
        o.qty = c.newQty();
        publish(new VenueAmended(venue, id, o.price, o.qty, now(), tsInit()));
    }

    private SimOrder requireOpen(final ClientOrderId id) {
        final SimOrder o = orders.get(id);
        if (o == null || !o.isOpen()) {
            throw new IllegalStateException("no open order " + id);
        }
        return o;
    }

    private void publish(final ExecutionReport r) {
        if (losingAnswers) {
            return;
        }
        if (lostReports > 0) {
            lostReports--;
            return;
        }
        sink.publish(r);
        if (duplicateReports) {
            sink.publish(r);
        }
    }

    private long now() {
        return clock.nowNanos();
    }

    private long tsInit() {
        if (delayedReports > 0) {
            delayedReports--;
            return clock.nowNanos() + latencyNanos + delayNanos;
        }
        return clock.nowNanos() + latencyNanos;
    }
}
