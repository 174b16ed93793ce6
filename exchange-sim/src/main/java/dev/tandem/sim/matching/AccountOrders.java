package dev.tandem.sim.matching;

/** An account's live orders in acceptance order, as an intrusive doubly-linked list (for cancel-all). */
final class AccountOrders {
    final long account;
    Order head;
    Order tail;

    AccountOrders(final long account) {
        this.account = account;
    }

    void append(final Order o) {
        o.accountOrders = this;
        o.accountNext = null;
        o.accountPrev = tail;
        if (tail == null) {
            head = o;
        } else {
            tail.accountNext = o;
        }
        tail = o;
    }

    void unlink(final Order o) {
        if (o.accountPrev == null) {
            head = o.accountNext;
        } else {
            o.accountPrev.accountNext = o.accountNext;
        }
        if (o.accountNext == null) {
            tail = o.accountPrev;
        } else {
            o.accountNext.accountPrev = o.accountPrev;
        }
        o.accountPrev = null;
        o.accountNext = null;
        o.accountOrders = null;
    }
}
