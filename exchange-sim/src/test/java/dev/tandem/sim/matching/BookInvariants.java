package dev.tandem.sim.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Book checkers (STYLE B6 checker 3), reusable by any test that drives an {@link OrderBook}: the resting book is
 * never crossed and its levels are consistent; trades happen at the maker's price and respect price-time
 * priority; resting quantity is conserved (placed − filled − canceled, with amends).
 */
final class BookInvariants {

    private BookInvariants() {
    }

    /** Levels sorted best-first, each non-empty with consistent totals, and best bid below best ask. */
    static void assertWellFormed(final BookState state) {
        assertSide(state.bids(), true);
        assertSide(state.asks(), false);
        if (!state.bids().isEmpty() && !state.asks().isEmpty()) {
            assertThat(state.bestBid()).as("crossed book: best bid %d >= best ask %d", state.bestBid(), state.bestAsk())
                    .isLessThan(state.bestAsk());
        }
        final Set<Long> ids = new TreeSet<>();
        for (final BookState.Level level : concat(state.bids(), state.asks())) {
            for (final BookState.Entry e : level.queue()) {
                assertThat(ids.add(e.id())).as("order %d appears twice", e.id()).isTrue();
            }
        }
        for (final BookState.Stop s : state.stops()) {
            assertThat(ids.add(s.id())).as("order %d appears twice", s.id()).isTrue();
        }
    }

    private static void assertSide(final List<BookState.Level> levels, final boolean bids) {
        for (int i = 0; i < levels.size(); i++) {
            final BookState.Level level = levels.get(i);
            if (i > 0) {
                final long previous = levels.get(i - 1).price();
                assertThat(bids ? previous > level.price() : previous < level.price())
                        .as("levels out of order: %d then %d", previous, level.price()).isTrue();
            }
            assertThat(level.queue()).as("empty level %d", level.price()).isNotEmpty();
            assertThat(level.orders()).as("order count at %d", level.price()).isEqualTo(level.queue().size());
            long sum = 0;
            for (final BookState.Entry e : level.queue()) {
                assertThat(e.filled()).as("filled of %d", e.id()).isNotNegative();
                assertThat(e.leaves()).as("leaves of resting order %d", e.id()).isPositive();
                sum += e.leaves();
            }
            assertThat(level.qty()).as("qty at %d", level.price()).isEqualTo(sum);
        }
    }

    /**
     * Trades of one command respect the book as it was before the command: each trade is at the maker's resting
     * price; every order that was ahead of a maker (better price on its side, or earlier in its queue) has left the
     * book by the end of the command; each taker walks prices monotonically; resting orders the command did not
     * touch keep their relative queue order.
     *
     * @param ownIds the ids the command itself placed, amended or triggered (they may move)
     */
    static void assertPriceTimePriority(final BookState pre, final BookState post,
                                        final List<RecordingListener.Event> events, final Set<Long> ownIds) {
        final Map<Long, Position> before = positions(pre);
        final Map<Long, Position> after = positions(post);
        final Map<Long, Long> lastPriceByTaker = new TreeMap<>();
        for (final RecordingListener.Event event : events) {
            if (!(event instanceof RecordingListener.Trade)) {
                continue;
            }
            final RecordingListener.Trade t = (RecordingListener.Trade) event;
            final Long previous = lastPriceByTaker.put(t.taker(), t.price());
            if (previous != null) {
                assertThat(t.aggressor() == Side.BUY ? t.price() >= previous : t.price() <= previous)
                        .as("taker %d walked back from %d to %d", t.taker(), previous, t.price()).isTrue();
            }
            final Position maker = before.get(t.maker());
            if (maker == null || ownIds.contains(t.maker())) {
                continue; // the maker joined the book during this command (a triggered stop-limit)
            }
            assertThat(t.price()).as("trade price must be maker %d's price", t.maker()).isEqualTo(maker.price);
            for (final Map.Entry<Long, Position> other : before.entrySet()) {
                final Position p = other.getValue();
                if (p.bid == maker.bid && p.isAheadOf(maker) && !ownIds.contains(other.getKey())) {
                    assertThat(after).as("order %d was ahead of maker %d but is still resting", other.getKey(), t.maker())
                            .doesNotContainKey(other.getKey());
                }
            }
        }
        for (final BookState.Level level : concat(post.bids(), post.asks())) {
            int lastIndex = -1;
            for (final BookState.Entry e : level.queue()) {
                final Position p = before.get(e.id());
                if (p == null || ownIds.contains(e.id()) || p.price != level.price()) {
                    continue;
                }
                assertThat(p.index).as("queue order changed at %d for order %d", level.price(), e.id())
                        .isGreaterThan(lastIndex);
                lastIndex = p.index;
            }
        }
    }

    /** Where a resting order sits: side, price, index in its queue. */
    private static final class Position {
        final boolean bid;
        final long price;
        final int index;

        Position(final boolean bid, final long price, final int index) {
            this.bid = bid;
            this.price = price;
            this.index = index;
        }

        boolean isAheadOf(final Position o) {
            if (price != o.price) {
                return bid ? price > o.price : price < o.price;
            }
            return index < o.index;
        }
    }

    private static Map<Long, Position> positions(final BookState state) {
        final Map<Long, Position> out = new TreeMap<>();
        for (final BookState.Level level : state.bids()) {
            int i = 0;
            for (final BookState.Entry e : level.queue()) {
                out.put(e.id(), new Position(true, level.price(), i++));
            }
        }
        for (final BookState.Level level : state.asks()) {
            int i = 0;
            for (final BookState.Entry e : level.queue()) {
                out.put(e.id(), new Position(false, level.price(), i++));
            }
        }
        return out;
    }

    private static List<BookState.Level> concat(final List<BookState.Level> a, final List<BookState.Level> b) {
        final List<BookState.Level> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Follows the listener calls and keeps, per order, the quantity the book should hold: placed (accepted, or
     * triggered for a stop) minus filled minus canceled, adjusted by amends. After each command the resting book
     * must hold exactly those leaves, and the totals must balance.
     */
    static final class Ledger {
        private final Map<Long, Long> leaves = new TreeMap<>();
        private final Set<Long> pendingStops = new TreeSet<>();
        private long placed;
        private long filled;
        private long canceled;

        /**
         * @param events  the events of one command, in order
         * @param stopIds ids whose {@code Accepted} event is a stop order (not yet in the book)
         */
        void apply(final List<RecordingListener.Event> events, final Set<Long> stopIds) {
            for (final RecordingListener.Event event : events) {
                if (event instanceof RecordingListener.Accepted) {
                    final RecordingListener.Accepted a = (RecordingListener.Accepted) event;
                    if (stopIds.contains(a.id())) {
                        pendingStops.add(a.id());
                    } else {
                        enter(a.id(), a.qty());
                    }
                } else if (event instanceof RecordingListener.Triggered) {
                    final RecordingListener.Triggered t = (RecordingListener.Triggered) event;
                    assertThat(pendingStops.remove(t.id())).as("triggered %d was not a pending stop", t.id()).isTrue();
                    enter(t.id(), t.qty());
                } else if (event instanceof RecordingListener.Trade) {
                    final RecordingListener.Trade t = (RecordingListener.Trade) event;
                    assertThat(t.qty()).isPositive();
                    fill(t.taker(), t.qty(), t.takerLeaves());
                    fill(t.maker(), t.qty(), t.makerLeaves());
                } else if (event instanceof RecordingListener.Canceled) {
                    final RecordingListener.Canceled c = (RecordingListener.Canceled) event;
                    if (!pendingStops.remove(c.id())) {
                        final Long open = leaves.remove(c.id());
                        assertThat(open).as("canceled %d is not open", c.id()).isNotNull();
                        assertThat(c.qty()).as("canceled qty of %d", c.id()).isEqualTo(open);
                        canceled += c.qty();
                    }
                } else if (event instanceof RecordingListener.Amended) {
                    final RecordingListener.Amended a = (RecordingListener.Amended) event;
                    final Long open = leaves.get(a.id());
                    assertThat(open).as("amended %d is not open", a.id()).isNotNull();
                    placed += a.leaves() - open;
                    leaves.put(a.id(), a.leaves());
                }
            }
            leaves.values().removeIf(v -> v == 0);
        }

        private void enter(final long id, final long qty) {
            assertThat(leaves).as("order %d entered twice", id).doesNotContainKey(id);
            leaves.put(id, qty);
            placed += qty;
        }

        private void fill(final long id, final long qty, final long reportedLeaves) {
            final Long open = leaves.get(id);
            assertThat(open).as("order %d traded but is not open", id).isNotNull();
            assertThat(open - qty).as("leaves of %d after a trade", id).isEqualTo(reportedLeaves);
            leaves.put(id, open - qty);
            filled += qty;
        }

        /** The book holds exactly the ledger's open orders, and placed − filled − canceled = resting quantity. */
        void assertMatches(final BookState state) {
            final Map<Long, Long> resting = new TreeMap<>();
            long total = 0;
            for (final BookState.Level level : concat(state.bids(), state.asks())) {
                for (final BookState.Entry e : level.queue()) {
                    resting.put(e.id(), e.leaves());
                }
                total += level.qty();
            }
            assertThat(resting).as("resting leaves by order").isEqualTo(leaves);
            assertThat(placed - filled - canceled).as("placed - filled - canceled").isEqualTo(total);
            final Set<Long> stops = new TreeSet<>();
            for (final BookState.Stop s : state.stops()) {
                stops.add(s.id());
            }
            assertThat(stops).as("pending stops").isEqualTo(pendingStops);
        }
    }
}
