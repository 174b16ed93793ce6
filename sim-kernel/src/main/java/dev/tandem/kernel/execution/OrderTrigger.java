package dev.tandem.kernel.execution;

/**
 * What can happen to an order: a local decision, a venue report, or the answer to a status query. The order
 * manager translates every report into one or two triggers and looks them up in {@link OrderStateMachine}.
 */
public enum OrderTrigger {
    /** Local: refused before it left the process. */
    DENY,
    /** The venue acknowledged the order. */
    ACCEPT,
    /** The venue refused the order, or the order manager gave up on it. */
    REJECT,
    /** A fill that leaves quantity open. */
    FILL_PARTIAL,
    /** A fill that completes the order. */
    FILL_FULL,
    /** Local: a cancel was requested. */
    CANCEL_REQUEST,
    /** The venue canceled the order (on request or on its own); also a local cancel of a never-sent order. */
    CANCEL_ACK,
    /** The venue refused a cancel (or the order manager gave up on it). */
    CANCEL_REJECT,
    /** The venue applied an amend. */
    AMEND_ACK,
    /** The venue refused an amend. */
    AMEND_REJECT,
    /** The order expired at the venue. */
    EXPIRE,
    /** A submit was sent but got no answer (timeout, lost ack), or the venue said it already has our id. */
    UNKNOWN_OUTCOME,
    /** Query answer: open, nothing filled. */
    QUERY_NEW,
    /** Query answer: open, partly filled. */
    QUERY_PARTIALLY_FILLED,
    /** Query answer: filled. */
    QUERY_FILLED,
    /** Query answer: canceled. */
    QUERY_CANCELED,
    /** Query answer: rejected. */
    QUERY_REJECTED,
    /** Query answer: expired. */
    QUERY_EXPIRED,
    /** Query answer: the venue does not know the client order id. */
    QUERY_NOT_FOUND;

    /** True for fills. */
    public boolean isFill() {
        return this == FILL_PARTIAL || this == FILL_FULL;
    }
}
