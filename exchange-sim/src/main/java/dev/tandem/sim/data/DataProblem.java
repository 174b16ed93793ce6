package dev.tandem.sim.data;

/**
 * A bad row or message found by a replay reader.
 *
 * @param sourceName the source's name (file name)
 * @param line       1-based physical line number in the source (the header is line 1)
 * @param message    what is wrong, e.g. {@code price 'abc' is not a number}
 */
public record DataProblem(String sourceName, long line, String message) {
    /** Problems kept per source under {@link DataErrorPolicy#SKIP}; more are only counted. */
    public static final int MAX_KEPT = 10_000;

    /** {@code source line N: message}, the same text a {@link MarketDataFormatException} carries. */
    @Override
    public String toString() {
        return sourceName + " line " + line + ": " + message;
    }
}
