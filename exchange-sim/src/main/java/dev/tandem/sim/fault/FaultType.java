package dev.tandem.sim.fault;

/**
 * What the simulated venue can do wrong. Windowed faults act on everything that happens in
 * {@code [atNanos, atNanos + durationNanos)} of venue time; instant faults act once at {@code atNanos}.
 * The module README describes each one's effect and the kernel's expected reaction.
 */
public enum FaultType {
    /**
     * The venue cannot be reached. Requests are not processed; the answer depends on the {@link FaultVariant}:
     * {@code TIMEOUT} (no answer; {@code UNKNOWN_OUTCOME} after the client's request timeout),
     * {@code CONNECTION_REFUSED} or {@code HTTP_5XX} ({@code TRANSIENT} at once).
     */
    OUTAGE(true),
    /**
     * Every request is refused with {@code RATE_LIMITED} and a retry-after (the fault's magnitude, or what is left of
     * the window); flavours {@code HTTP_429}, {@code BYBIT_10006}, {@code MEXC_418} (carried in the detail text).
     */
    RATE_LIMIT(true),
    /** Every latency (order entry, cancel, reports, market data) grows by the fault's magnitude (nanoseconds). */
    LATENCY_SPIKE(true),
    /** No market data reaches the kernel during the window; at its end the feed resyncs: fresh snapshots first. */
    MD_DISCONNECT(true),
    /** Market-data events are dropped with the fault's probability (no resync). */
    MD_GAP(true),
    /** Book snapshots and quotes keep arriving but their content is frozen at the window's start. */
    STALE_BOOK(true),
    /**
     * An order-entry request (submit, cancel, amend) is processed but its answer is lost: the client gets
     * {@code UNKNOWN_OUTCOME} after its request timeout while the order rests at the venue.
     */
    LOST_ACK(true),
    /** Reports are delivered twice (with the fault's probability; the copy late by the magnitude in nanoseconds). */
    DUPLICATE_REPORTS(true),
    /** Reports are delayed by a seeded random amount up to the magnitude (nanoseconds), so later ones overtake them. */
    REORDER_REPORTS(true),
    /**
     * A cancel of a resting order finds it filled: the venue fills the order (through its book), rejects the cancel
     * with {@code VENUE_ALREADY_FILLED}, and the fill reports arrive after the rejection (late by the magnitude).
     */
    CANCEL_REJECT_FILLED(true),
    /** The venue is in maintenance: orders, cancels and amends are rejected with {@code VENUE_MAINTENANCE}. */
    MAINTENANCE_HALT(true),
    /** The venue's last and mark prices jump by the magnitude in basis points (signed). */
    PRICE_GAP(false),
    /** The account's position is closed outside the kernel: no report, visible only to reconciliation. */
    EXTERNAL_CLOSE(false),
    /** The venue liquidates the position: cancels the account's orders, fills without client id, LIQUIDATION. */
    FORCED_LIQUIDATION(false);

    private final boolean windowed;

    FaultType(final boolean windowed) {
        this.windowed = windowed;
    }

    /** True if the fault lasts for a window; false if it acts once at its start time. */
    public boolean windowed() {
        return windowed;
    }
}
