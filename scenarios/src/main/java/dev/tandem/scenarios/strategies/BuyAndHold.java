package dev.tandem.scenarios.strategies;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;

/**
 * Buys {@code qty} with one market order on the first market data it sees and holds it (built-in
 * {@code buy-and-hold}); if the order is denied or rejected it tries again on the next market data.
 */
public final class BuyAndHold implements Strategy {
    private StrategyContext ctx;
    private InstrumentId id;
    private long qty;
    private boolean done;

    @Override
    public void onStart(final StrategyContext context) {
        this.ctx = context;
        final String qtyText = context.params().string("qty", null);
        if (qtyText == null) {
            throw new IllegalArgumentException("buy-and-hold: parameter 'qty' is required");
        }
        this.id = Instruments.first(context);
        this.qty = context.instrument(id).qty(qtyText);
    }

    private void maybeBuy() {
        if (!done) {
            done = ctx.marketOrder(id, Side.BUY, qty).passed();
        }
    }

    @Override
    public void onBar(final Bar bar) {
        maybeBuy();
    }

    @Override
    public void onTrade(final TradeTick trade) {
        maybeBuy();
    }

    @Override
    public void onQuote(final QuoteTick quote) {
        maybeBuy();
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        if (event instanceof OrderRejected || event instanceof OrderDenied) {
            done = false;
        }
    }
}
