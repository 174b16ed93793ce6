package dev.tandem.kernel.indicator;

/**
 * Exponential moving average with smoothing factor {@code alpha = 2 / (period + 1)}.
 *
 * <pre>
 *   seed:    EMA_(period) = (x_1 + ... + x_period) / period          (SMA of the first period values)
 *   then:    EMA_t = EMA_(t-1) + alpha * (x_t - EMA_(t-1))            (= alpha*x_t + (1-alpha)*EMA_(t-1))
 * </pre>
 *
 * <p><b>Seeding.</b> The EMA is seeded with the simple average of the first {@code period} values rather than
 * with the first value: this is the common charting convention and removes the first value's outsized weight.
 * Consequently the EMA is ready after {@code period} updates and {@link #value()} is {@link Double#NaN} before
 * that. The seed sum is accumulated relative to the first value, so a constant series yields exactly that
 * constant. With {@code period == 1} ({@code alpha == 1}) the EMA is exactly the latest value.
 */
public final class Ema implements ScalarIndicator {

    private final int period;
    private final double alpha;
    private long updates;
    private double seedShift;
    private double seedSum;
    private double ema = Double.NaN;

    /**
     * @param period EMA period; {@code >= 1}
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public Ema(int period) {
        this.period = Checks.period(period);
        this.alpha = 2.0 / (period + 1.0);
    }

    @Override
    public void update(double value) {
        Checks.finite(value, "value");
        if (updates < period) {
            if (updates == 0) {
                seedShift = value;
            }
            seedSum += value - seedShift;
            if (updates == period - 1) {
                ema = seedShift + seedSum / period;
            }
        } else if (period == 1) {
            ema = value;
        } else {
            ema += alpha * (value - ema);
        }
        updates++;
    }

    /** {@code true} once {@code period} values have been seen (the SMA seed exists). */
    @Override
    public boolean isReady() {
        return updates >= period;
    }

    /** The current EMA, or NaN before ready. */
    @Override
    public double value() {
        return ema;
    }

    @Override
    public long updates() {
        return updates;
    }

    public int period() {
        return period;
    }

    /** The smoothing factor {@code 2 / (period + 1)}. */
    public double alpha() {
        return alpha;
    }

    @Override
    public void reset() {
        updates = 0;
        seedShift = 0.0;
        seedSum = 0.0;
        ema = Double.NaN;
    }
}
