package dev.tandem.kernel.port;

/** Kinds of market data a strategy can subscribe to. */
public enum DataKind {
    BARS,
    TRADES,
    QUOTES,
    BOOK,
    MARK_PRICE,
    FUNDING
}
