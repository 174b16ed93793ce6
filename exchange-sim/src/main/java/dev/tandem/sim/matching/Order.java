package dev.tandem.sim.matching;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;

/**
 * The engine's mutable order record; never leaves the package. A resting order is a node of two intrusive
 * doubly-linked lists: its price level's queue and its account's live orders.
 */
final class Order {
    long id;
    long account;
    Side side;
    OrderType type;
    TimeInForce tif;
    boolean reduceOnly;
    TriggerSource triggerSource;
    long triggerPrice;
    /** Limit price; 0 for market and stop-market orders. */
    long price;
    /** Total quantity: filled plus leaves. */
    long qty;
    long filled;
    /** Arrival sequence: orders stops that share a trigger price, and nothing else. */
    long seq;
    /** True while the order is in the id map and its account's list (resting or pending stop). */
    boolean live;
    /** True while the order is a stop waiting for its trigger. */
    boolean pendingStop;

    PriceLevel level;
    Order prev;
    Order next;

    AccountOrders accountOrders;
    Order accountPrev;
    Order accountNext;

    long leaves() {
        return qty - filled;
    }

    boolean isMarket() {
        return type == OrderType.MARKET || type == OrderType.STOP_MARKET;
    }
}
