package dev.tandem.kernel.model;

/** Which kind of request a venue failure refers to. */
public enum RequestKind {
    SUBMIT,
    CANCEL,
    AMEND,
    CANCEL_ALL,
    QUERY_ORDER,
    QUERY_OPEN_ORDERS,
    QUERY_POSITIONS,
    QUERY_BALANCES
}
