package dev.tandem.bench;

import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.indicator.Ema;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;

/**
 * A strategy that does constant work per quote (one EMA update of the mid and a counter) and never orders on its
 * own. It hands out its context so a benchmark can submit intents through the real {@link StrategyContext}.
 */
final class QuoteStrategy implements Strategy {
    private final Ema ema = new Ema(50);
    private final int priceScale;
    StrategyContext context;
    long quotes;
    long orderEvents;

    QuoteStrategy(final int priceScale) {
        this.priceScale = priceScale;
    }

    @Override
    public void onStart(final StrategyContext context) {
        this.context = context;
    }

    @Override
    public void onQuote(final QuoteTick quote) {
        ema.update(Fixed.toDouble(quote.midPrice(), priceScale));
        quotes++;
    }

    @Override
    public void onOrderEvent(final dev.tandem.kernel.event.OrderEvent event) {
        orderEvents++;
    }

    /** The indicator's value (benchmarks return it so nothing is dead code). */
    double value() {
        return ema.value();
    }
}
