package dev.tandem.scenarios.check;

import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderAmended;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderPendingCancel;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.execution.OrderStateMachine;
import dev.tandem.kernel.execution.OrderTrigger;
import dev.tandem.kernel.model.ClientOrderId;
import java.util.TreeMap;

/**
 * Every order's events replay legally through the order state machine ({@link OrderStateMachine}, DESIGN §2.6),
 * starting with {@code OrderSubmitted} or {@code OrderDenied}; an order reaches at most one terminal state (a late
 * fill after a cancel is marked {@code late} and changes nothing); fills add up ({@code cumQty} = previous + last,
 * never above the quantity); and at the end the kernel holds each order in the state and with the filled quantity
 * its events lead to.
 */
public final class OrderLifecycleChecker extends AbstractChecker {

    /** What the checker knows of one order from its events. */
    private static final class Track {
        OrderState state = OrderState.PENDING_NEW;
        OrderState previous;
        long qty;
        long filled;
        boolean submitted;
    }

    private final TreeMap<ClientOrderId, Track> tracks = new TreeMap<>();

    /** A fresh checker. */
    public OrderLifecycleChecker() {
        super("order-lifecycle");
    }

    @Override
    public void onEvent(final KernelEvent event, final CheckContext ctx) {
        if (!(event instanceof OrderEvent e) || e.clientOrderId() == null) {
            return;
        }
        final long t = e.tsInitNanos();
        Track track = tracks.get(e.clientOrderId());
        if (track == null) {
            if (!(e instanceof OrderSubmitted || e instanceof OrderDenied)) {
                violation(t, "the first event of " + e.clientOrderId() + " is " + e.getClass().getSimpleName()
                        + ", not OrderSubmitted or OrderDenied");
            }
            track = new Track();
            tracks.put(e.clientOrderId(), track);
        }
        if (e instanceof OrderSubmitted s) {
            if (track.submitted || track.state != OrderState.PENDING_NEW) {
                violation(t, "OrderSubmitted twice or after other events for " + s.clientOrderId());
            }
            track.submitted = true;
            track.qty = s.qty();
        } else if (e instanceof OrderSent || e instanceof OrderQueued || e instanceof OrderRetryScheduled) {
            if (track.state.isTerminal()) {
                violation(t, e.getClass().getSimpleName() + " of " + e.clientOrderId() + " after its terminal state " + track.state);
            }
        } else if (e instanceof OrderDenied) {
            step(track, e, OrderTrigger.DENY);
        } else if (e instanceof OrderAccepted) {
            step(track, e, OrderTrigger.ACCEPT, OrderTrigger.QUERY_NEW, OrderTrigger.QUERY_PARTIALLY_FILLED);
        } else if (e instanceof OrderRejected) {
            step(track, e, OrderTrigger.REJECT, OrderTrigger.QUERY_REJECTED, OrderTrigger.QUERY_NOT_FOUND);
        } else if (e instanceof OrderFilled f) {
            if (f.late() != track.state.isTerminal()) {
                violation(t, "fill of " + f.clientOrderId() + " marked late=" + f.late() + " while the order was " + track.state);
            }
            if (f.lastQty() <= 0 || f.cumQty() != track.filled + f.lastQty() || f.cumQty() > track.qty) {
                violation(t, "fills of " + f.clientOrderId() + " do not add up: filled " + track.filled + " of " + track.qty
                        + ", then last " + f.lastQty() + " cum " + f.cumQty());
            }
            track.filled = f.cumQty();
            step(track, e, f.cumQty() == track.qty ? OrderTrigger.FILL_FULL : OrderTrigger.FILL_PARTIAL);
        } else if (e instanceof OrderPendingCancel) {
            step(track, e, OrderTrigger.CANCEL_REQUEST);
        } else if (e instanceof OrderCanceled) {
            step(track, e, OrderTrigger.CANCEL_ACK, OrderTrigger.QUERY_CANCELED);
        } else if (e instanceof OrderExpired) {
            step(track, e, OrderTrigger.EXPIRE, OrderTrigger.QUERY_EXPIRED);
        } else if (e instanceof CancelRejected) {
            step(track, e, OrderTrigger.CANCEL_REJECT);
        } else if (e instanceof OrderAmended a) {
            step(track, e, OrderTrigger.AMEND_ACK);
            track.qty = a.newQty();
        } else if (e instanceof AmendRejected) {
            step(track, e, OrderTrigger.AMEND_REJECT);
        } else if (e instanceof OrderStatusUnknown) {
            step(track, e, OrderTrigger.UNKNOWN_OUTCOME);
        }
    }

    private void step(final Track track, final OrderEvent e, final OrderTrigger... triggers) {
        for (final OrderTrigger trigger : triggers) {
            final OrderStateMachine.Step s;
            try {
                s = OrderStateMachine.apply(track.state, track.previous, trigger);
            } catch (IllegalStateException x) {
                violation(e.tsInitNanos(), "illegal " + trigger + " of " + e.clientOrderId() + " in " + track.state + ": "
                        + x.getMessage());
                return;
            }
            if (s.applied()) {
                if (track.state.isTerminal() && s.state() != track.state) {
                    violation(e.tsInitNanos(), e.clientOrderId() + " reached a second terminal state " + s.state() + " after "
                            + track.state + " (" + e.getClass().getSimpleName() + ")");
                }
                track.state = s.state();
                track.previous = s.previousState();
                return;
            }
        }
        violation(e.tsInitNanos(), "no legal transition of " + e.clientOrderId() + " in " + track.state
                + (track.previous == null ? "" : "(" + track.previous + ")") + " for " + e.getClass().getSimpleName());
    }

    @Override
    public void onFinish(final CheckContext ctx) {
        for (final CheckContext.KernelOrder o : ctx.orders()) {
            final Track t = tracks.get(o.clientOrderId());
            if (t == null) {
                violation(ctx.nowNanos(), "the kernel holds " + o.clientOrderId() + " but published no event of it");
            } else if (t.state != o.state()) {
                violation(ctx.nowNanos(), "the events of " + o.clientOrderId() + " lead to " + t.state + " but the kernel holds it "
                        + o.state());
            } else if (t.filled != o.filledQty()) {
                violation(ctx.nowNanos(), "the fills of " + o.clientOrderId() + " add up to " + t.filled + " but the kernel says "
                        + o.filledQty());
            }
        }
    }
}
