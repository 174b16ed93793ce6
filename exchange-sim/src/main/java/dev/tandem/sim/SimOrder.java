package dev.tandem.sim;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.VenueOrderStatus;

/** The venue's record of one order (kernel or agent): what the matching engine does not keep once an order ends. */
final class SimOrder {
    final long id;
    final long account;
    final ClientOrderId clientOrderId;
    final Instrument instrument;
    final Side side;
    final OrderType type;
    final TimeInForce tif;
    final long triggerPrice;
    final boolean reduceOnly;
    long price;
    long qty;
    long filled;
    /** Σ price × qty of the fills, for the average fill price. */
    long filledCost;
    VenueOrderStatus status;
    /** The acceptance was reported already (a waiting market order entering the book later). */
    boolean acceptReported;
    /** A stop order that has not triggered yet. */
    boolean pendingStop;
    /** Waits for the next bar (a market order under a next-bar fill model). */
    boolean waiting;

    SimOrder(final long id, final long account, final ClientOrderId clientOrderId, final Instrument instrument, final Side side,
             final OrderType type, final TimeInForce tif, final long price, final long triggerPrice, final long qty,
             final boolean reduceOnly) {
        this.id = id;
        this.account = account;
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.side = side;
        this.type = type;
        this.tif = tif;
        this.price = type.hasLimitPrice() ? price : 0;
        this.triggerPrice = type.hasTriggerPrice() ? triggerPrice : 0;
        this.qty = qty;
        this.reduceOnly = reduceOnly;
        this.status = VenueOrderStatus.NEW;
    }

    String venueOrderId() {
        return "V" + id;
    }

    long leaves() {
        return qty - filled;
    }

    boolean isOpen() {
        return !status.isClosed();
    }

    VenueOrder view() {
        return new VenueOrder(clientOrderId, venueOrderId(), instrument.id(), side, type, price, qty, filled,
                filled == 0 ? 0 : filledCost / filled, status);
    }

    OrderTicket ticket(final long referencePrice) {
        return new OrderTicket(id, instrument, side, type, price, triggerPrice, qty, reduceOnly, referencePrice);
    }

    void writeTo(final StateDigest d) {
        d.putLong(id).putLong(account).putString(clientOrderId == null ? null : clientOrderId.value())
                .putString(instrument.id().symbol()).putEnum(side).putEnum(type).putEnum(tif).putLong(price)
                .putLong(triggerPrice).putBoolean(reduceOnly).putLong(qty).putLong(filled).putLong(filledCost)
                .putEnum(status).putBoolean(pendingStop).putBoolean(waiting);
    }
}
