package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtrTest {

    @Test
    void handComputedAtr3CoveringEveryTrueRangeBranch() {
        Atr atr = new Atr(3);
        atr.update(10, 8, 9); // first bar: TR = h - l = 2
        assertThat(atr.trueRange()).isEqualTo(2.0);
        assertThat(atr.value()).isNaN();
        atr.update(11, 9, 10.5); // prevClose 9: max(2, |11-9| = 2, |9-9| = 0) = 2
        assertThat(atr.trueRange()).isEqualTo(2.0);
        assertThat(atr.isReady()).isFalse();
        atr.update(12, 10.5, 11); // prevClose 10.5: max(1.5, 1.5, 0) = 1.5
        assertThat(atr.trueRange()).isEqualTo(1.5);
        assertThat(atr.isReady()).isTrue();
        assertThat(atr.value()).isCloseTo((2 + 2 + 1.5) / 3, within(1e-12)); // 1.8333
        atr.update(15, 14, 14.5); // gap up, prevClose 11: max(1, |15-11| = 4, |14-11| = 3) = 4
        assertThat(atr.trueRange()).isEqualTo(4.0);
        assertThat(atr.value()).isCloseTo((5.5 / 3 * 2 + 4) / 3, within(1e-12)); // 23/9 = 2.5556
        assertThat(atr.value()).isCloseTo(23.0 / 9, within(1e-12));
        atr.update(13, 12, 12.5); // gap down, prevClose 14.5: max(1, |13-14.5| = 1.5, |12-14.5| = 2.5) = 2.5
        assertThat(atr.trueRange()).isEqualTo(2.5);
        assertThat(atr.value()).isCloseTo((23.0 / 9 * 2 + 2.5) / 3, within(1e-12)); // 68.5/27 = 2.537
        assertThat(atr.value()).isCloseTo(68.5 / 27, within(1e-12));
        assertThat(atr.updates()).isEqualTo(5);
    }

    @Test
    void firstBarIgnoresItsOwnCloseAndNoPreviousCloseExists() {
        Atr atr = new Atr(1);
        atr.update(101, 100, 500); // close outside the bar is accepted; TR is still h - l
        assertThat(atr.value()).isEqualTo(1.0);
        atr.update(101, 100, 100.5); // prevClose 500: max(1, 399, 400) = 400
        assertThat(atr.value()).isEqualTo(400.0);
    }

    @Test
    void period1IsTheTrueRangeOfEachBar() {
        double[][] bars = TestData.bars(11, 2000);
        Atr atr = new Atr(1);
        for (int i = 0; i < bars[0].length; i++) {
            atr.update(bars[0][i], bars[1][i], bars[2][i]);
            assertThat(atr.value()).isEqualTo(atr.trueRange());
        }
    }

    @Test
    void constantBarsHaveZeroAtr() {
        Atr atr = new Atr(14);
        for (int i = 0; i < 100; i++) {
            atr.update(100, 100, 100);
        }
        assertThat(atr.value()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 50})
    void matchesNaiveRecomputationOnLongBarSeries(int period) {
        double[][] bars = TestData.bars(4000 + period, 20_000);
        double[] high = bars[0];
        double[] low = bars[1];
        double[] close = bars[2];
        int n = high.length;
        double[] tr = new double[n];
        for (int i = 0; i < n; i++) {
            double range = high[i] - low[i];
            if (i > 0) {
                double up = Math.abs(high[i] - close[i - 1]);
                double down = Math.abs(low[i] - close[i - 1]);
                if (up > range) {
                    range = up;
                }
                if (down > range) {
                    range = down;
                }
            }
            tr[i] = range;
        }
        Atr atr = new Atr(period);
        for (int i = 0; i < n; i++) {
            atr.update(high[i], low[i], close[i]);
            assertThat(atr.trueRange()).isEqualTo(tr[i]);
            if (i + 1 < period) {
                assertThat(atr.value()).isNaN();
            } else if (i < 400 || i % 97 == 0 || i == n - 1) {
                double expected = Naive.smooth(Naive.mean(tr, 0, period), tr, period, i + 1, 1.0 / period);
                TestData.assertClose("ATR(" + period + ")", i, atr.value(), expected, 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsNonPositivePeriod(int period) {
        assertThatThrownBy(() -> new Atr(period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was " + period);
    }

    @Test
    void rejectsInvalidBarsWithoutChangingState() {
        Atr atr = new Atr(2);
        atr.update(10, 9, 9.5);
        assertThatThrownBy(() -> atr.update(9, 10, 9.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high must be >= low, was high=9.0 low=10.0");
        assertThatThrownBy(() -> atr.update(10, 9, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close must be finite");
        assertThatThrownBy(() -> atr.update(Double.POSITIVE_INFINITY, 9, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("high must be finite");
        assertThat(atr.updates()).isEqualTo(1);
        assertThat(atr.trueRange()).isEqualTo(1.0);
        atr.update(12, 11, 11.5); // prevClose is still 9.5: max(1, 2.5, 1.5) = 2.5
        assertThat(atr.value()).isEqualTo((1.0 + 2.5) / 2);
    }
}
