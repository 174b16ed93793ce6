package dev.tandem.kernel.model;

/** Account-wide trading state kept by the risk engine. */
public enum TradingState {
    /** Normal trading. */
    ACTIVE,
    /** Only orders that reduce |position| pass. */
    REDUCING,
    /** Nothing new passes; open orders were canceled (and positions flattened if asked). */
    HALTED
}
