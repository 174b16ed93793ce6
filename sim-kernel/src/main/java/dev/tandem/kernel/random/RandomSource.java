package dev.tandem.kernel.random;

/**
 * A small, fast, seeded pseudo-random generator (SplitMix64) whose whole state is one {@code long}, so it can
 * be snapshotted and restored exactly. Not for cryptography.
 */
public final class RandomSource {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    private RandomSource(final long state) {
        this.state = state;
    }

    /** A stream seeded directly. */
    public static RandomSource seeded(final long seed) {
        return new RandomSource(seed);
    }

    /** The stream for a named component of a run with this master seed (see {@link Seeds#derive}). */
    public static RandomSource forComponent(final long masterSeed, final String componentName) {
        return new RandomSource(Seeds.derive(masterSeed, componentName));
    }

    /** A child stream, derived from this stream's current state and a name; does not advance this stream. */
    public RandomSource child(final String name) {
        return new RandomSource(Seeds.derive(state, name));
    }

    /** The SplitMix64 finalizer (a bijective 64-bit mix). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Next uniformly distributed long. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    public long nextLong(final long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        // rejection sampling removes modulo bias
        final long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return r % bound;
    }

    /** Uniform in [min, max] (inclusive). */
    public long nextLong(final long min, final long max) {
        if (max < min) {
            throw new IllegalArgumentException("max < min: " + min + ".." + max);
        }
        final long span = max - min + 1;
        if (span <= 0) { // the full long range
            return nextLong();
        }
        return min + nextLong(span);
    }

    /** Uniform in [0, bound). */
    public int nextInt(final int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** True with probability p. */
    public boolean nextBoolean(final double p) {
        return nextDouble() < p;
    }

    /** A standard normal variate (Box–Muller; uses two draws, keeps no cached spare so state stays one long). */
    public double nextGaussian() {
        double u1 = nextDouble();
        while (u1 <= 0.0) {
            u1 = nextDouble();
        }
        final double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** The whole state (for snapshots). */
    public long state() {
        return state;
    }

    /** Restores a state taken with {@link #state()}. */
    public void restore(final long savedState) {
        this.state = savedState;
    }
}
