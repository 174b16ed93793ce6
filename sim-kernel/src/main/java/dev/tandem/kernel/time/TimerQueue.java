package dev.tandem.kernel.time;

import java.util.TreeMap;

/**
 * Pending timers ordered by (deadline, name, insertion sequence). Names are owned by the code that
 * schedules them ("retry:S1-000001", "breaker:BYBIT"), which makes same-deadline order readable and stable.
 *
 * @param <T> the payload handed back when the timer fires
 */
public final class TimerQueue<T> {
    private record Key(long deadlineNanos, String name, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(final Key o) {
            int c = Long.compare(deadlineNanos, o.deadlineNanos);
            if (c != 0) {
                return c;
            }
            c = name.compareTo(o.name);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A timer due for firing. */
    public record Due<T>(String name, long deadlineNanos, long seq, T payload) {}

    private final TreeMap<Key, T> timers = new TreeMap<>();
    private long nextSeq;

    /** Schedules a timer and returns its sequence number (its handle for {@link #cancel}). */
    public long schedule(final String name, final long deadlineNanos, final T payload) {
        final long seq = nextSeq++;
        timers.put(new Key(deadlineNanos, name, seq), payload);
        return seq;
    }

    /** Cancels a timer; returns false if it already fired or never existed. */
    public boolean cancel(final String name, final long deadlineNanos, final long seq) {
        return timers.remove(new Key(deadlineNanos, name, seq)) != null;
    }

    /** Cancels every pending timer with this name; returns how many. */
    public int cancelAll(final String name) {
        int n = 0;
        final var it = timers.keySet().iterator();
        while (it.hasNext()) {
            if (it.next().name.equals(name)) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** Deadline of the earliest timer, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextDeadlineNanos() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.firstKey().deadlineNanos;
    }

    /** Removes and returns the earliest timer if it is due at or before {@code nowNanos}, else null. */
    public Due<T> pollDue(final long nowNanos) {
        if (timers.isEmpty() || timers.firstKey().deadlineNanos > nowNanos) {
            return null;
        }
        final var e = timers.pollFirstEntry();
        return new Due<>(e.getKey().name, e.getKey().deadlineNanos, e.getKey().seq, e.getValue());
    }

    /** Number of pending timers. */
    public int size() {
        return timers.size();
    }

    /** The next sequence number (part of the kernel's snapshot). */
    public long nextSeq() {
        return nextSeq;
    }

    /** Pending timers in firing order (for snapshots and digests). */
    public java.util.List<Due<T>> pending() {
        final var out = new java.util.ArrayList<Due<T>>(timers.size());
        timers.forEach((k, v) -> out.add(new Due<>(k.name, k.deadlineNanos, k.seq, v)));
        return out;
    }

    /**
     * Restores the next sequence number (snapshot restore; {@link #restore} only raises it to the value given, so a
     * queue restored without pending timers needs this). It never goes down.
     */
    public void restoreNextSeq(final long nextSeqValue) {
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }

    /** Restores a timer exactly as it was (snapshot restore). */
    public void restore(final Due<T> due, final long nextSeqValue) {
        timers.put(new Key(due.deadlineNanos(), due.name(), due.seq()), due.payload());
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }
}
