package dev.tandem.kernel.indicator;

/**
 * Simple moving average over the last {@code period} values.
 *
 * <pre>
 *   SMA_t = (x_t + x_(t-1) + ... + x_(t-period+1)) / period
 * </pre>
 *
 * <p>Ready after {@code period} updates; {@link #value()} is {@link Double#NaN} before that.
 *
 * <p><b>Cost and drift.</b> A preallocated ring buffer of {@code period} doubles and a running sum give O(1)
 * work per update. To stop floating-point drift of the running sum over millions of updates, the sum is
 * recomputed exactly from the buffer every {@code period} updates (each time the ring index wraps), which is
 * amortised O(1). The running sum is kept relative to a value taken from the window (see
 * {@code RollingWindow}), so the SMA of a constant series is exactly that constant and values that have left
 * the window stop influencing the result after at most one recomputation, even if they were huge.
 */
public final class Sma implements ScalarIndicator {

    private final int period;
    private final RollingWindow window;
    private long updates;

    /**
     * @param period number of values averaged; {@code >= 1}
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public Sma(int period) {
        this.period = Checks.period(period);
        this.window = new RollingWindow(period);
    }

    @Override
    public void update(double value) {
        Checks.finite(value, "value");
        window.add(value);
        updates++;
    }

    /** {@code true} once {@code period} values have been seen. */
    @Override
    public boolean isReady() {
        return window.isFull();
    }

    /** The average of the last {@code period} values, or NaN before ready. */
    @Override
    public double value() {
        return isReady() ? window.mean() : Double.NaN;
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
        window.clear();
        updates = 0;
    }
}
