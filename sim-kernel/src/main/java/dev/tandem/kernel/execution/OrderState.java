package dev.tandem.kernel.execution;

/**
 * Where an order is in its life (DESIGN §2.4). Exactly one terminal state is ever reached; fills that arrive
 * after it (late fills) change quantities, never the terminal state.
 */
public enum OrderState {
    /** Created and passed risk; not yet acknowledged by the venue (it may be queued locally or in flight). */
    PENDING_NEW,
    /** Acknowledged by the venue, nothing filled. */
    NEW,
    /** Acknowledged and partly filled. */
    PARTIALLY_FILLED,
    /** Completely filled (terminal). */
    FILLED,
    /** A cancel was requested; the order remembers the state it had before (see {@link Order#previousState()}). */
    PENDING_CANCEL,
    /** Canceled, by us or by the venue (terminal). */
    CANCELED,
    /** Refused by the venue, or given up on by the order manager (terminal). */
    REJECTED,
    /** Refused locally before it reached the venue (terminal). */
    DENIED,
    /** Expired at the venue (terminal). */
    EXPIRED,
    /** A submit got no definite answer; being resolved by a query. */
    UNKNOWN;

    /** True for FILLED, CANCELED, REJECTED, DENIED and EXPIRED. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == DENIED || this == EXPIRED;
    }

    /** True while the order may still trade or be traded: every non-terminal state. */
    public boolean isOpen() {
        return !isTerminal();
    }
}
