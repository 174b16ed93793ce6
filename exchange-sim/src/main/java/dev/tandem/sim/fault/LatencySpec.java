package dev.tandem.sim.fault;

/**
 * The latency of one operation: {@code fixed + uniform[0, jitter] (+ spike with probability p)}, in nanoseconds.
 *
 * @param fixedNanos       the floor (non-negative)
 * @param jitterNanos      the largest uniform extra (non-negative)
 * @param spikeProbability the chance of a spike per sample, in [0, 1]
 * @param spikeNanos       what a spike adds (non-negative)
 */
public record LatencySpec(long fixedNanos, long jitterNanos, double spikeProbability, long spikeNanos) {

    /** Bounds every sample at about 11.5 days, so sums of latencies never overflow. */
    public static final long MAX_NANOS = 1L << 50;

    public LatencySpec {
        if (fixedNanos < 0 || jitterNanos < 0 || spikeNanos < 0) {
            throw new IllegalArgumentException("latencies must not be negative");
        }
        if (!(spikeProbability >= 0.0 && spikeProbability <= 1.0)) {
            throw new IllegalArgumentException("spike probability must be in [0, 1], got " + spikeProbability);
        }
        if (fixedNanos > MAX_NANOS || jitterNanos > MAX_NANOS || spikeNanos > MAX_NANOS) {
            throw new IllegalArgumentException("latencies are bounded by " + MAX_NANOS + " ns");
        }
    }

    /** No latency at all. */
    public static LatencySpec zero() {
        return new LatencySpec(0, 0, 0.0, 0);
    }

    /** A constant latency. */
    public static LatencySpec fixed(final long nanos) {
        return new LatencySpec(nanos, 0, 0.0, 0);
    }

    /** Fixed plus uniform jitter, no spikes. */
    public static LatencySpec jittered(final long fixedNanos, final long jitterNanos) {
        return new LatencySpec(fixedNanos, jitterNanos, 0.0, 0);
    }

    /** A copy with spikes. */
    public LatencySpec withSpikes(final double probability, final long nanos) {
        return new LatencySpec(fixedNanos, jitterNanos, probability, nanos);
    }
}
