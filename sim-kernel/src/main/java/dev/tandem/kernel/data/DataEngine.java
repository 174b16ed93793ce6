package dev.tandem.kernel.data;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.InstrumentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the latest market state per instrument and answers {@link MarketView}. Updating is allocation-free once
 * an instrument has been seen (one map lookup, field writes), because it sits on the hot path of every quote.
 */
public final class DataEngine implements MarketView {
    /** Latest state of one instrument; mutable, owned by the engine. */
    private static final class Latest {
        long mark;
        long index;
        long last;
        long fundingRate;
        long nextFundingNanos;
        QuoteTick quote;
        BookSnapshot book;
        Bar bar;
        long lastUpdateNanos = -1;
        long updates;
    }

    // Lookup only (never iterated into output): insertion-ordered map, no hash-order leaks.
    private final Map<InstrumentId, Latest> latest = new LinkedHashMap<>();
    /**
     * The instrument looked up last (the very id instance) and its state: nearly every event and question names the
     * same instrument as the one before, and a hash lookup per call was a visible part of a replayed trade.
     */
    private InstrumentId lastId;
    private Latest lastLatest;

    /** Records one market-data event. */
    public void onData(final MarketData data) {
        final InstrumentId id = data.instrumentId();
        Latest l = get(id);
        if (l == null) {
            l = new Latest();
            latest.put(id, l);
            lastId = id;
            lastLatest = l;
        }
        l.lastUpdateNanos = data.tsInitNanos();
        l.updates++;
        if (data instanceof QuoteTick q) {
            l.quote = q;
        } else if (data instanceof TradeTick t) {
            l.last = t.price();
        } else if (data instanceof Bar b) {
            l.bar = b;
            l.last = b.close();
        } else if (data instanceof BookSnapshot b) {
            l.book = b;
        } else if (data instanceof MarkPrice m) {
            l.mark = m.markPrice();
            l.index = m.indexPrice();
        } else if (data instanceof FundingRate f) {
            l.fundingRate = f.fundingRate();
            l.nextFundingNanos = f.nextFundingTimeNanos();
        }
    }

    private Latest get(final InstrumentId id) {
        if (id == lastId && id != null) {
            return lastLatest;
        }
        final Latest l = latest.get(id);
        if (l != null) {
            lastId = id;
            lastLatest = l;
        }
        return l;
    }

    @Override
    public long markPrice(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? 0 : l.mark;
    }

    @Override
    public long lastPrice(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? 0 : l.last;
    }

    @Override
    public long referencePrice(final InstrumentId id) {
        final Latest l = get(id);
        if (l == null) {
            return 0;
        }
        if (l.mark > 0) {
            return l.mark;
        }
        if (l.quote != null && l.quote.bidPrice() > 0 && l.quote.askPrice() > 0) {
            return l.quote.midPrice();
        }
        if (l.book != null && l.book.bestBid() > 0 && l.book.bestAsk() > 0) {
            return (l.book.bestBid() + l.book.bestAsk()) / 2;
        }
        return l.last;
    }

    /**
     * The price positions are valued at: the mark when the venue publishes one, otherwise the reference price.
     */
    public long valuationPrice(final InstrumentId id) {
        return referencePrice(id);
    }

    @Override
    public BookSnapshot book(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? null : l.book;
    }

    @Override
    public QuoteTick quote(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? null : l.quote;
    }

    /** Latest bar, or null. */
    public Bar bar(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? null : l.bar;
    }

    /** Latest funding rate (rate scale), 0 if none. */
    public long fundingRate(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? 0 : l.fundingRate;
    }

    @Override
    public long lastUpdateNanos(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? -1 : l.lastUpdateNanos;
    }

    /** Number of market-data events seen for an instrument. */
    public long updates(final InstrumentId id) {
        final Latest l = get(id);
        return l == null ? 0 : l.updates;
    }

    /** Writes the prices that drive decisions, in instrument order. */
    public void digest(final StateDigest d) {
        d.section("data");
        final TreeMap<InstrumentId, Latest> sorted = new TreeMap<>(latest);
        sorted.forEach((id, l) -> {
            d.putString(id.toString()).putLong(l.mark).putLong(l.index).putLong(l.last).putLong(l.fundingRate);
            d.putLong(l.lastUpdateNanos).putLong(l.updates);
            d.putLong(l.quote == null ? -1 : l.quote.bidPrice()).putLong(l.quote == null ? -1 : l.quote.askPrice());
            d.putLong(l.book == null ? -1 : l.book.bestBid()).putLong(l.book == null ? -1 : l.book.bestAsk());
        });
    }

    /** Saved state of one instrument (snapshot). */
    public record LatestSnapshot(
            InstrumentId instrumentId,
            long mark,
            long index,
            long last,
            long fundingRate,
            long nextFundingNanos,
            QuoteTick quote,
            BookSnapshot book,
            Bar bar,
            long lastUpdateNanos,
            long updates) {}

    /** The whole state, in instrument order. */
    public java.util.List<LatestSnapshot> snapshot() {
        final java.util.List<LatestSnapshot> out = new java.util.ArrayList<>();
        new TreeMap<>(latest).forEach((id, l) -> out.add(new LatestSnapshot(
                id, l.mark, l.index, l.last, l.fundingRate, l.nextFundingNanos, l.quote, l.book, l.bar,
                l.lastUpdateNanos, l.updates)));
        return out;
    }

    /** Restores a state taken with {@link #snapshot()} (replacing everything). */
    public void restore(final java.util.List<LatestSnapshot> saved) {
        latest.clear();
        lastId = null;
        lastLatest = null;
        for (final LatestSnapshot s : saved) {
            final Latest l = new Latest();
            l.mark = s.mark();
            l.index = s.index();
            l.last = s.last();
            l.fundingRate = s.fundingRate();
            l.nextFundingNanos = s.nextFundingNanos();
            l.quote = s.quote();
            l.book = s.book();
            l.bar = s.bar();
            l.lastUpdateNanos = s.lastUpdateNanos();
            l.updates = s.updates();
            latest.put(s.instrumentId(), l);
        }
    }
}
