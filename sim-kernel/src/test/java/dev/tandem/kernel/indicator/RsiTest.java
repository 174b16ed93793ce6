package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsiTest {

    @Test
    void handComputedRsi3() {
        // prices 10, 12, 11, 14, 13, 15 -> changes +2, -1, +3, -1, +2
        Rsi rsi = new Rsi(3);
        for (double p : new double[] {10, 12, 11}) {
            rsi.update(p);
            assertThat(rsi.isReady()).isFalse();
            assertThat(rsi.value()).isNaN();
            assertThat(rsi.averageGain()).isNaN();
        }
        rsi.update(14);
        // first averages over 3 changes: gains 2,0,3 -> 5/3; losses 0,1,0 -> 1/3; RS = 5
        assertThat(rsi.isReady()).isTrue();
        assertThat(rsi.averageGain()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(rsi.averageLoss()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(rsi.value()).isCloseTo(100 - 100 / (1 + 5.0), within(1e-12)); // 83.33...

        rsi.update(13); // change -1: avgGain = (5/3*2 + 0)/3 = 10/9; avgLoss = (1/3*2 + 1)/3 = 5/9; RS = 2
        assertThat(rsi.averageGain()).isCloseTo(10.0 / 9, within(1e-12));
        assertThat(rsi.averageLoss()).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(rsi.value()).isCloseTo(100 - 100 / (1 + 2.0), within(1e-12)); // 66.67

        rsi.update(15); // change +2: avgGain = (10/9*2 + 2)/3 = 38/27; avgLoss = (5/9*2 + 0)/3 = 10/27; RS = 3.8
        assertThat(rsi.averageGain()).isCloseTo(38.0 / 27, within(1e-12));
        assertThat(rsi.averageLoss()).isCloseTo(10.0 / 27, within(1e-12));
        assertThat(rsi.value()).isCloseTo(100 - 100 / (1 + 3.8), within(1e-12)); // 79.1666...
        assertThat(rsi.updates()).isEqualTo(6);
    }

    @Test
    void handComputedRsi2WithWilderSmoothing() {
        // prices 50, 51, 53, 50 -> changes +1, +2, -3
        Rsi rsi = new Rsi(2);
        rsi.update(50);
        rsi.update(51);
        rsi.update(53);
        // gains 1,2 -> 1.5; losses 0 -> avgLoss 0 and avgGain > 0 -> 100
        assertThat(rsi.value()).isEqualTo(100.0);
        rsi.update(50);
        // avgGain = (1.5*1 + 0)/2 = 0.75; avgLoss = (0*1 + 3)/2 = 1.5; RS = 0.5 -> 100 - 100/1.5 = 33.33
        assertThat(rsi.averageGain()).isEqualTo(0.75);
        assertThat(rsi.averageLoss()).isEqualTo(1.5);
        assertThat(rsi.value()).isCloseTo(100 - 100 / 1.5, within(1e-12));
    }

    @Test
    void readyAfterPeriodPlusOnePrices() {
        Rsi rsi = new Rsi(14);
        for (int i = 0; i < 14; i++) {
            rsi.update(100 + (i % 3));
            assertThat(rsi.isReady()).as("after %d prices", i + 1).isFalse();
        }
        rsi.update(100);
        assertThat(rsi.isReady()).isTrue();
        assertThat(rsi.value()).isBetween(0.0, 100.0);
    }

    @Test
    void flatPricesGive50() {
        Rsi rsi = new Rsi(14);
        for (int i = 0; i < 100; i++) {
            rsi.update(42.5);
        }
        assertThat(rsi.averageGain()).isZero();
        assertThat(rsi.averageLoss()).isZero();
        assertThat(rsi.value()).isEqualTo(50.0);
    }

    @Test
    void onlyGainsGive100AndOnlyLossesGive0() {
        Rsi up = new Rsi(5);
        Rsi down = new Rsi(5);
        for (int i = 0; i < 50; i++) {
            up.update(100 + i);
            down.update(100 - i);
        }
        assertThat(up.value()).isEqualTo(100.0);
        assertThat(down.value()).isEqualTo(0.0);
    }

    @Test
    void gainAfterFlatStretchGives100() {
        Rsi rsi = new Rsi(3);
        for (int i = 0; i < 10; i++) {
            rsi.update(7);
        }
        rsi.update(8); // avgGain = (0*2 + 1)/3 > 0, avgLoss = 0
        assertThat(rsi.value()).isEqualTo(100.0);
    }

    @Test
    void period1FollowsTheLastChange() {
        Rsi rsi = new Rsi(1);
        rsi.update(10);
        assertThat(rsi.isReady()).isFalse();
        rsi.update(11);
        assertThat(rsi.value()).isEqualTo(100.0);
        rsi.update(9);
        assertThat(rsi.value()).isEqualTo(0.0);
        rsi.update(9);
        assertThat(rsi.value()).isEqualTo(50.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 50})
    void matchesNaiveRecomputationOnLongRandomWalk(int period) {
        double[] prices = TestData.randomWalk(3000 + period, 20_000, 30_000, 5);
        double[] gains = new double[prices.length - 1];
        double[] losses = new double[prices.length - 1];
        for (int k = 0; k + 1 < prices.length; k++) {
            double change = prices[k + 1] - prices[k];
            if (change > 0) {
                gains[k] = change;
            } else {
                losses[k] = -change;
            }
        }
        Rsi rsi = new Rsi(period);
        for (int i = 0; i < prices.length; i++) {
            rsi.update(prices[i]);
            if (i < period) {
                assertThat(rsi.value()).isNaN();
            } else if (i < 400 || i % 97 == 0 || i == prices.length - 1) {
                // i + 1 prices -> i changes; averages = closed-form Wilder smoothing (alpha = 1/period)
                double g = Naive.smooth(Naive.mean(gains, 0, period), gains, period, i, 1.0 / period);
                double l = Naive.smooth(Naive.mean(losses, 0, period), losses, period, i, 1.0 / period);
                double expected = l == 0 ? (g == 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
                TestData.assertClose("avgGain(" + period + ")", i, rsi.averageGain(), g, 1e-9);
                TestData.assertClose("avgLoss(" + period + ")", i, rsi.averageLoss(), l, 1e-9);
                TestData.assertClose("RSI(" + period + ")", i, rsi.value(), expected, 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -14})
    void rejectsNonPositivePeriod(int period) {
        assertThatThrownBy(() -> new Rsi(period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was " + period);
    }

    @Test
    void rejectsNonFinitePrice() {
        Rsi rsi = new Rsi(3);
        assertThatThrownBy(() -> rsi.update(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price must be finite");
    }
}
