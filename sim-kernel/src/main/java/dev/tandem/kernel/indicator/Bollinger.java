package dev.tandem.kernel.indicator;

/**
 * Bollinger bands: a simple moving average with bands {@code k} standard deviations above and below it.
 *
 * <pre>
 *   middle    = SMA(period)
 *   sigma     = sqrt( (1/period) * sum((x_i - middle)^2) )     population standard deviation of the window
 *   upper     = middle + k * sigma
 *   lower     = middle - k * sigma
 *   bandwidth = (upper - lower) / middle
 *   %B(price) = (price - lower) / (upper - lower)
 * </pre>
 *
 * <p><b>Population, not sample, deviation.</b> The bands use the population standard deviation (divide by
 * {@code period}, not {@code period - 1}), as most charting tools do; a
 * sample-based band would be wider by a factor {@code sqrt(period / (period - 1))}.
 *
 * <p><b>Degenerate cases.</b> When the window is constant (or {@code k == 0}) the bands collapse onto the
 * middle: {@link #bandwidth()} is {@code 0} and {@link #percentB(double)} is NaN, because the position inside a
 * zero-width band is undefined. {@link #bandwidth()} is NaN when {@code middle == 0}.
 *
 * <p>Ready after {@code period} updates; every accessor returns {@link Double#NaN} before that. Same O(1)
 * amortised update and drift control as {@link Sma} and {@link RollingStdDev}.
 */
public final class Bollinger implements ScalarIndicator {

    private final double k;
    // The window statistics (mean = middle band, population deviation) are exactly RollingStdDev's.
    private final RollingStdDev stats;

    /**
     * @param period window length; {@code >= 1}
     * @param k band width in standard deviations; finite and {@code >= 0} (2 is customary)
     * @throws IllegalArgumentException if {@code period < 1} or {@code k} is negative, NaN or infinite
     */
    public Bollinger(int period, double k) {
        this.stats = new RollingStdDev(period);
        if (!(Double.isFinite(k) && k >= 0.0)) {
            throw new IllegalArgumentException("k must be finite and >= 0, was " + k);
        }
        this.k = k;
    }

    @Override
    public void update(double price) {
        Checks.finite(price, "price");
        stats.update(price);
    }

    /** {@code true} once {@code period} prices have been seen. */
    @Override
    public boolean isReady() {
        return stats.isReady();
    }

    /** The middle band; same as {@link #middle()}. */
    @Override
    public double value() {
        return middle();
    }

    /** The SMA of the window, or NaN before ready. */
    public double middle() {
        return stats.mean();
    }

    /** The population standard deviation of the window, or NaN before ready. */
    public double stdDev() {
        return stats.populationStdDev();
    }

    /** {@code middle + k * sigma}, or NaN before ready. */
    public double upper() {
        return middle() + k * stdDev();
    }

    /** {@code middle - k * sigma}, or NaN before ready. */
    public double lower() {
        return middle() - k * stdDev();
    }

    /** {@code (upper - lower) / middle}; NaN before ready or when {@code middle == 0}. */
    public double bandwidth() {
        double middle = middle();
        if (middle == 0.0) {
            return Double.NaN;
        }
        return (upper() - lower()) / middle;
    }

    /**
     * Where {@code price} sits relative to the bands: 0 at the lower band, 1 at the upper band, 0.5 on the middle,
     * outside {@code [0, 1]} beyond the bands.
     *
     * @return {@code (price - lower) / (upper - lower)}; NaN before ready or when the bands have collapsed
     *     ({@code upper == lower})
     */
    public double percentB(double price) {
        double lower = lower();
        double width = upper() - lower;
        if (width == 0.0) {
            return Double.NaN;
        }
        return (price - lower) / width;
    }

    public int period() {
        return stats.period();
    }

    public double k() {
        return k;
    }

    @Override
    public long updates() {
        return stats.updates();
    }

    @Override
    public void reset() {
        stats.reset();
    }
}
