package dev.tandem.kernel.execution;

/** Where one kind of request for an order (submit, cancel, amend, query) stands. */
public enum RequestStatus {
    /** No request of this kind is outstanding. */
    IDLE,
    /** Sent; waiting for the venue's answer or a failure report. */
    IN_FLIGHT,
    /** Waiting on a timer to be (re-)sent: retry backoff or venue rate-limit backoff. Not at the venue. */
    SCHEDULED,
    /** Cancel only: covered by a cancel-all request for the instrument. */
    VIA_CANCEL_ALL,
    /** Cancel or amend whose outcome is unknown; a status query will tell. */
    AWAITING_QUERY
}
