package dev.tandem.sim.matching;

import dev.tandem.kernel.model.Side;

/**
 * Receives everything an {@link OrderBook} does, synchronously and in the order it happens, as primitive arguments
 * (no event objects on the hot path). All methods default to doing nothing.
 *
 * <p>Per command the order is: the command's own verdict first ({@code onAccepted}, {@code onRejected},
 * {@code onAmended}, ...), then trades in execution order (with self-trade cancels of resting orders between them),
 * then the cancel of the incoming order's unfilled rest if it does not rest. For a price update: per triggered stop,
 * in trigger order, {@code onTriggered} and then that order's trades and cancels.
 *
 * <p>A listener must not call back into the book that called it.
 */
public interface MatchListener {

    /** A listener that ignores everything. */
    MatchListener NONE = new MatchListener() {
    };

    /**
     * A new order passed validation. For a stop order this means it is now pending its trigger.
     *
     * @param price the limit price, or 0 for market and stop-market orders
     * @param qty   the quantity accepted (a reduce-only order may be capped at the position's size)
     */
    default void onAccepted(final long orderId, final long account, final Side side, final long price, final long qty) {
    }

    /** A new order was refused; nothing changed. */
    default void onRejected(final long orderId, final long account, final RejectReason reason) {
    }

    /** A cancel was refused (only ever {@link RejectReason#UNKNOWN_ORDER}); nothing changed. */
    default void onCancelRejected(final long orderId, final long account, final RejectReason reason) {
    }

    /** An amend was refused; nothing changed. */
    default void onAmendRejected(final long orderId, final long account, final RejectReason reason) {
    }

    /**
     * Two orders traded {@code qty} at {@code price}, the maker's (resting order's) price.
     *
     * @param aggressor       the taker's side
     * @param takerLeavesQty  the taker's unfilled quantity after this trade
     * @param makerLeavesQty  the maker's unfilled quantity after this trade (0: the maker is done and left the book)
     */
    default void onTrade(final long takerId, final long takerAccount, final long makerId, final long makerAccount,
                         final Side aggressor, final long price, final long qty, final long takerLeavesQty,
                         final long makerLeavesQty) {
    }

    /**
     * An accepted order, or its unfilled rest, was canceled and is no longer live.
     *
     * @param canceledQty the quantity that was canceled (the order's leaves quantity at that moment)
     */
    default void onCanceled(final long orderId, final long account, final CancelReason reason, final long canceledQty) {
    }

    /**
     * A resting order was amended (before any trade the amend causes).
     *
     * @param price         the new price
     * @param qty           the new total quantity (filled plus leaves)
     * @param leavesQty     the new unfilled quantity
     * @param priorityKept  true when the order kept its place in the queue (same price, quantity not increased)
     */
    default void onAmended(final long orderId, final long account, final long price, final long qty,
                           final long leavesQty, final boolean priorityKept) {
    }

    /**
     * A stop order triggered and now enters the book as a market (stop-market) or limit (stop-limit) order.
     *
     * @param referencePrice the last or mark price that triggered it
     * @param qty            the quantity that enters (a reduce-only stop may be capped at the position's size)
     */
    default void onTriggered(final long orderId, final long account, final TriggerSource source,
                             final long triggerPrice, final long referencePrice, final long qty) {
    }
}
