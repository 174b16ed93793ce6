package dev.tandem.sim.fault;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.random.RandomSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Seeded latencies per operation: {@code fixed + uniform[0, jitter]}, plus a spike with its probability. Each
 * operation draws from its own stream, {@code RandomSource.forComponent(seed, component + ":latency:" + OPERATION)},
 * so adding market data does not shift order-entry latencies, and every sample takes exactly two draws from its
 * stream whatever the specification, so changing a probability does not shift later samples either.
 */
public final class LatencyModel {

    /** The operations with a latency of their own. */
    public enum Operation {
        /** Submit, amend and queries, kernel to venue. */
        ORDER_ENTRY,
        /** Cancel and cancel-all, kernel to venue. */
        CANCEL,
        /** Acknowledgements and reports, venue to kernel. */
        REPORT,
        /** Market data, venue to kernel. */
        MARKET_DATA
    }

    private final LatencyProfile profile;
    private final EnumMap<Operation, RandomSource> streams = new EnumMap<>(Operation.class);
    private long spikes;

    /**
     * @param profile   the specification per operation
     * @param seed      the run's master seed
     * @param component a stable name for this model's streams (the venue uses {@code "sim:<venue>"})
     */
    public LatencyModel(final LatencyProfile profile, final long seed, final String component) {
        this.profile = Objects.requireNonNull(profile, "profile");
        for (final Operation op : Operation.values()) {
            streams.put(op, RandomSource.forComponent(seed, component + ":latency:" + op.name()));
        }
    }

    /** The specification. */
    public LatencyProfile profile() {
        return profile;
    }

    /** Draws the next latency of an operation, in nanoseconds. */
    public long sample(final Operation operation) {
        final LatencySpec s = profile.spec(operation);
        final RandomSource r = streams.get(operation);
        final long jitter = r.nextLong(s.jitterNanos() + 1);
        final boolean spike = r.nextDouble() < s.spikeProbability();
        if (spike) {
            spikes++;
            return s.fixedNanos() + jitter + s.spikeNanos();
        }
        return s.fixedNanos() + jitter;
    }

    /** How many samples spiked so far. */
    public long spikes() {
        return spikes;
    }

    /** Writes the streams' states into a digest. */
    public void digest(final StateDigest d) {
        d.section("latency");
        for (final Map.Entry<Operation, RandomSource> e : streams.entrySet()) {
            d.putEnum(e.getKey()).putLong(e.getValue().state());
        }
        d.putLong(spikes);
    }
}
