package dev.tandem.kernel.model;

/** Time in force. POST_ONLY is a GTC limit order that the venue rejects if it would take liquidity. */
public enum TimeInForce {
    GTC,
    IOC,
    FOK,
    POST_ONLY
}
