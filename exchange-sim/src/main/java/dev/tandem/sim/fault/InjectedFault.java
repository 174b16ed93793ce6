package dev.tandem.sim.fault;

/**
 * A fault held by a {@link FaultInjector}: the {@link Fault} plus what it has done so far (how many requests,
 * reports or events it hit), for the log's END entry.
 */
public final class InjectedFault {
    private final Fault fault;
    private final int index;
    private long hits;
    private long hitsLogged;

    InjectedFault(final Fault fault, final int index) {
        this.fault = fault;
        this.index = index;
    }

    /** The fault. */
    public Fault fault() {
        return fault;
    }

    /** Its position in the injector (plan order, then injection order). */
    public int index() {
        return index;
    }

    /** How many things it hit so far. */
    public long hits() {
        return hits;
    }

    /** Counts a hit; returns true if it should also be logged (the log keeps the first hits of each fault). */
    boolean countHit(final long maxLogged) {
        hits++;
        if (hitsLogged < maxLogged) {
            hitsLogged++;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "#" + index + " " + fault.describe();
    }
}
