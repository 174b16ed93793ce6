package dev.tandem.sim.matching;

import dev.tandem.kernel.model.Side;
import java.util.Arrays;

/**
 * Pending stops of one side watching one price series, kept in trigger order: buys by trigger price ascending,
 * sells by trigger price descending, ties by arrival sequence. A buy stop triggers when the reference price is at
 * or above its trigger price, a sell stop at or below, so the triggered stops are always a prefix.
 */
final class StopQueue {
    private final Side side;
    private Order[] items = new Order[16];
    private int size;

    StopQueue(final Side side) {
        this.side = side;
    }

    int size() {
        return size;
    }

    Order get(final int i) {
        return items[i];
    }

    boolean triggers(final Order o, final long reference) {
        return side == Side.BUY ? reference >= o.triggerPrice : reference <= o.triggerPrice;
    }

    void add(final Order o) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        int at = size;
        while (at > 0 && before(o, items[at - 1])) {
            at--;
        }
        System.arraycopy(items, at, items, at + 1, size - at);
        items[at] = o;
        size++;
    }

    void remove(final Order o) {
        int i = 0;
        while (i < size && items[i] != o) {
            i++;
        }
        if (i == size) {
            throw new IllegalStateException("stop " + o.id + " is not queued");
        }
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
    }

    /**
     * Moves the stops that trigger at {@code reference} out of the queue, in trigger order.
     *
     * @return the new fill count of {@code out}
     */
    int drainTriggered(final long reference, final Order[] out, final int outCount) {
        int n = 0;
        while (n < size && triggers(items[n], reference)) {
            n++;
        }
        if (n == 0) {
            return outCount;
        }
        System.arraycopy(items, 0, out, outCount, n);
        System.arraycopy(items, n, items, 0, size - n);
        Arrays.fill(items, size - n, size, null);
        size -= n;
        return outCount + n;
    }

    private boolean before(final Order a, final Order b) {
        if (a.triggerPrice != b.triggerPrice) {
            return side == Side.BUY ? a.triggerPrice < b.triggerPrice : a.triggerPrice > b.triggerPrice;
        }
        return a.seq < b.seq;
    }
}
