package dev.tandem.sim.matching;

import java.util.Arrays;

/**
 * One side of the book: its price levels in a sorted array, worst first and best last, so the best level is at
 * the end and adding or removing it moves nothing. Levels are found by binary search over a parallel primitive
 * key array ({@code price} for bids, {@code -price} for asks, so both sides sort ascending towards the best).
 * Books keep tens to a few thousand levels, mostly changing near the top, where an array beats a tree.
 */
final class BookSide {
    private static final int INITIAL_CAPACITY = 64;

    private final boolean bid;
    private long[] keys = new long[INITIAL_CAPACITY];
    private PriceLevel[] levels = new PriceLevel[INITIAL_CAPACITY];
    private int size;

    BookSide(final boolean bid) {
        this.bid = bid;
    }

    int size() {
        return size;
    }

    /** The best level, or null. */
    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The level {@code rank} places from the best (0 = best). */
    PriceLevel fromBest(final int rank) {
        return levels[size - 1 - rank];
    }

    PriceLevel find(final long price) {
        final int i = indexOf(key(price));
        return i >= 0 ? levels[i] : null;
    }

    /** The level at {@code price}, created empty if missing. */
    PriceLevel getOrCreate(final long price) {
        final long key = key(price);
        final int i = indexOf(key);
        if (i >= 0) {
            return levels[i];
        }
        final int at = -(i + 1);
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        if (at < size) {
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(levels, at, levels, at + 1, size - at);
        }
        final PriceLevel level = new PriceLevel(price);
        keys[at] = key;
        levels[at] = level;
        size++;
        return level;
    }

    /** Removes an empty level. */
    void remove(final PriceLevel level) {
        final int i = indexOf(key(level.price));
        if (i < 0 || levels[i] != level) {
            throw new IllegalStateException("level " + level.price + " is not in this side");
        }
        final int tailCount = size - 1 - i;
        if (tailCount > 0) {
            System.arraycopy(keys, i + 1, keys, i, tailCount);
            System.arraycopy(levels, i + 1, levels, i, tailCount);
        }
        size--;
        levels[size] = null;
    }

    private long key(final long price) {
        return bid ? price : -price;
    }

    /** Binary search; checks the best end first because most traffic is at the top of the book. */
    private int indexOf(final long key) {
        if (size == 0) {
            return -1;
        }
        final long top = keys[size - 1];
        if (key == top) {
            return size - 1;
        }
        if (key > top) {
            return -(size + 1);
        }
        int lo = 0;
        int hi = size - 2;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
