package dev.tandem.sim.matching;

/** The reference price series a stop order watches. */
public enum TriggerSource {
    /** The last traded price, fed in by {@link OrderBook#onLastPrice(long)}. */
    LAST,
    /** The mark price, fed in by {@link OrderBook#onMarkPrice(long)}. */
    MARK
}
