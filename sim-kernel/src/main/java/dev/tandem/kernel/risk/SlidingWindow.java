package dev.tandem.kernel.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * A sliding-window counter over kernel time that keeps only the latest {@code capacity} timestamps. A timestamp
 * {@code t} is inside the window at {@code now} when {@code now - t < windowNanos}, i.e. the window is
 * {@code (now - windowNanos, now]}. Because kernel time never goes backwards the stored timestamps are in
 * non-decreasing order, so "at least {@code capacity} timestamps inside the window" is the same as "the oldest
 * of the latest {@code capacity} is inside the window": memory stays bounded however hard a rogue loop pushes.
 */
final class SlidingWindow {
    private final long[] times;
    private int head;
    private int size;

    SlidingWindow(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.times = new long[capacity];
    }

    int capacity() {
        return times.length;
    }

    /** True when {@code capacity} recorded timestamps fall inside the window ending at {@code nowNanos}. */
    boolean isFull(final long nowNanos, final long windowNanos) {
        return size == times.length && nowNanos - times[head] < windowNanos;
    }

    /** How many recorded timestamps fall inside the window (capped at capacity). */
    int count(final long nowNanos, final long windowNanos) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (nowNanos - times[(head + i) % times.length] < windowNanos) {
                n++;
            }
        }
        return n;
    }

    /** Records a timestamp, forgetting the oldest when full. */
    void record(final long nanos) {
        if (size < times.length) {
            times[(head + size) % times.length] = nanos;
            size++;
        } else {
            times[head] = nanos;
            head = (head + 1) % times.length;
        }
    }

    void clear() {
        head = 0;
        size = 0;
    }

    /** Stored timestamps, oldest first. */
    List<Long> toList() {
        final List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(times[(head + i) % times.length]);
        }
        return out;
    }

    /** Replaces the content (snapshot restore); keeps the latest {@code capacity} if given more. */
    void restore(final List<Long> nanos) {
        clear();
        for (final long t : nanos) {
            record(t);
        }
    }
}
