package dev.tandem.kernel.indicator;

/** Deterministic pseudo-random test inputs (own SplitMix64, fixed seeds) and tolerance checks. */
final class TestData {

    private TestData() {
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and reproducible across JVMs. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, 1). */
        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        /** Uniform in [-1, 1). */
        double nextSigned() {
            return 2.0 * nextDouble() - 1.0;
        }
    }

    /** A random walk starting at {@code start} with steps uniform in [-maxStep, maxStep). */
    static double[] randomWalk(long seed, int n, double start, double maxStep) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] out = new double[n];
        double p = start;
        for (int i = 0; i < n; i++) {
            p += maxStep * rng.nextSigned();
            out[i] = p;
        }
        return out;
    }

    /** Independent values uniform in [center - amplitude, center + amplitude). */
    static double[] noise(long seed, int n, double center, double amplitude) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = center + amplitude * rng.nextSigned();
        }
        return out;
    }

    /** Volumes: 0 with probability {@code zeroFraction}, otherwise uniform in [1, 1000). */
    static double[] volumes(long seed, int n, double zeroFraction) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextDouble() < zeroFraction ? 0.0 : 1.0 + 999.0 * rng.nextDouble();
        }
        return out;
    }

    /**
     * OHLC-like bars {high[], low[], close[]}: the open gaps from the previous close (occasionally by a lot, so all
     * three true-range branches occur) and high/low extend beyond open and close.
     */
    static double[][] bars(long seed, int n) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double previousClose = 30_000.0;
        for (int i = 0; i < n; i++) {
            double gap = rng.nextDouble() < 0.1 ? 40.0 * rng.nextSigned() : 2.0 * rng.nextSigned();
            double open = previousClose + gap;
            double c = open + 10.0 * rng.nextSigned();
            high[i] = Math.max(open, c) + 5.0 * rng.nextDouble();
            low[i] = Math.min(open, c) - 5.0 * rng.nextDouble();
            close[i] = c;
            previousClose = c;
        }
        return new double[][] {high, low, close};
    }

    /**
     * Fails unless {@code |actual - expected| <= rel * |expected| + 1e-12}; two NaNs match. Messages are only built
     * on failure, so this is cheap enough to call millions of times.
     */
    static void assertClose(String label, long step, double actual, double expected, double rel) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            if (Double.isNaN(expected) != Double.isNaN(actual)) {
                throw new AssertionError(label + " at step " + step + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double tolerance = rel * Math.abs(expected) + 1e-12;
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(label + " at step " + step + ": expected " + expected + " but was " + actual
                    + " (|diff| " + Math.abs(actual - expected) + " > tolerance " + tolerance + ")");
        }
    }
}
