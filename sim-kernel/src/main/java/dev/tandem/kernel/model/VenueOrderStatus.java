package dev.tandem.kernel.model;

/** An order's status as a venue reports it. */
public enum VenueOrderStatus {
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    /** True for statuses after which the venue will not fill the order any more. */
    public boolean isClosed() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
