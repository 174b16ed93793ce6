package dev.tandem.kernel.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/** The instruments known to a kernel, iterated in id order. */
public final class InstrumentRegistry {
    private final TreeMap<InstrumentId, Instrument> byId = new TreeMap<>();
    /** {@link #all()}, built on first use after a change: the risk check walks it several times per order. */
    private List<Instrument> all;

    /** An empty registry. */
    public InstrumentRegistry() {}

    /** A registry holding these instruments. */
    public static InstrumentRegistry of(final List<Instrument> instruments) {
        final InstrumentRegistry r = new InstrumentRegistry();
        instruments.forEach(r::add);
        return r;
    }

    /** Adds an instrument; a second one with the same id fails. */
    public void add(final Instrument instrument) {
        if (byId.putIfAbsent(instrument.id(), instrument) != null) {
            throw new IllegalArgumentException("duplicate instrument " + instrument.id());
        }
        all = null;
    }

    /**
     * The instrument found last: the portfolio and the risk engine ask for the same instrument several times per
     * market-data event, with the very id instance it holds (instruments are never removed, so it stays valid).
     */
    private Instrument last;

    /** The instrument, or null if unknown. */
    public Instrument find(final InstrumentId id) {
        final Instrument l = last;
        if (l != null && l.id() == id) {
            return l;
        }
        final Instrument i = byId.get(id);
        if (i != null) {
            last = i;
        }
        return i;
    }

    /** The instrument; fails if unknown. */
    public Instrument get(final InstrumentId id) {
        final Instrument i = find(id);
        if (i == null) {
            throw new IllegalArgumentException("unknown instrument " + id);
        }
        return i;
    }

    /** All instruments in id order (an unmodifiable list). */
    public List<Instrument> all() {
        List<Instrument> a = all;
        if (a == null) {
            a = Collections.unmodifiableList(new ArrayList<>(byId.values()));
            all = a;
        }
        return a;
    }

    /** Venue names in sorted order. */
    public List<String> venues() {
        final var venues = new java.util.TreeSet<String>();
        byId.keySet().forEach(id -> venues.add(id.venue()));
        return new ArrayList<>(venues);
    }
}
