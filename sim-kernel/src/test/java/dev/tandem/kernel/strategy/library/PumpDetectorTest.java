package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.orders;
import static dev.tandem.kernel.strategy.library.Rig.px;
import static dev.tandem.kernel.strategy.library.Rig.qty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code pump-detector} with window 3, momentumBps 200 (2 %), volumeFactor 3, size 0.010, on hand-worked bars. The three
 * first bars close at 60 000 with 10 BTC each, so a surge bar needs ≥ 30 BTC and a move to ≥ 61 200 (or ≤ 58 800).
 */
class PumpDetectorTest {
    private static final String[] BASE = {"window", "3", "momentumBps", "200", "volumeFactor", "3", "size", "0.010"};

    private static StrategySpec spec(final String... more) {
        final String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return Rig.spec("pump-detector", all);
    }

    /** Bars from "close/volume" (whole USDT allowed with decimals, BTC volume), bar 1 first. */
    private static void bars(final KernelHarness h, final String... bars) {
        for (int i = 0; i < bars.length; i++) {
            final String[] cv = bars[i].split("/");
            final long close = px(cv[0]);
            h.bar(BTC.id(), Rig.barTime(h, i + 1), close, close, close, close, qty(cv[1]));
        }
        h.runUntil(Rig.barTime(h, bars.length) + 2 * Rig.MILLI);
    }

    @Test
    void entersWithAnUpwardSurgeExactlyAtTheThresholdsAndExitsAfterTheHoldingPeriod() {
        final KernelHarness h = Rig.start(Rig.unlimited(), spec("holdBars", "2"));
        // bar 4: volume 30 = 3 × mean 10, move +1 200 = 2 % of 60 000: both thresholds met exactly
        bars(h, "60000/10", "60000/10", "60000/10", "61200/30", "61300/10", "61300/10", "61300/10");
        assertThat(orders(h)).containsExactly("BUY 0.010 MARKET @4", "SELL 0.010 MARKET @6");
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
    }

    @Test
    void justBelowEitherThresholdIsNoEntry() {
        final KernelHarness weakMove = Rig.start(Rig.unlimited(), spec());
        bars(weakMove, "60000/10", "60000/10", "60000/10", "61199.90/30");
        assertThat(orders(weakMove)).isEmpty();
        final KernelHarness weakVolume = Rig.start(Rig.unlimited(), spec());
        bars(weakVolume, "60000/10", "60000/10", "60000/10", "61200/29.999");
        assertThat(orders(weakVolume)).isEmpty();
        final KernelHarness tooEarly = Rig.start(Rig.unlimited(), spec());
        bars(tooEarly, "60000/10", "60000/10", "61200/30"); // only 2 bars before it: the window is not full
        assertThat(orders(tooEarly)).isEmpty();
    }

    @Test
    void momentumIsMeasuredOverTheWholeWindow() {
        // bar 5 against bar 2 (61 000 → 62 220 = +2 %); bar 4's own rise is no surge (volume)
        final KernelHarness h = Rig.start(Rig.unlimited(), spec());
        bars(h, "60000/10", "61000/10", "61500/10", "61900/10", "62220/30");
        assertThat(orders(h)).containsExactly("BUY 0.010 MARKET @5");
    }

    @Test
    void exitsOnAReversalFromTheBestCloseSinceEntry() {
        // best close 62 000 after entry; 1 % of it is 620: 61 380.10 is not enough, 61 380 is
        final KernelHarness stays = Rig.start(Rig.unlimited(), spec("holdBars", "10", "reversalBps", "100"));
        bars(stays, "60000/10", "60000/10", "60000/10", "61200/30", "62000/10", "61380.10/10");
        assertThat(orders(stays)).containsExactly("BUY 0.010 MARKET @4");
        final KernelHarness exits = Rig.start(Rig.unlimited(), spec("holdBars", "10", "reversalBps", "100"));
        bars(exits, "60000/10", "60000/10", "60000/10", "61200/30", "62000/10", "61380/10");
        assertThat(orders(exits)).containsExactly("BUY 0.010 MARKET @4", "SELL 0.010 MARKET @6");
    }

    @Test
    void entersShortOnADownwardSurgeUnlessShortsAreOff() {
        final KernelHarness h = Rig.start(Rig.unlimited(), spec("holdBars", "2"));
        bars(h, "60000/10", "60000/10", "60000/10", "58800/30", "58700/10", "58700/10");
        assertThat(orders(h)).containsExactly("SELL 0.010 MARKET @4", "BUY 0.010 MARKET @6");
        final KernelHarness longOnly = Rig.start(Rig.unlimited(), spec("holdBars", "2", "shorts", "false"));
        bars(longOnly, "60000/10", "60000/10", "60000/10", "58800/30", "58700/10", "58700/10");
        assertThat(orders(longOnly)).isEmpty();
    }

    @Test
    void aShortIsStoppedWhenThePriceRisesFromItsLowestClose() {
        final KernelHarness h = Rig.start(Rig.unlimited(), spec("holdBars", "10", "reversalBps", "100"));
        // lowest close 58 000 after entry; +1 % = 58 580
        bars(h, "60000/10", "60000/10", "60000/10", "58800/30", "58000/10", "58580/10");
        assertThat(orders(h)).containsExactly("SELL 0.010 MARKET @4", "BUY 0.010 MARKET @6");
    }

    @Test
    void aVolumeAfterSilentBarsIsASurge() {
        final KernelHarness h = Rig.start(Rig.unlimited(), spec());
        bars(h, "60000/0", "60000/0", "60000/0", "61200/0.001");
        assertThat(orders(h)).containsExactly("BUY 0.010 MARKET @4");
        final KernelHarness none = Rig.start(Rig.unlimited(), spec());
        bars(none, "60000/0", "60000/0", "60000/0", "61200/0");
        assertThat(orders(none)).isEmpty();
    }

    @Test
    void forgetsAPositionClosedBySomeoneElse() {
        final StrategySpec spec = spec("holdBars", "2");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        h.externalFill(BTC.id(), Rig.barTime(h, 5) - Rig.SECOND, Side.SELL, px("61200"), qty("0.010"), 0, Liquidity.LIQUIDATION, "liq-1");
        bars(h, "60000/10", "60000/10", "60000/10", "61200/30", "61300/10", "61300/10");
        // no exit order for a position that is no longer there
        assertThat(orders(h)).containsExactly("BUY 0.010 MARKET @4");
        assertThat(((PumpDetector) spec.strategy()).exits()).isZero();
    }

    @Test
    void anExitDueWhileTheEntryIsInFlightGoesOutWhenTheEntryEnds() {
        final KernelHarness h = KernelHarness.started(Rig.unlimited(), 90 * Rig.SECOND, spec("holdBars", "1"));
        bars(h, "60000/10", "60000/10", "60000/10", "61200/30", "61300/10");
        h.runUntil(Rig.barTime(h, 7));
        assertThat(orders(h)).containsExactly("BUY 0.010 MARKET @4", "SELL 0.010 MARKET @5.5");
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("pump-detector", "window", "0"))
                .hasMessage("strategy 'pump-detector' parameter 'window': must be integer 1..100000, got '0'");
        assertThatThrownBy(() -> Rig.spec("pump-detector", "volumeFactor", "0"))
                .hasMessage("strategy 'pump-detector' parameter 'volumeFactor': must be decimal 0.0001..1000000, got '0'");
        assertThatThrownBy(() -> Rig.spec("pump-detector", "shorts", "sometimes"))
                .hasMessage("strategy 'pump-detector' parameter 'shorts': must be true or false, got 'sometimes'");
        assertThat(((PumpDetector) StrategyLibrary.create("pump-detector", null, "p", BTC).strategy()).config())
                .isEqualTo(new PumpDetector.Config(20, 20_000, 30_000, 10, 10_000, QtyParam.min("size"), true));
    }
}
