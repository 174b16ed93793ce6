package dev.tandem.sim.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import org.junit.jupiter.api.Test;

/** Fees, locks, order margin, IM/MM with tiers and realized PnL, against figures computed by hand. */
class SimAccountTest {

    static long m(final String s) {
        return Fixed.money(s);
    }

    static long px(final String s) {
        return Fixed.parse(s, 2);
    }

    static long qty(final String s) {
        return Fixed.parse(s, 3);
    }

    static long sq(final String s) {
        return Fixed.parse(s, 6);
    }

    @Test
    void makerRebateAndTakerFee() {
        final TestVenue v = new TestVenue().add(TestVenue.perp("BTCUSDT", "-0.0001", "0.0006"));
        final SimAccount maker = v.open(1, "USDT", "10000");
        final SimAccount taker = v.open(2, "USDT", "10000");
        assertThat(v.limit(1, "BTCUSDT", Side.SELL, px("60000"), qty("0.5"))).isEqualTo(ReasonCode.NONE);
        // order margin: 30 000 / 10 + 0.06 % × 30 000 = 3 000 + 18
        assertThat(maker.orderMargin("USDT")).isEqualTo(m("3018"));
        assertThat(maker.availableBalance("USDT")).isEqualTo(m("6982"));
        assertThat(v.limit(2, "BTCUSDT", Side.BUY, px("60000"), qty("0.5"))).isEqualTo(ReasonCode.NONE);

        // notional 30 000: taker pays 0.06 % = 18, maker receives the 0.01 % rebate = 3
        assertThat(taker.walletBalance("USDT")).isEqualTo(m("9982"));
        assertThat(maker.walletBalance("USDT")).isEqualTo(m("10003"));
        assertThat(maker.perpFees("BTCUSDT")).isEqualTo(m("-3"));
        assertThat(v.ledger.feesCollected("USDT")).isEqualTo(m("15"));
        assertThat(maker.orderMargin("USDT")).isZero();
        assertThat(maker.positionQty("BTCUSDT")).isEqualTo(-qty("0.5"));
        assertThat(maker.entryCost("BTCUSDT")).isEqualTo(m("-30000"));
        assertThat(taker.avgEntryPrice("BTCUSDT")).isEqualTo(px("60000"));
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void perpOrderNeedsInitialMarginPlusFeeOfTheNewExposureOnly() {
        final TestVenue v = new TestVenue().add(TestVenue.perp("BTCUSDT", "0", "0.0006"));
        final SimAccount a = v.open(1, "USDT", "1000");
        v.open(2, "USDT", "100000");
        // 0.2 at 50 000: 10 000 / 10 + 6 = 1 006 > 1 000
        assertThat(v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("0.2"))).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        // 0.199: 995 + 5.97 = 1 000.97 > 1 000
        assertThat(v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("0.199"))).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        // 0.198: 990 + 5.94 = 995.94
        assertThat(v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("0.198"))).isEqualTo(ReasonCode.NONE);
        assertThat(a.availableBalance("USDT")).isEqualTo(m("4.06"));
        assertThat(a.reservedOrderCount()).isEqualTo(1);

        v.limit(2, "BTCUSDT", Side.SELL, px("50000"), qty("0.198"));  // account 2 takes it
        assertThat(a.positionQty("BTCUSDT")).isEqualTo(qty("0.198"));
        assertThat(a.walletBalance("USDT")).isEqualTo(m("1000"));     // maker fee 0
        assertThat(a.initialMargin("BTCUSDT")).isEqualTo(m("990"));
        assertThat(a.availableBalance("USDT")).isEqualTo(m("10"));

        // reducing needs no margin: a plain sell of the whole position and a reduce-only sell are both fine
        assertThat(v.limit(1, "BTCUSDT", Side.SELL, TimeInForce.GTC, px("52000"), qty("0.198"), false)).isEqualTo(ReasonCode.NONE);
        assertThat(v.limit(1, "BTCUSDT", Side.SELL, TimeInForce.GTC, px("52000"), qty("0.198"), true)).isEqualTo(ReasonCode.NONE);
        assertThat(a.orderMargin("USDT")).isZero();
        // selling 0.398 opens a 0.2 short: 10 400 / 10 + 6.24 > 10 available
        assertThat(v.limit(1, "BTCUSDT", Side.SELL, px("52000"), qty("0.398"))).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void initialAndMaintenanceMarginWithTiers() {
        final TestVenue v = new TestVenue().add(TestVenue.perp("BTCUSDT", "0", "0"), RiskLimitTable.bybitLikeBtcUsdt());
        final SimAccount a = v.open(1, "USDT", "200000");
        final SimAccount b = v.open(2, "USDT", "200000");
        assertThat(a.setLeverage("BTCUSDT", 20)).isEqualTo(ReasonCode.NONE);
        assertThat(b.setLeverage("BTCUSDT", 20)).isEqualTo(ReasonCode.NONE);
        // 50 BTC at 100x would be 2.5 M notional: tier 2 allows 50x only
        assertThat(a.setLeverage("BTCUSDT", 100)).isEqualTo(ReasonCode.NONE);
        assertThat(v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("50"))).isEqualTo(ReasonCode.VENUE_POSITION_LIMIT);
        assertThat(a.setLeverage("BTCUSDT", 20)).isEqualTo(ReasonCode.NONE);
        // more than the table's 10 M limit
        assertThat(v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("200.001"))).isEqualTo(ReasonCode.VENUE_POSITION_LIMIT);

        v.limit(2, "BTCUSDT", Side.SELL, px("50000"), qty("50"));
        v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("50"));
        v.setMark("BTCUSDT", px("50000"));
        assertThat(a.positionNotional("BTCUSDT")).isEqualTo(m("2500000"));
        assertThat(a.initialMargin("BTCUSDT")).isEqualTo(m("125000"));          // 2.5 M / 20
        assertThat(a.maintenanceMargin("BTCUSDT")).isEqualTo(m("15000"));       // 2.5 M × 1 % − 10 000
        v.setMark("BTCUSDT", px("30000"));                                      // 1.5 M: tier 1
        assertThat(a.maintenanceMargin("BTCUSDT")).isEqualTo(m("7500"));
        assertThat(a.unrealizedPnl("BTCUSDT")).isEqualTo(m("-1000000"));
        assertThat(b.unrealizedPnl("BTCUSDT")).isEqualTo(m("1000000"));
        assertThat(a.marginBalance("USDT")).isEqualTo(m("-800000"));
        assertThat(a.availableBalance("USDT")).isEqualTo(m("-925000"));
        // at 2.5 M notional the position is in tier 2, where 100x is not allowed
        v.setMark("BTCUSDT", px("50000"));
        assertThat(a.setLeverage("BTCUSDT", 51)).isEqualTo(ReasonCode.VENUE_POSITION_LIMIT);
        assertThat(a.setLeverage("BTCUSDT", 0)).isEqualTo(ReasonCode.VENUE_OTHER);
        // 2x would need 1.25 M of initial margin
        assertThat(a.setLeverage("BTCUSDT", 2)).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        assertThat(a.leverage("BTCUSDT")).isEqualTo(20);
    }

    @Test
    void realizedPnlOnReduceAndFlip() {
        final TestVenue v = new TestVenue().add(TestVenue.perp("BTCUSDT", "0", "0"));
        final SimAccount a = v.open(1, "USDT", "100000");
        final SimAccount b = v.open(2, "USDT", "100000");
        v.limit(2, "BTCUSDT", Side.SELL, px("50000"), qty("1"));
        v.limit(1, "BTCUSDT", Side.BUY, px("50000"), qty("1"));
        v.limit(2, "BTCUSDT", Side.BUY, px("51000"), qty("1.5"));
        v.limit(1, "BTCUSDT", Side.SELL, px("51000"), qty("1.5"));
        assertThat(a.realizedPnl("BTCUSDT")).isEqualTo(m("1000"));
        assertThat(a.positionQty("BTCUSDT")).isEqualTo(-qty("0.5"));
        assertThat(a.entryCost("BTCUSDT")).isEqualTo(m("-25500"));
        assertThat(b.realizedPnl("BTCUSDT")).isEqualTo(m("-1000"));
        assertThat(b.entryCost("BTCUSDT")).isEqualTo(m("25500"));
        assertThat(a.walletBalance("USDT")).isEqualTo(m("101000"));
        // a third of a position: released = C / 3 rounded half-even, the rest stays in C; cash flow stays exact
        v.limit(2, "BTCUSDT", Side.SELL, px("50000.01"), qty("0.167"));
        v.limit(1, "BTCUSDT", Side.BUY, px("50000.01"), qty("0.167"));
        assertThat(a.entryCost("BTCUSDT")).isEqualTo(m("-16983"));    // 25 500 × 0.333 / 0.5
        assertThat(a.realizedPnl("BTCUSDT")).isEqualTo(m("1000") + m("8517") - m("8350.00167"));
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }

    @Test
    void spotFundsAreLockedOnPlaceReleasedOnCancelAndConsumedOnFill() {
        final TestVenue v = new TestVenue().add(TestVenue.spot());
        final SimAccount buyer = v.open(1, "USDT", "10000");
        final SimAccount seller = v.open(2, "BTC", "1");
        final String s = "BTCUSDT-SPOT";
        // 0.01 at 50 000: 500 + 0.1 % = 500.5
        assertThat(v.limit(1, s, Side.BUY, px("50000"), sq("0.01"))).isEqualTo(ReasonCode.NONE);
        assertThat(buyer.lockedBalance("USDT")).isEqualTo(m("500.5"));
        v.executorCancelAll(1);
        assertThat(buyer.lockedBalance("USDT")).isZero();
        assertThat(v.limit(1, s, Side.BUY, px("50000"), sq("0.2"))).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);

        assertThat(v.limit(2, s, Side.SELL, px("49000"), sq("0.005"))).isEqualTo(ReasonCode.NONE);
        assertThat(seller.lockedBalance("BTC")).isEqualTo(m("0.005"));
        // buys 0.005 at the maker's 49 000 and rests 0.015 at 50 000
        assertThat(v.limit(1, s, Side.BUY, px("50000"), sq("0.02"))).isEqualTo(ReasonCode.NONE);
        assertThat(buyer.walletBalance("USDT")).isEqualTo(m("9754.755"));   // 10 000 − 245 − 0.245
        assertThat(buyer.lockedBalance("USDT")).isEqualTo(m("750.75"));     // ceil(1 001 × 0.015 / 0.02)
        assertThat(buyer.walletBalance("BTC")).isEqualTo(m("0.005"));
        assertThat(seller.walletBalance("BTC")).isEqualTo(m("0.995"));
        assertThat(seller.lockedBalance("BTC")).isZero();
        assertThat(seller.walletBalance("USDT")).isEqualTo(m("244.755"));
        assertThat(v.ledger.feesCollected("USDT")).isEqualTo(m("0.49"));
        assertThat(Conservation.check(v.ledger, true)).isEmpty();
    }
}
