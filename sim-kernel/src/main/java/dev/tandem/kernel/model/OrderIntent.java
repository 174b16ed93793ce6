package dev.tandem.kernel.model;

/**
 * What a strategy (or the risk engine itself, when flattening) wants to trade. It is not an order yet: it becomes
 * one only if the risk engine lets it pass.
 *
 * @param price        limit price (scaled), 0 for market and stop-market orders
 * @param triggerPrice stop trigger (scaled), 0 unless a stop order
 * @param qty          quantity (scaled), must be positive
 */
public record OrderIntent(
        StrategyId strategyId,
        InstrumentId instrumentId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long price,
        long triggerPrice,
        long qty,
        boolean reduceOnly) {

    /** A GTC limit order. */
    public static OrderIntent limit(
            final StrategyId strategy, final InstrumentId instrument, final Side side, final long price, final long qty) {
        return new OrderIntent(strategy, instrument, side, OrderType.LIMIT, TimeInForce.GTC, price, 0, qty, false);
    }

    /** A market order (IOC by nature). */
    public static OrderIntent market(
            final StrategyId strategy, final InstrumentId instrument, final Side side, final long qty) {
        return new OrderIntent(strategy, instrument, side, OrderType.MARKET, TimeInForce.IOC, 0, 0, qty, false);
    }

    /** The same intent marked reduce-only. */
    public OrderIntent asReduceOnly() {
        return new OrderIntent(strategyId, instrumentId, side, type, timeInForce, price, triggerPrice, qty, true);
    }
}
