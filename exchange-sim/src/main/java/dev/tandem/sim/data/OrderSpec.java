package dev.tandem.sim.data;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;

/**
 * An order as the bar fill models see it.
 *
 * @param side  buy or sell
 * @param type  {@link OrderType#MARKET}, {@link OrderType#LIMIT} or {@link OrderType#STOP_MARKET}
 *              ({@code STOP_LIMIT} is not modelled on bars)
 * @param qty   quantity (scaled), positive; fills are always for the whole quantity
 * @param price the limit price for LIMIT, the trigger price for STOP_MARKET, 0 for MARKET (scaled)
 */
public record OrderSpec(Side side, OrderType type, long qty, long price) {
    public OrderSpec {
        if (side == null || type == null) {
            throw new IllegalArgumentException("side and type are required");
        }
        if (qty <= 0) {
            throw new IllegalArgumentException("qty must be positive: " + qty);
        }
        switch (type) {
            case MARKET -> {
                if (price != 0) {
                    throw new IllegalArgumentException("a market order has no price");
                }
            }
            case LIMIT, STOP_MARKET -> {
                if (price <= 0) {
                    throw new IllegalArgumentException(type + " needs a positive price: " + price);
                }
            }
            default -> throw new IllegalArgumentException(type + " is not modelled on bar data");
        }
    }

    /** A market order. */
    public static OrderSpec market(final Side side, final long qty) {
        return new OrderSpec(side, OrderType.MARKET, qty, 0);
    }

    /** A limit order. */
    public static OrderSpec limit(final Side side, final long qty, final long limitPrice) {
        return new OrderSpec(side, OrderType.LIMIT, qty, limitPrice);
    }

    /** A stop-market order: becomes a market order when the price reaches {@code triggerPrice}. */
    public static OrderSpec stopMarket(final Side side, final long qty, final long triggerPrice) {
        return new OrderSpec(side, OrderType.STOP_MARKET, qty, triggerPrice);
    }
}
