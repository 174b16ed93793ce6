package dev.tandem.sim;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.FundingRate;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.port.MarketDataPort;
import dev.tandem.sim.fault.FaultInjector;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.InjectedFault;
import dev.tandem.sim.fault.LatencyModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kernel's {@link MarketDataPort} on a {@link SimVenue}: market data for subscribed instruments and kinds.
 *
 * <p>What it publishes: (1) replayed data ({@link SimVenue#addReplay}: bars, trades, quotes, books, marks, funding
 * rates) with their source {@code tsEventNanos}; (2) the venue's own book when it changes — a {@link QuoteTick}
 * when the top of a two-sided book changed, a {@link BookSnapshot} of {@code bookDepth} levels (one-sided books
 * too) — and every trade of its matching engine as a {@link TradeTick} (bar liquidity's trades included);
 * (3) mark prices the venue moves itself (price gaps); (4) fresh snapshots after a reconnect and on a new
 * subscription.
 *
 * <p>Everything reaches the kernel after the market-data latency, in the order the venue produced it (one feed:
 * jitter never reorders it), with {@code tsInitNanos} = venue time + latency, through the loop. Faults: during an
 * MD_DISCONNECT nothing is delivered (the venue still sees the market) and at its end the feed resyncs — a fresh
 * snapshot per subscribed instrument first (the venue's book, else the latest replayed book and quote; the mark);
 * MD_GAP drops events with its probability; STALE_BOOK delivers, in place of every book snapshot and quote, the
 * content last delivered before the window (claiming to be fresh: {@code tsEventNanos} = now).
 *
 * <p>Subscribe only to what the run provides: a bar-driven run's own book holds nothing but the kernel's resting
 * orders, and a one-sided {@code BOOK} snapshot makes the kernel's slippage check refuse market orders.
 */
public final class SimMarketDataPort implements MarketDataPort {

    /** Frozen content under a STALE_BOOK fault. */
    private static final class Frozen {
        final int faultIndex;
        BookSnapshot book;
        QuoteTick quote;

        Frozen(final int faultIndex, final BookSnapshot book, final QuoteTick quote) {
            this.faultIndex = faultIndex;
            this.book = book;
            this.quote = quote;
        }
    }

    private final SimVenue venue;
    private final TreeMap<InstrumentId, EnumSet<DataKind>> subscriptions = new TreeMap<>();
    private final TreeMap<InstrumentId, BookSnapshot> lastBook = new TreeMap<>();
    private final TreeMap<InstrumentId, QuoteTick> lastQuote = new TreeMap<>();
    private final TreeMap<InstrumentId, Frozen> frozen = new TreeMap<>();
    private long lastDeliveryNanos = Long.MIN_VALUE;
    private long delivered;
    private long dropped;

    SimMarketDataPort(final SimVenue venue) {
        this.venue = venue;
    }

    @Override
    public String venue() {
        return venue.name();
    }

    /**
     * Adds these kinds to the instrument's subscription (idempotent). Once the venue is attached, a fresh snapshot
     * of what it knows follows (its own book, else the latest replayed book and quote; the mark).
     */
    @Override
    public void subscribe(final InstrumentId instrumentId, final Set<DataKind> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        if (venue.instrumentOf(instrumentId) == null) {
            throw new IllegalArgumentException("venue " + venue.name() + " does not trade " + instrumentId);
        }
        final EnumSet<DataKind> s = subscriptions.computeIfAbsent(instrumentId, k -> EnumSet.noneOf(DataKind.class));
        s.addAll(kinds);
        if (venue.isAttached()) {
            venue.snapshot(instrumentId);
        }
    }

    @Override
    public void unsubscribe(final InstrumentId instrumentId) {
        subscriptions.remove(instrumentId);
    }

    /** True if someone subscribed to this kind of data of this instrument. */
    public boolean wants(final InstrumentId instrumentId, final DataKind kind) {
        final EnumSet<DataKind> s = subscriptions.get(instrumentId);
        return s != null && s.contains(kind);
    }

    /** The subscribed instruments, sorted. */
    public List<InstrumentId> subscribed() {
        return new ArrayList<>(subscriptions.keySet());
    }

    /** Events delivered to the kernel so far. */
    public long delivered() {
        return delivered;
    }

    /** Events dropped by MD_DISCONNECT and MD_GAP so far. */
    public long dropped() {
        return dropped;
    }

    /** The kind of data an event is. */
    public static DataKind kindOf(final MarketData md) {
        if (md instanceof Bar) {
            return DataKind.BARS;
        } else if (md instanceof TradeTick) {
            return DataKind.TRADES;
        } else if (md instanceof QuoteTick) {
            return DataKind.QUOTES;
        } else if (md instanceof BookSnapshot) {
            return DataKind.BOOK;
        } else if (md instanceof MarkPrice) {
            return DataKind.MARK_PRICE;
        } else if (md instanceof FundingRate) {
            return DataKind.FUNDING;
        }
        throw new IllegalArgumentException("unknown market data " + md.getClass().getName());
    }

    /** Delivers one event to the kernel if subscribed: faults, then latency, then the loop. */
    void deliver(final MarketData event) {
        final InstrumentId id = event.instrumentId();
        if (!wants(id, kindOf(event))) {
            return;
        }
        final FaultInjector faults = venue.faults();
        final long now = venue.loop().nowNanos();
        final InjectedFault disconnect = faults.active(FaultType.MD_DISCONNECT, now);
        if (disconnect != null) {
            faults.count(disconnect);
            dropped++;
            return;
        }
        final InjectedFault gap = faults.active(FaultType.MD_GAP, now, id.symbol());
        if (gap != null && faults.roll(gap)) {
            faults.count(gap);
            dropped++;
            return;
        }
        MarketData md = event;
        long tsEvent = md.tsEventNanos();
        if (md instanceof BookSnapshot || md instanceof QuoteTick) {
            final InjectedFault stale = faults.active(FaultType.STALE_BOOK, now, id.symbol());
            if (stale != null) {
                Frozen f = frozen.get(id);
                if (f == null || f.faultIndex != stale.index()) {
                    f = new Frozen(stale.index(), lastBook.get(id), lastQuote.get(id));
                    frozen.put(id, f);
                }
                final MarketData replacement = md instanceof BookSnapshot ? f.book : f.quote;
                if (replacement == null) {
                    if (md instanceof BookSnapshot b) {
                        f.book = b; // nothing to freeze yet: this one is the frozen content from now on
                    } else {
                        f.quote = (QuoteTick) md;
                    }
                } else {
                    md = replacement;
                    tsEvent = now;
                    faults.count(stale);
                }
            }
        }
        final long at = Math.max(lastDeliveryNanos, now + venue.latency(LatencyModel.Operation.MARKET_DATA));
        lastDeliveryNanos = at;
        final MarketData out = Restamp.data(md, tsEvent, at);
        if (out instanceof BookSnapshot b) {
            lastBook.put(id, b);
        } else if (out instanceof QuoteTick q) {
            lastQuote.put(id, q);
        }
        delivered++;
        venue.loop().publish(out);
    }

    /** A STALE_BOOK window closed: its frozen content goes. */
    void thaw(final InjectedFault fault) {
        frozen.values().removeIf(f -> f.faultIndex == fault.index());
    }

    void digest(final StateDigest d) {
        d.section("market-data").putLong(lastDeliveryNanos).putLong(delivered).putLong(dropped);
        for (final Map.Entry<InstrumentId, EnumSet<DataKind>> e : subscriptions.entrySet()) {
            d.putString(e.getKey().toString());
            for (final DataKind k : e.getValue()) {
                d.putEnum(k);
            }
        }
        for (final Map.Entry<InstrumentId, Frozen> e : frozen.entrySet()) {
            d.putString(e.getKey().toString()).putInt(e.getValue().faultIndex);
        }
    }
}
