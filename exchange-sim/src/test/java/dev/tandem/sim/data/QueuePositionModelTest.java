package dev.tandem.sim.data;

import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.data.QueuePositionModel.Counting;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePositionModelTest {
    private static final InstrumentId ID = new InstrumentId("BTCUSD", "SIM");

    private static BookSnapshot book(final List<BookLevel> bids, final List<BookLevel> asks) {
        return new BookSnapshot(ID, bids, asks, 0, 0);
    }

    private static BookLevel l(final long p, final long q) {
        return new BookLevel(p, q);
    }

    @Test
    void fillsAfterTheQueueAheadAndItsOwnQuantityHaveTraded() {
        final QueuePositionModel q = new QueuePositionModel(BUY, 100, 5, 10);
        assertThat(q.onTrade(100, 4, SELL)).isZero(); // 6 still ahead
        assertThat(q.queueAhead()).isEqualTo(6);
        assertThat(q.onTrade(101, 100, SELL)).isZero(); // above a bid: nothing
        assertThat(q.onTrade(100, 8, SELL)).isEqualTo(2); // 6 clear the queue, 2 fill us
        assertThat(q.queueAhead()).isZero();
        assertThat(q.remaining()).isEqualTo(3);
        assertThat(q.onTrade(100, 3, BUY)).isEqualTo(3); // any aggressor counts by default
        assertThat(q.isFilled()).isTrue();
        assertThat(q.filled()).isEqualTo(5);
        assertThat(q.onTrade(99, 10, SELL)).isZero(); // nothing left
    }

    @Test
    void aTradeThroughThePriceFillsEverythingAtOnce() {
        final QueuePositionModel buy = new QueuePositionModel(BUY, 100, 5, 1_000);
        assertThat(buy.onTrade(100, 10, SELL)).isZero();
        assertThat(buy.onTrade(99, 1, BUY)).isEqualTo(5);
        assertThat(buy.queueAhead()).isZero();
        final QueuePositionModel sell = new QueuePositionModel(SELL, 100, 5, 1_000);
        assertThat(sell.onTrade(99, 50, SELL)).isZero(); // below an offer: nothing
        assertThat(sell.onTrade(101, 1, BUY)).isEqualTo(5);
        final QueuePositionModel zero = new QueuePositionModel(BUY, 100, 5, 0);
        assertThat(zero.onTrade(99, 0, SELL)).isZero(); // a zero-size print carries no information
        assertThat(zero.onTrade(100, 0, SELL)).isZero();
        assertThat(zero.remaining()).isEqualTo(5);
    }

    @Test
    void oppositeAggressorCountingIgnoresSameSideTakers() {
        final QueuePositionModel q = new QueuePositionModel(BUY, 100, 2, 3, Counting.OPPOSITE_AGGRESSOR_ONLY);
        assertThat(q.onTrade(100, 10, BUY)).isZero(); // buyers lifting offers at 100 do not touch our bid
        assertThat(q.queueAhead()).isEqualTo(3);
        assertThat(q.onTrade(100, 4, SELL)).isEqualTo(1);
        final TradeTick t = new TradeTick(ID, 100, 5, SELL, "x", 0, 0);
        assertThat(q.onTrade(t)).isEqualTo(1);
        assertThat(q.isFilled()).isTrue();
    }

    @Test
    void queueAheadComesFromTheLastBookOrIsZero() {
        final BookSnapshot b = book(List.of(l(100, 7), l(99, 3)), List.of(l(101, 4), l(102, 6)));
        assertThat(QueuePositionModel.placedAgainst(BUY, 100, 1, b, Counting.ANY_AGGRESSOR).queueAhead()).isEqualTo(7);
        assertThat(QueuePositionModel.placedAgainst(BUY, 98, 1, b, Counting.ANY_AGGRESSOR).queueAhead()).isZero();
        assertThat(QueuePositionModel.placedAgainst(SELL, 102, 1, b, Counting.ANY_AGGRESSOR).queueAhead()).isEqualTo(6);
        assertThat(QueuePositionModel.placedAgainst(SELL, 100, 1, b, Counting.ANY_AGGRESSOR).queueAhead()).isZero();
        assertThat(QueuePositionModel.placedAgainst(BUY, 100, 1, null, Counting.ANY_AGGRESSOR).queueAhead()).isZero();
    }

    @Test
    void newerBooksOnlyShrinkTheQueue() {
        final QueuePositionModel q = new QueuePositionModel(BUY, 100, 1, 7);
        q.onBook(book(List.of(l(101, 1), l(100, 5), l(99, 3)), List.of()));
        assertThat(q.queueAhead()).isEqualTo(5); // cancellations ahead of us
        q.onBook(book(List.of(l(100, 9)), List.of()));
        assertThat(q.queueAhead()).isEqualTo(5); // newcomers queue behind
        q.onBook(book(List.of(l(103, 1), l(102, 1)), List.of())); // 100 is beyond the shown depth: no news
        assertThat(q.queueAhead()).isEqualTo(5);
        q.onBook(book(List.of(), List.of(l(101, 1))));
        assertThat(q.queueAhead()).isEqualTo(5);
        q.onBook(book(List.of(l(101, 1), l(99, 3)), List.of())); // shown range covers 100 and it is empty
        assertThat(q.queueAhead()).isZero();
        final QueuePositionModel s = new QueuePositionModel(SELL, 105, 1, 4);
        s.onBook(book(List.of(), List.of(l(104, 1), l(105, 2))));
        assertThat(s.queueAhead()).isEqualTo(2);
    }

    @Test
    void withoutTradesThroughTheFillIsExactlyTheVolumeBeyondTheQueue() {
        final Gen<List<Long>> tradeSizes = Gen.listOf(Gen.longs(0, 20), 0, 30);
        Property.forAll(Gen.zip(Gen.longs(0, 50), Gen.longs(1, 30), tradeSizes,
                (queue, qty, sizes) -> new Object[] {queue, qty, sizes})).check(c -> {
            final long queue = (Long) c[0];
            final long qty = (Long) c[1];
            @SuppressWarnings("unchecked")
            final List<Long> sizes = (List<Long>) c[2];
            final QueuePositionModel q = new QueuePositionModel(SELL, 500, qty, queue);
            long volume = 0;
            long filled = 0;
            for (final long s : sizes) {
                final long f = q.onTrade(500, s, BUY);
                volume += s;
                filled += f;
                assertThat(f).isBetween(0L, s);
                assertThat(filled).isEqualTo(Math.min(qty, Math.max(0, volume - queue)));
                assertThat(q.queueAhead()).isEqualTo(Math.max(0, queue - volume));
            }
            assertThat(q.filled()).isEqualTo(filled);
        });
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new QueuePositionModel(BUY, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueuePositionModel(BUY, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueuePositionModel(BUY, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueuePositionModel(null, 1, 1, 0, Counting.ANY_AGGRESSOR))
                .isInstanceOf(IllegalArgumentException.class);
        final QueuePositionModel q = new QueuePositionModel(Side.SELL, 7, 3, 2);
        assertThat(q.side()).isEqualTo(SELL);
        assertThat(q.price()).isEqualTo(7);
        assertThat(q.qty()).isEqualTo(3);
    }
}
