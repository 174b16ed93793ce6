package dev.tandem.sim.matching;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of an order book: for tests, tools and digests, not for the hot path.
 *
 * @param bids      bid levels, best (highest) first
 * @param asks      ask levels, best (lowest) first
 * @param stops     pending stop orders: LAST-triggered buys, LAST sells, MARK buys, MARK sells, each group in
 *                  trigger order (buys by trigger price ascending, sells descending, then by arrival)
 * @param lastPrice the last reference price seen, or {@link OrderBook#NO_PRICE}
 * @param markPrice the mark price seen, or {@link OrderBook#NO_PRICE}
 */
public record BookState(List<Level> bids, List<Level> asks, List<Stop> stops, long lastPrice, long markPrice) {

    public BookState {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        stops = List.copyOf(stops);
    }

    /**
     * One price level.
     *
     * @param price  the level's price
     * @param qty    the sum of the queue's leaves quantities
     * @param orders the number of orders in the queue
     * @param queue  the orders in time priority, first to fill first
     */
    public record Level(long price, long qty, int orders, List<Entry> queue) {
        public Level {
            queue = List.copyOf(queue);
        }
    }

    /**
     * One resting order in a level's queue.
     *
     * @param qty    total quantity (filled plus leaves)
     * @param filled filled quantity
     */
    public record Entry(long id, long account, long qty, long filled) {
        /** The unfilled quantity. */
        public long leaves() {
            return qty - filled;
        }
    }

    /** One pending stop order. {@code price} is 0 for a stop-market order. */
    public record Stop(long id, long account, Side side, OrderType type, TimeInForce tif, boolean reduceOnly,
                       TriggerSource source, long triggerPrice, long price, long qty) {
        public Stop {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(tif, "tif");
            Objects.requireNonNull(source, "source");
        }
    }

    /** The best bid price, or {@link OrderBook#NO_PRICE}. */
    public long bestBid() {
        return bids.isEmpty() ? OrderBook.NO_PRICE : bids.get(0).price();
    }

    /** The best ask price, or {@link OrderBook#NO_PRICE}. */
    public long bestAsk() {
        return asks.isEmpty() ? OrderBook.NO_PRICE : asks.get(0).price();
    }

    /** Writes this state into a digest, in the canonical book format. */
    public void writeTo(final StateDigest digest) {
        BookDigestFormat.begin(digest, lastPrice, markPrice);
        writeSide(digest, BookDigestFormat.BIDS, bids);
        writeSide(digest, BookDigestFormat.ASKS, asks);
        BookDigestFormat.stops(digest, stops.size());
        for (final Stop s : stops) {
            BookDigestFormat.stop(digest, s.id(), s.account(), s.side(), s.type(), s.tif(), s.reduceOnly(), s.source(),
                    s.triggerPrice(), s.price(), s.qty());
        }
    }

    private static void writeSide(final StateDigest digest, final String name, final List<Level> levels) {
        BookDigestFormat.side(digest, name, levels.size());
        for (final Level level : levels) {
            BookDigestFormat.level(digest, level.price(), level.qty(), level.orders());
            for (final Entry e : level.queue()) {
                BookDigestFormat.entry(digest, e.id(), e.account(), e.qty(), e.filled());
            }
        }
    }
}
