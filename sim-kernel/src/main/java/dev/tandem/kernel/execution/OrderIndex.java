package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.ClientOrderId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;

/**
 * The order manager's orders by client order id: a hash index for the lookups on the order path (every report, every
 * send), and client-id order, by sorting on demand, for everything that reaches output (snapshots, digests, lists).
 *
 * <p>Why not a {@code TreeMap}: client ids of a run share their first fifteen or so characters
 * ({@code <runTag>-<strategy>-}), so each of the ten-odd comparisons of a tree lookup in a thousand orders walked that
 * prefix, several lookups per order. The hash map is never iterated for output (its order depends on hash codes):
 * {@link #sorted()} sorts, {@link #removeIf} returns only a count.
 */
final class OrderIndex {
    private static final Comparator<Order> BY_ID = Comparator.comparing(Order::clientOrderId);

    private final UnifiedMap<ClientOrderId, Order> byId = new UnifiedMap<>();

    /** The order with this id, or null. */
    Order get(final ClientOrderId id) {
        return byId.get(id);
    }

    boolean containsKey(final ClientOrderId id) {
        return byId.containsKey(id);
    }

    /** Adds an order under its own id; the id must be new. */
    void add(final Order o) {
        if (byId.putIfAbsent(o.clientOrderId(), o) != null) {
            throw new IllegalStateException("client order id " + o.clientOrderId() + " is already indexed");
        }
    }

    int size() {
        return byId.size();
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Every order, in client-id order. */
    List<Order> sorted() {
        final List<Order> out = new ArrayList<>(byId.values());
        out.sort(BY_ID);
        return out;
    }

    /** Removes the orders matching {@code condition}; returns how many (a count does not depend on hash order). */
    int removeIf(final Predicate<Order> condition) {
        final int before = byId.size();
        byId.values().removeIf(condition);
        return before - byId.size();
    }
}
