package dev.tandem.sim.fault;

import java.util.Objects;

/**
 * The latency of every operation between the kernel and a simulated venue.
 *
 * @param orderEntry order entry (submit, amend) and queries: from the kernel's call to the venue processing it
 * @param cancel     cancels and cancel-all: from the kernel's call to the venue processing it
 * @param report     acknowledgements and reports: from the venue producing one to the kernel seeing it
 * @param marketData market data: from the venue (or the replayed source) to the kernel
 */
public record LatencyProfile(LatencySpec orderEntry, LatencySpec cancel, LatencySpec report, LatencySpec marketData) {

    private static final long MILLI = 1_000_000L;
    private static final long MICRO = 1_000L;

    public LatencyProfile {
        Objects.requireNonNull(orderEntry, "orderEntry");
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(marketData, "marketData");
    }

    /**
     * A co-located-but-not-quite profile: order entry and cancel 2 ms + up to 1 ms, reports 2 ms + up to 1 ms,
     * market data 1 ms + up to 500 µs; one sample in a thousand spikes by 50 ms (order entry, cancel, reports) or
     * 20 ms (market data).
     */
    public static LatencyProfile defaults() {
        return new LatencyProfile(
                LatencySpec.jittered(2 * MILLI, MILLI).withSpikes(0.001, 50 * MILLI),
                LatencySpec.jittered(2 * MILLI, MILLI).withSpikes(0.001, 50 * MILLI),
                LatencySpec.jittered(2 * MILLI, MILLI).withSpikes(0.001, 50 * MILLI),
                LatencySpec.jittered(MILLI, 500 * MICRO).withSpikes(0.001, 20 * MILLI));
    }

    /** Zero latency everywhere (things still happen in loop order, never re-entrantly). */
    public static LatencyProfile zero() {
        return uniform(LatencySpec.zero());
    }

    /** The same constant latency everywhere. */
    public static LatencyProfile fixed(final long nanos) {
        return uniform(LatencySpec.fixed(nanos));
    }

    /** The same specification for every operation. */
    public static LatencyProfile uniform(final LatencySpec spec) {
        return new LatencyProfile(spec, spec, spec, spec);
    }

    /** The specification of one operation. */
    public LatencySpec spec(final LatencyModel.Operation operation) {
        return switch (operation) {
            case ORDER_ENTRY -> orderEntry;
            case CANCEL -> cancel;
            case REPORT -> report;
            case MARKET_DATA -> marketData;
        };
    }
}
