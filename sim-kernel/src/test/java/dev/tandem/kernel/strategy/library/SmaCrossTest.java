package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.bars;
import static dev.tandem.kernel.strategy.library.Rig.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.KernelHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sma-cross} on hand-worked bar sequences: the bar each signal falls on, the all-in quantity (floor to the lot)
 * and the exit quantity (the whole position). Prices are BTC closes in whole USDT; the account holds 10 000 USDT.
 */
class SmaCrossTest {

    private static SmaCross strategy(final StrategySpec spec) {
        return (SmaCross) spec.strategy();
    }

    @Test
    void buysAllInOnTheCrossUpBarAndSellsTheWholePositionOnTheCrossDownBar() {
        final StrategySpec spec = Rig.spec("sma-cross", "fast", "2", "slow", "3");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        // bar:       1      2      3      4      5      6      7      8
        // fast(2):   -      -    60000  60000  60500  61000  60000  59000
        // slow(3):   -      -    60000  60000  60333  60667  60333  59667
        // sign:      -      -      0      0      +      +      -      -
        bars(h, 60000, 60000, 60000, 60000, 61000, 61000, 59000, 59000);

        // 10 000 / 61 000 = 0.16393... BTC, rounded down to the 0.001 lot
        assertThat(orders(h)).containsExactly("BUY 0.163 MARKET @5", "SELL 0.163 MARKET @7");
        final List<OrderFilled> fills = h.events(OrderFilled.class);
        assertThat(fills).extracting(OrderFilled::lastPrice).containsExactly(Rig.px("61000"), Rig.px("59000"));
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
        assertThat(strategy(spec).signals()).isEqualTo(2);
    }

    @Test
    void equalAveragesAreNeitherAboveNorBelowSoATouchDoesNotCross() {
        final StrategySpec spec = Rig.spec("sma-cross", "fast", "1", "slow", "2");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        // bar:      1      2      3      4      5      6      7
        // fast(1): -    59000  59000  60000  60000  61000  60000
        // slow(2): -    59500  59000  59500  60000  60500  60500
        // sign:    -      -      0      +      0      +      -
        bars(h, 60000, 59000, 59000, 60000, 60000, 61000, 60000);

        // up at 4 (0 → +), touch at 5 is no cross down, up again at 6 while long (no order), down at 7
        assertThat(orders(h)).containsExactly("BUY 0.166 MARKET @4", "SELL 0.166 MARKET @7");
        assertThat(strategy(spec).signals()).isEqualTo(3);
    }

    @Test
    void noSignalBeforeTheSlowAverageHasAPreviousValue() {
        final StrategySpec spec = Rig.spec("sma-cross", "fast", "2", "slow", "3");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        // at bar 3 fast (60500) > slow (60333) already, but there is no earlier sign: no cross; bar 4 stays above
        bars(h, 60000, 60000, 61000, 61000);
        assertThat(orders(h)).isEmpty();
        assertThat(strategy(spec).signals()).isZero();
    }

    @Test
    void aCrossWhileTheEntryIsInFlightIsActedOnWhenTheEntryEnds() {
        final StrategySpec spec = Rig.spec("sma-cross", "fast", "2", "slow", "3");
        // 90 s venue latency: the entry sent at bar 5 fills after bar 6 (at 6.5 min)
        final KernelHarness h = KernelHarness.started(Rig.unlimited(), 90 * Rig.SECOND, spec);
        // bar 6: fast (61000+58000)/2 = 59500 < slow (60000+61000+58000)/3 = 59667: cross down while buying
        for (int i = 0; i < 6; i++) {
            h.bar(BTC.id(), Rig.barTime(h, i + 1), new long[] {60000, 60000, 60000, 60000, 61000, 58000}[i] * 100);
        }
        h.runUntil(Rig.barTime(h, 9));

        assertThat(orders(h)).containsExactly("BUY 0.163 MARKET @5", "SELL 0.163 MARKET @6.5");
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
    }

    @Test
    void theExitSellsTheWholeAccountPositionNotJustWhatTheEntryBought() {
        final StrategySpec spec = Rig.spec("sma-cross", "fast", "2", "slow", "3");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        // 0.005 BTC more arrive from outside (a fill of an order not placed by this process) after the entry
        h.externalFill(BTC.id(), Rig.barTime(h, 6) - Rig.SECOND, Side.BUY, Rig.px("61000"), Rig.qty("0.005"), 0, Liquidity.TAKER, "ext-1");
        bars(h, 60000, 60000, 60000, 60000, 61000, 61000, 59000);
        assertThat(orders(h)).containsExactly("BUY 0.163 MARKET @5", "SELL 0.168 MARKET @7");
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
    }

    @Test
    void allocationSpendsThatFractionOfEquity() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("sma-cross", "fast", "2", "slow", "3", "allocation", "0.5"));
        bars(h, 60000, 60000, 60000, 60000, 61000);
        // 5 000 / 61 000 = 0.08196... → 0.081
        assertThat(orders(h)).containsExactly("BUY 0.081 MARKET @5");
    }

    @Test
    void allInOnSpotUsesTheSpotLotAndTheSpotBalanceCheckNeedsRoomForTheFee() {
        final Instrument spot = Instruments.btcUsdtSpot();
        final KernelConfig config = KernelConfig.defaults(Rig.SEED, KernelHarness.START_NANOS, Fixed.money("10000"), List.of(spot))
                .withRisk(RiskLimits.unlimited().toBuilder().spotBalanceCheck(true).build());
        for (final String allocation : List.of("1", "0.99")) {
            final KernelHarness h = Rig.start(config, StrategyLibrary.create("sma-cross",
                    Rig.params("fast", "2", "slow", "3", "allocation", allocation), "s1", spot));
            for (int i = 0; i < 5; i++) {
                h.bar(spot.id(), Rig.barTime(h, i + 1), spot.price(new String[] {"60000", "60000", "60000", "60000", "61000"}[i]));
            }
            h.runUntil(Rig.barTime(h, 6));
            final SubmitOrder sent = h.commands(SubmitOrder.class).isEmpty() ? null : h.commands(SubmitOrder.class).get(0);
            if (allocation.equals("1")) {
                // 0.163934 BTC × 61 000 = 9 999.97 USDT, plus the 0.1 % taker fee, is more than the 10 000 USDT wallet
                assertThat(sent).isNull();
                assertThat(h.events(OrderDenied.class)).singleElement()
                        .satisfies(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_INSUFFICIENT_BALANCE));
            } else {
                // 9 900 / 61 000 = 0.16229508... → 0.162295 (lot 0.000001)
                assertThat(sent.qty()).isEqualTo(spot.qty("0.162295"));
            }
        }
    }

    @Test
    void aDeniedEntryIsNotRetriedOnLaterBarsWithoutANewCross() {
        // default limits: one order may not exceed 1 000 USDT, so the all-in entry (9 943 USDT) is denied
        final KernelHarness h = Rig.start(Rig.config(RiskLimits.defaults().toBuilder().dataStaleNanos(0).build()),
                Rig.spec("sma-cross", "fast", "2", "slow", "3"));
        bars(h, 60000, 60000, 60000, 60000, 61000, 61000, 62000, 63000);
        assertThat(h.commands(SubmitOrder.class)).isEmpty();
        assertThat(h.events(OrderDenied.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_MAX_ORDER_NOTIONAL));
    }

    @Test
    void parametersAreValidatedWithMessagesNamingTheParameter() {
        assertThatThrownBy(() -> Rig.spec("sma-cross", "fast", "30", "slow", "30"))
                .isInstanceOf(StrategyParameterException.class)
                .hasMessage("strategy 'sma-cross' parameter 'fast': must be at least 1 and below slow (30), got '30'")
                .satisfies(e -> assertThat(((StrategyParameterException) e).parameter()).isEqualTo("fast"));
        assertThatThrownBy(() -> Rig.spec("sma-cross", "slow", "1"))
                .hasMessage("strategy 'sma-cross' parameter 'slow': must be integer 2..100000, got '1'");
        assertThatThrownBy(() -> Rig.spec("sma-cross", "fast", "ten"))
                .hasMessage("strategy 'sma-cross' parameter 'fast': must be integer 1..99999, got 'ten'");
        assertThatThrownBy(() -> Rig.spec("sma-cross", "allocation", "1.5"))
                .hasMessage("strategy 'sma-cross' parameter 'allocation': must be decimal 0.0001..1, got '1.5'");
        assertThatThrownBy(() -> Rig.spec("sma-cross", "allocation", "0.00001"))
                .hasMessage("strategy 'sma-cross' parameter 'allocation': must be decimal 0.0001..1, got '0.00001'");
        assertThatThrownBy(() -> Rig.spec("sma-cross", "fats", "3"))
                .hasMessage("strategy 'sma-cross': unknown parameter 'fats'; valid parameters: allocation, fast, slow");
    }

    @Test
    void defaultsAreTenAndThirtyBarsAllIn() {
        final SmaCross s = strategy(StrategyLibrary.create("sma-cross", null, "s1", BTC));
        assertThat(s.config()).isEqualTo(new SmaCross.Config(10, 30, 10_000));
    }
}
