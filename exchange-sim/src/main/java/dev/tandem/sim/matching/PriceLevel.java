package dev.tandem.sim.matching;

/** One price level: a FIFO queue of resting orders as an intrusive doubly-linked list (O(1) append and unlink). */
final class PriceLevel {
    final long price;
    /** Sum of the queue's leaves quantities. */
    long totalQty;
    int count;
    Order head;
    Order tail;

    PriceLevel(final long price) {
        this.price = price;
    }

    void append(final Order o) {
        o.level = this;
        o.next = null;
        o.prev = tail;
        if (tail == null) {
            head = o;
        } else {
            tail.next = o;
        }
        tail = o;
        count++;
        totalQty = Math.addExact(totalQty, o.leaves());
    }

    /** Unlinks the order; the caller keeps {@link #totalQty} right for quantity it changes itself. */
    void unlink(final Order o) {
        if (o.prev == null) {
            head = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            tail = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        o.prev = null;
        o.next = null;
        o.level = null;
        count--;
        totalQty -= o.leaves();
    }

    boolean isEmpty() {
        return count == 0;
    }
}
