package dev.tandem.sim.matching;

import static dev.tandem.sim.matching.TestBook.trade;
import static dev.tandem.kernel.model.OrderType.STOP_LIMIT;
import static dev.tandem.kernel.model.OrderType.STOP_MARKET;
import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static dev.tandem.sim.matching.TriggerSource.LAST;
import static dev.tandem.sim.matching.TriggerSource.MARK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.Accepted;
import dev.tandem.sim.matching.RecordingListener.Canceled;
import dev.tandem.sim.matching.RecordingListener.Triggered;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopOrderTest {

    private static TestBook book() {
        return TestBook.unit().ask(1, 101, 3).ask(2, 102, 3).bid(3, 99, 3).bid(4, 98, 3);
    }

    @Test
    void aBuyStopMarketWaitsForTheLastPriceToReachItsTriggerThenTakes() {
        final TestBook t = book();
        assertThat(t.stop(9, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 4, LAST, 105)).isTrue();
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, BUY, 0, 4));
        assertThat(t.book.state().stops()).hasSize(1);
        assertThat(t.book.isLive(9)).isTrue();

        t.book.onLastPrice(104);
        t.book.onMarkPrice(110); // a mark price does not trigger a last-price stop
        assertThat(t.drain()).isEmpty();

        t.book.onLastPrice(105);
        assertThat(t.drain()).containsExactly(
                new Triggered(9, 7, LAST, 105, 105, 4),
                trade(9, 7, 1, 101, BUY, 101, 3, 1, 0),
                trade(9, 7, 2, 102, BUY, 102, 1, 0, 2));
        assertThat(t.book.state().stops()).isEmpty();
        assertThat(t.book.isLive(9)).isFalse();
    }

    @Test
    void aSellStopLimitTriggeredByTheMarkPriceEntersAsALimitOrderAndRests() {
        final TestBook t = book();
        t.stop(9, 7, SELL, STOP_LIMIT, TimeInForce.GTC, 99, 5, MARK, 99);
        t.book.onLastPrice(90);
        t.book.onMarkPrice(100);
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, SELL, 99, 5));
        t.book.onMarkPrice(99);
        assertThat(t.drain()).containsExactly(
                new Triggered(9, 7, MARK, 99, 99, 5),
                trade(9, 7, 3, 103, SELL, 99, 3, 2, 0));
        assertThat(t.asks()).first().isEqualTo("99 x2 [9:2]");
        assertThat(t.bids()).containsExactly("98 x3 [4:3]");
    }

    @Test
    void stopsTriggeredTogetherEnterInTriggerOrderThenArrivalOrder() {
        final TestBook t = TestBook.unit().ask(1, 110, 100);
        t.book.onLastPrice(100);
        t.stop(10, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 104);
        t.stop(11, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 102);
        t.stop(12, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 104);
        t.stop(13, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 103);
        t.stop(14, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 106);
        t.drain();
        t.book.onLastPrice(105);
        assertThat(t.drain()).filteredOn(e -> e instanceof Triggered)
                .extracting(e -> ((Triggered) e).id()).containsExactly(11L, 13L, 10L, 12L);
        assertThat(t.book.state().stops()).extracting(BookState.Stop::id).containsExactly(14L);
    }

    @Test
    void sellStopsTriggerFromTheHighestTriggerPriceDown() {
        final TestBook t = TestBook.unit().bid(1, 50, 100);
        t.book.onMarkPrice(100);
        t.stop(10, 7, SELL, STOP_MARKET, TimeInForce.IOC, 0, 1, MARK, 95);
        t.stop(11, 7, SELL, STOP_MARKET, TimeInForce.IOC, 0, 1, MARK, 97);
        t.stop(12, 7, SELL, STOP_MARKET, TimeInForce.IOC, 0, 1, MARK, 96);
        t.drain();
        t.book.onMarkPrice(94);
        assertThat(t.drain()).filteredOn(e -> e instanceof Triggered)
                .extracting(e -> ((Triggered) e).id()).containsExactly(11L, 12L, 10L);
    }

    @Test
    void aStopWhoseConditionAlreadyHoldsTriggersOnPlacement() {
        final TestBook t = book();
        t.book.onLastPrice(103);
        t.drain();
        t.stop(9, 7, BUY, STOP_LIMIT, TimeInForce.IOC, 101, 5, LAST, 102);
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                new Triggered(9, 7, LAST, 102, 103, 5),
                trade(9, 7, 1, 101, BUY, 101, 3, 2, 0),
                new Canceled(9, 7, CancelReason.IOC_REMAINDER, 2));
    }

    @Test
    void withoutAReferencePriceStopsOfBothSidesWaitAndTheFirstPriceFiresBuysFirst() {
        final TestBook t = book();
        t.stop(8, 7, SELL, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 101);
        t.stop(9, 7, BUY, STOP_MARKET, TimeInForce.IOC, 0, 1, LAST, 99);
        t.drain();
        t.book.onLastPrice(100);
        assertThat(t.drain()).filteredOn(e -> e instanceof Triggered)
                .extracting(e -> ((Triggered) e).id()).containsExactly(9L, 8L);
    }

    @Test
    void triggeredStopsThatFailTheirBookChecksAreCanceledNotRejected() {
        final TestBook t = book();
        t.stop(8, 7, BUY, STOP_LIMIT, TimeInForce.POST_ONLY, 101, 1, LAST, 100);
        t.stop(9, 7, BUY, STOP_LIMIT, TimeInForce.FOK, 101, 4, LAST, 100);
        t.drain();
        t.book.onLastPrice(100);
        assertThat(t.drain()).containsExactly(
                new Triggered(8, 7, LAST, 100, 100, 1),
                new Canceled(8, 7, CancelReason.POST_ONLY_WOULD_TAKE, 1),
                new Triggered(9, 7, LAST, 100, 100, 4),
                new Canceled(9, 7, CancelReason.FOK_NOT_FILLABLE, 4));
        assertThat(t.asks()).first().isEqualTo("101 x3 [1:3]");
    }

    @Test
    void aPendingStopCanBeCanceledAndIsPartOfTheDigestedState() {
        final TestBook t = book();
        t.stop(9, 7, BUY, STOP_LIMIT, TimeInForce.GTC, 103, 2, MARK, 105);
        t.drain();
        assertThat(t.book.state().stops()).containsExactly(new BookState.Stop(9, 7, BUY, STOP_LIMIT, TimeInForce.GTC,
                false, MARK, 105, 103, 2));
        assertThat(t.book.leavesQty(9)).isEqualTo(2);
        assertThat(t.book.cancel(9, 7)).isTrue();
        assertThat(t.drain()).containsExactly(new Canceled(9, 7, CancelReason.USER, 2));
        assertThat(t.book.state().stops()).isEmpty();
        t.book.onMarkPrice(200);
        assertThat(t.drain()).isEmpty();
    }

    @Test
    void referencePricesMustBePositive() {
        final TestBook t = book();
        for (final long bad : List.of(0L, -1L)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.book.onLastPrice(bad))
                    .isInstanceOf(IllegalArgumentException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.book.onMarkPrice(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
