package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;

/**
 * An OHLCV bar. {@code tsEventNanos} is the bar's CLOSE time (when it became known); {@code openTimeNanos}
 * its open time. Prices scaled by the instrument's price scale, volume by its quantity scale.
 */
public record Bar(
        InstrumentId instrumentId,
        long openTimeNanos,
        long intervalNanos,
        long open,
        long high,
        long low,
        long close,
        long volume,
        long tsEventNanos,
        long tsInitNanos)
        implements MarketData {
    public Bar {
        if (low > high || open < low || open > high || close < low || close > high) {
            throw new IllegalArgumentException(instrumentId + ": bar is not consistent: o=" + open + " h=" + high
                    + " l=" + low + " c=" + close);
        }
        if (volume < 0 || intervalNanos <= 0) {
            throw new IllegalArgumentException(instrumentId + ": bar needs volume >= 0 and interval > 0");
        }
    }
}
