package dev.tandem.kernel.indicator;

import java.util.Arrays;

/**
 * A fixed-capacity ring buffer of doubles that maintains the window's first two moments in O(1) per update.
 *
 * <p><b>Numerics.</b> Two measures keep the running sums accurate over millions of updates:
 * <ol>
 *   <li><i>Shifted sums.</i> The sums are kept about a shift {@code K} taken from the data:
 *       {@code S1 = sum(x - K)} and {@code S2 = sum((x - K)^2)}. Then {@code mean = K + S1/n} and the central sum
 *       of squares is {@code M2 = S2 - S1^2/n}. Because {@code K} lies inside the window's range, the terms are
 *       deviations (e.g. +-100 on a 30000 price) rather than raw magnitudes, which avoids the catastrophic
 *       cancellation of the textbook {@code sum(x^2) - n*mean^2}.</li>
 *   <li><i>Periodic exact recomputation.</i> Each time the write index wraps (i.e. every {@code capacity}
 *       updates once the window is full) the shift is re-chosen as the window element closest to the window
 *       mean and both sums are recomputed from the buffer. This costs {@code 3 * capacity} operations every
 *       {@code capacity} updates (amortised O(1)) and bounds the drift of the running sums to what at most
 *       {@code capacity} incremental add/remove steps can accumulate. Choosing an element (not the mean itself)
 *       as the shift makes a constant window have exactly zero deviations, hence exactly zero variance and a mean
 *       exactly equal to the constant.</li>
 * </ol>
 * Inputs are assumed finite (callers validate); deviations beyond ~1e154 would overflow when squared.
 */
final class RollingWindow {

    private final double[] values;
    private int next;
    private int size;
    private double shift;
    private double sum;
    private double sumSq;

    RollingWindow(int capacity) {
        this.values = new double[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == values.length;
    }

    void add(double x) {
        final int capacity = values.length;
        if (size == 0) {
            shift = x;
        }
        if (size == capacity) {
            double out = values[next] - shift;
            sum -= out;
            sumSq -= out * out;
        } else {
            size++;
        }
        values[next] = x;
        double d = x - shift;
        sum += d;
        sumSq += d * d;
        if (++next == capacity) {
            next = 0;
            recompute();
        }
    }

    /** The mean of the values currently in the window; requires {@code size() > 0}. */
    double mean() {
        return shift + sum / size;
    }

    /** {@code sum((x - mean)^2)} over the window, clamped at 0; requires {@code size() > 0}. */
    double centralSumOfSquares() {
        double m2 = sumSq - sum * sum / size;
        return m2 > 0.0 ? m2 : 0.0;
    }

    private void recompute() {
        final double[] v = values;
        final int n = size;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += v[i] - shift;
        }
        final double mean = shift + s / n;
        double best = v[0];
        double bestDistance = Math.abs(best - mean);
        for (int i = 1; i < n; i++) {
            double distance = Math.abs(v[i] - mean);
            if (distance < bestDistance) {
                best = v[i];
                bestDistance = distance;
            }
        }
        shift = best;
        double s1 = 0.0;
        double s2 = 0.0;
        for (int i = 0; i < n; i++) {
            double d = v[i] - best;
            s1 += d;
            s2 += d * d;
        }
        sum = s1;
        sumSq = s2;
    }

    void clear() {
        Arrays.fill(values, 0.0);
        next = 0;
        size = 0;
        shift = 0.0;
        sum = 0.0;
        sumSq = 0.0;
    }
}
