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

/** Account 7 owns ask 2 (second in the queue at 100); the others belong to other accounts. */
class SelfTradePreventionTest {

    private static TestBook book(final SelfTradePrevention mode) {
        return new TestBook(BookRules.unit().withSelfTradePrevention(mode))
                .rest(1, 1, SELL, 100, 2)
                .rest(2, 7, SELL, 100, 2)
                .rest(3, 3, SELL, 101, 2);
    }

    @Test
    void cancelTakerIsTheDefault() {
        assertThat(BookRules.unit().selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_TAKER);
    }

    @Test
    void cancelTakerKeepsTradesBeforeTheMeetingThenCancelsTheTakersRest() {
        final TestBook t = book(SelfTradePrevention.CANCEL_TAKER);
        t.limit(9, 7, BUY, TimeInForce.GTC, 101, 5);
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                trade(9, 7, 1, 1, BUY, 100, 2, 3, 0),
                new Canceled(9, 7, CancelReason.SELF_TRADE, 3));
        assertThat(t.asks()).containsExactly("100 x2 [2:2]", "101 x2 [3:2]");
        assertThat(t.bids()).isEmpty();
    }

    @Test
    void cancelMakerRemovesTheOwnRestingOrderAndKeepsMatching() {
        final TestBook t = book(SelfTradePrevention.CANCEL_MAKER);
        t.limit(9, 7, BUY, TimeInForce.GTC, 101, 5);
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                trade(9, 7, 1, 1, BUY, 100, 2, 3, 0),
                new Canceled(2, 7, CancelReason.SELF_TRADE, 2),
                trade(9, 7, 3, 3, BUY, 101, 2, 1, 0));
        assertThat(t.asks()).isEmpty();
        assertThat(t.bids()).containsExactly("101 x1 [9:1]");
    }

    @Test
    void cancelBothRemovesTheMakerAndTheTakersRest() {
        final TestBook t = book(SelfTradePrevention.CANCEL_BOTH);
        t.limit(9, 7, BUY, TimeInForce.GTC, 101, 5);
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 101, 5),
                trade(9, 7, 1, 1, BUY, 100, 2, 3, 0),
                new Canceled(2, 7, CancelReason.SELF_TRADE, 2),
                new Canceled(9, 7, CancelReason.SELF_TRADE, 3));
        assertThat(t.asks()).containsExactly("101 x2 [3:2]");
    }

    @Test
    void noneLetsTheAccountTradeWithItself() {
        final TestBook t = book(SelfTradePrevention.NONE);
        t.limit(9, 7, BUY, TimeInForce.GTC, 101, 5);
        assertThat(t.out.trades()).containsExactly(
                trade(9, 7, 1, 1, BUY, 100, 2, 3, 0),
                trade(9, 7, 2, 7, BUY, 100, 2, 1, 0),
                trade(9, 7, 3, 3, BUY, 101, 1, 0, 1));
    }

    @Test
    void fillOrKillCountsOnlyWhatSelfTradePreventionWouldLetItTake() {
        // cancel-taker: only 2 lots ahead of the own order
        assertThat(book(SelfTradePrevention.CANCEL_TAKER).limit(9, 7, BUY, TimeInForce.FOK, 101, 3)).isFalse();
        // cancel-maker: the own order is skipped (and canceled when the FOK executes): 2 + 2 available
        final TestBook maker = book(SelfTradePrevention.CANCEL_MAKER);
        assertThat(maker.limit(9, 7, BUY, TimeInForce.FOK, 101, 5)).isFalse();
        assertThat(maker.drain()).containsExactly(new Rejected(9, 7, RejectReason.FOK_NOT_FILLABLE));
        assertThat(maker.asks()).containsExactly("100 x4 [1:2 2:2]", "101 x2 [3:2]");
        assertThat(maker.limit(10, 7, BUY, TimeInForce.FOK, 101, 4)).isTrue();
        assertThat(maker.asks()).isEmpty();
        // none: the own order counts
        assertThat(book(SelfTradePrevention.NONE).limit(9, 7, BUY, TimeInForce.FOK, 101, 6)).isTrue();
    }

    @Test
    void postOnlyLooksAtPricesOnlyEvenWhenTheCrossingOrderIsOwn() {
        final TestBook t = new TestBook(BookRules.unit()).rest(1, 7, SELL, 100, 1);
        assertThat(t.limit(9, 7, BUY, TimeInForce.POST_ONLY, 100, 1)).isFalse();
        assertThat(t.drain()).containsExactly(new Rejected(9, 7, RejectReason.POST_ONLY_WOULD_TAKE));
    }
}
