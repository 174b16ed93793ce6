package dev.tandem.kernel.indicator;

/**
 * Deliberately naive O(n) reference computations, written independently of the production code: they recompute
 * from the raw input arrays every time and use different (closed-form or two-pass) formulations.
 */
final class Naive {

    private Naive() {
    }

    /** Plain left-to-right mean of {@code x[from..to)}. */
    static double mean(double[] x, int from, int to) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    /** Two-pass central sum of squares of {@code x[from..to)}: sum((x - mean)^2). */
    static double m2(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double s = 0.0;
        for (int i = from; i < to; i++) {
            double d = x[i] - m;
            s += d * d;
        }
        return s;
    }

    /**
     * Closed form of exponential smoothing {@code s_j = (1 - alpha) * s_(j-1) + alpha * x_j} applied for
     * {@code j = from .. to-1} starting from {@code seed}:
     * {@code (1-alpha)^(to-from) * seed + sum_j alpha * (1-alpha)^(to-1-j) * x_j}.
     */
    static double smooth(double seed, double[] x, int from, int to, double alpha) {
        double decay = 1.0;
        double s = 0.0;
        for (int j = to - 1; j >= from; j--) {
            s += alpha * decay * x[j];
            decay *= 1.0 - alpha;
        }
        return s + decay * seed;
    }
}
