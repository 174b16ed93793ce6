package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.strategy.SnapshottableStrategy;

/**
 * The common shape of the deliberately bad strategies (rogue-loop, fat-finger, cancel-replace-storm): they do not
 * read prices to decide, they only need to know that market data has started flowing (so their first order has a
 * market to be checked against). Every market-data callback funnels into {@link #onAnyData()}.
 */
abstract class ChaosStrategy implements SnapshottableStrategy {

    /** Called on every market-data event of any kind; implementations arm their timer or fire on the first one. */
    protected abstract void onAnyData();

    @Override
    public final void onBar(final Bar bar) {
        onAnyData();
    }

    @Override
    public final void onTrade(final TradeTick trade) {
        onAnyData();
    }

    @Override
    public final void onQuote(final QuoteTick quote) {
        onAnyData();
    }

    @Override
    public final void onBook(final BookSnapshot book) {
        onAnyData();
    }

    @Override
    public final void onMarkPrice(final MarkPrice mark) {
        onAnyData();
    }
}
