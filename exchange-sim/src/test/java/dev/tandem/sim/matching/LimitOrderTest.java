package dev.tandem.sim.matching;

import static dev.tandem.sim.matching.TestBook.trade;
import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.Accepted;
import dev.tandem.sim.matching.RecordingListener.Canceled;
import dev.tandem.sim.matching.RecordingListener.Rejected;
import org.junit.jupiter.api.Test;

class LimitOrderTest {

    @Test
    void aGtcOrderThatDoesNotCrossRestsAtTheBackOfItsLevel() {
        final TestBook t = TestBook.unit().bid(1, 99, 5).bid(2, 100, 3);
        assertThat(t.limit(3, 7, BUY, TimeInForce.GTC, 100, 4)).isTrue();
        assertThat(t.drain()).containsExactly(new Accepted(3, 7, BUY, 100, 4));
        assertThat(t.bids()).containsExactly("100 x7 [2:3 3:4]", "99 x5 [1:5]");
        assertThat(t.book.bestBid()).isEqualTo(100);
        assertThat(t.book.bestAsk()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void anIncomingOrderTradesAtTheMakersPriceAcrossLevelsInPriceTimeOrder() {
        final TestBook t = TestBook.unit().ask(1, 101, 2).ask(2, 100, 3).ask(3, 100, 1).ask(4, 102, 5);
        assertThat(t.limit(9, 7, BUY, TimeInForce.GTC, 105, 8)).isTrue();
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 105, 8),
                trade(9, 7, 2, 102, BUY, 100, 3, 5, 0),
                trade(9, 7, 3, 103, BUY, 100, 1, 4, 0),
                trade(9, 7, 1, 101, BUY, 101, 2, 2, 0),
                trade(9, 7, 4, 104, BUY, 102, 2, 0, 3));
        assertThat(t.asks()).containsExactly("102 x3 [4:3]");
        assertThat(t.bids()).isEmpty();
        assertThat(t.book.isLive(9)).isFalse();
        assertThat(t.book.filledQty(4)).isEqualTo(2);
        assertThat(t.book.leavesQty(4)).isEqualTo(3);
    }

    @Test
    void aPartlyFilledGtcOrderRestsWithItsRemainderAtItsLimit() {
        final TestBook t = TestBook.unit().ask(1, 100, 2).ask(2, 103, 5);
        t.limit(9, 7, BUY, TimeInForce.GTC, 101, 6);
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, BUY, 101, 6), trade(9, 7, 1, 101, BUY, 100, 2, 4, 0));
        assertThat(t.bids()).containsExactly("101 x4 [9:4]");
        assertThat(t.asks()).containsExactly("103 x5 [2:5]");
        assertThat(t.book.filledQty(9)).isEqualTo(2);
    }

    @Test
    void aSellTakesTheHighestBidsFirst() {
        final TestBook t = TestBook.unit().bid(1, 98, 2).bid(2, 100, 2).bid(3, 99, 2);
        t.limit(9, 7, SELL, TimeInForce.GTC, 99, 5);
        assertThat(t.out.trades()).containsExactly(
                trade(9, 7, 2, 102, SELL, 100, 2, 3, 0),
                trade(9, 7, 3, 103, SELL, 99, 2, 1, 0));
        assertThat(t.asks()).containsExactly("99 x1 [9:1]");
        assertThat(t.bids()).containsExactly("98 x2 [1:2]");
    }

    @Test
    void iocTradesWhatItCanAndCancelsTheRest() {
        final TestBook t = TestBook.unit().ask(1, 100, 2).ask(2, 102, 2);
        assertThat(t.limit(9, 7, BUY, TimeInForce.IOC, 101, 5)).isTrue();
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                trade(9, 7, 1, 101, BUY, 100, 2, 3, 0),
                new Canceled(9, 7, CancelReason.IOC_REMAINDER, 3));
        assertThat(t.bids()).isEmpty();
        assertThat(t.book.isLive(9)).isFalse();
    }

    @Test
    void iocThatCannotTradeIsCanceledWhole() {
        final TestBook t = TestBook.unit().ask(1, 102, 2);
        t.limit(9, 7, BUY, TimeInForce.IOC, 101, 5);
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, BUY, 101, 5),
                new Canceled(9, 7, CancelReason.IOC_REMAINDER, 5));
    }

    @Test
    void fokThatTheBookCanFillTradesCompletely() {
        final TestBook t = TestBook.unit().ask(1, 100, 2).ask(2, 101, 3).ask(3, 102, 9);
        assertThat(t.limit(9, 7, BUY, TimeInForce.FOK, 101, 5)).isTrue();
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                trade(9, 7, 1, 101, BUY, 100, 2, 3, 0),
                trade(9, 7, 2, 102, BUY, 101, 3, 0, 0));
        assertThat(t.asks()).containsExactly("102 x9 [3:9]");
    }

    @Test
    void fokThatTheBookCannotFillWithinItsLimitIsRejectedAndTouchesNothing() {
        final TestBook t = TestBook.unit().ask(1, 100, 2).ask(2, 101, 3).ask(3, 102, 9);
        assertThat(t.limit(9, 7, BUY, TimeInForce.FOK, 101, 6)).isFalse();
        assertThat(t.drain()).containsExactly(new Rejected(9, 7, RejectReason.FOK_NOT_FILLABLE));
        assertThat(t.asks()).containsExactly("100 x2 [1:2]", "101 x3 [2:3]", "102 x9 [3:9]");
    }

    @Test
    void postOnlyRestsWhenItDoesNotCrossAndIsRejectedWhenItWouldTake() {
        final TestBook t = TestBook.unit().ask(1, 101, 2);
        assertThat(t.limit(8, 7, BUY, TimeInForce.POST_ONLY, 100, 3)).isTrue();
        assertThat(t.limit(9, 7, BUY, TimeInForce.POST_ONLY, 101, 3)).isFalse();
        assertThat(t.drain()).containsExactly(new Accepted(8, 7, BUY, 100, 3),
                new Rejected(9, 7, RejectReason.POST_ONLY_WOULD_TAKE));
        assertThat(t.bids()).containsExactly("100 x3 [8:3]");
        assertThat(t.asks()).containsExactly("101 x2 [1:2]");
    }

    @Test
    void aMakerThatIsPartlyFilledKeepsItsPlaceAtTheFrontOfTheQueue() {
        final TestBook t = TestBook.unit().ask(1, 100, 5).ask(2, 100, 5);
        t.limit(9, 7, BUY, TimeInForce.IOC, 100, 2);
        assertThat(t.asks()).containsExactly("100 x8 [1:3 2:5]");
        t.limit(10, 7, BUY, TimeInForce.IOC, 100, 4);
        assertThat(t.out.trades()).endsWith(
                trade(10, 7, 1, 101, BUY, 100, 3, 1, 0),
                trade(10, 7, 2, 102, BUY, 100, 1, 0, 4));
        assertThat(t.asks()).containsExactly("100 x4 [2:4]");
    }
}
