package dev.tandem.kernel.indicator;

import java.util.Arrays;

/**
 * Volume-weighted average price over the last {@code window} updates.
 *
 * <pre>
 *   VWAP_t = sum(price_i * volume_i) / sum(volume_i)      for i in (t - window, t]
 * </pre>
 *
 * <p>Ready once {@code window} updates have been seen and the window holds at least one update with positive
 * volume; {@link #value()} is {@link Double#NaN} otherwise (including later, if every update in the window has
 * zero volume). The zero-volume test uses an exact count of non-zero volumes in the window, not the floating
 * volume sum, so rounding residue can never produce a spurious value.
 *
 * <p><b>Cost and drift.</b> Two preallocated ring buffers (price, volume) and running sums give O(1) work per
 * update; the sums are recomputed exactly from the buffers every {@code window} updates (amortised O(1)), and
 * the weighted sum is kept relative to a recent price, so a constant price yields exactly that price.
 */
public final class RollingVwap implements Indicator {

    private final int window;
    private final double[] prices;
    private final double[] volumes;
    private int next;
    private int size;
    private int nonZeroVolumes;
    private double shift;
    private double weightedDeviation;
    private double volumeSum;
    private long updates;

    /**
     * @param window number of most recent updates included; {@code >= 1}
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public RollingVwap(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.window = window;
        this.prices = new double[window];
        this.volumes = new double[window];
    }

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
        if (size == 0) {
            shift = price;
        }
        if (size == window) {
            double outVolume = volumes[next];
            weightedDeviation -= outVolume * (prices[next] - shift);
            volumeSum -= outVolume;
            if (outVolume != 0.0) {
                nonZeroVolumes--;
            }
        } else {
            size++;
        }
        prices[next] = price;
        volumes[next] = volume;
        weightedDeviation += volume * (price - shift);
        volumeSum += volume;
        if (volume != 0.0) {
            nonZeroVolumes++;
        }
        updates++;
        if (++next == window) {
            next = 0;
            recompute(price);
        }
    }

    private void recompute(double newestPrice) {
        shift = newestPrice;
        double wd = 0.0;
        double v = 0.0;
        for (int i = 0; i < window; i++) {
            wd += volumes[i] * (prices[i] - newestPrice);
            v += volumes[i];
        }
        weightedDeviation = wd;
        volumeSum = v;
    }

    /** {@code true} once the window is full and holds some positive volume. */
    @Override
    public boolean isReady() {
        return size == window && nonZeroVolumes > 0 && volumeSum > 0.0;
    }

    /** The VWAP of the last {@code window} updates, or NaN when not ready. */
    @Override
    public double value() {
        return isReady() ? shift + weightedDeviation / volumeSum : Double.NaN;
    }

    /** The total volume of the updates currently in the window ({@code 0} when all of them have zero volume). */
    public double windowVolume() {
        return nonZeroVolumes > 0 ? volumeSum : 0.0;
    }

    public int window() {
        return window;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void reset() {
        Arrays.fill(prices, 0.0);
        Arrays.fill(volumes, 0.0);
        next = 0;
        size = 0;
        nonZeroVolumes = 0;
        shift = 0.0;
        weightedDeviation = 0.0;
        volumeSum = 0.0;
        updates = 0;
    }
}
