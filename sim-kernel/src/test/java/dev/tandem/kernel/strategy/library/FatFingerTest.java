package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.px;
import static dev.tandem.kernel.strategy.library.Rig.qty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import org.junit.jupiter.api.Test;

/** {@code fat-finger}: exactly one order, far from the market as configured, and the risk check that stops it. */
class FatFingerTest {

    private static KernelHarness quoted(final RiskLimits limits, final StrategySpec spec) {
        final KernelHarness h = Rig.start(Rig.config(limits), spec);
        for (int i = 1; i <= 5; i++) {
            h.quote(BTC.id(), h.at(i), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        }
        h.runUntil(h.at(6));
        return h;
    }

    private static RiskLimits defaults() {
        return RiskLimits.defaults().toBuilder().dataStaleNanos(0).build();
    }

    @Test
    void aBuyAtTenTimesTheMarketIsDeniedByThePriceBand() {
        final StrategySpec spec = Rig.spec("fat-finger");
        final KernelHarness h = quoted(defaults(), spec);
        // 60 000.00 × 10; 600 USDT notional passes the 1 000 USDT order limit, the 5 % band does not
        assertThat(h.events(OrderDenied.class)).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_PRICE_BAND));
        assertThat(h.commands(SubmitOrder.class)).isEmpty();
        final FatFinger f = (FatFinger) spec.strategy();
        assertThat(f.fired()).isTrue();
        assertThat(f.result().denial()).isEqualTo(ReasonCode.RISK_PRICE_BAND);
    }

    @Test
    void withoutLimitsTheOrderReachesTheVenueAtTheFatPriceOnlyOnce() {
        final KernelHarness h = quoted(RiskLimits.unlimited(), Rig.spec("fat-finger"));
        assertThat(h.commands(SubmitOrder.class)).singleElement().satisfies(s -> {
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.type()).isEqualTo(OrderType.LIMIT);
            assertThat(s.price()).isEqualTo(px("600000"));
            assertThat(s.qty()).isEqualTo(qty("0.001"));
            assertThat(s.tsInitNanos()).isEqualTo(h.at(1));
        });
    }

    @Test
    void aThousandfoldQuantityIsDeniedByTheOrderNotionalLimit() {
        final KernelHarness h = quoted(defaults(), Rig.spec("fat-finger", "priceFactor", "1", "qtyFactor", "1000"));
        assertThat(h.events(OrderDenied.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_MAX_ORDER_NOTIONAL));
        final KernelHarness unlimited = quoted(RiskLimits.unlimited(), Rig.spec("fat-finger", "priceFactor", "1", "qtyFactor", "1000",
                "orderType", "MARKET"));
        assertThat(unlimited.commands(SubmitOrder.class)).singleElement().satisfies(s -> {
            assertThat(s.qty()).isEqualTo(qty("1"));
            assertThat(s.type()).isEqualTo(OrderType.MARKET);
        });
    }

    @Test
    void aSellAtATenthAfterADelay() {
        final KernelHarness h = quoted(RiskLimits.unlimited(), Rig.spec("fat-finger", "side", "SELL", "priceFactor", "0.1", "delayMs", "2500"));
        assertThat(h.events(OrderSubmitted.class)).singleElement().satisfies(s -> {
            assertThat(s.side()).isEqualTo(Side.SELL);
            assertThat(s.price()).isEqualTo(px("6000"));
            assertThat(s.tsEventNanos()).isEqualTo(h.at(3.5));
        });
    }

    @Test
    void pricesStayOnTheTickAndClampInsteadOfOverflowing() {
        final StrategySpec spec = Rig.spec("fat-finger", "priceFactor", "1.0001");
        Rig.start(Rig.unlimited(), spec);
        final FatFinger f = (FatFinger) spec.strategy();
        assertThat(f.fatPrice(px("60000"))).isEqualTo(px("60006"));
        assertThat(f.fatPrice(px("60000.05"))).isEqualTo(px("60006")); // 60 006.050005 → the nearest 0.10 tick
        assertThat(f.fatPrice(px("0.10"))).isEqualTo(px("0.10")); // never below one tick
        final StrategySpec huge = Rig.spec("fat-finger", "priceFactor", "1000000", "qtyFactor", "1000000000");
        Rig.start(Rig.unlimited(), huge);
        final FatFinger g = (FatFinger) huge.strategy();
        assertThat(g.fatPrice(Long.MAX_VALUE / 10)).isEqualTo(Long.MAX_VALUE - Long.MAX_VALUE % 10);
        assertThat(g.fatQty()).isEqualTo(qty("1000000"));
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("fat-finger", "qtyFactor", "0.5"))
                .hasMessage("strategy 'fat-finger' parameter 'qtyFactor': must be decimal 1..1000000000, got '0.5'");
        assertThatThrownBy(() -> Rig.spec("fat-finger", "priceFactor", "0"))
                .hasMessage("strategy 'fat-finger' parameter 'priceFactor': must be decimal 0.0001..1000000, got '0'");
        assertThatThrownBy(() -> Rig.spec("fat-finger", "side", "ALTERNATE"))
                .hasMessage("strategy 'fat-finger' parameter 'side': must be one of BUY, SELL, got 'ALTERNATE'");
    }
}
