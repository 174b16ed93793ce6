package dev.tandem.kernel.strategy;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.FundingRate;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.time.TimeEvent;

/**
 * A trading strategy. All callbacks run on the kernel thread, one at a time, in a deterministic order; a callback
 * must not block. Market-data callbacks come only for the instruments the strategy was registered with. Order
 * events of the strategy's own orders come through {@link #onOrderEvent} (fills additionally through {@link #onFill}).
 */
public interface Strategy {
    /** Called once before any other callback; keep the context for later. */
    default void onStart(StrategyContext context) {}

    /** Called once when the kernel stops. */
    default void onStop() {}

    /** A bar closed. */
    default void onBar(Bar bar) {}

    /** A public trade. */
    default void onTrade(TradeTick trade) {}

    /** A new best bid/offer. */
    default void onQuote(QuoteTick quote) {}

    /** A new order-book snapshot. */
    default void onBook(BookSnapshot book) {}

    /** A new mark price. */
    default void onMarkPrice(MarkPrice mark) {}

    /** A new funding rate. */
    default void onFundingRate(FundingRate funding) {}

    /** Any event of one of this strategy's orders (including denials and fills). */
    default void onOrderEvent(OrderEvent event) {}

    /** A fill of one of this strategy's orders (after {@link #onOrderEvent} for the same event). */
    default void onFill(OrderFilled fill) {}

    /** A timer set with {@link StrategyContext#setTimer} fired. */
    default void onTimer(TimeEvent timer) {}
}
