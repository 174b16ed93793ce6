package dev.tandem.kernel.risk;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarketView;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.model.InstrumentId;
import java.util.List;
import java.util.TreeMap;

/**
 * Market state fixed by the test. The reference price is an explicitly set one, else the mark, else the book
 * mid, else the last price (the documented MarketView fallback), else 0.
 */
final class StaticMarket implements MarketView {
    private final TreeMap<InstrumentId, Long> mark = new TreeMap<>();
    private final TreeMap<InstrumentId, Long> last = new TreeMap<>();
    private final TreeMap<InstrumentId, Long> reference = new TreeMap<>();
    private final TreeMap<InstrumentId, BookSnapshot> books = new TreeMap<>();

    StaticMarket mark(final InstrumentId id, final long price) {
        mark.put(id, price);
        return this;
    }

    StaticMarket last(final InstrumentId id, final long price) {
        last.put(id, price);
        return this;
    }

    StaticMarket reference(final InstrumentId id, final long price) {
        reference.put(id, price);
        return this;
    }

    StaticMarket book(final InstrumentId id, final List<BookLevel> bids, final List<BookLevel> asks) {
        books.put(id, new BookSnapshot(id, bids, asks, 0, 0));
        return this;
    }

    void clear() {
        mark.clear();
        last.clear();
        reference.clear();
        books.clear();
    }

    @Override
    public long markPrice(final InstrumentId id) {
        return mark.getOrDefault(id, 0L);
    }

    @Override
    public long lastPrice(final InstrumentId id) {
        return last.getOrDefault(id, 0L);
    }

    @Override
    public long referencePrice(final InstrumentId id) {
        if (reference.containsKey(id)) {
            return reference.get(id);
        }
        if (mark.containsKey(id)) {
            return mark.get(id);
        }
        final BookSnapshot b = books.get(id);
        if (b != null && b.bestBid() > 0 && b.bestAsk() > 0) {
            return (b.bestBid() + b.bestAsk()) / 2;
        }
        return last.getOrDefault(id, 0L);
    }

    @Override
    public BookSnapshot book(final InstrumentId id) {
        return books.get(id);
    }

    @Override
    public QuoteTick quote(final InstrumentId id) {
        return null;
    }

    @Override
    public long lastUpdateNanos(final InstrumentId id) {
        return -1;
    }
}
