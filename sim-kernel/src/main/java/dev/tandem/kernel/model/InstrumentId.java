package dev.tandem.kernel.model;

/**
 * An instrument on a venue, e.g. {@code BTCUSDT.BYBIT}. The venue part selects the execution port.
 */
public record InstrumentId(String symbol, String venue) implements Comparable<InstrumentId> {
    public InstrumentId {
        Ids.requireToken(symbol, "symbol");
        Ids.requireToken(venue, "venue");
    }

    /** Parses {@code SYMBOL.VENUE}. */
    public static InstrumentId parse(final String text) {
        final int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("instrument id must look like SYMBOL.VENUE, got '" + text + "'");
        }
        return new InstrumentId(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public int compareTo(final InstrumentId o) {
        // identity first: ids are TreeMap keys looked up on every market-data event, nearly always with the very
        // instance the map holds, and String.compareTo of two equal strings reads every character
        if (o == this) {
            return 0;
        }
        final int c = venue == o.venue ? 0 : venue.compareTo(o.venue);
        return c != 0 ? c : symbol == o.symbol ? 0 : symbol.compareTo(o.symbol);
    }

    // Written out (same values as a record's generated ones): ids are map keys on every hot path, and the generated
    // methods go through an invokedynamic bootstrap that the JIT does not always fold away.
    @Override
    public boolean equals(final Object o) {
        return o == this || o instanceof InstrumentId other && symbol.equals(other.symbol) && venue.equals(other.venue);
    }

    @Override
    public int hashCode() {
        return 31 * symbol.hashCode() + venue.hashCode();
    }

    @Override
    public String toString() {
        return symbol + "." + venue;
    }
}
