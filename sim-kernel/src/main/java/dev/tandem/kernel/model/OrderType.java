package dev.tandem.kernel.model;

/** Order types understood by the kernel and both venues. */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_MARKET,
    STOP_LIMIT;

    /** True when the order carries a limit price. */
    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** True when the order carries a trigger price. */
    public boolean hasTriggerPrice() {
        return this == STOP_MARKET || this == STOP_LIMIT;
    }
}
