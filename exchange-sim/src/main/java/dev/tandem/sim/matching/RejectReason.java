package dev.tandem.sim.matching;

import dev.tandem.kernel.model.ReasonCode;

/**
 * Why the engine refused a command (a placement, a cancel or an amend). A refused command changes nothing. Each
 * reason maps to the kernel's venue reason code with {@link #code()}.
 *
 * <p>Placement checks run in this order and the first failing one is reported: duplicate id, time in force for the
 * type, price, trigger price, quantity (positive, lot, min, max), min notional, reduce-only, post-only, fill-or-kill.
 */
public enum RejectReason {
    /** A live order (resting or pending stop) already has this id. */
    DUPLICATE_ORDER_ID(ReasonCode.VENUE_DUPLICATE_CLIENT_ID),
    /** Cancel or amend of an id that is not live, or that belongs to another account. */
    UNKNOWN_ORDER(ReasonCode.VENUE_ORDER_NOT_FOUND),
    /** The time in force does not apply to the order type (POST_ONLY on a market or stop-market order). */
    INVALID_TIME_IN_FORCE(ReasonCode.VENUE_OTHER),
    /** The limit price is zero or negative. */
    INVALID_PRICE(ReasonCode.VENUE_INVALID_PRICE),
    /** The limit price is not a multiple of the tick size. */
    PRICE_NOT_ON_TICK(ReasonCode.VENUE_INVALID_PRICE),
    /** The stop's trigger price is zero, negative or not a multiple of the tick size. */
    INVALID_TRIGGER_PRICE(ReasonCode.VENUE_INVALID_PRICE),
    /** The quantity is zero or negative. */
    INVALID_QTY(ReasonCode.VENUE_INVALID_QTY),
    /** The quantity is not a multiple of the lot size. */
    QTY_NOT_ON_LOT(ReasonCode.VENUE_INVALID_QTY),
    /** The quantity is below the minimum order quantity. */
    QTY_BELOW_MIN(ReasonCode.VENUE_INVALID_QTY),
    /** The quantity is above the maximum order quantity. */
    QTY_ABOVE_MAX(ReasonCode.VENUE_INVALID_QTY),
    /** price × quantity (raw units) is below the minimum notional; checked for limit and stop-limit orders only. */
    NOTIONAL_BELOW_MIN(ReasonCode.VENUE_MIN_NOTIONAL),
    /** A reduce-only order on the side that would increase (or open) the account's position. */
    REDUCE_ONLY_WOULD_INCREASE(ReasonCode.VENUE_REDUCE_ONLY),
    /** A post-only order whose price crosses the best opposite price. */
    POST_ONLY_WOULD_TAKE(ReasonCode.VENUE_POST_ONLY_WOULD_TAKE),
    /** A fill-or-kill order that the book cannot fill completely right now. */
    FOK_NOT_FILLABLE(ReasonCode.VENUE_FOK_NOT_FILLABLE),
    /** An amend whose new total quantity is not above the quantity already filled. */
    AMEND_QTY_NOT_ABOVE_FILLED(ReasonCode.VENUE_INVALID_QTY),
    /** An amend of a stop order that has not triggered yet (cancel it and place a new one). */
    STOP_NOT_AMENDABLE(ReasonCode.VENUE_OTHER);

    private final ReasonCode code;

    RejectReason(final ReasonCode code) {
        this.code = code;
    }

    /** The kernel's reason code for this rejection. */
    public ReasonCode code() {
        return code;
    }
}
