package dev.tandem.kernel.execution;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One order, as the order manager knows it. Mutable, and mutated only by the {@link OrderManager} that owns it;
 * everyone else reads it. Quantities and prices are scaled by the instrument; money by {@link Fixed#MONEY_SCALE}.
 *
 * <p>The average fill price is exact: the cumulative fill notional is kept as a {@code long} in raw price × qty
 * units and divided only when asked.
 */
public final class Order {
    private final ClientOrderId clientOrderId;
    private final StrategyId strategyId;
    private final InstrumentId instrumentId;
    private final Side side;
    private final OrderType type;
    private final TimeInForce timeInForce;
    private long price;
    private final long triggerPrice;
    private long qty;
    private final boolean reduceOnly;
    private final long createdNanos;

    private OrderState state = OrderState.PENDING_NEW;
    private OrderState previousState;
    private ReasonCode closeReason = ReasonCode.NONE;
    private String venueOrderId;
    private long filledQty;
    private long fillNotional;
    private long feeMoney;
    private long syntheticFillQty;
    // sorted, so digests and snapshots never depend on hash order
    /** Applied trade ids; created with the first fill (most orders never fill, and every order is created on the order path). */
    private TreeSet<String> tradeIds;
    private long lastUpdateNanos;
    private boolean submitted;
    private long queuedUntilNanos;
    private boolean cancelOnAccept;
    private long amendPrice;
    private long amendQty;
    /**
     * 0, or the first command id whose status query can settle an order that reconciliation found missing at the
     * venue (open here, absent from the venue's open orders): a "not found" answer to such a query closes the order
     * as canceled; older answers cannot, since they may predate the venue seeing the order.
     */
    private long missingQueryFrom;
    /** The four request kinds an order tracks, in {@link RequestKind} order (plain fields: one object fewer per order). */
    private final RequestTracker submitRequest = new RequestTracker(RequestKind.SUBMIT);
    private final RequestTracker cancelRequest = new RequestTracker(RequestKind.CANCEL);
    private final RequestTracker amendRequest = new RequestTracker(RequestKind.AMEND);
    private final RequestTracker queryRequest = new RequestTracker(RequestKind.QUERY_ORDER);

    Order(final ClientOrderId clientOrderId, final OrderIntent intent, final long nowNanos) {
        this(clientOrderId, intent.strategyId(), intent.instrumentId(), intent.side(), intent.type(), intent.timeInForce(),
                intent.price(), intent.triggerPrice(), intent.qty(), intent.reduceOnly(), nowNanos);
    }

    private Order(
            final ClientOrderId clientOrderId,
            final StrategyId strategyId,
            final InstrumentId instrumentId,
            final Side side,
            final OrderType type,
            final TimeInForce timeInForce,
            final long price,
            final long triggerPrice,
            final long qty,
            final boolean reduceOnly,
            final long createdNanos) {
        if (clientOrderId == null || strategyId == null || instrumentId == null || side == null || type == null
                || timeInForce == null) {
            throw new IllegalArgumentException("order fields must not be null");
        }
        if (qty <= 0) {
            throw new IllegalArgumentException(clientOrderId + ": quantity must be positive, got " + qty);
        }
        this.clientOrderId = clientOrderId;
        this.strategyId = strategyId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.price = price;
        this.triggerPrice = triggerPrice;
        this.qty = qty;
        this.reduceOnly = reduceOnly;
        this.createdNanos = createdNanos;
        this.lastUpdateNanos = createdNanos;
    }

    // ------------------------------------------------------------------ read accessors

    /** Our id; the same on every retry. */
    public ClientOrderId clientOrderId() {
        return clientOrderId;
    }

    /** The owning strategy. */
    public StrategyId strategyId() {
        return strategyId;
    }

    /** The instrument (its venue selects the port). */
    public InstrumentId instrumentId() {
        return instrumentId;
    }

    /** Buy or sell. */
    public Side side() {
        return side;
    }

    /** Order type. */
    public OrderType type() {
        return type;
    }

    /** Time in force. */
    public TimeInForce timeInForce() {
        return timeInForce;
    }

    /** Limit price (scaled); 0 for market orders. Changes with amends. */
    public long price() {
        return price;
    }

    /** Stop trigger (scaled); 0 unless a stop order. */
    public long triggerPrice() {
        return triggerPrice;
    }

    /** Total quantity (scaled). Changes with amends. */
    public long qty() {
        return qty;
    }

    /** Reduce-only flag. */
    public boolean reduceOnly() {
        return reduceOnly;
    }

    /** Current state. */
    public OrderState state() {
        return state;
    }

    /** The state before the pending cancel; non-null only in PENDING_CANCEL. */
    public OrderState previousState() {
        return previousState;
    }

    /** Why the order reached its terminal state (NONE while open, and for FILLED). */
    public ReasonCode closeReason() {
        return closeReason;
    }

    /** The venue's id, once known; null before. */
    public String venueOrderId() {
        return venueOrderId;
    }

    /** Cumulative filled quantity (scaled), including late fills. */
    public long filledQty() {
        return filledQty;
    }

    /** Open quantity: qty - filled while the order is open, 0 once terminal. */
    public long leavesQty() {
        return state.isTerminal() ? 0 : Math.max(0, qty - filledQty);
    }

    /** Cumulative fill notional in raw price × qty units (scale priceScale + qtyScale). */
    public long fillNotional() {
        return fillNotional;
    }

    /** Volume-weighted average fill price (scaled, rounded half-even), 0 if nothing filled. */
    public long avgFillPrice() {
        return filledQty == 0 ? 0 : Fixed.divide(fillNotional, filledQty, RoundingMode.HALF_EVEN);
    }

    /** Total fees in money units (negative: net rebate). */
    public long feeMoney() {
        return feeMoney;
    }

    /** Quantity filled by fills inferred from a status query and not yet matched by the venue's own fill reports. */
    public long syntheticFillQty() {
        return syntheticFillQty;
    }

    /** True if a fill with this trade id was applied (or absorbed). */
    public boolean hasTrade(final String tradeId) {
        return tradeIds != null && tradeIds.contains(tradeId);
    }

    /** Applied trade ids, sorted. */
    public List<String> tradeIds() {
        return tradeIds == null ? new ArrayList<>() : new ArrayList<>(tradeIds);
    }

    /** Number of submit sends (1 + retries); the client id is the same on each. */
    public int attempts() {
        return submitRequest.attempt;
    }

    /** Status of the outstanding request of a kind (SUBMIT, CANCEL, AMEND, QUERY_ORDER). */
    public RequestStatus requestStatus(final RequestKind kind) {
        final RequestTracker t = tracker(kind);
        if (t == null) {
            throw new IllegalArgumentException("orders track SUBMIT, CANCEL, AMEND and QUERY_ORDER, not " + kind);
        }
        return t.status;
    }

    /** True while held in the local queue (never sent). */
    public boolean isQueued() {
        return queuedUntilNanos != 0;
    }

    /** When a queued order expires; 0 if not queued. */
    public long queuedUntilNanos() {
        return queuedUntilNanos;
    }

    /** True once {@code OrderSubmitted} was emitted for it. */
    public boolean isSubmitted() {
        return submitted;
    }

    /** Kernel time of creation. */
    public long createdNanos() {
        return createdNanos;
    }

    /** Kernel time of the last change. */
    public long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    /** True if the order is not terminal. */
    public boolean isOpen() {
        return state.isOpen();
    }

    @Override
    public String toString() {
        return "Order[" + clientOrderId + " " + state + (previousState != null ? "(" + previousState + ")" : "") + " "
                + side + " " + filledQty + "/" + qty + " @" + price + "]";
    }

    // ------------------------------------------------------------------ mutation (order manager only)

    RequestTracker tracker(final RequestKind kind) {
        switch (kind) {
            case SUBMIT:
                return submitRequest;
            case CANCEL:
                return cancelRequest;
            case AMEND:
                return amendRequest;
            case QUERY_ORDER:
                return queryRequest;
            default:
                return null;
        }
    }

    Iterable<RequestTracker> trackers() {
        return List.of(submitRequest, cancelRequest, amendRequest, queryRequest); // RequestKind order
    }

    void setState(final OrderState newState, final OrderState newPrevious, final long nowNanos) {
        this.state = newState;
        this.previousState = newState == OrderState.PENDING_CANCEL ? newPrevious : null;
        this.lastUpdateNanos = nowNanos;
    }

    void setCloseReason(final ReasonCode reason) {
        this.closeReason = reason;
    }

    void setVenueOrderId(final String id) {
        if (id != null && !id.isEmpty()) {
            this.venueOrderId = id;
        }
    }

    private TreeSet<String> trades() {
        if (tradeIds == null) {
            tradeIds = new TreeSet<>();
        }
        return tradeIds;
    }

    void applyFill(final String tradeId, final long fillPrice, final long fillQty, final long fee, final long nowNanos) {
        filledQty = Math.addExact(filledQty, fillQty);
        fillNotional = Math.addExact(fillNotional, Math.multiplyExact(fillPrice, fillQty));
        feeMoney = Math.addExact(feeMoney, fee);
        trades().add(tradeId);
        lastUpdateNanos = nowNanos;
    }

    void addSynthetic(final long q) {
        syntheticFillQty = Math.addExact(syntheticFillQty, q);
    }

    /** Matches a real fill against inferred quantity; returns how much of it was already counted. */
    long absorbSynthetic(final String tradeId, final long q) {
        final long absorbed = Math.min(q, syntheticFillQty);
        syntheticFillQty -= absorbed;
        if (absorbed == q) {
            trades().add(tradeId);
        }
        return absorbed;
    }

    void amendTo(final long newPrice, final long newQty, final long nowNanos) {
        this.price = newPrice;
        this.qty = newQty;
        this.lastUpdateNanos = nowNanos;
    }

    void markSubmitted() {
        this.submitted = true;
    }

    void setQueuedUntil(final long nanos) {
        this.queuedUntilNanos = nanos;
    }

    boolean cancelOnAccept() {
        return cancelOnAccept;
    }

    void setCancelOnAccept(final boolean v) {
        this.cancelOnAccept = v;
    }

    long amendPrice() {
        return amendPrice;
    }

    long amendQty() {
        return amendQty;
    }

    long missingQueryFrom() {
        return missingQueryFrom;
    }

    void setMissingQueryFrom(final long commandId) {
        this.missingQueryFrom = commandId;
    }

    void setAmendTarget(final long p, final long q) {
        this.amendPrice = p;
        this.amendQty = q;
    }

    // ------------------------------------------------------------------ snapshot and digest

    /** All fields as an immutable record. */
    public ExecutionSnapshot.OrderRecord snapshot() {
        final List<ExecutionSnapshot.RequestRecord> reqs = new ArrayList<>();
        for (final RequestTracker t : trackers()) {
            reqs.add(t.snapshot());
        }
        return new ExecutionSnapshot.OrderRecord(clientOrderId, strategyId, instrumentId, side, type, timeInForce, price,
                triggerPrice, qty, reduceOnly, state, previousState, closeReason, venueOrderId, filledQty, fillNotional,
                feeMoney, syntheticFillQty, tradeIds(), createdNanos, lastUpdateNanos, submitted,
                queuedUntilNanos, cancelOnAccept, amendPrice, amendQty, missingQueryFrom, reqs);
    }

    static Order restore(final ExecutionSnapshot.OrderRecord r) {
        final Order o = new Order(r.clientOrderId(), r.strategyId(), r.instrumentId(), r.side(), r.type(), r.timeInForce(),
                r.price(), r.triggerPrice(), r.qty(), r.reduceOnly(), r.createdNanos());
        o.state = r.state();
        o.previousState = r.previousState();
        o.closeReason = r.closeReason();
        o.venueOrderId = r.venueOrderId();
        o.filledQty = r.filledQty();
        o.fillNotional = r.fillNotional();
        o.feeMoney = r.feeMoney();
        o.syntheticFillQty = r.syntheticFillQty();
        if (!r.tradeIds().isEmpty()) {
            o.trades().addAll(r.tradeIds());
        }
        o.lastUpdateNanos = r.lastUpdateNanos();
        o.submitted = r.submitted();
        o.queuedUntilNanos = r.queuedUntilNanos();
        o.cancelOnAccept = r.cancelOnAccept();
        o.amendPrice = r.amendPrice();
        o.amendQty = r.amendQty();
        o.missingQueryFrom = r.missingQueryFrom();
        for (final ExecutionSnapshot.RequestRecord rr : r.requests()) {
            final RequestTracker t = o.tracker(rr.kind());
            if (t == null) {
                throw new IllegalArgumentException("order " + r.clientOrderId() + " has no " + rr.kind() + " request");
            }
            t.restore(rr);
        }
        return o;
    }

    /** Writes every field to a digest in a fixed order. */
    public void digest(final StateDigest d) {
        d.section("order")
                .putString(clientOrderId.value())
                .putString(strategyId.value())
                .putString(instrumentId.toString())
                .putEnum(side)
                .putEnum(type)
                .putEnum(timeInForce)
                .putLong(price)
                .putLong(triggerPrice)
                .putLong(qty)
                .putBoolean(reduceOnly)
                .putEnum(state)
                .putEnum(previousState)
                .putEnum(closeReason)
                .putString(venueOrderId)
                .putLong(filledQty)
                .putLong(fillNotional)
                .putLong(feeMoney)
                .putLong(syntheticFillQty)
                .putInt(tradeIds == null ? 0 : tradeIds.size());
        for (final String t : tradeIds == null ? List.<String>of() : tradeIds) {
            d.putString(t);
        }
        d.putLong(createdNanos)
                .putLong(lastUpdateNanos)
                .putBoolean(submitted)
                .putLong(queuedUntilNanos)
                .putBoolean(cancelOnAccept)
                .putLong(amendPrice)
                .putLong(amendQty)
                .putLong(missingQueryFrom);
        for (final RequestTracker t : trackers()) {
            t.digest(d);
        }
    }
}
