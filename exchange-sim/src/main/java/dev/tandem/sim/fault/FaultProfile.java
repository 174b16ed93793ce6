package dev.tandem.sim.fault;

import dev.tandem.kernel.random.RandomSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A recipe for random fault plans: which fault types may occur, how often and for how long. {@link #draw} turns
 * it into a {@link FaultPlan} from a seed, so the same seed always gives the same plan (chaos runs print the seed;
 * rerunning with it reproduces the plan). Every draw comes from the stream
 * {@code RandomSource.forComponent(seed, "sim:fault-profile:" + name)}.
 *
 * <p>Draw: fault start times are a Poisson process with mean gap {@code meanGapNanos} over
 * {@code [fromNanos, toNanos)}; each fault's type is chosen uniformly from {@code types}; a windowed fault lasts a
 * uniform duration in {@code [minDurationNanos, maxDurationNanos]}; parameters are drawn per type (documented in
 * {@link #draw}). Windows may overlap.
 *
 * @param name             names the random stream (two profiles with different names draw independently)
 * @param meanGapNanos     mean time between fault starts (positive)
 * @param minDurationNanos shortest window (positive)
 * @param maxDurationNanos longest window (at least {@code minDurationNanos})
 * @param types            the fault types that may occur (non-empty, no duplicates; drawn in this order's indices)
 */
public record FaultProfile(String name, long meanGapNanos, long minDurationNanos, long maxDurationNanos, List<FaultType> types) {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    /** At most this many faults in one draw (a bound on everything). */
    public static final int MAX_FAULTS = 10_000;

    public FaultProfile {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(types);
        if (name.isEmpty() || meanGapNanos <= 0 || minDurationNanos <= 0 || maxDurationNanos < minDurationNanos) {
            throw new IllegalArgumentException("fault profile needs a name, a positive mean gap and 0 < min <= max duration");
        }
        if (types.isEmpty() || EnumSet.copyOf(types).size() != types.size()) {
            throw new IllegalArgumentException("fault profile needs distinct fault types");
        }
    }

    /**
     * A flaky network between the kernel and the venue: outages of every mode, latency spikes, lost acks,
     * duplicated and reordered reports, market-data gaps and disconnects. One fault every 2 minutes on average,
     * lasting 1 to 20 s.
     */
    public static FaultProfile flakyNetwork() {
        return new FaultProfile("flaky-network", 120 * SECOND, SECOND, 20 * SECOND,
                List.of(FaultType.OUTAGE, FaultType.LATENCY_SPIKE, FaultType.LOST_ACK, FaultType.DUPLICATE_REPORTS,
                        FaultType.REORDER_REPORTS, FaultType.MD_GAP, FaultType.MD_DISCONNECT));
    }

    /**
     * A venue that misbehaves on its own: rate limits, maintenance, cancels racing fills, stale books and price
     * gaps. One fault every 5 minutes on average, lasting 5 to 60 s.
     */
    public static FaultProfile hostileVenue() {
        return new FaultProfile("hostile-venue", 300 * SECOND, 5 * SECOND, 60 * SECOND,
                List.of(FaultType.RATE_LIMIT, FaultType.MAINTENANCE_HALT, FaultType.CANCEL_REJECT_FILLED,
                        FaultType.STALE_BOOK, FaultType.PRICE_GAP));
    }

    /** Every fault type, one every 3 minutes on average, lasting 1 to 30 s. */
    public static FaultProfile everything() {
        return new FaultProfile("everything", 180 * SECOND, SECOND, 30 * SECOND, List.of(FaultType.values()));
    }

    /** A copy with another mean gap between faults. */
    public FaultProfile withMeanGap(final long nanos) {
        return new FaultProfile(name, nanos, minDurationNanos, maxDurationNanos, types);
    }

    /** A copy with other window bounds. */
    public FaultProfile withDurations(final long minNanos, final long maxNanos) {
        return new FaultProfile(name, meanGapNanos, minNanos, maxNanos, types);
    }

    /**
     * Draws a plan for {@code [fromNanos, toNanos)}. Per type: OUTAGE and RATE_LIMIT pick a variant uniformly (rate
     * limits retry after the window); LATENCY_SPIKE adds 50 ms to 2 s; MD_GAP drops with probability 0.1 to 0.9;
     * LOST_ACK and DUPLICATE_REPORTS hit with probability 0.25 to 1; REORDER_REPORTS delays by up to 10 to 500 ms;
     * CANCEL_REJECT_FILLED reports the fill 0 to 200 ms after the rejection; PRICE_GAP jumps ±50 to ±1000 bps;
     * instant faults (PRICE_GAP, EXTERNAL_CLOSE, FORCED_LIQUIDATION) pick a symbol uniformly from {@code symbols}
     * (or apply to all when it is empty).
     *
     * @param seed      the run's master seed
     * @param fromNanos first possible start
     * @param toNanos   starts are before this
     * @param symbols   symbols instant faults may pick, in a stable order
     */
    public FaultPlan draw(final long seed, final long fromNanos, final long toNanos, final List<String> symbols) {
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("toNanos < fromNanos");
        }
        final RandomSource r = RandomSource.forComponent(seed, "sim:fault-profile:" + name);
        final List<Fault> out = new ArrayList<>();
        long t = fromNanos;
        while (out.size() < MAX_FAULTS) {
            final double u = 1.0 - r.nextDouble(); // (0, 1]
            final double gap = -StrictMath.log(u) * meanGapNanos;
            if (gap >= (double) (toNanos - t)) {
                break;
            }
            t += Math.max(1L, (long) gap);
            if (t >= toNanos) {
                break;
            }
            final FaultType type = types.get(r.nextInt(types.size()));
            final long duration = type.windowed() ? r.nextLong(minDurationNanos, maxDurationNanos) : 0;
            out.add(drawOne(r, type, t, duration, symbols));
        }
        return FaultPlan.of(out);
    }

    private static Fault drawOne(final RandomSource r, final FaultType type, final long at, final long duration, final List<String> symbols) {
        switch (type) {
            case OUTAGE:
                return Fault.outage(at, duration, pick(r, FaultVariant.TIMEOUT, FaultVariant.CONNECTION_REFUSED, FaultVariant.HTTP_5XX));
            case RATE_LIMIT:
                return Fault.rateLimit(at, duration, pick(r, FaultVariant.HTTP_429, FaultVariant.BYBIT_10006, FaultVariant.MEXC_418), 0);
            case LATENCY_SPIKE:
                return Fault.latencySpike(at, duration, r.nextLong(50 * MILLI, 2 * SECOND));
            case MD_DISCONNECT:
                return Fault.mdDisconnect(at, duration);
            case MD_GAP:
                return Fault.mdGap(at, duration, 0.1 + 0.8 * r.nextDouble());
            case STALE_BOOK:
                return Fault.staleBook(at, duration);
            case LOST_ACK:
                return Fault.lostAck(at, duration, 0.25 + 0.75 * r.nextDouble());
            case DUPLICATE_REPORTS:
                return Fault.duplicateReports(at, duration, 0.25 + 0.75 * r.nextDouble());
            case REORDER_REPORTS:
                return Fault.reorderReports(at, duration, r.nextLong(10 * MILLI, 500 * MILLI));
            case CANCEL_REJECT_FILLED:
                return Fault.cancelRejectFilled(at, duration, r.nextLong(0, 200 * MILLI));
            case MAINTENANCE_HALT:
                return Fault.maintenanceHalt(at, duration);
            case PRICE_GAP: {
                final long bps = r.nextLong(50, 1000);
                return Fault.priceGap(at, symbol(r, symbols), r.nextInt(2) == 0 ? -bps : bps);
            }
            case EXTERNAL_CLOSE:
                return Fault.externalClose(at, symbol(r, symbols));
            case FORCED_LIQUIDATION:
                return Fault.forcedLiquidation(at, symbol(r, symbols));
            default:
                throw new IllegalStateException("unhandled fault type " + type);
        }
    }

    private static FaultVariant pick(final RandomSource r, final FaultVariant... variants) {
        return variants[r.nextInt(variants.length)];
    }

    private static String symbol(final RandomSource r, final List<String> symbols) {
        return symbols.isEmpty() ? null : symbols.get(r.nextInt(symbols.size()));
    }
}
