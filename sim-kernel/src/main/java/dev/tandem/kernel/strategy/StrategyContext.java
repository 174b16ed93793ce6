package dev.tandem.kernel.strategy;

import dev.tandem.kernel.data.MarketView;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.portfolio.PortfolioView;
import dev.tandem.kernel.random.RandomSource;
import java.util.List;

/** What a strategy can see and do. Every order goes through the risk engine; nothing bypasses it. */
public interface StrategyContext {
    /** This strategy's id. */
    StrategyId strategyId();

    /** Kernel time now, UTC epoch nanoseconds. */
    long nowNanos();

    /** An instrument's definition (filters, scales, fees). */
    Instrument instrument(InstrumentId id);

    /** This strategy's parameters. */
    StrategyParams params();

    /** This strategy's own seeded random stream (derived from the run seed and the strategy id). */
    RandomSource random();

    /**
     * Submits an intent; the strategy id is always this strategy's (it cannot act for another). Returns at once
     * with the client order id and the risk decision.
     */
    SubmitResult submit(OrderIntent intent);

    /** Cancels one of this strategy's orders; returns NONE or why not. */
    ReasonCode cancel(ClientOrderId id);

    /** Amends one of this strategy's orders (new price and total quantity, scaled); returns NONE or why not. */
    ReasonCode amend(ClientOrderId id, long newPrice, long newQty);

    /** Cancels all of this strategy's open orders on an instrument. */
    void cancelAll(InstrumentId id);

    /** This strategy's open orders, oldest first. */
    List<OpenOrder> openOrders();

    /** The account (positions, balances, equity). Positions are per account, shared by strategies. */
    PortfolioView portfolio();

    /** Latest market state. */
    MarketView market();

    /** Account trading state. */
    TradingState tradingState();

    /** This strategy's state. */
    StrategyState state();

    /** Sets (or replaces) a named timer of this strategy; fires {@link Strategy#onTimer}. */
    void setTimer(String name, long deadlineNanos);

    /** Cancels a named timer of this strategy. */
    void cancelTimer(String name);

    /** Convenience: a market order. */
    default SubmitResult marketOrder(final InstrumentId id, final Side side, final long qty) {
        return submit(OrderIntent.market(strategyId(), id, side, qty));
    }

    /** Convenience: a GTC limit order. */
    default SubmitResult limitOrder(final InstrumentId id, final Side side, final long price, final long qty) {
        return submit(OrderIntent.limit(strategyId(), id, side, price, qty));
    }

    /** Convenience: a post-only limit order. */
    default SubmitResult postOnlyOrder(final InstrumentId id, final Side side, final long price, final long qty) {
        return submit(new OrderIntent(strategyId(), id, side, OrderType.LIMIT, TimeInForce.POST_ONLY, price, 0, qty, false));
    }
}
