package dev.tandem.sim;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import java.util.Objects;

/**
 * An order as the venue's ledger sees it when deciding whether it may be placed and what it reserves.
 *
 * @param orderId        the venue's order id (unique while the order lives)
 * @param instrument     the instrument
 * @param side           buy or sell
 * @param type           the order type
 * @param price          the limit price (LIMIT, STOP_LIMIT), else 0
 * @param triggerPrice   the stop's trigger price, else 0
 * @param qty            the quantity
 * @param reduceOnly     reduce-only
 * @param referencePrice the price a market order is expected to trade near (best opposite, else last), 0 if
 *                       unknown
 */
public record OrderTicket(long orderId, Instrument instrument, Side side, OrderType type, long price, long triggerPrice,
                          long qty, boolean reduceOnly, long referencePrice) {
    public OrderTicket {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
    }

    /** The price the ledger values the order at: the limit price, else the trigger price, else the reference. */
    public long valuationPrice() {
        if (type.hasLimitPrice() && price > 0) {
            return price;
        }
        if (type.hasTriggerPrice() && triggerPrice > 0) {
            return triggerPrice;
        }
        return referencePrice;
    }
}
