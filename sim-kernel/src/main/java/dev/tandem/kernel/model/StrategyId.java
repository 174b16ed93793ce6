package dev.tandem.kernel.model;

/** A strategy instance's id: at most 12 characters of {@code [A-Za-z0-9_-]} so it fits inside client order ids. */
public record StrategyId(String value) implements Comparable<StrategyId> {
    /** Longest strategy id (it is embedded in client order ids). */
    public static final int MAX_LENGTH = 12;
    /** The risk engine's own id, used for orders the kernel issues itself (flatten on kill switch). */
    public static final StrategyId RISK = new StrategyId("risk");

    public StrategyId {
        Ids.requireToken(value, "strategy id");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("strategy id is longer than " + MAX_LENGTH + " chars: '" + value + "'");
        }
    }

    @Override
    public int compareTo(final StrategyId o) {
        return o == this || value == o.value ? 0 : value.compareTo(o.value); // identity first, as InstrumentId
    }

    // Written out (same values as a record's generated ones): ids are map keys on the order path, and the generated
    // methods go through an invokedynamic bootstrap that the JIT does not always fold away.
    @Override
    public boolean equals(final Object o) {
        return o == this || o instanceof StrategyId other && value.equals(other.value);
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
