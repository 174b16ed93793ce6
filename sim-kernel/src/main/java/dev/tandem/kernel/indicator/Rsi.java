package dev.tandem.kernel.indicator;

/**
 * Wilder's Relative Strength Index over price changes.
 *
 * <pre>
 *   change_t = p_t - p_(t-1);   gain_t = max(change_t, 0);   loss_t = max(-change_t, 0)
 *   first averages (after period changes, i.e. period + 1 prices):
 *       avgGain = (gain_1 + ... + gain_period) / period,   avgLoss likewise
 *   afterwards (Wilder smoothing):
 *       avgGain_t = (avgGain_(t-1) * (period - 1) + gain_t) / period,   avgLoss likewise
 *   RS  = avgGain / avgLoss
 *   RSI = 100 - 100 / (1 + RS)        (evaluated as the algebraically equal 100 * avgGain / (avgGain + avgLoss))
 * </pre>
 *
 * <p><b>Edge rules.</b> If {@code avgLoss == 0} then RS is unbounded: RSI is {@code 100} when
 * {@code avgGain > 0}, and {@code 50} (neutral) when both averages are {@code 0}, e.g. for a flat price series.
 * If {@code avgGain == 0 < avgLoss}, RSI is {@code 0}.
 *
 * <p>Ready after {@code period + 1} prices; {@link #value()}, {@link #averageGain()} and {@link #averageLoss()}
 * are {@link Double#NaN} before that.
 */
public final class Rsi implements ScalarIndicator {

    private final int period;
    private long updates;
    private double previous;
    private double avgGain = Double.NaN;
    private double avgLoss = Double.NaN;
    private double gainSum;
    private double lossSum;

    /**
     * @param period number of price changes in the initial average and the Wilder smoothing length; {@code >= 1}
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public Rsi(int period) {
        this.period = Checks.period(period);
    }

    @Override
    public void update(double price) {
        Checks.finite(price, "price");
        if (updates > 0) {
            double change = price - previous;
            double gain = change > 0.0 ? change : 0.0;
            double loss = change < 0.0 ? -change : 0.0;
            if (updates <= period) {
                gainSum += gain;
                lossSum += loss;
                if (updates == period) {
                    avgGain = gainSum / period;
                    avgLoss = lossSum / period;
                }
            } else {
                avgGain = (avgGain * (period - 1) + gain) / period;
                avgLoss = (avgLoss * (period - 1) + loss) / period;
            }
        }
        previous = price;
        updates++;
    }

    /** {@code true} once {@code period + 1} prices (so {@code period} changes) have been seen. */
    @Override
    public boolean isReady() {
        return updates > period;
    }

    /** The RSI in {@code [0, 100]}, or NaN before ready (see the class comment for the edge rules). */
    @Override
    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        if (avgLoss == 0.0) {
            return avgGain == 0.0 ? 50.0 : 100.0;
        }
        return 100.0 * avgGain / (avgGain + avgLoss);
    }

    /** Wilder-smoothed average gain, or NaN before ready. */
    public double averageGain() {
        return avgGain;
    }

    /** Wilder-smoothed average loss (a non-negative number), or NaN before ready. */
    public double averageLoss() {
        return avgLoss;
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
        previous = 0.0;
        avgGain = Double.NaN;
        avgLoss = Double.NaN;
        gainSum = 0.0;
        lossSum = 0.0;
    }
}
