package dev.tandem.sim.matching;

import static dev.tandem.sim.matching.TestBook.trade;
import static dev.tandem.kernel.model.Side.BUY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.AmendRejected;
import dev.tandem.sim.matching.RecordingListener.Amended;
import org.junit.jupiter.api.Test;

class AmendTest {

    /** Three bids at 100 in the order 1, 2, 3, and one at 99. */
    private static TestBook queue() {
        return TestBook.unit().bid(1, 100, 5).bid(2, 100, 5).bid(3, 100, 5).bid(4, 99, 5);
    }

    @Test
    void aQuantityDecreaseKeepsTimePriority() {
        final TestBook t = queue();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, 2)).isTrue();
        assertThat(t.drain()).containsExactly(new Amended(1, 101, 100, 2, 2, true));
        assertThat(t.bids()).containsExactly("100 x12 [1:2 2:5 3:5]", "99 x5 [4:5]");
    }

    @Test
    void aQuantityIncreaseMovesTheOrderToTheBackOfItsLevel() {
        final TestBook t = queue();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, 6)).isTrue();
        assertThat(t.drain()).containsExactly(new Amended(1, 101, 100, 6, 6, false));
        assertThat(t.bids()).containsExactly("100 x16 [2:5 3:5 1:6]", "99 x5 [4:5]");
    }

    @Test
    void aPriceChangeMovesTheOrderToTheBackOfTheNewLevel() {
        final TestBook t = queue();
        assertThat(t.book.amend(2, 102, 99, OrderBook.KEEP)).isTrue();
        assertThat(t.drain()).containsExactly(new Amended(2, 102, 99, 5, 5, false));
        assertThat(t.bids()).containsExactly("100 x10 [1:5 3:5]", "99 x10 [4:5 2:5]");
    }

    @Test
    void movingAwayAndBackStillLosesPriority() {
        final TestBook t = queue();
        t.book.amend(1, 101, 99, OrderBook.KEEP);
        t.book.amend(1, 101, 100, OrderBook.KEEP);
        assertThat(t.bids()).containsExactly("100 x15 [2:5 3:5 1:5]", "99 x5 [4:5]");
    }

    @Test
    void aDecreaseOfAPartlyFilledOrderCountsTheFilledQuantity() {
        final TestBook t = queue();
        t.limit(9, 7, dev.tandem.kernel.model.Side.SELL, TimeInForce.IOC, 100, 3); // fills 3 of order 1
        t.drain();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, 4)).isTrue(); // total 4, filled 3: 1 left
        assertThat(t.drain()).containsExactly(new Amended(1, 101, 100, 4, 1, true));
        assertThat(t.bids()).first().isEqualTo("100 x11 [1:1 2:5 3:5]");
    }

    @Test
    void amendingToTheFilledQuantityOrBelowIsRejected() {
        final TestBook t = queue();
        t.limit(9, 7, dev.tandem.kernel.model.Side.SELL, TimeInForce.IOC, 100, 3);
        t.drain();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, 3)).isFalse();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, 2)).isFalse();
        assertThat(t.drain()).containsExactly(
                new AmendRejected(1, 101, RejectReason.AMEND_QTY_NOT_ABOVE_FILLED),
                new AmendRejected(1, 101, RejectReason.AMEND_QTY_NOT_ABOVE_FILLED));
        assertThat(t.bids()).first().isEqualTo("100 x12 [1:2 2:5 3:5]");
    }

    @Test
    void anAmendToACrossingPriceTradesAsATakerAtTheMakersPriceThenRests() {
        final TestBook t = TestBook.unit().ask(1, 101, 2).ask(2, 102, 2).bid(3, 100, 5);
        assertThat(t.book.amend(3, 103, 101, OrderBook.KEEP)).isTrue();
        assertThat(t.drain()).containsExactly(
                new Amended(3, 103, 101, 5, 5, false),
                trade(3, 103, 1, 101, BUY, 101, 2, 3, 0));
        assertThat(t.bids()).containsExactly("101 x3 [3:3]");
        assertThat(t.asks()).containsExactly("102 x2 [2:2]");
    }

    @Test
    void aPostOnlyOrderCannotBeAmendedIntoTheBook() {
        final TestBook t = TestBook.unit().ask(1, 101, 2);
        t.limit(3, 7, BUY, TimeInForce.POST_ONLY, 100, 5);
        t.drain();
        assertThat(t.book.amend(3, 7, 101, OrderBook.KEEP)).isFalse();
        assertThat(t.drain()).containsExactly(new AmendRejected(3, 7, RejectReason.POST_ONLY_WOULD_TAKE));
        assertThat(t.bids()).containsExactly("100 x5 [3:5]");
    }

    @Test
    void unknownOrdersOrdersOfOtherAccountsAndPendingStopsCannotBeAmended() {
        final TestBook t = queue();
        t.stop(20, 7, BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, 105, 1, TriggerSource.LAST, 105);
        t.drain();
        assertThat(t.book.amend(42, 101, 100, 1)).isFalse();
        assertThat(t.book.amend(1, 999, 100, 1)).isFalse();
        assertThat(t.book.amend(20, 7, 104, OrderBook.KEEP)).isFalse();
        assertThat(t.drain()).containsExactly(
                new AmendRejected(42, 101, RejectReason.UNKNOWN_ORDER),
                new AmendRejected(1, 999, RejectReason.UNKNOWN_ORDER),
                new AmendRejected(20, 7, RejectReason.STOP_NOT_AMENDABLE));
    }

    @Test
    void anAmendIsValidatedLikeANewOrder() {
        final TestBook t = new TestBook(new BookRules(5, 2, 4, 20, 1_000, SelfTradePrevention.CANCEL_TAKER,
                MarketProtection.none())).rest(1, 7, BUY, 100, 10);
        t.book.amend(1, 7, 102, OrderBook.KEEP);
        t.book.amend(1, 7, 0, OrderBook.KEEP);
        t.book.amend(1, 7, OrderBook.KEEP, 11);
        t.book.amend(1, 7, OrderBook.KEEP, 2);
        t.book.amend(1, 7, OrderBook.KEEP, 22);
        t.book.amend(1, 7, OrderBook.KEEP, -4);
        t.book.amend(1, 7, 50, 16); // 800 < 1000
        assertThat(t.drain()).extracting(e -> ((AmendRejected) e).reason()).containsExactly(
                RejectReason.PRICE_NOT_ON_TICK, RejectReason.INVALID_PRICE, RejectReason.QTY_NOT_ON_LOT,
                RejectReason.QTY_BELOW_MIN, RejectReason.QTY_ABOVE_MAX, RejectReason.INVALID_QTY,
                RejectReason.NOTIONAL_BELOW_MIN);
        assertThat(t.bids()).containsExactly("100 x10 [1:10]");
    }

    @Test
    void anAmendThatChangesNothingIsAcceptedAndKeepsPriority() {
        final TestBook t = queue();
        assertThat(t.book.amend(1, 101, OrderBook.KEEP, OrderBook.KEEP)).isTrue();
        assertThat(t.drain()).containsExactly(new Amended(1, 101, 100, 5, 5, true));
        assertThat(t.bids()).first().isEqualTo("100 x15 [1:5 2:5 3:5]");
    }
}
