package dev.tandem.sim.matching;

import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.Accepted;
import dev.tandem.sim.matching.RecordingListener.AmendRejected;
import dev.tandem.sim.matching.RecordingListener.Canceled;
import dev.tandem.sim.matching.RecordingListener.Rejected;
import dev.tandem.sim.matching.RecordingListener.Triggered;
import org.junit.jupiter.api.Test;

/** The {@link RecordingListener} is the fake guard: positions set by the test, then moved by trades. */
class ReduceOnlyTest {

    private static boolean reduceOnly(final TestBook t, final long id, final long account, final dev.tandem.kernel.model.Side side,
                                      final long price, final long qty) {
        return t.book.place(id, account, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, true, null, 0);
    }

    @Test
    void aReduceOnlyOrderOnTheReducingSideIsAccepted() {
        final TestBook t = TestBook.unit();
        t.out.setPosition(7, 5);
        assertThat(reduceOnly(t, 9, 7, SELL, 100, 5)).isTrue();
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, SELL, 100, 5));
    }

    @Test
    void aReduceOnlyOrderLargerThanThePositionIsCappedAtItsSize() {
        final TestBook t = TestBook.unit();
        t.out.setPosition(7, -3);
        assertThat(reduceOnly(t, 9, 7, BUY, 100, 8)).isTrue();
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, BUY, 100, 3));
        assertThat(t.bids()).containsExactly("100 x3 [9:3]");
    }

    @Test
    void aReduceOnlyOrderThatWouldIncreaseOrOpenAPositionIsRejected() {
        final TestBook t = TestBook.unit();
        t.out.setPosition(7, 5);
        assertThat(reduceOnly(t, 9, 7, BUY, 100, 1)).isFalse();
        assertThat(reduceOnly(t, 10, 8, SELL, 100, 1)).isFalse(); // account 8 is flat
        assertThat(t.drain()).containsExactly(
                new Rejected(9, 7, RejectReason.REDUCE_ONLY_WOULD_INCREASE),
                new Rejected(10, 8, RejectReason.REDUCE_ONLY_WOULD_INCREASE));
    }

    @Test
    void theGuardIsAskedAgainWhenAReduceOnlyOrderIsAmendedUp() {
        final TestBook t = TestBook.unit();
        t.out.setPosition(7, 5);
        reduceOnly(t, 9, 7, SELL, 100, 3);
        t.drain();
        assertThat(t.book.amend(9, 7, OrderBook.KEEP, 6)).isFalse();
        assertThat(t.book.amend(9, 7, OrderBook.KEEP, 5)).isTrue();
        assertThat(t.book.amend(9, 7, OrderBook.KEEP, 2)).isTrue(); // decreases are always fine
        assertThat(t.drain()).startsWith(new AmendRejected(9, 7, RejectReason.REDUCE_ONLY_WOULD_INCREASE));
    }

    @Test
    void aReduceOnlyStopIsCheckedAgainWhenItTriggers() {
        final TestBook t = TestBook.unit().bid(1, 99, 10);
        t.out.setPosition(7, 4);
        assertThat(t.book.place(9, 7, SELL, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 10, true, TriggerSource.LAST, 99))
                .isTrue();
        assertThat(t.book.place(10, 7, SELL, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 10, true, TriggerSource.MARK, 99))
                .isTrue();
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, SELL, 0, 4), new Accepted(10, 7, SELL, 0, 4));

        t.out.setPosition(7, 2); // the position shrank before the trigger: the stop is capped again
        t.book.onLastPrice(99);
        assertThat(t.drain()).containsExactly(
                new Triggered(9, 7, TriggerSource.LAST, 99, 99, 2),
                TestBook.trade(9, 7, 1, 101, SELL, 99, 2, 0, 8));
        // the sale closed the position: the second stop would now open a short
        t.book.onMarkPrice(99);
        assertThat(t.drain()).containsExactly(
                new Triggered(10, 7, TriggerSource.MARK, 99, 99, 4),
                new Canceled(10, 7, CancelReason.REDUCE_ONLY_WOULD_INCREASE, 4));
    }

    @Test
    void withoutAccountsEveryReduceOnlyOrderIsRefused() {
        final RecordingListener out = new RecordingListener();
        final MatchingEngine engine = new MatchingEngine(BookRules.unit(), out);
        assertThat(engine.place(1, 7, SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 1, true, null, 0)).isFalse();
        assertThat(out.drain()).containsExactly(new Rejected(1, 7, RejectReason.REDUCE_ONLY_WOULD_INCREASE));
    }
}
