package dev.tandem.kernel.indicator;

/**
 * Cumulative volume-weighted average price since construction or the last {@link #reset()} (e.g. a session
 * start).
 *
 * <pre>
 *   VWAP = sum(price_i * volume_i) / sum(volume_i)
 * </pre>
 *
 * <p>Ready once the cumulative volume is positive; {@link #value()} is {@link Double#NaN} before that
 * (zero-volume updates are accepted and counted, but do not make it ready).
 *
 * <p><b>Numerics.</b> There is no window to recompute from, so both sums use Neumaier-compensated summation,
 * whose error does not grow with the number of updates, and the weighted sum is kept relative to the first
 * price ({@code VWAP = p_1 + sum(v_i * (p_i - p_1)) / sum(v_i)}), so a constant price yields exactly that price.
 */
public final class Vwap implements Indicator {

    private final CompensatedSum weightedDeviation = new CompensatedSum();
    private final CompensatedSum volume = new CompensatedSum();
    private double shift;
    private long updates;

    /**
     * Feeds the next trade or bar.
     *
     * @param price a finite price
     * @param volume a finite volume {@code >= 0}
     * @throws IllegalArgumentException on invalid input (the indicator is left unchanged)
     */
    public void update(double price, double volume) {
        Checks.finite(price, "price");
        Checks.volume(volume);
        if (updates == 0) {
            shift = price;
        }
        weightedDeviation.add(volume * (price - shift));
        this.volume.add(volume);
        updates++;
    }

    /** {@code true} once the cumulative volume is positive. */
    @Override
    public boolean isReady() {
        return volume.value() > 0.0;
    }

    /** The VWAP since the last reset, or NaN before ready. */
    @Override
    public double value() {
        double v = volume.value();
        return v > 0.0 ? shift + weightedDeviation.value() / v : Double.NaN;
    }

    /** The total volume since the last reset ({@code 0} initially). */
    public double cumulativeVolume() {
        return volume.value();
    }

    @Override
    public long updates() {
        return updates;
    }

    /** Starts a new accumulation period (e.g. a new session). */
    @Override
    public void reset() {
        weightedDeviation.clear();
        volume.clear();
        shift = 0.0;
        updates = 0;
    }
}
