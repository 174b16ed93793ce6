package dev.tandem.kernel.strategy.library;

/** The last {@code capacity} longs seen, oldest first; adding to a full ring drops the oldest. No allocation per add. */
final class LongRing {
    private final long[] values;
    private int start;
    private int size;

    LongRing(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.values = new long[capacity];
    }

    /** Adds a value; returns true if the ring was full and its oldest value was dropped. */
    boolean add(final long value) {
        if (size < values.length) {
            values[(start + size) % values.length] = value;
            size++;
            return false;
        }
        values[start] = value;
        start = (start + 1) % values.length;
        return true;
    }

    /** The {@code i}-th value, 0 = oldest. */
    long get(final int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
        return values[(start + i) % values.length];
    }

    /** The {@code k}-th newest value, 0 = newest. */
    long fromNewest(final int k) {
        return get(size - 1 - k);
    }

    int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }

    boolean isFull() {
        return size == values.length;
    }

    /** The values, oldest first (for snapshots). */
    long[] toArray() {
        final long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    void clear() {
        start = 0;
        size = 0;
    }
}
