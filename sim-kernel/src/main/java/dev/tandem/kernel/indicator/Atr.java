package dev.tandem.kernel.indicator;

/**
 * Wilder's Average True Range over {@code (high, low, close)} bars.
 *
 * <pre>
 *   TR_1 = high_1 - low_1                                       (no previous close yet)
 *   TR_t = max(high_t - low_t, |high_t - close_(t-1)|, |low_t - close_(t-1)|)
 *   first ATR (after period bars):  ATR_period = (TR_1 + ... + TR_period) / period
 *   afterwards (Wilder smoothing):  ATR_t = (ATR_(t-1) * (period - 1) + TR_t) / period
 * </pre>
 *
 * <p>Ready after {@code period} bars; {@link #value()} is {@link Double#NaN} before that. A bar must have finite
 * values and {@code high >= low}; the close is not required to lie inside {@code [low, high]}.
 */
public final class Atr implements Indicator {

    private final int period;
    private long updates;
    private double previousClose;
    private double trueRange = Double.NaN;
    private double trSum;
    private double atr = Double.NaN;

    /**
     * @param period number of true ranges in the initial average and the Wilder smoothing length; {@code >= 1}
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public Atr(int period) {
        this.period = Checks.period(period);
    }

    /**
     * Feeds the next bar.
     *
     * @throws IllegalArgumentException if a value is not finite or {@code high < low} (the indicator is left
     *     unchanged)
     */
    public void update(double high, double low, double close) {
        Checks.finite(high, "high");
        Checks.finite(low, "low");
        Checks.finite(close, "close");
        if (high < low) {
            throw new IllegalArgumentException("high must be >= low, was high=" + high + " low=" + low);
        }
        double tr = high - low;
        if (updates > 0) {
            tr = Math.max(tr, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
        }
        if (updates < period) {
            trSum += tr;
            if (updates == period - 1) {
                atr = trSum / period;
            }
        } else {
            atr = (atr * (period - 1) + tr) / period;
        }
        trueRange = tr;
        previousClose = close;
        updates++;
    }

    /** {@code true} once {@code period} bars have been seen. */
    @Override
    public boolean isReady() {
        return updates >= period;
    }

    /** The ATR, or NaN before ready. */
    @Override
    public double value() {
        return atr;
    }

    /** The true range of the latest bar, or NaN before the first bar. */
    public double trueRange() {
        return trueRange;
    }

    @Override
    public long updates() {
        return updates;
    }

    public int period() {
        return period;
    }

    @Override
    public void reset() {
        updates = 0;
        previousClose = 0.0;
        trueRange = Double.NaN;
        trSum = 0.0;
        atr = Double.NaN;
    }
}
