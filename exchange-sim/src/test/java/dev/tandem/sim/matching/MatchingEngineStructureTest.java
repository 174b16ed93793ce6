package dev.tandem.sim.matching;

import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.testkit.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's data structures beyond the narrow price band of the differential property: many levels (array
 * growth, inserts and removals deep in a side), many stops, pooled objects reused, and the non-copying digest.
 */
class MatchingEngineStructureTest {

    @Test
    void thousandsOfLevelsInsertedAndRemovedInRandomOrderStaySorted() {
        final MatchingEngine book = new MatchingEngine(BookRules.unit(), MatchListener.NONE);
        final Map<Long, Long> bidModel = new TreeMap<>();
        final Map<Long, Long> askModel = new TreeMap<>();
        final SplitMix64 random = new SplitMix64(42);
        final List<long[]> live = new ArrayList<>(); // {id, price, side(0 bid/1 ask), qty}
        long id = 1;
        for (int step = 0; step < 20_000; step++) {
            if (live.isEmpty() || Math.floorMod(random.nextLong(), 3) != 0) {
                final boolean bid = (random.nextLong() & 1) == 0;
                final long price = bid ? 1 + Math.floorMod(random.nextLong(), 5_000) : 5_001 + Math.floorMod(random.nextLong(), 5_000);
                final long qty = 1 + Math.floorMod(random.nextLong(), 9);
                assertThat(book.placeLimit(id, id, bid ? BUY : SELL, TimeInForce.GTC, price, qty)).isTrue();
                (bid ? bidModel : askModel).merge(price, qty, Long::sum);
                live.add(new long[] {id, price, bid ? 0 : 1, qty});
                id++;
            } else {
                final int pick = Math.floorMod(random.nextLong(), live.size());
                final long[] o = live.remove(pick);
                assertThat(book.cancel(o[0], o[0])).isTrue();
                final Map<Long, Long> model = o[2] == 0 ? bidModel : askModel;
                final long left = model.get(o[1]) - o[3];
                if (left == 0) {
                    model.remove(o[1]);
                } else {
                    model.put(o[1], left);
                }
            }
        }
        final BookState state = book.state();
        BookInvariants.assertWellFormed(state);
        assertThat(state.bids().size()).isGreaterThan(1_000);
        assertThat(toMap(state.bids())).isEqualTo(bidModel);
        assertThat(toMap(state.asks())).isEqualTo(askModel);
        assertThat(book.levelCount(BUY)).isEqualTo(bidModel.size());
        assertThat(book.liveOrderCount()).isEqualTo(live.size());

        // one sweep through every ask level empties the side level by level
        final RecordingListener out = new RecordingListener();
        final MatchingEngine replay = new MatchingEngine(BookRules.unit(), out);
        for (final Map.Entry<Long, Long> level : askModel.entrySet()) {
            replay.placeLimit(level.getKey(), 1, SELL, TimeInForce.GTC, level.getKey(), level.getValue());
        }
        replay.placeMarket(1_000_000, 2, BUY, Long.MAX_VALUE / 2);
        assertThat(replay.state().asks()).isEmpty();
        assertThat(out.trades()).hasSize(askModel.size());
        assertThat(out.trades()).extracting(RecordingListener.Trade::price).isSorted();
    }

    private static Map<Long, Long> toMap(final List<BookState.Level> levels) {
        final Map<Long, Long> out = new TreeMap<>();
        for (final BookState.Level level : levels) {
            out.put(level.price(), level.qty());
        }
        return out;
    }

    @Test
    void manyStopsTriggerInOrder() {
        final RecordingListener out = new RecordingListener();
        final MatchingEngine book = new MatchingEngine(BookRules.unit(), out);
        book.onLastPrice(1_000);
        for (int i = 0; i < 100; i++) {
            final long trigger = 1_001 + (i * 37) % 100; // 100 distinct triggers, scrambled
            book.place(i, 7, BUY, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 1, false, TriggerSource.LAST, trigger);
        }
        out.drain();
        book.onLastPrice(1_050);
        final List<Long> triggers = new ArrayList<>();
        for (final RecordingListener.Event e : out.drain()) {
            if (e instanceof RecordingListener.Triggered) {
                triggers.add(((RecordingListener.Triggered) e).triggerPrice());
            }
        }
        assertThat(triggers).hasSize(50).isSorted().startsWith(1_001L).endsWith(1_050L);
        assertThat(book.state().stops()).hasSize(50);
        assertThat(book.liveOrderCount()).isEqualTo(50);
    }

    @Test
    void pooledOrdersAndLevelsCarryNothingOver() {
        final RecordingListener out = new RecordingListener();
        final MatchingEngine book = new MatchingEngine(BookRules.unit().withSelfTradePrevention(SelfTradePrevention.NONE),
                out);
        for (int round = 0; round < 50; round++) {
            final long base = round * 10L;
            book.placeLimit(base + 1, 1, SELL, TimeInForce.GTC, 100 + round % 3, 2);
            book.placeLimit(base + 2, 2, SELL, TimeInForce.POST_ONLY, 100 + round % 3, 3);
            book.placeLimit(base + 3, 3, BUY, TimeInForce.IOC, 102, 5);
            assertThat(book.liveOrderCount()).as("round %d", round).isZero();
        }
        book.placeLimit(1_000, 9, BUY, TimeInForce.GTC, 50, 4);
        assertThat(book.state().bids()).containsExactly(
                new BookState.Level(50, 4, 1, List.of(new BookState.Entry(1_000, 9, 4, 0))));
        assertThat(book.state().asks()).isEmpty();
    }

    @Test
    void theNonCopyingDigestEqualsTheDigestOfTheCopiedState() {
        final TestBook t = TestBook.unit().bid(1, 99, 3).bid(2, 99, 4).ask(3, 101, 5);
        t.stop(4, 7, Side.SELL, OrderType.STOP_LIMIT, TimeInForce.GTC, 95, 2, TriggerSource.MARK, 96);
        t.stop(5, 7, Side.BUY, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 2, TriggerSource.LAST, 120);
        t.book.onLastPrice(100);
        final StateDigest direct = new StateDigest();
        t.book.bookDigest(direct);
        final StateDigest copied = new StateDigest();
        t.book.state().writeTo(copied);
        final String hex = direct.hex();
        assertThat(hex).isEqualTo(copied.hex());

        t.book.amend(2, 102, OrderBook.KEEP, 3); // keeps priority but changes the queue content
        final StateDigest after = new StateDigest();
        t.book.bookDigest(after);
        assertThat(after.hex()).isNotEqualTo(hex);
    }
}
