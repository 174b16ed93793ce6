package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.model.ClientOrderId;

/** Order-event helpers shared by the built-in strategies. */
final class Orders {
    private Orders() {}

    /**
     * True when the event ends its order's life: denied, rejected, canceled, expired, or its last fill. (A fill that
     * arrives after a cancel is "late" and ends nothing: the order was already over.)
     */
    static boolean isTerminal(final OrderEvent e) {
        return e instanceof OrderDenied || e instanceof OrderRejected || e instanceof OrderCanceled || e instanceof OrderExpired
                || (e instanceof OrderFilled f && f.leavesQty() == 0 && !f.late());
    }

    /** The id's text, or null. */
    static String text(final ClientOrderId id) {
        return id == null ? null : id.value();
    }

    /** An id from its text, or null. */
    static ClientOrderId id(final String text) {
        return text == null ? null : new ClientOrderId(text);
    }
}
