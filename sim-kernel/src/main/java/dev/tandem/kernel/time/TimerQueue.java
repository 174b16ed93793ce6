package dev.tandem.kernel.time;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pending timers ordered by (deadline, name, insertion sequence). Names are owned by the code that
 * schedules them ("retry:S1-000001", "breaker:BYBIT"), which makes same-deadline order readable and stable.
 *
 * <p>A binary min-heap in parallel arrays: scheduling, polling and re-arming allocate nothing once the arrays have
 * grown to the run's largest number of pending timers. (The kernel's data-staleness timer fires and is re-armed every
 * few market-data events on a sparse trade tape; the earlier {@code TreeMap} of key records allocated a key, a tree
 * node and a {@link Due} per firing.) The (deadline, name, sequence) keys are unique, since sequences are, so the
 * firing order is exactly the sorted order of the keys, whatever the heap's internal layout. {@link #poll} and its
 * accessors are the allocation-free way to take due timers; {@link #pollDue} is the same with a {@link Due} record.
 *
 * @param <T> the payload handed back when the timer fires
 */
public final class TimerQueue<T> {
    /** A timer due for firing. */
    public record Due<T>(String name, long deadlineNanos, long seq, T payload) {}

    private static final int INITIAL_CAPACITY = 16;

    // heap slot i: its children are 2i+1 and 2i+2; slot 0 is the earliest timer
    private long[] deadlines = new long[INITIAL_CAPACITY];
    private String[] names = new String[INITIAL_CAPACITY];
    private long[] seqs = new long[INITIAL_CAPACITY];
    private Object[] payloads = new Object[INITIAL_CAPACITY];
    private int size;
    private long nextSeq;

    // the timer taken by the last successful poll
    private String polledName;
    private long polledDeadline;
    private long polledSeq;
    private T polledPayload;

    /** Schedules a timer and returns its sequence number (its handle for {@link #cancel}). */
    public long schedule(final String name, final long deadlineNanos, final T payload) {
        final long seq = nextSeq++;
        insert(name, deadlineNanos, seq, payload);
        return seq;
    }

    private void insert(final String name, final long deadlineNanos, final long seq, final Object payload) {
        if (name == null) {
            throw new NullPointerException("timer name");
        }
        if (size == deadlines.length) {
            final int capacity = Math.multiplyExact(size, 2);
            deadlines = Arrays.copyOf(deadlines, capacity);
            names = Arrays.copyOf(names, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            payloads = Arrays.copyOf(payloads, capacity);
        }
        siftUp(size++, deadlineNanos, name, seq, payload);
    }

    /** Cancels a timer; returns false if it already fired or never existed. */
    public boolean cancel(final String name, final long deadlineNanos, final long seq) {
        for (int i = 0; i < size; i++) {
            if (seqs[i] == seq && deadlines[i] == deadlineNanos && names[i].equals(name)) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    /** Cancels every pending timer with this name; returns how many. */
    public int cancelAll(final String name) {
        int n = 0;
        int i = 0;
        while (i < size) {
            if (names[i].equals(name)) {
                removeAt(i);
                n++;
                // the slot now holds another timer (moved up from below or from the end): look at it again; a timer
                // moved into a slot before i by removeAt's sift-up is one that was after i, so i restarts there
                i = Math.min(i, lastMovedTo);
            } else {
                i++;
            }
        }
        return n;
    }

    /** Deadline of the earliest timer, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextDeadlineNanos() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /**
     * Removes the earliest timer if it is due at or before {@code nowNanos}; true if one was removed. Its name,
     * deadline, sequence and payload are then {@link #polledName}, {@link #polledDeadlineNanos}, {@link #polledSeq}
     * and {@link #polledPayload} until the next successful poll.
     */
    public boolean poll(final long nowNanos) {
        if (size == 0 || deadlines[0] > nowNanos) {
            return false;
        }
        polledName = names[0];
        polledDeadline = deadlines[0];
        polledSeq = seqs[0];
        @SuppressWarnings("unchecked")
        final T payload = (T) payloads[0];
        polledPayload = payload;
        removeAt(0);
        return true;
    }

    /** The name of the timer taken by the last successful {@link #poll}. */
    public String polledName() {
        return polledName;
    }

    /** The deadline of the timer taken by the last successful {@link #poll}. */
    public long polledDeadlineNanos() {
        return polledDeadline;
    }

    /** The sequence number of the timer taken by the last successful {@link #poll}. */
    public long polledSeq() {
        return polledSeq;
    }

    /** The payload of the timer taken by the last successful {@link #poll}. */
    public T polledPayload() {
        return polledPayload;
    }

    /** Removes and returns the earliest timer if it is due at or before {@code nowNanos}, else null. */
    public Due<T> pollDue(final long nowNanos) {
        if (!poll(nowNanos)) {
            return null;
        }
        return new Due<>(polledName, polledDeadline, polledSeq, polledPayload);
    }

    /** Number of pending timers. */
    public int size() {
        return size;
    }

    /** The next sequence number (part of the kernel's snapshot). */
    public long nextSeq() {
        return nextSeq;
    }

    /** Pending timers in firing order (for snapshots and digests). */
    public List<Due<T>> pending() {
        final List<Due<T>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            @SuppressWarnings("unchecked")
            final T payload = (T) payloads[i];
            out.add(new Due<>(names[i], deadlines[i], seqs[i], payload));
        }
        out.sort((a, b) -> compare(a.deadlineNanos(), a.name(), a.seq(), b.deadlineNanos(), b.name(), b.seq()));
        return out;
    }

    /**
     * Restores the next sequence number (snapshot restore; {@link #restore} only raises it to the value given, so a
     * queue restored without pending timers needs this). It never goes down.
     */
    public void restoreNextSeq(final long nextSeqValue) {
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }

    /** Restores a timer exactly as it was (snapshot restore); a timer with the same key is replaced. */
    public void restore(final Due<T> due, final long nextSeqValue) {
        cancel(due.name(), due.deadlineNanos(), due.seq());
        insert(due.name(), due.deadlineNanos(), due.seq(), due.payload());
        nextSeq = Math.max(nextSeq, nextSeqValue);
    }

    // ------------------------------------------------------------------------------------------------ the heap

    /** Where {@link #removeAt} put the timer it moved last (for {@link #cancelAll}). */
    private int lastMovedTo;

    private static int compare(final long d1, final String n1, final long s1, final long d2, final String n2, final long s2) {
        int c = Long.compare(d1, d2);
        if (c != 0) {
            return c;
        }
        c = n1 == n2 ? 0 : n1.compareTo(n2);
        return c != 0 ? c : Long.compare(s1, s2);
    }

    private boolean less(final long d, final String n, final long s, final int slot) {
        return compare(d, n, s, deadlines[slot], names[slot], seqs[slot]) < 0;
    }

    private void set(final int slot, final long d, final String n, final long s, final Object p) {
        deadlines[slot] = d;
        names[slot] = n;
        seqs[slot] = s;
        payloads[slot] = p;
    }

    private void move(final int from, final int to) {
        set(to, deadlines[from], names[from], seqs[from], payloads[from]);
    }

    /** Places the timer at {@code slot} or above it; returns where it ended. */
    private int siftUp(int slot, final long d, final String n, final long s, final Object p) {
        while (slot > 0) {
            final int parent = (slot - 1) >>> 1;
            if (!less(d, n, s, parent)) {
                break;
            }
            move(parent, slot);
            slot = parent;
        }
        set(slot, d, n, s, p);
        return slot;
    }

    /** Places the timer at {@code slot} or below it; returns where it ended. */
    private int siftDown(int slot, final long d, final String n, final long s, final Object p) {
        final int half = size >>> 1; // slots below this one have a child
        while (slot < half) {
            int child = 2 * slot + 1;
            final int right = child + 1;
            if (right < size && compare(deadlines[right], names[right], seqs[right], deadlines[child], names[child], seqs[child]) < 0) {
                child = right;
            }
            if (less(d, n, s, child)) {
                break; // keys are unique: the timer is earlier than both children
            }
            move(child, slot);
            slot = child;
        }
        set(slot, d, n, s, p);
        return slot;
    }

    /** Removes the timer at {@code slot}: the last timer takes its place and moves down or up. */
    private void removeAt(final int slot) {
        final int last = --size;
        if (slot == last) {
            clear(last);
            lastMovedTo = slot;
            return;
        }
        final long d = deadlines[last];
        final String n = names[last];
        final long s = seqs[last];
        final Object p = payloads[last];
        clear(last);
        int at = siftDown(slot, d, n, s, p);
        if (at == slot) {
            at = siftUp(slot, d, n, s, p);
        }
        lastMovedTo = at;
    }

    private void clear(final int slot) {
        names[slot] = null;
        payloads[slot] = null;
    }
}
