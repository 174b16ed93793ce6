package dev.tandem.sim.fault;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.random.RandomSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's fault state: which faults exist (the plan plus faults injected while running), which of them are
 * active at a venue time, the seeded randomness of probabilistic faults, and the fault log.
 *
 * <p>Activity is a pure function of time ({@link Fault#covers}), not of the order in which START/END actions run,
 * so whatever is processed at a window's first nanosecond sees the fault. When several faults of one type are
 * active, the first in plan order wins. Probabilistic decisions draw from one stream per fault type,
 * {@code RandomSource.forComponent(seed, component + ":fault:" + TYPE)}, and only while a fault of that type is
 * active: a run without faults draws nothing.
 *
 * <p>The log holds every START and END, and the first {@link #MAX_HITS_LOGGED} HITs of each fault (END tells how
 * many there were in all).
 */
public final class FaultInjector {
    /** HIT entries kept per fault; the END entry has the total. */
    public static final long MAX_HITS_LOGGED = 1_000;

    private final List<InjectedFault> faults = new ArrayList<>();
    private final EnumMap<FaultType, List<InjectedFault>> byType = new EnumMap<>(FaultType.class);
    private final EnumMap<FaultType, RandomSource> streams = new EnumMap<>(FaultType.class);
    private final List<FaultRecord> log = new ArrayList<>();

    /**
     * @param plan      the scheduled faults
     * @param seed      the run's master seed
     * @param component a stable name for the random streams (the venue uses {@code "sim:<venue>"})
     */
    public FaultInjector(final FaultPlan plan, final long seed, final String component) {
        for (final FaultType t : FaultType.values()) {
            byType.put(t, new ArrayList<>());
            streams.put(t, RandomSource.forComponent(seed, component + ":fault:" + t.name()));
        }
        for (final Fault f : plan.faults()) {
            add(f);
        }
    }

    /** Adds a fault (the caller schedules its START/END). */
    public InjectedFault add(final Fault fault) {
        final InjectedFault i = new InjectedFault(fault, faults.size());
        faults.add(i);
        byType.get(fault.type()).add(i);
        return i;
    }

    /** Every fault, in plan order then injection order. */
    public List<InjectedFault> faults() {
        return List.copyOf(faults);
    }

    /** The first active fault of this type at this time, or null. */
    public InjectedFault active(final FaultType type, final long nanos) {
        final List<InjectedFault> list = byType.get(type);
        for (int i = 0; i < list.size(); i++) { // indexed: asked several times per replayed event, usually of an empty list
            final InjectedFault f = list.get(i);
            if (f.fault().covers(nanos)) {
                return f;
            }
        }
        return null;
    }

    /** The first active fault of this type at this time that applies to the symbol, or null. */
    public InjectedFault active(final FaultType type, final long nanos, final String symbol) {
        final List<InjectedFault> list = byType.get(type);
        for (int i = 0; i < list.size(); i++) {
            final InjectedFault f = list.get(i);
            if (f.fault().covers(nanos) && f.fault().appliesTo(symbol)) {
                return f;
            }
        }
        return null;
    }

    /** True if any fault of this type is active at this time. */
    public boolean isActive(final FaultType type, final long nanos) {
        return active(type, nanos) != null;
    }

    /** Whether the fault hits this candidate: always at probability 1 (no draw), else one seeded draw. */
    public boolean roll(final InjectedFault f) {
        final double p = f.fault().probability();
        return p >= 1.0 || streams.get(f.fault().type()).nextDouble() < p;
    }

    /** A seeded draw in [0, bound] from the fault type's stream. */
    public long draw(final FaultType type, final long bound) {
        return streams.get(type).nextLong(bound + 1);
    }

    /** Logs a START. */
    public void started(final InjectedFault f, final long nanos, final String detail) {
        log.add(new FaultRecord(nanos, f.fault().type(), FaultPhase.START, detail));
    }

    /** Counts and (for the first {@link #MAX_HITS_LOGGED}) logs a HIT. */
    public void hit(final InjectedFault f, final long nanos, final String detail) {
        if (f.countHit(MAX_HITS_LOGGED)) {
            log.add(new FaultRecord(nanos, f.fault().type(), FaultPhase.HIT, detail));
        }
    }

    /** Counts a hit without logging it (stream-level effects: dropped or delayed events; END has the total). */
    public void count(final InjectedFault f) {
        f.countHit(0);
    }

    /** Logs a HIT that belongs to no scheduled fault (a scripted one-shot failure). */
    public void scriptedHit(final FaultType type, final long nanos, final String detail) {
        log.add(new FaultRecord(nanos, type, FaultPhase.HIT, detail));
    }

    /** Logs an END. */
    public void ended(final InjectedFault f, final long nanos, final String detail) {
        log.add(new FaultRecord(nanos, f.fault().type(), FaultPhase.END, detail));
    }

    /** The fault log so far, in order. */
    public List<FaultRecord> log() {
        return List.copyOf(log);
    }

    /** Writes the faults, the random streams and the log into a digest. */
    public void digest(final StateDigest d) {
        d.section("faults").putInt(faults.size());
        for (final InjectedFault f : faults) {
            final Fault x = f.fault();
            d.putEnum(x.type()).putLong(x.atNanos()).putLong(x.durationNanos()).putString(x.symbol()).putEnum(x.variant())
                    .putLong(Double.doubleToLongBits(x.probability())).putLong(x.magnitude()).putLong(f.hits());
        }
        for (final Map.Entry<FaultType, RandomSource> e : streams.entrySet()) {
            d.putEnum(e.getKey()).putLong(e.getValue().state());
        }
        d.section("fault-log").putInt(log.size());
        for (final FaultRecord r : log) {
            r.writeTo(d);
        }
    }
}
