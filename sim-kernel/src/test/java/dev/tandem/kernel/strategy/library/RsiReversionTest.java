package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.bars;
import static dev.tandem.kernel.strategy.library.Rig.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.indicator.Rsi;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code rsi-reversion} on hand-worked closes with period 2, lower 30, upper 70. Wilder's RSI:
 * <pre>
 *   close   60000  59900  59800  59900  60100
 *   change     -   -100   -100   +100   +200
 *   avgGain    -     -      0      50    125      (first: mean of 2 gains; then (prev·1 + gain) / 2)
 *   avgLoss    -     -     100     50     25
 *   RSI        -     -      0      50   83.33
 * </pre>
 */
class RsiReversionTest {

    @Test
    void buysAllInBelowLowerAndSellsTheWholePositionAboveUpper() {
        final StrategySpec spec = Rig.spec("rsi-reversion", "period", "2", "lower", "30", "upper", "70");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        bars(h, 60000, 59900, 59800, 59900, 60100);

        // 10 000 / 59 800 = 0.16722... → 0.167
        assertThat(orders(h)).containsExactly("BUY 0.167 MARKET @3", "SELL 0.167 MARKET @5");
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
        assertThat(((RsiReversion) spec.strategy()).rsi()).isEqualTo(100.0 * 125 / 150);
    }

    @Test
    void itsRsiIsTheKernelIndicatorsRsi() {
        final StrategySpec spec = Rig.spec("rsi-reversion", "period", "3");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        final Rsi reference = new Rsi(3);
        final long[] closes = {60000, 60130, 59870, 60010, 60555, 60200, 59990, 60420, 61000, 60815};
        for (int i = 0; i < closes.length; i++) {
            h.bar(BTC.id(), Rig.barTime(h, i + 1), closes[i] * 100);
            h.runUntil(Rig.barTime(h, i + 1) + Rig.SECOND);
            reference.update(closes[i]);
            assertThat(reference.isReady()).isEqualTo(i >= 3);
            assertThat(Double.doubleToRawLongBits(((RsiReversion) spec.strategy()).rsi())).as("bar %d", i + 1)
                    .isEqualTo(Double.doubleToRawLongBits(reference.value()));
        }
    }

    @Test
    void levelsAreStrict() {
        // RSI is exactly 0 at bar 3: not below a lower level of 0
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("rsi-reversion", "period", "2", "lower", "0", "upper", "70"));
        bars(h, 60000, 59900, 59800);
        assertThat(orders(h)).isEmpty();
    }

    @Test
    void levelsAreLevelsSoADeniedEntryIsTriedAgainOnTheNextBarStillBelowLower() {
        // default limits deny the 10 000 USDT entry (max order notional 1 000); RSI stays 0 at bars 3 and 4
        final KernelHarness h = Rig.start(Rig.config(RiskLimits.defaults().toBuilder().dataStaleNanos(0).build()),
                Rig.spec("rsi-reversion", "period", "2"));
        bars(h, 60000, 59900, 59800, 59700);
        assertThat(h.events(OrderDenied.class)).hasSize(2)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_MAX_ORDER_NOTIONAL));
    }

    @Test
    void aBarThatArrivesWhileTheEntryIsInFlightIsDecidedWhenTheEntryEnds() {
        final KernelHarness h = KernelHarness.started(Rig.unlimited(), 90 * Rig.SECOND,
                Rig.spec("rsi-reversion", "period", "2", "lower", "30", "upper", "70"));
        // bar 4: +300 → avgGain (0 + 300) / 2 = 150, avgLoss (100 + 0) / 2 = 50 → RSI 75 while the entry is in flight
        for (int i = 0; i < 4; i++) {
            h.bar(BTC.id(), Rig.barTime(h, i + 1), new long[] {60000, 59900, 59800, 60100}[i] * 100);
        }
        h.runUntil(Rig.barTime(h, 6));
        assertThat(orders(h)).containsExactly("BUY 0.167 MARKET @3", "SELL 0.167 MARKET @4.5");
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("rsi-reversion", "lower", "80"))
                .isInstanceOf(StrategyParameterException.class)
                .hasMessage("strategy 'rsi-reversion' parameter 'lower': must be below upper (70), got '80'");
        assertThatThrownBy(() -> Rig.spec("rsi-reversion", "upper", "101"))
                .hasMessage("strategy 'rsi-reversion' parameter 'upper': must be decimal 0..100, got '101'");
        assertThatThrownBy(() -> Rig.spec("rsi-reversion", "period", "0"))
                .hasMessage("strategy 'rsi-reversion' parameter 'period': must be integer 1..100000, got '0'");
        assertThatThrownBy(() -> Rig.spec("rsi-reversion", "lower", "2e1"))
                .hasMessage("strategy 'rsi-reversion' parameter 'lower': must be a plain decimal number (decimal 0..100), got '2e1'");
        assertThatThrownBy(() -> Rig.spec("rsi-reversion", "lower", "30.00001"))
                .hasMessage("strategy 'rsi-reversion' parameter 'lower': must have at most 4 decimals, got '30.00001'");
    }

    @Test
    void defaultsAreFourteenThirtySeventyAllIn() {
        final RsiReversion s = (RsiReversion) StrategyLibrary.create("rsi-reversion", null, "s1", BTC).strategy();
        assertThat(s.config()).isEqualTo(new RsiReversion.Config(14, 30.0, 70.0, 10_000));
    }
}
