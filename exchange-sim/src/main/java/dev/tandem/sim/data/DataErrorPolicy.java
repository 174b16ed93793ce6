package dev.tandem.sim.data;

/** What a replay reader does with a bad row or message. */
public enum DataErrorPolicy {
    /**
     * The default: stop at the first problem with a {@link MarketDataFormatException} whose message names the
     * source, the line and what is wrong, e.g. {@code bitstamp.csv line 17: price 'abc' is not a number}.
     */
    FAIL,
    /**
     * Skip the bad row or message, record a {@link DataProblem} (source, line, message) and go on. A skipped row
     * changes no reader state: it does not move the time-order watermark, the tick rule or the local book.
     */
    SKIP
}
