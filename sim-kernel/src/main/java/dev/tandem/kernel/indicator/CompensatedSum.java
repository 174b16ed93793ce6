package dev.tandem.kernel.indicator;

/**
 * A running sum with Neumaier (improved Kahan-Babuska) compensation: the rounding error of each addition is
 * accumulated separately and added back on read, so the error of {@link #value()} does not grow with the number
 * of terms the way a plain running sum does. Used where there is no window to recompute from (cumulative VWAP).
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }

    void clear() {
        sum = 0.0;
        compensation = 0.0;
    }
}
