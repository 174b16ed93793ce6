package dev.tandem.kernel.model;

/**
 * Our id for an order, sent to the venue with every request for it. At most 32 characters of
 * {@code [A-Za-z0-9_-]}, which both Bybit ({@code orderLinkId}, 36) and MEXC ({@code newClientOrderId}, 32)
 * accept. It is a pure function of (run tag, strategy, per-strategy counter), so it is the same on every
 * retry and after a restart that replays the journal.
 */
public record ClientOrderId(String value) implements Comparable<ClientOrderId> {
    /** The longest id both venues accept. */
    public static final int MAX_LENGTH = 32;

    public ClientOrderId {
        Ids.requireToken(value, "client order id");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "client order id is longer than " + MAX_LENGTH + " chars: '" + value + "'");
        }
    }

    @Override
    public int compareTo(final ClientOrderId o) {
        return o == this || value == o.value ? 0 : value.compareTo(o.value); // identity first, as InstrumentId
    }

    // Written out (same values as a record's generated ones): ids are map keys on the order path, and the generated
    // methods go through an invokedynamic bootstrap that the JIT does not always fold away.
    @Override
    public boolean equals(final Object o) {
        return o == this || o instanceof ClientOrderId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
