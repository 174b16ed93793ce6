package dev.tandem.sim.matching;

import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.CancelRejected;
import dev.tandem.sim.matching.RecordingListener.Canceled;
import org.junit.jupiter.api.Test;

class CancelTest {

    @Test
    void cancelRemovesTheOrderFromTheMiddleOfItsQueue() {
        final TestBook t = TestBook.unit().bid(1, 100, 1).bid(2, 100, 2).bid(3, 100, 3);
        assertThat(t.book.cancel(2, 102)).isTrue();
        assertThat(t.drain()).containsExactly(new Canceled(2, 102, CancelReason.USER, 2));
        assertThat(t.bids()).containsExactly("100 x4 [1:1 3:3]");
        assertThat(t.book.isLive(2)).isFalse();
        assertThat(t.book.leavesQty(2)).isZero();
    }

    @Test
    void cancelingTheLastOrderOfALevelRemovesTheLevel() {
        final TestBook t = TestBook.unit().ask(1, 101, 1).ask(2, 102, 2);
        t.book.cancel(1, 101);
        assertThat(t.asks()).containsExactly("102 x2 [2:2]");
        assertThat(t.book.bestAsk()).isEqualTo(102);
        assertThat(t.book.levelCount(SELL)).isEqualTo(1);
    }

    @Test
    void aPartlyFilledOrderCancelsItsLeavesQuantity() {
        final TestBook t = TestBook.unit().ask(1, 101, 5);
        t.limit(9, 7, BUY, TimeInForce.IOC, 101, 2);
        t.drain();
        t.book.cancel(1, 101);
        assertThat(t.drain()).containsExactly(new Canceled(1, 101, CancelReason.USER, 3));
    }

    @Test
    void unknownIdsFinishedOrdersAndOtherAccountsOrdersAreUnknown() {
        final TestBook t = TestBook.unit().ask(1, 101, 5);
        t.limit(9, 7, BUY, TimeInForce.IOC, 101, 5); // fills order 1 completely
        t.drain();
        assertThat(t.book.cancel(1, 101)).isFalse();
        assertThat(t.drain()).containsExactly(new CancelRejected(1, 101, RejectReason.UNKNOWN_ORDER));
        t.rest(2, 5, SELL, 105, 1);
        assertThat(t.book.cancel(2, 6)).isFalse();
        assertThat(t.book.cancel(3, 5)).isFalse();
        assertThat(t.drain()).containsExactly(
                new CancelRejected(2, 6, RejectReason.UNKNOWN_ORDER),
                new CancelRejected(3, 5, RejectReason.UNKNOWN_ORDER));
        assertThat(t.asks()).containsExactly("105 x1 [2:1]");
    }

    @Test
    void cancelAllCancelsTheAccountsRestingOrdersAndStopsInAcceptanceOrder() {
        final TestBook t = TestBook.unit()
                .rest(1, 7, BUY, 99, 1)
                .rest(2, 8, BUY, 99, 1)
                .rest(3, 7, SELL, 105, 2);
        t.stop(4, 7, BUY, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 3, TriggerSource.MARK, 110);
        t.rest(5, 7, BUY, 100, 4);
        t.book.amend(1, 7, 98, OrderBook.KEEP); // amending moves it in the book, not in acceptance order
        t.drain();
        assertThat(t.book.cancelAll(7)).isEqualTo(4);
        assertThat(t.drain()).containsExactly(
                new Canceled(1, 7, CancelReason.CANCEL_ALL, 1),
                new Canceled(3, 7, CancelReason.CANCEL_ALL, 2),
                new Canceled(4, 7, CancelReason.CANCEL_ALL, 3),
                new Canceled(5, 7, CancelReason.CANCEL_ALL, 4));
        assertThat(t.bids()).containsExactly("99 x1 [2:1]");
        assertThat(t.asks()).isEmpty();
        assertThat(t.book.state().stops()).isEmpty();
        assertThat(t.book.cancelAll(7)).isZero();
        assertThat(t.book.cancelAll(12345)).isZero();
        assertThat(t.drain()).isEmpty();
    }

    @Test
    void idsOfFinishedOrdersCanBeUsedAgain() {
        final TestBook t = TestBook.unit().ask(1, 101, 1);
        t.book.cancel(1, 101);
        assertThat(t.book.placeLimit(1, 5, BUY, TimeInForce.GTC, 100, 2)).isTrue();
        assertThat(t.bids()).containsExactly("100 x2 [1:2]");
    }
}
