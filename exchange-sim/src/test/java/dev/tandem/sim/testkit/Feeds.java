package dev.tandem.sim.testkit;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Market-data series for tests (what the data readers will produce from files), time-ordered lists. */
public final class Feeds {
    private Feeds() {}

    /** Flat bars (open = high = low = close) closing at {@code firstCloseNanos}, then every {@code intervalNanos}. */
    public static List<MarketData> flatBars(final InstrumentId id, final long firstCloseNanos, final long intervalNanos,
                                            final long... closes) {
        final List<MarketData> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            final long t = firstCloseNanos + i * intervalNanos;
            out.add(new Bar(id, t - intervalNanos, intervalNanos, closes[i], closes[i], closes[i], closes[i], 0, t, t));
        }
        return out;
    }

    /** One OHLC bar closing at {@code closeNanos}. */
    public static Bar bar(final InstrumentId id, final long closeNanos, final long intervalNanos, final long open,
                          final long high, final long low, final long close) {
        return new Bar(id, closeNanos - intervalNanos, intervalNanos, open, high, low, close, 0, closeNanos, closeNanos);
    }

    /** {@code n} quotes every {@code intervalNanos} from {@code startNanos} at a constant bid/ask. */
    public static List<MarketData> quotes(final InstrumentId id, final long startNanos, final long intervalNanos, final int n,
                                          final long bid, final long ask, final long qty) {
        final List<MarketData> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final long t = startNanos + i * intervalNanos;
            out.add(new QuoteTick(id, bid, qty, ask, qty, t, t));
        }
        return out;
    }

    /** {@code n} trades every {@code intervalNanos} from {@code startNanos} at a constant price. */
    public static List<MarketData> trades(final InstrumentId id, final long startNanos, final long intervalNanos, final int n,
                                          final long price, final long qty) {
        final List<MarketData> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final long t = startNanos + i * intervalNanos;
            out.add(new TradeTick(id, price, qty, i % 2 == 0 ? Side.BUY : Side.SELL, "d" + i, t, t));
        }
        return out;
    }

    /** {@code n} marks every {@code intervalNanos} from {@code startNanos} at a constant price. */
    public static List<MarketData> marks(final InstrumentId id, final long startNanos, final long intervalNanos, final int n,
                                         final long price) {
        final List<MarketData> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final long t = startNanos + i * intervalNanos;
            out.add(new MarkPrice(id, price, price, t, t));
        }
        return out;
    }

    /** Several series merged in time order (stable: at equal times, earlier lists first). */
    @SafeVarargs
    public static List<MarketData> merge(final List<MarketData>... series) {
        final List<MarketData> out = new ArrayList<>();
        for (final List<MarketData> s : series) {
            out.addAll(s);
        }
        out.sort(Comparator.comparingLong(MarketData::tsEventNanos));
        return out;
    }
}
