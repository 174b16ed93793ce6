package dev.tandem.testkit;

/**
 * A tiny, fast, seedable 64-bit pseudo-random generator (the SplitMix64 algorithm) whose whole
 * state is one explicit {@code long}.
 *
 * <p>It is the only source of randomness in the testkit: the harness never touches
 * {@code java.util.Random}, {@code Math.random()}, {@code ThreadLocalRandom} or the wall clock, so
 * every generated value is a pure function of a seed. Not thread-safe; not cryptographic.
 */
public final class SplitMix64 {

    /** The 64-bit golden-ratio increment (2^64 / phi, odd). */
    static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private long state;

    /**
     * Creates a generator whose sequence is fully determined by {@code seed}.
     *
     * @param seed any value, including 0
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the current internal state; {@code new SplitMix64(state())} continues the same sequence */
    public long state() {
        return state;
    }

    /** @return the next 64 uniformly distributed bits */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * Returns a uniformly distributed value in {@code [0, bound]}, where {@code bound} is read as an
     * <em>unsigned</em> 64-bit number (so {@code -1L} means "any 64-bit value"). Uses rejection
     * sampling, hence no modulo bias.
     *
     * @param bound inclusive unsigned upper bound
     * @return an unsigned value {@code <= bound}
     */
    public long nextUnsignedAtMost(long bound) {
        if (bound == -1L) {
            return nextLong();
        }
        long n = bound + 1; // 1 .. 2^64-1, no overflow because bound != -1
        if ((n & (n - 1)) == 0) {
            return nextLong() & (n - 1);
        }
        // 2^64 mod n: the lowest `threshold` raw values would over-represent some residues.
        long threshold = Long.remainderUnsigned(-n, n);
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, threshold) >= 0) {
                return Long.remainderUnsigned(r, n);
            }
        }
    }

    /** @return a uniformly distributed double in {@code [0, 1)} with 53 random bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * The SplitMix64 output function: a bijective avalanche mix of 64 bits.
     *
     * @param z input bits
     * @return well-mixed output bits
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Derives the seed of child stream {@code index} from {@code masterSeed}. Used for the seed of
     * try {@code i} of a property run, so that any single try can be replayed from its own seed.
     *
     * @param masterSeed the parent seed
     * @param index child number (any value; distinct indices give unrelated seeds)
     * @return the derived seed
     */
    public static long derive(long masterSeed, long index) {
        return mix(mix(masterSeed) + GOLDEN_GAMMA * (index + 1));
    }

    /**
     * A stable 64-bit hash of a string (FNV-1a over its UTF-16 code units, then mixed). Unlike
     * {@link String#hashCode()} it has 64 bits; like it, it is identical on every JVM.
     *
     * @param text the text to hash
     * @return the hash
     */
    public static long hash(CharSequence text) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x0000_0100_0000_01B3L;
        }
        return mix(h);
    }
}
