package dev.tandem.kernel.execution;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.EventSink;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderAmended;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderPendingCancel;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueExpired;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.execution.OrderStateMachine.Action;
import dev.tandem.kernel.execution.OrderStateMachine.Step;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.time.Scheduler;
import dev.tandem.kernel.time.TimerHandler;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Owns every order of a kernel and drives it through its lifecycle ({@link OrderStateMachine}) against the venues'
 * {@link ExecutionPort}s, with the resilience rules of DESIGN §2.6: retries of transient failures with seeded
 * jitter and the same client order id, rate-limit backoff, a query before anything else after an unknown outcome,
 * one circuit breaker, token bucket and bounded queue per venue. Everything runs on the kernel thread and the
 * kernel clock (timers through the {@link Scheduler}, names starting with {@value #TIMER_PREFIX}); given the same
 * inputs and seed it emits the same events in the same order.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li><b>Immediate refusals are denials without a submit.</b> A new order refused on the spot by
 *       {@link #send} (breaker open with policy DENY, queue full) gets {@code OrderDenied} and no
 *       {@code OrderSubmitted}, exactly like a risk denial: the order never entered the send path. An order that was
 *       queued and then expires or fails its risk re-check gets {@code OrderSubmitted}, {@code OrderQueued},
 *       {@code OrderDenied}.</li>
 *   <li><b>Cancels are never held back</b> by the token bucket or the breaker: they reduce risk. They do consume a
 *       token, which may drive the bucket into debt and delay later new orders. Queries, retries, probes and amends
 *       spend tokens the same way (they follow up orders already let through; amends are refused outright while the
 *       breaker is not CLOSED). Only a venue's RATE_LIMITED backoff stops them: nothing at all is sent to a venue
 *       before its retry-after has passed.</li>
 *   <li><b>Retries ignore the breaker.</b> A retry belongs to a request already let through and is bounded by
 *       {@code maxRetries}; the breaker gates new orders only.</li>
 *   <li><b>An order not at the venue is canceled locally.</b> A queued order, or one waiting for a submit retry
 *       after a failure that guarantees it was not processed, is canceled without touching the port.</li>
 *   <li><b>Breaker successes</b> are definite answers to requests: accepted, rejected, canceled, cancel/amend
 *       answers, status reports and account snapshots. Pushed fills, expiries and funding do not count. A rejection
 *       (of a submit, cancel or amend) with {@code VENUE_MAINTENANCE} is a breaker <i>failure</i>: the venue is
 *       down for everyone, so the breaker, not each strategy's failure count, deals with it.</li>
 *   <li><b>Fills inferred from a status query</b> (after an unknown outcome) get the trade id
 *       {@code q-<clientId>-<cumQty>}, the venue's average price and an estimated taker fee; the venue's own fill
 *       reports for that quantity, if they arrive later, are absorbed instead of being counted twice.</li>
 *   <li><b>Reports that overtake each other</b>: a fill beyond the order's quantity that an outstanding amend's
 *       quantity covers proves the amend, which is applied first; a rejection (or a REJECTED status) of an order the
 *       venue had acknowledged is the venue closing the live order later, booked as canceled with its reason.</li>
 *   <li><b>Missing orders</b> (open here, absent from the venue's open orders at reconciliation) are queried, not
 *       closed: {@link #queryMissing}.</li>
 * </ul>
 * Reports that make no sense (unknown client id, illegal transition, overfill) emit a {@link ReportAnomaly} and
 * change nothing. Ports must not call back into the manager synchronously; reports arrive through the kernel.
 */
public final class OrderManager implements OrderView, TimerHandler {
    /** Prefix of every timer this manager schedules (the kernel routes timers by the part before ':'). */
    public static final String TIMER_PREFIX = "exec:";

    private static final String RETRY = "retry";
    private static final String TTL = "ttl";
    private static final String DRAIN = "drain";
    private static final String BREAKER = "breaker";
    private static final String BACKOFF = "backoff";
    private static final String PROBE = "probe";
    private static final String CANCEL_ALL_CHECK = "cxlall";

    private final ExecutionConfig config;
    private final InstrumentRegistry instruments;
    private final Scheduler scheduler;
    private final RandomSource jitterRandom;
    private final EventSink sink;
    private final RiskRecheck riskRecheck;
    private final ClientOrderIdGenerator ids;

    /** Every order still held, open and terminal (hash lookups; sorted by client id for output). */
    private final OrderIndex orders = new OrderIndex();
    private final TreeMap<ClientOrderId, Order> open = new TreeMap<>();
    private final TreeMap<String, VenueState> venues = new TreeMap<>();
    private final TreeMap<InstrumentId, RequestTracker> cancelAlls = new TreeMap<>();
    private long nextCommandId = 1;

    /**
     * A manager with one port per venue.
     *
     * @param portsByVenue  the ports, keyed by venue name (copied into a sorted map)
     * @param jitterRandom  the seeded stream for retry jitter (a named child of the run's seed)
     * @param riskRecheck   the risk engine's re-check for orders leaving the queue
     * @param ids           the run's client order id generator
     */
    public OrderManager(
            final ExecutionConfig config,
            final InstrumentRegistry instruments,
            final Map<String, ExecutionPort> portsByVenue,
            final Scheduler scheduler,
            final RandomSource jitterRandom,
            final EventSink sink,
            final RiskRecheck riskRecheck,
            final ClientOrderIdGenerator ids) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.jitterRandom = Objects.requireNonNull(jitterRandom, "jitterRandom");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.riskRecheck = Objects.requireNonNull(riskRecheck, "riskRecheck");
        this.ids = Objects.requireNonNull(ids, "ids");
        final long now = scheduler.nowNanos();
        new TreeMap<>(portsByVenue).forEach((venue, port) -> {
            if (!venue.equals(port.venue())) {
                throw new IllegalArgumentException("port for venue '" + venue + "' says it is '" + port.venue() + "'");
            }
            venues.put(venue, new VenueState(venue, port, config, now));
        });
    }

    // =================================================================== kernel API: new orders

    /** A new order for an intent that is about to be risk-checked: PENDING_NEW, fresh client id, no event yet. */
    public Order create(final OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        final ClientOrderId id = ids.next(intent.strategyId());
        if (orders.containsKey(id)) {
            throw new IllegalStateException("client order id " + id + " is already used (id counters not restored?)");
        }
        final Order o = new Order(id, intent, now());
        orders.add(o);
        open.put(id, o);
        return o;
    }

    /** The risk engine refused a fresh order: DENIED, {@code OrderDenied}. */
    public void deny(final Order o, final ReasonCode reason, final String message) {
        requireOwned(o);
        if (o.isSubmitted()) {
            throw new IllegalStateException(o.clientOrderId() + " was already submitted; only fresh orders can be denied");
        }
        if (reason == null || reason == ReasonCode.NONE) {
            throw new IllegalArgumentException("a denial needs a reason");
        }
        denyLocally(o, reason, message);
    }

    /**
     * Denies an intent that cannot even become an order because its quantity is not positive (an {@link Order} always
     * has a positive quantity): allocates a client id and emits {@code OrderDenied}, and keeps nothing, since there
     * is no order to track. A strategy's malformed intent is refused like any other, it must not fail the kernel.
     * Every other denial goes through {@link #create} and {@link #deny}, so the denied order stays visible.
     */
    public ClientOrderId denyIntent(final OrderIntent intent, final ReasonCode reason, final String message) {
        Objects.requireNonNull(intent, "intent");
        if (reason == null || reason == ReasonCode.NONE) {
            throw new IllegalArgumentException("a denial needs a reason");
        }
        final ClientOrderId id = ids.next(intent.strategyId());
        final long now = now();
        emit(new OrderDenied(id, intent.strategyId(), intent.instrumentId(), reason, message, now, now));
        return id;
    }

    /**
     * Sends an order that passed risk. {@code OrderSubmitted} and then, depending on the venue: {@code OrderSent}
     * (submitted through the port), {@code OrderQueued} (breaker not closed with policy QUEUE, or no request budget),
     * or, refused at once without {@code OrderSubmitted}, {@code OrderDenied} EXEC_BREAKER_OPEN / EXEC_QUEUE_FULL.
     */
    public void send(final Order o) {
        requireOwned(o);
        if (o.state() != OrderState.PENDING_NEW || o.isSubmitted()) {
            throw new IllegalStateException("only a fresh PENDING_NEW order can be sent: " + o);
        }
        final VenueState v = venue(o.instrumentId());
        if (v.breaker.state() != BreakerState.CLOSED) {
            if (config.breakerOpenPolicy() == BreakerOpenPolicy.DENY) {
                denyLocally(o, ReasonCode.EXEC_BREAKER_OPEN, "venue " + v.name + " circuit breaker is " + v.breaker.state());
                return;
            }
            if (v.queue.size() >= config.queueCapacity()) {
                denyLocally(o, ReasonCode.EXEC_QUEUE_FULL, "venue " + v.name + " queue holds " + v.queue.size() + " orders");
                return;
            }
            markSubmitted(o);
            enqueue(v, o, ReasonCode.EXEC_BREAKER_OPEN);
            return;
        }
        if (!v.queue.isEmpty()) {
            drain(v); // older orders go first
        }
        final long now = now();
        if (!v.queue.isEmpty() || now < v.backoffUntilNanos || !v.bucket.hasToken(now)) {
            if (v.queue.size() >= config.queueCapacity()) {
                denyLocally(o, ReasonCode.EXEC_QUEUE_FULL, "venue " + v.name + " queue holds " + v.queue.size() + " orders");
                return;
            }
            markSubmitted(o);
            enqueue(v, o, ReasonCode.EXEC_THROTTLED);
            scheduleDrain(v);
            return;
        }
        markSubmitted(o);
        v.bucket.tryTake(now);
        final RequestTracker t = o.tracker(RequestKind.SUBMIT);
        t.startSequence();
        dispatch(o, t, true);
    }

    // =================================================================== kernel API: cancel, amend

    /**
     * Cancels an order. Returns NONE when the cancel was started (or the order was canceled locally because it never
     * reached the venue, or a cancel is already pending), EXEC_UNKNOWN_ORDER or EXEC_NOT_CANCELABLE otherwise.
     */
    public ReasonCode cancel(final ClientOrderId id) {
        final Order o = orders.get(id);
        if (o == null) {
            return ReasonCode.EXEC_UNKNOWN_ORDER;
        }
        if (o.state().isTerminal()) {
            return ReasonCode.EXEC_NOT_CANCELABLE;
        }
        if (neverAtVenue(o)) {
            cancelLocally(o);
            return ReasonCode.NONE;
        }
        if (o.state() == OrderState.PENDING_CANCEL) {
            return ReasonCode.NONE; // idempotent: the cancel in flight will answer
        }
        requestCancel(o);
        return ReasonCode.NONE;
    }

    /**
     * Amends an acknowledged order's price and total quantity. Returns NONE when sent; EXEC_UNKNOWN_ORDER;
     * EXEC_NOT_AMENDABLE (not NEW/PARTIALLY_FILLED, an amend already in flight, or {@code newQty} not above the
     * filled quantity); EXEC_BREAKER_OPEN (amends add risk, so they wait for a healthy venue).
     */
    public ReasonCode amend(final ClientOrderId id, final long newPrice, final long newQty) {
        final Order o = orders.get(id);
        if (o == null) {
            return ReasonCode.EXEC_UNKNOWN_ORDER;
        }
        if (o.state() != OrderState.NEW && o.state() != OrderState.PARTIALLY_FILLED) {
            return ReasonCode.EXEC_NOT_AMENDABLE;
        }
        final RequestTracker t = o.tracker(RequestKind.AMEND);
        if (!t.isIdle() || newQty <= o.filledQty() || newPrice < 0 || (o.type().hasLimitPrice() && newPrice == 0)) {
            return ReasonCode.EXEC_NOT_AMENDABLE;
        }
        if (venue(o.instrumentId()).breaker.state() != BreakerState.CLOSED) {
            return ReasonCode.EXEC_BREAKER_OPEN;
        }
        o.setAmendTarget(newPrice, newQty);
        t.startSequence();
        dispatch(o, t, false);
        return ReasonCode.NONE;
    }

    /**
     * Cancels everything on an instrument: queued and never-sent orders locally, every other open order goes
     * PENDING_CANCEL ({@code OrderPendingCancel}), and one cancel-all request goes to the venue (even with no local
     * orders: the venue may have orders we do not know). Orders still pending cancel
     * {@link ExecutionConfig#cancelAllCheckNanos()} after the request are queried one by one, since a cancel-all
     * answer does not list what it did not find.
     */
    public void cancelAll(final InstrumentId instrumentId) {
        final VenueState v = venue(instrumentId);
        final RequestTracker t = cancelAlls.computeIfAbsent(instrumentId, k -> new RequestTracker(RequestKind.CANCEL_ALL));
        if (t.status == RequestStatus.SCHEDULED) {
            scheduler.cancel(retryTimer(RequestKind.CANCEL_ALL, instrumentId.toString()));
        }
        t.startSequence();
        for (final Order o : new ArrayList<>(open.values())) {
            if (!o.instrumentId().equals(instrumentId)) {
                continue;
            }
            if (neverAtVenue(o)) {
                cancelLocally(o);
                continue;
            }
            if (o.state() == OrderState.PENDING_CANCEL) {
                continue; // its own cancel is on the way
            }
            final Step s = step(o, OrderTrigger.CANCEL_REQUEST);
            if (!s.applied()) {
                continue;
            }
            commit(o, s, ReasonCode.NONE);
            final long now = now();
            emit(new OrderPendingCancel(o.clientOrderId(), o.strategyId(), o.instrumentId(), now, now));
            final RequestTracker ct = o.tracker(RequestKind.CANCEL);
            ct.startSequence();
            ct.status = RequestStatus.VIA_CANCEL_ALL;
        }
        dispatchCancelAll(v, instrumentId, t);
    }

    /** A fresh command id, unique within the run; for commands the kernel sends itself (reconciliation queries). */
    public long allocateCommandId() {
        return nextCommandId++;
    }

    // =================================================================== reports

    /**
     * Handles one venue report. Order-level reports drive the orders; account snapshots (open orders, positions,
     * balances) only count as breaker successes here (and answer a HALF_OPEN probe). Fills without a client id
     * (external) and funding are not handled here.
     */
    public void onReport(final ExecutionReport r) {
        final VenueState v = venues.get(r.venue());
        if (v == null) {
            anomaly(r, null, "no execution port for venue '" + r.venue() + "'");
            return;
        }
        if (r instanceof VenueFill f) {
            booked(v, f.tsEventNanos());
            onFill(f);
        } else if (r instanceof VenueAccepted a) {
            onAccepted(a);
            answered(v);
        } else if (r instanceof VenueRejected x) {
            onRejected(x);
            answeredOrUnavailable(v, x.reason(), "submit rejected: " + x.message());
        } else if (r instanceof VenueCanceled c) {
            onCanceled(c);
            answered(v);
        } else if (r instanceof VenueCancelRejected c) {
            onCancelRejected(c);
            answeredOrUnavailable(v, c.reason(), "cancel rejected: " + c.message());
        } else if (r instanceof VenueAmended a) {
            onAmended(a);
            answered(v);
        } else if (r instanceof VenueAmendRejected a) {
            onAmendRejected(a);
            answeredOrUnavailable(v, a.reason(), "amend rejected: " + a.message());
        } else if (r instanceof VenueExpired e) {
            onExpired(e);
        } else if (r instanceof VenueOrderStatusReport s) {
            onStatus(s);
            answered(v);
        } else if (r instanceof VenueRequestFailed f) {
            onRequestFailed(v, f);
        } else if (r instanceof VenueOpenOrders) {
            clearProbe(v);
            answered(v);
        } else if (r instanceof VenuePositions || r instanceof VenueBalances) {
            answered(v);
        } else if (r instanceof FundingSettled) {
            booked(v, r.tsEventNanos()); // the portfolio books it
        } else {
            throw new IllegalStateException("unhandled report type " + r.getClass().getName());
        }
    }

    private void onFill(final VenueFill f) {
        if (f.clientOrderId() == null) {
            return; // not ours (liquidation, manual trade): the kernel books it as an external fill
        }
        applyFill(f, f.clientOrderId(), f.tradeId(), f.side(), f.instrumentId(), f.price(), f.qty(), f.feeMoney(),
                f.liquidity(), f.tsEventNanos(), false);
    }

    private void applyFill(
            final ExecutionReport r,
            final ClientOrderId id,
            final String tradeId,
            final Side side,
            final InstrumentId instrumentId,
            final long price,
            final long qty,
            final long fee,
            final Liquidity liquidity,
            final long tsEvent,
            final boolean synthetic) {
        final Order o = lookup(r, id);
        if (o == null) {
            return;
        }
        if (tradeId == null || o.hasTrade(tradeId)) {
            if (tradeId == null) {
                anomaly(r, id, "fill without trade id");
            }
            return; // a duplicate: applied once already
        }
        if (qty <= 0 || price <= 0 || side != o.side() || !o.instrumentId().equals(instrumentId)) {
            anomaly(r, id, "fill does not match the order: " + side + " " + instrumentId + " " + qty + " @ " + price);
            return;
        }
        final long counted = synthetic ? 0 : Math.min(qty, o.syntheticFillQty());
        final long q = qty - counted;
        final boolean beyondQty = q > 0 && o.filledQty() + q > o.qty();
        // a maker fill at an outstanding amend's new price means the order rested there: the amend landed
        final boolean atAmendedPrice = q > 0 && liquidity == Liquidity.MAKER && price == o.amendPrice() && price != o.price();
        if ((beyondQty || atAmendedPrice) && !amendProvenByFill(o, r, q, tsEvent) && beyondQty) {
            anomaly(r, id, "overfill: filled " + o.filledQty() + " + " + q + " > qty " + o.qty());
            return;
        }
        if (counted > 0) {
            o.absorbSynthetic(tradeId, counted);
            if (q == 0) {
                return; // the venue's report of a fill we had already inferred from a status query
            }
        }
        final OrderTrigger trigger = o.filledQty() + q == o.qty() ? OrderTrigger.FILL_FULL : OrderTrigger.FILL_PARTIAL;
        final OrderState from = o.state();
        final Step s = step(o, trigger);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, id, trigger + " in " + from);
            return;
        }
        if (!s.applied()) {
            return;
        }
        final long appliedFee = q == qty ? fee : Fixed.mulDiv(fee, q, qty, RoundingMode.HALF_EVEN);
        final long now = now();
        o.applyFill(tradeId, price, q, appliedFee, now);
        if (synthetic) {
            o.addSynthetic(q);
        }
        commit(o, s, ReasonCode.NONE);
        emit(new OrderFilled(o.clientOrderId(), o.strategyId(), o.instrumentId(), tradeId, o.side(), price, q,
                o.filledQty(), o.leavesQty(), appliedFee, liquidity, from.isTerminal(), tsEvent, now));
        settleSubmit(o);
        followUps(o);
    }

    /**
     * A fill beyond the order's quantity is possible only if an amend that raised the quantity has landed: reports
     * can overtake each other, so the venue's fill of the larger order may arrive before its amend acknowledgement.
     * A maker fill at the outstanding amend's new price proves it too (the order rested there), and must be counted
     * against the amended quantity, or a first partial fill would close the order as FILLED at the old quantity.
     * If an amend is outstanding and its quantity covers the fill, the fill proves the amend; it is applied first
     * (an {@link OrderAmended} at the fill's time), and the acknowledgement, when it comes, finds no amend outstanding
     * and is ignored as stale. Returns false when no outstanding amend explains the fill (a real overfill).
     */
    private boolean amendProvenByFill(final Order o, final ExecutionReport r, final long q, final long tsEvent) {
        final RequestTracker t = o.tracker(RequestKind.AMEND);
        if (t.isIdle() || o.amendQty() < o.filledQty() + q) {
            return false;
        }
        final Step s = step(o, OrderTrigger.AMEND_ACK);
        if (!s.applied()) {
            return false;
        }
        closeTracker(o, t);
        applyAmend(o, r, o.amendPrice(), o.amendQty(), tsEvent);
        return true;
    }

    /**
     * A status that shows the venue holding the order at an outstanding amend's price and quantity proves the amend
     * landed (its acknowledgement may be lost or still on the way): it is applied before the status is, so the
     * venue's fills, counted against the amended quantity, are not taken for an overfill.
     */
    private void amendProvenByStatus(final Order o, final VenueOrderStatusReport r, final VenueOrder vo) {
        final RequestTracker t = o.tracker(RequestKind.AMEND);
        if (t.isIdle() || vo.qty() != o.amendQty() || vo.price() != o.amendPrice()
                || (vo.qty() == o.qty() && vo.price() == o.price()) || vo.qty() < o.filledQty()) {
            return;
        }
        final Step s = step(o, OrderTrigger.AMEND_ACK);
        if (!s.applied()) {
            return;
        }
        closeTracker(o, t);
        applyAmend(o, r, vo.price(), vo.qty(), r.tsEventNanos());
    }

    private void onAccepted(final VenueAccepted a) {
        final Order o = lookup(a, a.clientOrderId());
        if (o == null) {
            return;
        }
        final Step s = step(o, OrderTrigger.ACCEPT);
        if (s.action() == Action.ILLEGAL) {
            anomaly(a, o.clientOrderId(), "ACCEPT in " + o.state());
            return;
        }
        o.setVenueOrderId(a.venueOrderId());
        if (s.applied()) {
            commit(o, s, ReasonCode.NONE);
            emit(new OrderAccepted(o.clientOrderId(), o.strategyId(), o.instrumentId(), o.venueOrderId(), a.tsEventNanos(), now()));
        }
        settleSubmit(o);
        followUps(o);
    }

    private void onRejected(final VenueRejected x) {
        final Order o = lookup(x, x.clientOrderId());
        if (o == null) {
            return;
        }
        if (x.reason() == ReasonCode.VENUE_DUPLICATE_CLIENT_ID) {
            // The venue already has an order with our id: most likely an earlier attempt whose answer was lost.
            // That is not a rejection of our order; find out what the venue has.
            becomeUnknown(o, x, "venue reports a duplicate client order id: " + x.message());
            return;
        }
        if (wasAccepted(o)) {
            // A venue cannot both accept and reject one placement, so a rejection after the acceptance is the venue
            // closing the live order later (e.g. a reduce-only order that would increase the position when it comes
            // to fill): the order is canceled by the venue, for the venue's reason.
            canceledByVenue(o, x.reason(), x.tsEventNanos());
            return;
        }
        final Step s = step(o, OrderTrigger.REJECT);
        if (s.action() == Action.ILLEGAL) {
            anomaly(x, o.clientOrderId(), "REJECT in " + o.state());
            return;
        }
        if (s.applied()) {
            commit(o, s, x.reason());
            emit(new OrderRejected(o.clientOrderId(), o.strategyId(), o.instrumentId(), x.reason(), x.message(), x.tsEventNanos(), now()));
        }
        settleSubmit(o);
    }

    /** Acknowledged by the venue and still open: NEW, PARTIALLY_FILLED, or a cancel pending from one of them. */
    private static boolean wasAccepted(final Order o) {
        final OrderState live = o.state() == OrderState.PENDING_CANCEL ? o.previousState() : o.state();
        return live == OrderState.NEW || live == OrderState.PARTIALLY_FILLED;
    }

    /** Closes an acknowledged order the venue closed on its own terms, as canceled with the venue's reason. */
    private void canceledByVenue(final Order o, final ReasonCode reason, final long tsEvent) {
        final Step s = step(o, OrderTrigger.CANCEL_ACK);
        if (!s.applied()) {
            return;
        }
        commit(o, s, reason);
        emit(new OrderCanceled(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, tsEvent, now()));
    }

    private void onCanceled(final VenueCanceled c) {
        final Order o = lookup(c, c.clientOrderId());
        if (o == null) {
            return;
        }
        final OrderState from = o.state();
        final Step s = step(o, OrderTrigger.CANCEL_ACK);
        if (s.action() == Action.ILLEGAL) {
            anomaly(c, o.clientOrderId(), "CANCEL_ACK in " + from);
            return;
        }
        if (s.applied()) {
            final ReasonCode reason = c.reason() != ReasonCode.NONE
                    ? c.reason()
                    : from == OrderState.PENDING_CANCEL ? ReasonCode.EXEC_CANCEL_REQUESTED : ReasonCode.NONE;
            commit(o, s, reason);
            emit(new OrderCanceled(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, c.tsEventNanos(), now()));
        }
    }

    private void onCancelRejected(final VenueCancelRejected c) {
        final Order o = lookup(c, c.clientOrderId());
        if (o == null) {
            return;
        }
        final Step s = step(o, OrderTrigger.CANCEL_REJECT);
        if (s.action() == Action.ILLEGAL) {
            anomaly(c, o.clientOrderId(), "CANCEL_REJECT in " + o.state());
            return;
        }
        if (!s.applied()) {
            return;
        }
        closeTracker(o, o.tracker(RequestKind.CANCEL));
        cancelRejected(o, c.reason(), c.message(), c.tsEventNanos());
        final boolean venueSaysGone = c.reason() == ReasonCode.VENUE_ORDER_NOT_FOUND
                || c.reason() == ReasonCode.VENUE_ALREADY_CLOSED
                || c.reason() == ReasonCode.VENUE_ALREADY_FILLED;
        if (!venueSaysGone) {
            return;
        }
        if (o.state() == OrderState.PENDING_NEW && c.reason() == ReasonCode.VENUE_ORDER_NOT_FOUND) {
            // our cancel overtook the submit; cancel again as soon as the venue acknowledges the order
            o.setCancelOnAccept(true);
        } else if (o.state() == OrderState.UNKNOWN) {
            o.setCancelOnAccept(true); // its query is already on the way
        } else {
            startQuery(o); // the venue says it is closed: learn how (fills may be on their way)
        }
    }

    private void onAmended(final VenueAmended a) {
        final Order o = lookup(a, a.clientOrderId());
        if (o == null) {
            return;
        }
        final RequestTracker t = o.tracker(RequestKind.AMEND);
        if (t.isIdle()) {
            return; // duplicate or stale: we have no amend outstanding
        }
        if (a.newQty() < o.filledQty() || a.newQty() <= 0) {
            anomaly(a, o.clientOrderId(), "amended qty " + a.newQty() + " below filled " + o.filledQty());
            return;
        }
        closeTracker(o, t);
        applyAmend(o, a, a.newPrice(), a.newQty(), a.tsEventNanos());
    }

    private void applyAmend(final Order o, final ExecutionReport r, final long newPrice, final long newQty, final long tsEvent) {
        final Step s = step(o, OrderTrigger.AMEND_ACK);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, o.clientOrderId(), "AMEND_ACK in " + o.state());
            return;
        }
        if (!s.applied()) {
            return;
        }
        final long now = now();
        o.amendTo(newPrice, newQty, now);
        commit(o, s, ReasonCode.NONE);
        emit(new OrderAmended(o.clientOrderId(), o.strategyId(), o.instrumentId(), newPrice, newQty, tsEvent, now));
    }

    private void onAmendRejected(final VenueAmendRejected a) {
        final Order o = lookup(a, a.clientOrderId());
        if (o == null) {
            return;
        }
        final RequestTracker t = o.tracker(RequestKind.AMEND);
        if (t.isIdle()) {
            return;
        }
        closeTracker(o, t);
        amendRejected(o, a, a.reason(), a.message(), a.tsEventNanos());
    }

    private void onExpired(final VenueExpired e) {
        final Order o = lookup(e, e.clientOrderId());
        if (o == null) {
            return;
        }
        final Step s = step(o, OrderTrigger.EXPIRE);
        if (s.action() == Action.ILLEGAL) {
            anomaly(e, o.clientOrderId(), "EXPIRE in " + o.state());
            return;
        }
        if (s.applied()) {
            commit(o, s, ReasonCode.NONE);
            emit(new OrderExpired(o.clientOrderId(), o.strategyId(), o.instrumentId(), e.tsEventNanos(), now()));
        }
    }

    private void onStatus(final VenueOrderStatusReport r) {
        final Order o = lookup(r, r.clientOrderId());
        if (o == null) {
            return;
        }
        final RequestTracker q = o.tracker(RequestKind.QUERY_ORDER);
        // only an answer to a query sent after a cancel/amend became uncertain can resolve it
        final long answeredCommand = q.status == RequestStatus.IN_FLIGHT ? q.commandId : 0;
        if (q.status == RequestStatus.IN_FLIGHT) {
            closeTracker(o, q);
        }
        final VenueOrder vo = r.order();
        if (vo != null) {
            amendProvenByStatus(o, r, vo);
        }
        if (vo == null && o.isOpen() && o.missingQueryFrom() > 0) {
            if (answeredCommand >= o.missingQueryFrom()) {
                closeMissing(o, r);
            } // else: the answer to a query sent before reconciliation raised the question; asked again below
        } else if (vo == null) {
            applyQueryTrigger(o, r, OrderTrigger.QUERY_NOT_FOUND, null);
        } else if (vo.filledQty() > o.qty()) {
            anomaly(r, o.clientOrderId(), "venue reports filled " + vo.filledQty() + " > qty " + o.qty());
        } else {
            o.setVenueOrderId(vo.venueOrderId());
            final long delta = vo.filledQty() - o.filledQty();
            if (delta > 0) {
                inferFill(o, r, vo, delta);
            }
            final OrderTrigger trigger = queryTrigger(o, vo.status());
            if (trigger == null) {
                anomaly(r, o.clientOrderId(), "venue status " + vo.status() + " with filled " + vo.filledQty() + " of " + o.qty());
            } else {
                applyQueryTrigger(o, r, trigger, vo);
            }
        }
        if (vo != null && o.missingQueryFrom() > 0) {
            o.setMissingQueryFrom(0); // the venue has it (or had it and says how it ended)
            if (o.isOpen() && vo.status().isClosed()) {
                // the answer could not be applied (an anomaly was emitted): the venue's word that the order is
                // closed still stands, or reconciliation would ask about it for ever
                canceledByVenue(o, ReasonCode.VENUE_OTHER, r.tsEventNanos());
            }
        }
        settleSubmit(o);
        resolveAfterQuery(o, r, vo, answeredCommand);
        if (o.isOpen() && o.missingQueryFrom() > 0 && o.tracker(RequestKind.QUERY_ORDER).isIdle()) {
            startQuery(o); // that answer was to an older query: ask the question reconciliation raised
        }
        followUps(o);
    }

    /**
     * Reconciliation found this order open here but absent from the venue's open orders. Its fills may not have
     * reached us (lost or still in flight), so it is not closed on that evidence alone: the venue is asked for the
     * order's status, and the answer settles it: fills the venue reports are booked to the order (inferred fills),
     * a closed status closes it, and "not found" (a venue that no longer keeps the order) closes it as canceled with
     * {@link ReasonCode#VENUE_ORDER_NOT_FOUND}. Only answers to queries sent from now on count. Until the answer the
     * order's instrument counts as unsettled for position and balance reconciliation. Does nothing for an order that
     * is unknown, closed, queued or not yet acknowledged.
     */
    public void queryMissing(final ClientOrderId id) {
        final Order o = orders.get(id);
        if (o == null || !o.isOpen() || o.isQueued() || o.venueOrderId() == null) {
            return;
        }
        o.setMissingQueryFrom(nextCommandId);
        final RequestTracker q = o.tracker(RequestKind.QUERY_ORDER);
        if (q.status != RequestStatus.IN_FLIGHT) {
            startQuery(o);
        } // else: onStatus asks again when the older query's answer arrives
    }

    /** True while the order has a status query in flight or scheduled (its fills may not be known yet). */
    public boolean hasPendingQuery(final ClientOrderId id) {
        final Order o = orders.get(id);
        return o != null && !o.tracker(RequestKind.QUERY_ORDER).isIdle();
    }

    /** The venue, asked after reconciliation found the order missing, no longer knows it: closed as canceled. */
    private void closeMissing(final Order o, final VenueOrderStatusReport r) {
        final OrderState from = o.state();
        final Step s = step(o, OrderTrigger.QUERY_CANCELED);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, o.clientOrderId(), "QUERY_NOT_FOUND (missing at the venue) in " + from);
            return;
        }
        o.setMissingQueryFrom(0);
        if (!s.applied()) {
            return;
        }
        final ReasonCode reason = from == OrderState.PENDING_CANCEL ? ReasonCode.EXEC_CANCEL_REQUESTED : ReasonCode.VENUE_ORDER_NOT_FOUND;
        commit(o, s, reason);
        emit(new OrderCanceled(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, r.tsEventNanos(), now()));
    }

    private static OrderTrigger queryTrigger(final Order o, final VenueOrderStatus status) {
        switch (status) {
            case NEW:
            case PARTIALLY_FILLED:
                // our own fill count decides: the fills were applied just before
                return o.filledQty() == 0 ? OrderTrigger.QUERY_NEW : OrderTrigger.QUERY_PARTIALLY_FILLED;
            case FILLED:
                return o.filledQty() == o.qty() ? OrderTrigger.QUERY_FILLED : null;
            case CANCELED:
                return OrderTrigger.QUERY_CANCELED;
            case REJECTED:
                // an acknowledged order the venue now calls rejected was closed by it after the acceptance
                return wasAccepted(o) ? OrderTrigger.QUERY_CANCELED : OrderTrigger.QUERY_REJECTED;
            case EXPIRED:
                return OrderTrigger.QUERY_EXPIRED;
            default:
                throw new IllegalStateException("unhandled venue status " + status);
        }
    }

    private static void booked(final VenueState v, final long venueNanos) {
        v.lastBookedVenueNanos = Math.max(v.lastBookedVenueNanos, venueNanos);
    }

    /**
     * The latest venue time of a report that changed the account at this venue (a fill, an inferred fill, a funding
     * settlement); 0 before any. Reconciliation leaves a position or balance snapshot taken before it unadopted: the
     * snapshot predates something already booked.
     */
    public long lastBookedVenueNanos(final String venue) {
        final VenueState v = venues.get(venue);
        return v == null ? 0 : v.lastBookedVenueNanos;
    }

    private void inferFill(final Order o, final VenueOrderStatusReport r, final VenueOrder vo, final long delta) {
        final long price = vo.avgFillPrice() > 0 ? vo.avgFillPrice() : vo.price() > 0 ? vo.price() : o.price();
        if (price <= 0) {
            anomaly(r, o.clientOrderId(), "venue reports " + delta + " more filled but no price");
            return;
        }
        final Instrument instrument = instruments.find(o.instrumentId());
        // The venue's fill reports are missing; estimate the fee at the taker rate (the worse case) so cash is
        // not overstated. Balance reconciliation adopts the venue's exact figure.
        final long fee = instrument == null ? 0 : instrument.fee(instrument.notional(price, delta), Liquidity.TAKER);
        final String tradeId = "q-" + o.clientOrderId().value() + "-" + vo.filledQty();
        booked(venue(o.instrumentId()), r.tsEventNanos());
        applyFill(r, o.clientOrderId(), tradeId, o.side(), o.instrumentId(), price, delta, fee, Liquidity.TAKER,
                r.tsEventNanos(), true);
    }

    private void applyQueryTrigger(final Order o, final VenueOrderStatusReport r, final OrderTrigger trigger, final VenueOrder vo) {
        final OrderState from = o.state();
        final OrderState fromPrevious = o.previousState();
        final Step s = step(o, trigger);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, o.clientOrderId(), trigger + " in " + from + (fromPrevious != null ? "(" + fromPrevious + ")" : ""));
            return;
        }
        if (!s.applied()) {
            return;
        }
        final long ts = r.tsEventNanos();
        final long now = now();
        final OrderState reached = s.state() == OrderState.PENDING_CANCEL ? s.previousState() : s.state();
        switch (reached) {
            case NEW:
            case PARTIALLY_FILLED:
                commit(o, s, ReasonCode.NONE);
                // the query is our acknowledgement
                emit(new OrderAccepted(o.clientOrderId(), o.strategyId(), o.instrumentId(), o.venueOrderId(), ts, now));
                break;
            case CANCELED: {
                final ReasonCode reason = from == OrderState.PENDING_CANCEL ? ReasonCode.EXEC_CANCEL_REQUESTED : ReasonCode.VENUE_OTHER;
                commit(o, s, reason);
                emit(new OrderCanceled(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, ts, now));
                break;
            }
            case EXPIRED:
                commit(o, s, ReasonCode.NONE);
                emit(new OrderExpired(o.clientOrderId(), o.strategyId(), o.instrumentId(), ts, now));
                break;
            case REJECTED: {
                final boolean notFound = trigger == OrderTrigger.QUERY_NOT_FOUND;
                final ReasonCode reason = notFound ? ReasonCode.EXEC_NOT_FOUND_AFTER_UNKNOWN : ReasonCode.VENUE_OTHER;
                final String message = notFound
                        ? "the venue does not know the order after an unknown outcome; not resubmitted"
                        : "the venue reports the order rejected";
                commit(o, s, reason);
                emit(new OrderRejected(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, message, ts, now));
                break;
            }
            default:
                // FILLED is reached through the inferred fill, never by the status alone (queryTrigger checks the
                // quantities); nothing else is a query target
                anomaly(r, o.clientOrderId(), trigger + " would move " + from + " to " + reached);
                break;
        }
    }

    private void resolveAfterQuery(final Order o, final ExecutionReport r, final VenueOrder vo, final long answeredCommand) {
        if (!o.isOpen()) {
            return; // terminal: every request was closed
        }
        final RequestTracker cancel = o.tracker(RequestKind.CANCEL);
        if (cancel.status == RequestStatus.AWAITING_QUERY && answeredCommand > cancel.commandId) {
            if (o.state() != OrderState.PENDING_CANCEL) {
                closeTracker(o, cancel);
            } else {
                // the venue still has it: our cancel did not land. Cancels are idempotent, so send it again, against
                // the retry budget so that an unresponsive venue cannot make us loop
                cancel.transientFailures++;
                if (cancel.transientFailures <= config.maxRetries()) {
                    dispatch(o, cancel, false);
                } else {
                    closeTracker(o, cancel);
                    cancelRejected(o, ReasonCode.EXEC_RETRIES_EXHAUSTED, "cancel outcome unknown too often", r.tsEventNanos());
                }
            }
        }
        final RequestTracker amend = o.tracker(RequestKind.AMEND);
        if (amend.status == RequestStatus.AWAITING_QUERY && answeredCommand > amend.commandId) {
            closeTracker(o, amend);
            if (vo != null && vo.price() == o.amendPrice() && vo.qty() == o.amendQty()) {
                applyAmend(o, r, vo.price(), vo.qty(), r.tsEventNanos());
            } else {
                amendRejected(o, r, ReasonCode.VENUE_OTHER, "amend not applied at the venue (checked by query after an unknown outcome)",
                        r.tsEventNanos());
            }
        }
        if (!o.isOpen()) {
            return;
        }
        if (cancel.status == RequestStatus.AWAITING_QUERY || amend.status == RequestStatus.AWAITING_QUERY) {
            startQuery(o); // the answer predates the uncertainty: ask again
        } else if (isUnresolved(o) && o.tracker(RequestKind.QUERY_ORDER).isIdle()) {
            // the answer did not settle it (an anomaly); an UNKNOWN order must never be forgotten
            scheduleRetry(o, o.tracker(RequestKind.QUERY_ORDER), now() + config.unknownRequeryNanos(), FailureKind.UNKNOWN_OUTCOME);
        }
    }

    private void onRequestFailed(final VenueState v, final VenueRequestFailed f) {
        final RequestKind kind = f.request();
        final boolean rateLimited = f.failure() == FailureKind.RATE_LIMITED;
        switch (kind) {
            case SUBMIT:
            case CANCEL:
            case AMEND:
            case QUERY_ORDER: {
                final Order o = lookup(f, f.clientOrderId());
                if (o == null) {
                    return;
                }
                final RequestTracker t = o.tracker(kind);
                if (t.status != RequestStatus.IN_FLIGHT || t.commandId != f.commandId()) {
                    return; // stale or duplicate: that request was already answered or re-sent
                }
                if (rateLimited) {
                    backOff(v, f.retryAfterNanos());
                }
                orderRequestFailed(o, t, v, f);
                break;
            }
            case CANCEL_ALL: {
                InstrumentId found = null;
                for (final Map.Entry<InstrumentId, RequestTracker> e : cancelAlls.entrySet()) {
                    if (e.getValue().status == RequestStatus.IN_FLIGHT && e.getValue().commandId == f.commandId()) {
                        found = e.getKey();
                        break;
                    }
                }
                if (found == null) {
                    return;
                }
                if (rateLimited) {
                    backOff(v, f.retryAfterNanos());
                }
                cancelAllFailed(v, found, cancelAlls.get(found), f);
                break;
            }
            case QUERY_OPEN_ORDERS:
                if (v.probeCommandId != 0 && v.probeCommandId == f.commandId()) {
                    clearProbe(v); // a rate-limited probe is re-sent when the backoff ends
                }
                if (rateLimited) {
                    backOff(v, f.retryAfterNanos());
                }
                break;
            default:
                if (rateLimited) {
                    backOff(v, f.retryAfterNanos());
                }
                break;
        }
        if (!rateLimited) {
            breakerFailure(v, kind + " " + f.failure() + (f.detail() == null ? "" : ": " + f.detail()));
        }
    }

    private void orderRequestFailed(final Order o, final RequestTracker t, final VenueState v, final VenueRequestFailed f) {
        final FailureKind failure = f.failure();
        if (failure == FailureKind.UNKNOWN_OUTCOME && t.kind != RequestKind.QUERY_ORDER) {
            switch (t.kind) {
                case SUBMIT:
                    closeTracker(o, t);
                    becomeUnknown(o, f, f.detail() == null ? "no answer to submit" : f.detail());
                    return;
                case CANCEL:
                case AMEND:
                    t.status = RequestStatus.AWAITING_QUERY;
                    startQuery(o);
                    return;
                default:
                    throw new IllegalStateException("unhandled request " + t.kind);
            }
        }
        if (failure == FailureKind.RATE_LIMITED) {
            t.rateLimitedFailures++;
            if (t.rateLimitedFailures <= config.maxRateLimitedRetries()) {
                scheduleRetry(o, t, v.backoffUntilNanos, failure);
            } else {
                giveUp(o, t, f, ReasonCode.VENUE_RATE_LIMITED, "rate limited " + t.rateLimitedFailures + " times");
            }
            return;
        }
        // TRANSIENT, or a query without an answer: both are safe to repeat
        t.transientFailures++;
        if (t.transientFailures <= config.maxRetries()) {
            scheduleRetry(o, t, Math.addExact(now(), backoffNanos(t.transientFailures)), failure);
        } else {
            giveUp(o, t, f, ReasonCode.EXEC_RETRIES_EXHAUSTED, t.kind + " failed " + t.transientFailures + " times");
        }
    }

    private void giveUp(final Order o, final RequestTracker t, final VenueRequestFailed f, final ReasonCode reason, final String message) {
        closeTracker(o, t);
        final long ts = f.tsEventNanos();
        switch (t.kind) {
            case SUBMIT: {
                final Step s = step(o, OrderTrigger.REJECT);
                if (s.applied()) {
                    commit(o, s, reason);
                    emit(new OrderRejected(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, message, ts, now()));
                }
                break;
            }
            case CANCEL:
                cancelRejected(o, reason, message, ts);
                break;
            case AMEND:
                amendRejected(o, f, reason, message, ts);
                break;
            case QUERY_ORDER:
                if (isUnresolved(o) || hasAwaitingQuery(o) || o.missingQueryFrom() > 0) {
                    // never forget an uncertain order: ask again later, with a fresh retry budget
                    t.transientFailures = 0;
                    t.rateLimitedFailures = 0;
                    scheduleRetry(o, t, Math.addExact(now(), config.unknownRequeryNanos()), f.failure());
                }
                break;
            default:
                throw new IllegalStateException("unhandled request " + t.kind);
        }
    }

    private void becomeUnknown(final Order o, final ExecutionReport r, final String detail) {
        final Step s = step(o, OrderTrigger.UNKNOWN_OUTCOME);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, o.clientOrderId(), "UNKNOWN_OUTCOME in " + o.state());
            return;
        }
        if (!s.applied()) {
            return; // we already know more (accepted, filled, ...)
        }
        final RequestTracker submit = o.tracker(RequestKind.SUBMIT);
        if (!submit.isIdle()) {
            closeTracker(o, submit); // never resubmit blindly
        }
        commit(o, s, ReasonCode.NONE);
        emit(new OrderStatusUnknown(o.clientOrderId(), o.strategyId(), o.instrumentId(), detail, r.tsEventNanos(), now()));
        startQuery(o);
    }

    private void cancelAllFailed(final VenueState v, final InstrumentId id, final RequestTracker t, final VenueRequestFailed f) {
        switch (f.failure()) {
            case UNKNOWN_OUTCOME:
                t.status = RequestStatus.IDLE;
                scheduler.cancel(cancelAllCheckTimer(id));
                queryCoveredOrders(id);
                return;
            case RATE_LIMITED:
                t.rateLimitedFailures++;
                if (t.rateLimitedFailures <= config.maxRateLimitedRetries()) {
                    scheduleCancelAllRetry(id, t, v.backoffUntilNanos);
                } else {
                    giveUpCancelAll(id, t, ReasonCode.VENUE_RATE_LIMITED, "cancel-all rate limited " + t.rateLimitedFailures + " times", f.tsEventNanos());
                }
                return;
            default:
                t.transientFailures++;
                if (t.transientFailures <= config.maxRetries()) {
                    scheduleCancelAllRetry(id, t, Math.addExact(now(), backoffNanos(t.transientFailures)));
                } else {
                    giveUpCancelAll(id, t, ReasonCode.EXEC_RETRIES_EXHAUSTED, "cancel-all failed " + t.transientFailures + " times", f.tsEventNanos());
                }
        }
    }

    private void scheduleCancelAllRetry(final InstrumentId id, final RequestTracker t, final long at) {
        scheduler.cancel(cancelAllCheckTimer(id));
        t.status = RequestStatus.SCHEDULED;
        scheduler.schedule(retryTimer(RequestKind.CANCEL_ALL, id.toString()), at);
    }

    private void giveUpCancelAll(final InstrumentId id, final RequestTracker t, final ReasonCode reason, final String message, final long ts) {
        t.status = RequestStatus.IDLE;
        scheduler.cancel(cancelAllCheckTimer(id));
        for (final Order o : coveredByCancelAll(id)) {
            closeTracker(o, o.tracker(RequestKind.CANCEL));
            cancelRejected(o, reason, message, ts);
        }
    }

    private void queryCoveredOrders(final InstrumentId id) {
        for (final Order o : coveredByCancelAll(id)) {
            o.tracker(RequestKind.CANCEL).status = RequestStatus.AWAITING_QUERY;
            startQuery(o);
        }
    }

    private List<Order> coveredByCancelAll(final InstrumentId id) {
        final List<Order> out = new ArrayList<>();
        for (final Order o : open.values()) {
            if (o.instrumentId().equals(id) && o.state() == OrderState.PENDING_CANCEL
                    && o.tracker(RequestKind.CANCEL).status == RequestStatus.VIA_CANCEL_ALL) {
                out.add(o);
            }
        }
        return out;
    }

    // =================================================================== timers

    @Override
    public void onTimer(final String name, final long deadlineNanos) {
        if (!name.startsWith(TIMER_PREFIX)) {
            throw new IllegalArgumentException("not an execution timer: " + name);
        }
        final String[] parts = name.substring(TIMER_PREFIX.length()).split(":", 3);
        switch (parts[0]) {
            case RETRY:
                onRetryTimer(RequestKind.valueOf(parts[1]), parts[2]);
                break;
            case TTL:
                onQueueTtl(new ClientOrderId(parts[1]));
                break;
            case DRAIN: {
                final VenueState v = venues.get(parts[1]);
                if (v != null) {
                    drain(v);
                }
                break;
            }
            case BREAKER: {
                final VenueState v = venues.get(parts[1]);
                if (v != null) {
                    final CircuitBreaker.Change c = v.breaker.onOpenTimeout(now());
                    if (c != null) {
                        breakerChanged(v, c, "open period of " + config.breakerOpenNanos() / 1_000_000 + " ms ended");
                    }
                }
                break;
            }
            case BACKOFF: {
                final VenueState v = venues.get(parts[1]);
                if (v != null && now() >= v.backoffUntilNanos) {
                    if (v.breaker.state() == BreakerState.HALF_OPEN) {
                        sendProbe(v);
                    }
                    drain(v);
                }
                break;
            }
            case PROBE: {
                final VenueState v = venues.get(parts[1]);
                if (v != null && v.probeCommandId != 0 && now() >= v.probeDeadlineNanos) {
                    clearProbe(v);
                    breakerFailure(v, "HALF_OPEN probe got no answer");
                }
                break;
            }
            case CANCEL_ALL_CHECK:
                onCancelAllCheck(InstrumentId.parse(parts[1]));
                break;
            default:
                throw new IllegalArgumentException("unknown execution timer: " + name);
        }
    }

    private void onRetryTimer(final RequestKind kind, final String key) {
        if (kind == RequestKind.CANCEL_ALL) {
            final InstrumentId id = InstrumentId.parse(key);
            final RequestTracker t = cancelAlls.get(id);
            if (t != null && t.status == RequestStatus.SCHEDULED) {
                dispatchCancelAll(venue(id), id, t);
            }
            return;
        }
        final Order o = orders.get(new ClientOrderId(key));
        if (o == null) {
            return;
        }
        final RequestTracker t = o.tracker(kind);
        if (t == null || t.status != RequestStatus.SCHEDULED) {
            return; // stale: answered in the meantime
        }
        dispatch(o, t, false);
    }

    private void onQueueTtl(final ClientOrderId id) {
        final Order o = orders.get(id);
        if (o == null || !o.isQueued() || now() < o.queuedUntilNanos()) {
            return;
        }
        unqueue(o);
        denyLocally(o, ReasonCode.EXEC_QUEUE_TTL_EXPIRED, "waited " + config.queueTtlNanos() / 1_000_000 + " ms in the queue");
    }

    private void onCancelAllCheck(final InstrumentId id) {
        final RequestTracker t = cancelAlls.get(id);
        if (t == null || t.status != RequestStatus.IN_FLIGHT) {
            return;
        }
        t.status = RequestStatus.IDLE;
        queryCoveredOrders(id);
    }

    // =================================================================== sending

    /**
     * Sends the current request of a tracker, or defers it to the end of the venue's rate-limit backoff. Takes a
     * token (possibly into debt) unless the caller already took one.
     */
    private void dispatch(final Order o, final RequestTracker t, final boolean tokenTaken) {
        final VenueState v = venue(o.instrumentId());
        final long now = now();
        if (now < v.backoffUntilNanos) {
            t.status = RequestStatus.SCHEDULED;
            scheduler.schedule(retryTimer(t.kind, o.clientOrderId().value()), v.backoffUntilNanos);
            return;
        }
        if (!tokenTaken) {
            v.bucket.takeDebt(now);
        }
        t.attempt++;
        t.status = RequestStatus.IN_FLIGHT;
        t.commandId = nextCommandId++;
        final ClientOrderId id = o.clientOrderId();
        switch (t.kind) {
            case SUBMIT:
                emit(new OrderSent(id, o.strategyId(), o.instrumentId(), t.attempt, now, now));
                v.port.submit(new SubmitOrder(t.commandId, now, id, o.strategyId(), o.instrumentId(), o.side(), o.type(),
                        o.timeInForce(), o.price(), o.triggerPrice(), o.qty(), o.reduceOnly(), t.attempt));
                break;
            case CANCEL:
                v.port.cancel(new CancelOrder(t.commandId, now, id, o.instrumentId(), t.attempt));
                break;
            case AMEND:
                v.port.amend(new AmendOrder(t.commandId, now, id, o.instrumentId(), o.amendPrice(), o.amendQty(), t.attempt));
                break;
            case QUERY_ORDER:
                v.port.queryOrder(new QueryOrder(t.commandId, now, id, o.instrumentId()));
                break;
            default:
                throw new IllegalStateException("orders do not send " + t.kind);
        }
    }

    private void dispatchCancelAll(final VenueState v, final InstrumentId id, final RequestTracker t) {
        final long now = now();
        if (now < v.backoffUntilNanos) {
            t.status = RequestStatus.SCHEDULED;
            scheduler.schedule(retryTimer(RequestKind.CANCEL_ALL, id.toString()), v.backoffUntilNanos);
            return;
        }
        v.bucket.takeDebt(now);
        t.attempt++;
        t.status = RequestStatus.IN_FLIGHT;
        t.commandId = nextCommandId++;
        for (final Order o : coveredByCancelAll(id)) {
            // only a query sent after this request can tell whether it canceled the order
            o.tracker(RequestKind.CANCEL).commandId = t.commandId;
        }
        final String check = cancelAllCheckTimer(id);
        scheduler.cancel(check);
        scheduler.schedule(check, Math.addExact(now, config.cancelAllCheckNanos()));
        v.port.cancelAll(new CancelAllOrders(t.commandId, now, id));
    }

    private void requestCancel(final Order o) {
        final Step s = step(o, OrderTrigger.CANCEL_REQUEST);
        if (!s.applied()) {
            throw new IllegalStateException("cannot request cancel of " + o);
        }
        commit(o, s, ReasonCode.NONE);
        final long now = now();
        emit(new OrderPendingCancel(o.clientOrderId(), o.strategyId(), o.instrumentId(), now, now));
        final RequestTracker t = o.tracker(RequestKind.CANCEL);
        if (!t.isIdle()) {
            closeTracker(o, t);
        }
        t.startSequence();
        dispatch(o, t, false);
    }

    private void cancelLocally(final Order o) {
        if (o.isQueued()) {
            unqueue(o);
        }
        final RequestTracker submit = o.tracker(RequestKind.SUBMIT);
        if (!submit.isIdle()) {
            closeTracker(o, submit);
        }
        final Step s = step(o, OrderTrigger.CANCEL_ACK);
        commit(o, s, ReasonCode.EXEC_CANCEL_REQUESTED);
        final long now = now();
        emit(new OrderCanceled(o.clientOrderId(), o.strategyId(), o.instrumentId(), ReasonCode.EXEC_CANCEL_REQUESTED, now, now));
    }

    private void startQuery(final Order o) {
        final RequestTracker q = o.tracker(RequestKind.QUERY_ORDER);
        if (q.status == RequestStatus.IN_FLIGHT) {
            return; // its answer is on the way; resolveAfterQuery asks again if it is too old
        }
        if (q.status == RequestStatus.SCHEDULED) {
            closeTracker(o, q); // ask now rather than at the scheduled re-query
        }
        q.startSequence();
        dispatch(o, q, false);
    }

    private void scheduleRetry(final Order o, final RequestTracker t, final long at, final FailureKind failure) {
        t.status = RequestStatus.SCHEDULED;
        scheduler.schedule(retryTimer(t.kind, o.clientOrderId().value()), at);
        final long now = now();
        emit(new OrderRetryScheduled(o.clientOrderId(), o.strategyId(), o.instrumentId(), t.kind, failure, t.attempt + 1, at, now, now));
    }

    /** Backoff before the n-th retry: base × 2^(n-1), stretched by a seeded factor in [1, 1 + jitterFraction). */
    private long backoffNanos(final int retry) {
        final long delay = config.retryBaseNanos() << (retry - 1);
        final long maxJitter = (long) (delay * config.retryJitterFraction());
        return maxJitter > 0 ? delay + jitterRandom.nextLong(maxJitter) : delay;
    }

    // =================================================================== queue, breaker, backoff

    private void enqueue(final VenueState v, final Order o, final ReasonCode reason) {
        final long now = now();
        final long expires = Math.addExact(now, config.queueTtlNanos());
        o.setQueuedUntil(expires);
        v.queue.addLast(o.clientOrderId());
        scheduler.schedule(ttlTimer(o), expires);
        emit(new OrderQueued(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, expires, now, now));
    }

    private void unqueue(final Order o) {
        venue(o.instrumentId()).queue.remove(o.clientOrderId());
        o.setQueuedUntil(0);
        scheduler.cancel(ttlTimer(o));
    }

    /** Sends queued orders while the breaker is closed, the venue not backed off and tokens last. */
    private void drain(final VenueState v) {
        while (!v.queue.isEmpty()) {
            if (v.breaker.state() != BreakerState.CLOSED) {
                return; // closing the breaker drains again
            }
            final long now = now();
            final Order o = orders.get(v.queue.peekFirst());
            if (o == null || !o.isQueued() || o.state() != OrderState.PENDING_NEW) {
                v.queue.pollFirst(); // defensive: cannot happen while unqueue() is the only way out
                continue;
            }
            if (now >= o.queuedUntilNanos()) {
                unqueue(o);
                denyLocally(o, ReasonCode.EXEC_QUEUE_TTL_EXPIRED, "waited " + config.queueTtlNanos() / 1_000_000 + " ms in the queue");
                continue;
            }
            if (now < v.backoffUntilNanos || !v.bucket.hasToken(now)) {
                scheduleDrain(v);
                return;
            }
            unqueue(o);
            final ReasonCode recheck = Objects.requireNonNull(riskRecheck.recheck(o), "risk re-check returned null");
            if (recheck != ReasonCode.NONE) {
                denyLocally(o, recheck, "denied by the risk re-check on leaving the queue");
                continue;
            }
            v.bucket.tryTake(now);
            final RequestTracker t = o.tracker(RequestKind.SUBMIT);
            t.startSequence();
            dispatch(o, t, true);
        }
        scheduler.cancel(drainTimer(v));
    }

    private void scheduleDrain(final VenueState v) {
        if (v.breaker.state() != BreakerState.CLOSED || v.queue.isEmpty()) {
            return;
        }
        final long now = now();
        final long at = Math.max(v.backoffUntilNanos, Math.addExact(now, v.bucket.nanosUntilToken(now)));
        final String name = drainTimer(v);
        scheduler.cancel(name);
        scheduler.schedule(name, at);
    }

    private void answered(final VenueState v) {
        final CircuitBreaker.Change c = v.breaker.onSuccess(now());
        if (c != null) {
            breakerChanged(v, c, config.breakerHalfOpenSuccesses() + " consecutive successes");
        } else if (v.breaker.state() == BreakerState.HALF_OPEN) {
            sendProbe(v); // one more success needed: probe again (no-op while a probe is in flight)
        }
    }

    /**
     * A rejection is a definite answer (a breaker success), except {@code VENUE_MAINTENANCE}: the venue is not serving
     * anyone, so it counts as a breaker failure. Five in a row open the breaker (strategies PAUSED, new orders queued
     * or denied) instead of each strategy collecting rejections until its venue-failure limit disables it for good;
     * the HALF_OPEN probe (a query, which a venue under maintenance does not answer) finds out when it is back, and
     * closing the breaker reconciles and resumes.
     */
    private void answeredOrUnavailable(final VenueState v, final ReasonCode reason, final String detail) {
        if (reason == ReasonCode.VENUE_MAINTENANCE) {
            breakerFailure(v, "venue under maintenance (" + detail + ")");
        } else {
            answered(v);
        }
    }

    private void breakerFailure(final VenueState v, final String reason) {
        final CircuitBreaker.Change c = v.breaker.onFailure(now());
        if (c != null) {
            breakerChanged(v, c, reason);
        }
    }

    private void breakerChanged(final VenueState v, final CircuitBreaker.Change c, final String reason) {
        final long now = now();
        emit(new CircuitBreakerStateChanged(v.name, c.from(), c.to(), c.consecutiveFailures(), reason, now, now));
        switch (c.to()) {
            case OPEN: {
                clearProbe(v);
                final String name = TIMER_PREFIX + BREAKER + ":" + v.name;
                scheduler.cancel(name);
                scheduler.schedule(name, v.breaker.openUntilNanos());
                break;
            }
            case HALF_OPEN:
                sendProbe(v);
                break;
            case CLOSED:
                clearProbe(v); // a probe still in flight must not time out as a failure of a closed breaker
                drain(v);
                break;
            default:
                throw new IllegalStateException("unhandled breaker state " + c.to());
        }
    }

    private void sendProbe(final VenueState v) {
        final long now = now();
        if (v.probeCommandId != 0 || now < v.backoffUntilNanos) {
            return; // one probe at a time; the backoff timer probes when it ends
        }
        v.bucket.takeDebt(now);
        v.probeCommandId = nextCommandId++;
        v.probeDeadlineNanos = Math.addExact(now, config.probeTimeoutNanos());
        final String name = TIMER_PREFIX + PROBE + ":" + v.name;
        scheduler.cancel(name);
        scheduler.schedule(name, v.probeDeadlineNanos);
        v.port.queryOpenOrders(new QueryOpenOrders(v.probeCommandId, now, v.name));
    }

    private void clearProbe(final VenueState v) {
        if (v.probeCommandId != 0) {
            v.probeCommandId = 0;
            v.probeDeadlineNanos = 0;
            scheduler.cancel(TIMER_PREFIX + PROBE + ":" + v.name);
        }
    }

    private void backOff(final VenueState v, final long retryAfterNanos) {
        final long now = now();
        final long until = Math.addExact(now, retryAfterNanos > 0 ? retryAfterNanos : config.defaultRetryAfterNanos());
        // the venue counts differently from us: whatever we thought we had left is gone
        v.bucket.empty(now);
        if (until > v.backoffUntilNanos) {
            v.backoffUntilNanos = until;
            final String name = TIMER_PREFIX + BACKOFF + ":" + v.name;
            scheduler.cancel(name);
            scheduler.schedule(name, until);
        }
    }

    // =================================================================== transitions

    private Step step(final Order o, final OrderTrigger trigger) {
        return OrderStateMachine.apply(o.state(), o.previousState(), trigger);
    }

    /** Applies a resolved step; on reaching a terminal state closes every request of the order. No events. */
    private void commit(final Order o, final Step s, final ReasonCode closeReason) {
        final boolean wasTerminal = o.state().isTerminal();
        o.setState(s.state(), s.previousState(), now());
        if (s.state().isTerminal() && !wasTerminal) {
            o.setCloseReason(closeReason);
            open.remove(o.clientOrderId());
            if (o.isQueued()) {
                unqueue(o);
            }
            for (final RequestTracker t : o.trackers()) {
                if (!t.isIdle()) {
                    closeTracker(o, t);
                }
            }
            o.setCancelOnAccept(false);
        }
    }

    private void denyLocally(final Order o, final ReasonCode reason, final String message) {
        final Step s = step(o, OrderTrigger.DENY);
        if (!s.applied()) {
            throw new IllegalStateException("cannot deny " + o);
        }
        commit(o, s, reason);
        final long now = now();
        emit(new OrderDenied(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, message, now, now));
    }

    private void cancelRejected(final Order o, final ReasonCode reason, final String message, final long tsEvent) {
        final Step s = step(o, OrderTrigger.CANCEL_REJECT);
        if (!s.applied()) {
            return;
        }
        commit(o, s, ReasonCode.NONE);
        emit(new CancelRejected(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, message, tsEvent, now()));
    }

    private void amendRejected(final Order o, final ExecutionReport r, final ReasonCode reason, final String message, final long tsEvent) {
        final Step s = step(o, OrderTrigger.AMEND_REJECT);
        if (s.action() == Action.ILLEGAL) {
            anomaly(r, o.clientOrderId(), "AMEND_REJECT in " + o.state());
            return;
        }
        if (!s.applied()) {
            return;
        }
        commit(o, s, ReasonCode.NONE);
        emit(new AmendRejected(o.clientOrderId(), o.strategyId(), o.instrumentId(), reason, message, tsEvent, now()));
    }

    /** Closes a submit that the venue has now answered one way or another (the order is known at the venue). */
    private void settleSubmit(final Order o) {
        final RequestTracker t = o.tracker(RequestKind.SUBMIT);
        if (t.isIdle()) {
            return;
        }
        final OrderState effective = o.state() == OrderState.PENDING_CANCEL ? o.previousState() : o.state();
        if (effective != OrderState.PENDING_NEW && effective != OrderState.UNKNOWN) {
            closeTracker(o, t);
        }
    }

    private void followUps(final Order o) {
        if (o.cancelOnAccept() && (o.state() == OrderState.NEW || o.state() == OrderState.PARTIALLY_FILLED)) {
            o.setCancelOnAccept(false);
            requestCancel(o);
        }
    }

    private void closeTracker(final Order o, final RequestTracker t) {
        if (t.status == RequestStatus.SCHEDULED) {
            scheduler.cancel(retryTimer(t.kind, o.clientOrderId().value()));
        }
        t.status = RequestStatus.IDLE;
    }

    private static boolean neverAtVenue(final Order o) {
        // queued, created but never sent, or waiting for a retry after a failure that guarantees "not processed"
        return o.state() == OrderState.PENDING_NEW && o.tracker(RequestKind.SUBMIT).status != RequestStatus.IN_FLIGHT;
    }

    private static boolean isUnresolved(final Order o) {
        return o.state() == OrderState.UNKNOWN
                || (o.state() == OrderState.PENDING_CANCEL && o.previousState() == OrderState.UNKNOWN);
    }

    private static boolean hasAwaitingQuery(final Order o) {
        return o.tracker(RequestKind.CANCEL).status == RequestStatus.AWAITING_QUERY
                || o.tracker(RequestKind.AMEND).status == RequestStatus.AWAITING_QUERY;
    }

    private void markSubmitted(final Order o) {
        o.markSubmitted();
        final long now = now();
        emit(new OrderSubmitted(o.clientOrderId(), o.strategyId(), o.instrumentId(), o.side(), o.type(), o.timeInForce(),
                o.price(), o.triggerPrice(), o.qty(), o.reduceOnly(), now, now));
    }

    // =================================================================== helpers

    private Order lookup(final ExecutionReport r, final ClientOrderId id) {
        if (id == null) {
            anomaly(r, null, "report without client order id");
            return null;
        }
        final Order o = orders.get(id);
        if (o == null) {
            anomaly(r, id, "unknown client order id");
            return null;
        }
        if (!o.instrumentId().venue().equals(r.venue())) {
            anomaly(r, id, "order is on venue " + o.instrumentId().venue());
            return null;
        }
        if (o.attempts() == 0) {
            anomaly(r, id, "report for an order that was never sent (" + o.state() + ")");
            return null;
        }
        return o;
    }

    private void anomaly(final ExecutionReport r, final ClientOrderId id, final String detail) {
        emit(new ReportAnomaly(r.venue(), id, r.getClass().getSimpleName(), detail, r.tsEventNanos(), now()));
    }

    private void emit(final KernelEvent e) {
        sink.emit(e);
    }

    private long now() {
        return scheduler.nowNanos();
    }

    private VenueState venue(final InstrumentId id) {
        final VenueState v = venues.get(id.venue());
        if (v == null) {
            throw new IllegalStateException("no execution port for venue " + id.venue() + " (instrument " + id + ")");
        }
        return v;
    }

    private void requireOwned(final Order o) {
        if (o == null || orders.get(o.clientOrderId()) != o) {
            throw new IllegalArgumentException("not an order of this manager: " + o);
        }
    }

    private static String retryTimer(final RequestKind kind, final String key) {
        return TIMER_PREFIX + RETRY + ":" + kind.name() + ":" + key;
    }

    private static String ttlTimer(final Order o) {
        return TIMER_PREFIX + TTL + ":" + o.clientOrderId().value();
    }

    private static String drainTimer(final VenueState v) {
        return TIMER_PREFIX + DRAIN + ":" + v.name;
    }

    private static String cancelAllCheckTimer(final InstrumentId id) {
        return TIMER_PREFIX + CANCEL_ALL_CHECK + ":" + id;
    }

    // =================================================================== views

    /** The order with this id, or null. */
    public Order order(final ClientOrderId id) {
        return orders.get(id);
    }

    /** Every order the manager still holds (open and terminal), by client id. */
    public List<Order> orders() {
        return orders.sorted();
    }

    /** Open (non-terminal) orders, by client id. */
    public List<Order> openOrders() {
        return new ArrayList<>(open.values());
    }

    /** Open orders on one instrument, by client id. */
    public List<Order> openOrders(final InstrumentId instrumentId) {
        final List<Order> out = new ArrayList<>();
        for (final Order o : open.values()) {
            if (o.instrumentId().equals(instrumentId)) {
                out.add(o);
            }
        }
        return out;
    }

    /** Orders held in local queues, all venues. */
    public int queuedCount() {
        int n = 0;
        for (final VenueState v : venues.values()) {
            n += v.queue.size();
        }
        return n;
    }

    /** Orders held in one venue's local queue. */
    public int queuedCount(final String venue) {
        final VenueState v = venues.get(venue);
        return v == null ? 0 : v.queue.size();
    }

    /** Tokens available now in a venue's bucket (negative while in debt). */
    public long tokens(final String venue) {
        final VenueState v = venues.get(venue);
        return v == null ? 0 : v.bucket.tokens(now());
    }

    /** Until when a venue is backed off after a RATE_LIMITED answer (0 if never). */
    public long backoffUntilNanos(final String venue) {
        final VenueState v = venues.get(venue);
        return v == null ? 0 : v.backoffUntilNanos;
    }

    /** The configuration. */
    public ExecutionConfig config() {
        return config;
    }

    /**
     * Forgets terminal orders last updated before {@code cutoffNanos} (bounded memory in long runs). Late fills of a
     * forgotten order become anomalies, to be repaired by reconciliation. Returns how many were removed.
     */
    public int pruneTerminal(final long cutoffNanos) {
        return orders.removeIf(o -> o.state().isTerminal() && o.lastUpdateNanos() < cutoffNanos);
    }

    @Override
    public long openLeavesQty(final InstrumentId instrumentId, final Side side) {
        long sum = 0;
        for (final Order o : open.values()) {
            if (o.side() == side && o.instrumentId().equals(instrumentId)) {
                sum = Math.addExact(sum, o.leavesQty());
            }
        }
        return sum;
    }

    @Override
    public int openOrderCount(final StrategyId strategyId) {
        int n = 0;
        for (final Order o : open.values()) {
            if (o.strategyId().equals(strategyId)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int openOrderCount() {
        return open.size();
    }

    @Override
    public BreakerState breakerState(final String venue) {
        final VenueState v = venues.get(venue);
        return v == null ? BreakerState.CLOSED : v.breaker.state();
    }

    // =================================================================== snapshot and digest

    /** The whole state as immutable values (pending timers live in the scheduler's snapshot). */
    public ExecutionSnapshot snapshot() {
        final List<ExecutionSnapshot.OrderRecord> os = new ArrayList<>();
        for (final Order o : orders.sorted()) {
            os.add(o.snapshot());
        }
        final List<ExecutionSnapshot.VenueRecord> vs = new ArrayList<>();
        for (final VenueState v : venues.values()) {
            vs.add(new ExecutionSnapshot.VenueRecord(v.name, v.breaker.state(), v.breaker.consecutiveFailures(),
                    v.breaker.consecutiveSuccesses(), v.breaker.openUntilNanos(), v.bucket.creditNanos(),
                    v.bucket.lastRefillNanos(), v.backoffUntilNanos, v.probeCommandId, v.probeDeadlineNanos,
                    v.lastBookedVenueNanos, new ArrayList<>(v.queue)));
        }
        final List<ExecutionSnapshot.CancelAllRecord> cs = new ArrayList<>();
        cancelAlls.forEach((id, t) -> cs.add(new ExecutionSnapshot.CancelAllRecord(id, t.snapshot())));
        return new ExecutionSnapshot(nextCommandId, jitterRandom.state(), ids.counters(), os, vs, cs);
    }

    /**
     * Restores a snapshot into this manager, which must be fresh (no orders) and built with the same configuration
     * and venues. Also restores the id generator's counters and the jitter stream.
     */
    public void restore(final ExecutionSnapshot s) {
        if (!orders.isEmpty()) {
            throw new IllegalStateException("restore needs a fresh order manager");
        }
        nextCommandId = s.nextCommandId();
        jitterRandom.restore(s.jitterRandomState());
        ids.restore(s.idCounters());
        for (final ExecutionSnapshot.OrderRecord r : s.orders()) {
            final Order o = Order.restore(r);
            orders.add(o);
            if (o.isOpen()) {
                open.put(o.clientOrderId(), o);
            }
        }
        for (final ExecutionSnapshot.VenueRecord r : s.venues()) {
            final VenueState v = venues.get(r.venue());
            if (v == null) {
                throw new IllegalArgumentException("snapshot has venue " + r.venue() + " without a port");
            }
            v.breaker.restore(r.breakerState(), r.consecutiveFailures(), r.consecutiveSuccesses(), r.breakerOpenUntilNanos());
            v.bucket.restore(r.bucketCreditNanos(), r.bucketLastRefillNanos());
            v.backoffUntilNanos = r.backoffUntilNanos();
            v.probeCommandId = r.probeCommandId();
            v.probeDeadlineNanos = r.probeDeadlineNanos();
            v.lastBookedVenueNanos = r.lastBookedVenueNanos();
            v.queue.clear();
            v.queue.addAll(r.queue());
        }
        cancelAlls.clear();
        for (final ExecutionSnapshot.CancelAllRecord r : s.cancelAlls()) {
            final RequestTracker t = new RequestTracker(RequestKind.CANCEL_ALL);
            t.restore(r.request());
            cancelAlls.put(r.instrumentId(), t);
        }
    }

    /** Writes the whole state to a digest in a fixed order (sorted keys throughout). */
    public void digest(final StateDigest d) {
        d.section("execution").putLong(nextCommandId).putLong(jitterRandom.state());
        final var counters = ids.counters();
        d.putInt(counters.size());
        counters.forEach((k, v) -> d.putString(k).putLong(v));
        d.putInt(orders.size());
        for (final Order o : orders.sorted()) {
            o.digest(d);
        }
        d.putInt(venues.size());
        for (final VenueState v : venues.values()) {
            d.section("venue")
                    .putString(v.name)
                    .putEnum(v.breaker.state())
                    .putInt(v.breaker.consecutiveFailures())
                    .putInt(v.breaker.consecutiveSuccesses())
                    .putLong(v.breaker.openUntilNanos())
                    .putLong(v.bucket.creditNanos())
                    .putLong(v.bucket.lastRefillNanos())
                    .putLong(v.backoffUntilNanos)
                    .putLong(v.probeCommandId)
                    .putLong(v.probeDeadlineNanos)
                    .putLong(v.lastBookedVenueNanos)
                    .putInt(v.queue.size());
            for (final ClientOrderId id : v.queue) {
                d.putString(id.value());
            }
        }
        d.putInt(cancelAlls.size());
        cancelAlls.forEach((id, t) -> {
            d.putString(id.toString());
            t.digest(d);
        });
    }
}
