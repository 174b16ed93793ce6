package dev.tandem.sim.matching;

/**
 * What the engine does when an incoming (taking) order meets a resting order of the same account. The check runs
 * per resting order, in price-time order, just before the two would trade.
 */
public enum SelfTradePrevention {
    /** Cancel the rest of the taker; the resting order stays. Trades done before the meeting stand. The default. */
    CANCEL_TAKER,
    /** Cancel the resting order (all of it) and keep matching the taker against the next resting order. */
    CANCEL_MAKER,
    /** Cancel the resting order and the rest of the taker. */
    CANCEL_BOTH,
    /** No prevention: the account trades with itself. */
    NONE
}
