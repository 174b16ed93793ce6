package dev.tandem.sim.matching;

import dev.tandem.kernel.model.ReasonCode;

/**
 * Why an accepted order (or the rest of it) was canceled. Each reason maps to the kernel's reason code with
 * {@link #code()}; a cancel the account asked for maps to {@link ReasonCode#NONE}.
 */
public enum CancelReason {
    /** The account canceled the order. */
    USER(ReasonCode.NONE),
    /** The account canceled all its orders. */
    CANCEL_ALL(ReasonCode.NONE),
    /** The part of an immediate-or-cancel limit order that did not fill at once. */
    IOC_REMAINDER(ReasonCode.VENUE_IOC_REMAINDER),
    /** The part of a market order left when the opposite side of the book ran out. */
    NO_LIQUIDITY(ReasonCode.VENUE_IOC_REMAINDER),
    /** The part of a market order left when the next opposite price lies beyond the market protection bound. */
    PRICE_PROTECTION(ReasonCode.VENUE_PRICE_PROTECTION),
    /** Self-trade prevention canceled this order (taker or maker, per {@link SelfTradePrevention}). */
    SELF_TRADE(ReasonCode.VENUE_SELF_TRADE),
    /** A triggered fill-or-kill stop-limit that the book could not fill completely. */
    FOK_NOT_FILLABLE(ReasonCode.VENUE_FOK_NOT_FILLABLE),
    /** A triggered post-only stop-limit whose price crossed the book. */
    POST_ONLY_WOULD_TAKE(ReasonCode.VENUE_POST_ONLY_WOULD_TAKE),
    /** A triggered reduce-only stop that would have increased the position. */
    REDUCE_ONLY_WOULD_INCREASE(ReasonCode.VENUE_REDUCE_ONLY);

    private final ReasonCode code;

    CancelReason(final ReasonCode code) {
        this.code = code;
    }

    /** The kernel's reason code for this cancel. */
    public ReasonCode code() {
        return code;
    }

    /** The cancel reason for a stop whose pre-trade check failed at trigger time (instead of a rejection). */
    static CancelReason atTrigger(final RejectReason reason) {
        switch (reason) {
            case FOK_NOT_FILLABLE:
                return FOK_NOT_FILLABLE;
            case POST_ONLY_WOULD_TAKE:
                return POST_ONLY_WOULD_TAKE;
            case REDUCE_ONLY_WOULD_INCREASE:
                return REDUCE_ONLY_WOULD_INCREASE;
            default:
                throw new IllegalArgumentException("not a trigger-time check: " + reason);
        }
    }
}
