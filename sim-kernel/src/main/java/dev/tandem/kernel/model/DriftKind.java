package dev.tandem.kernel.model;

/** A difference between our books and the venue's, found by reconciliation. The venue's truth is adopted. */
public enum DriftKind {
    /** The venue filled more of an order than we knew. */
    EXTERNAL_FILL,
    /** A position shrank or closed without fills we know of (closed outside this process). */
    EXTERNAL_CLOSE,
    /** A position opened or grew without fills we know of. */
    EXTERNAL_OPEN,
    /** A position was taken over by the venue's liquidation engine. */
    LIQUIDATION,
    /** The venue has an open order we do not know. */
    UNKNOWN_ORDER,
    /** We believe an order is open; the venue does not have it. */
    MISSING_ORDER,
    /** An order's status differs (e.g. we think NEW, venue says CANCELED). */
    ORDER_STATUS,
    /** A balance differs. */
    BALANCE
}
