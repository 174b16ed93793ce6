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

class MarketOrderTest {

    private static TestBook bookWithProtection(final MarketProtection protection) {
        return new TestBook(BookRules.unit().withMarketProtection(protection))
                .ask(1, 100, 2).ask(2, 101, 2).ask(3, 103, 2).ask(4, 110, 2);
    }

    @Test
    void withoutProtectionAMarketOrderWalksTheWholeSideAndCancelsWhatIsLeft() {
        final TestBook t = bookWithProtection(MarketProtection.none());
        assertThat(t.market(9, 7, BUY, TimeInForce.IOC, 10)).isTrue();
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 0, 10),
                trade(9, 7, 1, 101, BUY, 100, 2, 8, 0),
                trade(9, 7, 2, 102, BUY, 101, 2, 6, 0),
                trade(9, 7, 3, 103, BUY, 103, 2, 4, 0),
                trade(9, 7, 4, 104, BUY, 110, 2, 2, 0),
                new Canceled(9, 7, CancelReason.NO_LIQUIDITY, 2));
        assertThat(t.asks()).isEmpty();
    }

    @Test
    void aTickBoundStopsTheWalkAndCancelsTheRestForPriceProtection() {
        final TestBook t = bookWithProtection(MarketProtection.ticks(3)); // best 100: may trade up to 103
        t.market(9, 7, BUY, TimeInForce.GTC, 10);
        assertThat(t.drain()).containsExactly(
                new Accepted(9, 7, BUY, 0, 10),
                trade(9, 7, 1, 101, BUY, 100, 2, 8, 0),
                trade(9, 7, 2, 102, BUY, 101, 2, 6, 0),
                trade(9, 7, 3, 103, BUY, 103, 2, 4, 0),
                new Canceled(9, 7, CancelReason.PRICE_PROTECTION, 4));
        assertThat(t.asks()).containsExactly("110 x2 [4:2]");
    }

    @Test
    void aBasisPointBoundIsRoundedDownToWholeTicks() {
        // 250 bps of 100 = 2.5 -> 2 ticks: 100 and 101 only
        final TestBook t = bookWithProtection(MarketProtection.bps(250));
        t.market(9, 7, BUY, TimeInForce.IOC, 10);
        assertThat(t.out.trades()).extracting(RecordingListener.Trade::price).containsExactly(100L, 101L);
        assertThat(t.drain()).endsWith(new Canceled(9, 7, CancelReason.PRICE_PROTECTION, 6));
    }

    @Test
    void aMarketSellIsBoundedBelowTheBestBid() {
        final TestBook t = new TestBook(BookRules.unit().withMarketProtection(MarketProtection.ticks(1)))
                .bid(1, 100, 1).bid(2, 99, 1).bid(3, 98, 1);
        t.market(9, 7, SELL, TimeInForce.IOC, 3);
        assertThat(t.out.trades()).extracting(RecordingListener.Trade::price).containsExactly(100L, 99L);
        assertThat(t.bids()).containsExactly("98 x1 [3:1]");
    }

    @Test
    void aMarketOrderIntoAnEmptySideIsAcceptedAndCanceledWhole() {
        final TestBook t = TestBook.unit();
        t.market(9, 7, SELL, TimeInForce.IOC, 4);
        assertThat(t.drain()).containsExactly(new Accepted(9, 7, SELL, 0, 4),
                new Canceled(9, 7, CancelReason.NO_LIQUIDITY, 4));
    }

    @Test
    void aFokMarketOrderMustFillWithinTheBound() {
        final TestBook t = bookWithProtection(MarketProtection.ticks(3));
        assertThat(t.market(9, 7, BUY, TimeInForce.FOK, 7)).isFalse();
        assertThat(t.market(10, 7, BUY, TimeInForce.FOK, 6)).isTrue();
        assertThat(t.drain()).startsWith(new Rejected(9, 7, RejectReason.FOK_NOT_FILLABLE),
                new Accepted(10, 7, BUY, 0, 6));
        assertThat(t.asks()).containsExactly("110 x2 [4:2]");
    }

    @Test
    void postOnlyMarketOrdersAreRefused() {
        final TestBook t = bookWithProtection(MarketProtection.none());
        assertThat(t.market(9, 7, BUY, TimeInForce.POST_ONLY, 1)).isFalse();
        assertThat(t.drain()).containsExactly(new Rejected(9, 7, RejectReason.INVALID_TIME_IN_FORCE));
    }

    @Test
    void protectionBoundsSaturateInsteadOfOverflowing() {
        assertThat(MarketProtection.ticks(Long.MAX_VALUE).worstPrice(BUY, 100, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(MarketProtection.ticks(Long.MAX_VALUE).worstPrice(SELL, 100, 5)).isEqualTo(100 - Long.MAX_VALUE);
        assertThat(MarketProtection.none().worstPrice(SELL, 100, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(MarketProtection.bps(Long.MAX_VALUE).worstPrice(BUY, 1_000_000, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(MarketProtection.none().worstPrice(BUY, 100, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(MarketProtection.bps(100).worstPrice(SELL, 10_000, 7)).isEqualTo(10_000 - 98);
        assertThat(MarketProtection.ticks(0).worstPrice(BUY, 100, 1)).isEqualTo(100);
    }
}
