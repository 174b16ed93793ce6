package dev.tandem.kernel.time;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reference model of {@link TimerQueue} for tests: the former implementation, a {@code TreeMap} keyed by
 * (deadline, name, sequence). Simple enough to be obviously right; it allocates a key, a tree node and a
 * {@link TimerQueue.Due} per timer, which is why the kernel no longer uses it.
 */
final class ReferenceTimerQueue<T> {
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

    private final TreeMap<Key, T> timers = new TreeMap<>();
    private long nextSeq;

    long schedule(final String name, final long deadlineNanos, final T payload) {
        final long seq = nextSeq++;
        timers.put(new Key(deadlineNanos, name, seq), payload);
        return seq;
    }

    boolean cancel(final String name, final long deadlineNanos, final long seq) {
        return timers.remove(new Key(deadlineNanos, name, seq)) != null;
    }

    int cancelAll(final String name) {
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

    long nextDeadlineNanos() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.firstKey().deadlineNanos;
    }

    TimerQueue.Due<T> pollDue(final long nowNanos) {
        if (timers.isEmpty() || timers.firstKey().deadlineNanos > nowNanos) {
            return null;
        }
        final var e = timers.pollFirstEntry();
        return new TimerQueue.Due<>(e.getKey().name, e.getKey().deadlineNanos, e.getKey().seq, e.getValue());
    }

    int size() {
        return timers.size();
    }

    long nextSeq() {
        return nextSeq;
    }

    List<TimerQueue.Due<T>> pending() {
        final var out = new ArrayList<TimerQueue.Due<T>>(timers.size());
        timers.forEach((k, v) -> out.add(new TimerQueue.Due<>(k.name, k.deadlineNanos, k.seq, v)));
        return out;
    }

    void restoreNextSeq(final long nextSeqValue) {
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }

    void restore(final TimerQueue.Due<T> due, final long nextSeqValue) {
        timers.put(new Key(due.deadlineNanos(), due.name(), due.seq()), due.payload());
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }
}
