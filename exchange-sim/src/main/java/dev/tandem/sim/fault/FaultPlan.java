package dev.tandem.sim.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A schedule of {@link Fault}s for one venue: from configuration (later from scenario files), drawn from a seed by
 * a {@link FaultProfile}, or both ({@link #plus}). Immutable; the faults are kept sorted by start time, faults that
 * start together in the order they were given (a stable sort), so a plan is a pure function of its inputs.
 */
public final class FaultPlan {
    private static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<Fault> faults;

    private FaultPlan(final List<Fault> sorted) {
        this.faults = sorted;
    }

    /** No faults. */
    public static FaultPlan none() {
        return NONE;
    }

    /** A plan of these faults. */
    public static FaultPlan of(final Fault... faults) {
        return of(Arrays.asList(faults));
    }

    /** A plan of these faults (sorted by start time, stable). */
    public static FaultPlan of(final List<Fault> faults) {
        final List<Fault> sorted = new ArrayList<>(faults);
        for (final Fault f : sorted) {
            if (f == null) {
                throw new IllegalArgumentException("a fault plan holds no null faults");
            }
        }
        sorted.sort(Comparator.comparingLong(Fault::atNanos));
        return new FaultPlan(List.copyOf(sorted));
    }

    /** This plan and another one merged (by start time; at equal times this plan's faults first). */
    public FaultPlan plus(final FaultPlan other) {
        final List<Fault> all = new ArrayList<>(faults);
        all.addAll(other.faults);
        return of(all);
    }

    /** This plan with one more fault. */
    public FaultPlan plus(final Fault fault) {
        final List<Fault> all = new ArrayList<>(faults);
        all.add(fault);
        return of(all);
    }

    /** The faults, sorted by start time. */
    public List<Fault> faults() {
        return faults;
    }

    /** The faults of one type, in plan order. */
    public List<Fault> faults(final FaultType type) {
        final List<Fault> out = new ArrayList<>();
        for (final Fault f : faults) {
            if (f.type() == type) {
                out.add(f);
            }
        }
        return out;
    }

    /** True when there is nothing to inject. */
    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** How many faults. */
    public int size() {
        return faults.size();
    }

    /** The first windowed fault of this type covering the time (by plan order), or null. */
    public Fault activeAt(final FaultType type, final long nanos) {
        for (final Fault f : faults) {
            if (f.type() == type && f.covers(nanos)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof FaultPlan p && p.faults.equals(faults);
    }

    @Override
    public int hashCode() {
        return faults.hashCode();
    }

    @Override
    public String toString() {
        return "FaultPlan" + faults;
    }
}
