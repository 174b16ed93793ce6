package dev.tandem.kernel.model;

/**
 * Why something was refused, denied, canceled or flagged: a value, never an exception. The prefix names the
 * subsystem that decided: {@code RISK_} our risk engine (the order never left the process), {@code EXEC_} our
 * order manager (breaker, queue, retries), {@code VENUE_} the venue.
 */
public enum ReasonCode {
    NONE,
    // --- risk engine: pre-trade denials (OrderDenied) ---
    RISK_UNKNOWN_INSTRUMENT,
    RISK_INVALID_QTY,
    RISK_INVALID_PRICE,
    RISK_MIN_NOTIONAL,
    RISK_NO_REFERENCE_PRICE,
    RISK_MAX_ORDER_NOTIONAL,
    RISK_MAX_POSITION_NOTIONAL,
    RISK_MAX_TOTAL_NOTIONAL,
    RISK_MAX_OPEN_POSITIONS,
    RISK_MAX_CONCENTRATION,
    RISK_MAX_LEVERAGE,
    RISK_PRICE_BAND,
    RISK_SLIPPAGE,
    RISK_ORDER_RATE_STRATEGY,
    RISK_ORDER_RATE_GLOBAL,
    RISK_INSUFFICIENT_BALANCE,
    RISK_REDUCE_ONLY_WOULD_INCREASE,
    RISK_TRADING_HALTED,
    RISK_TRADING_REDUCING,
    RISK_STRATEGY_PAUSED,
    RISK_STRATEGY_DISABLED,
    /** The intent names a strategy that was never registered with the risk engine (fail closed). */
    RISK_UNKNOWN_STRATEGY,
    RISK_KILL_SWITCH,
    // --- order manager ---
    EXEC_BREAKER_OPEN,
    EXEC_QUEUE_FULL,
    EXEC_QUEUE_TTL_EXPIRED,
    EXEC_RETRIES_EXHAUSTED,
    EXEC_NOT_FOUND_AFTER_UNKNOWN,
    EXEC_DUPLICATE_CLIENT_ID,
    EXEC_UNKNOWN_ORDER,
    EXEC_NOT_CANCELABLE,
    EXEC_CANCEL_REQUESTED,
    /** The order waits in the local queue for the venue's request budget (token bucket or rate-limit backoff). */
    EXEC_THROTTLED,
    /** An amend was refused locally: the order is not open and acknowledged, another amend is in flight, or the new quantity is not above the filled quantity. */
    EXEC_NOT_AMENDABLE,
    // --- venue ---
    VENUE_INSUFFICIENT_BALANCE,
    VENUE_INVALID_PRICE,
    VENUE_INVALID_QTY,
    VENUE_MIN_NOTIONAL,
    VENUE_POST_ONLY_WOULD_TAKE,
    VENUE_FOK_NOT_FILLABLE,
    VENUE_IOC_REMAINDER,
    VENUE_REDUCE_ONLY,
    VENUE_PRICE_PROTECTION,
    VENUE_SELF_TRADE,
    VENUE_ORDER_NOT_FOUND,
    VENUE_ALREADY_FILLED,
    VENUE_ALREADY_CLOSED,
    VENUE_DUPLICATE_CLIENT_ID,
    VENUE_RATE_LIMITED,
    VENUE_MAINTENANCE,
    VENUE_AUTH,
    VENUE_LIQUIDATION,
    VENUE_POSITION_LIMIT,
    VENUE_OTHER;

    /** "RISK", "EXEC", "VENUE" or "NONE". */
    public String subsystem() {
        final String n = name();
        final int i = n.indexOf('_');
        return i < 0 ? n : n.substring(0, i);
    }
}
