package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmaTest {

    @Test
    void handComputedSma3() {
        Sma sma = new Sma(3);
        sma.update(1);
        sma.update(2);
        assertThat(sma.isReady()).isFalse();
        assertThat(sma.value()).isNaN();
        sma.update(3);
        assertThat(sma.isReady()).isTrue();
        assertThat(sma.value()).isEqualTo((1 + 2 + 3) / 3.0); // 2
        sma.update(4);
        assertThat(sma.value()).isEqualTo((2 + 3 + 4) / 3.0); // 3
        sma.update(5);
        assertThat(sma.value()).isEqualTo((3 + 4 + 5) / 3.0); // 4
        sma.update(-9);
        assertThat(sma.value()).isEqualTo((4 + 5 - 9) / 3.0); // 0
        assertThat(sma.updates()).isEqualTo(6);
        assertThat(sma.period()).isEqualTo(3);
    }

    @Test
    void handComputedSma4WithFractions() {
        Sma sma = new Sma(4);
        double[] xs = {10.5, 11.25, 9.75, 12.0, 8.5};
        for (double x : xs) {
            sma.update(x);
        }
        // window 11.25, 9.75, 12.0, 8.5 -> 41.5 / 4 = 10.375
        assertThat(sma.value()).isEqualTo(10.375);
    }

    @Test
    void period1IsTheLatestValueExactly() {
        Sma sma = new Sma(1);
        double[] xs = TestData.noise(7, 1000, 30_000, 100);
        for (double x : xs) {
            sma.update(x);
            assertThat(sma.isReady()).isTrue();
            assertThat(sma.value()).isEqualTo(x);
        }
    }

    @Test
    void constantSeriesGivesExactlyTheConstant() {
        // a plain running sum would give e.g. (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002
        Sma sma = new Sma(3);
        for (int i = 0; i < 10_000; i++) {
            sma.update(0.1);
            if (i >= 2) {
                assertThat(sma.value()).isEqualTo(0.1);
            }
        }
    }

    @Test
    void hugeValuesStopMatteringOnceRecomputedFromTheBuffer() {
        // With only a running sum, 1e17 + 1 - 1e17 loses the 1 and the average stays wrong forever.
        Sma sma = new Sma(2);
        sma.update(1e17);
        sma.update(1e17);
        sma.update(1);
        sma.update(2); // ring wraps here: exact recomputation over the window {1, 2}
        assertThat(sma.value()).isEqualTo((1 + 2) / 2.0);
        sma.update(3);
        assertThat(sma.value()).isEqualTo((2 + 3) / 2.0);
        sma.update(4);
        assertThat(sma.value()).isEqualTo((3 + 4) / 2.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 50, 250})
    void matchesNaiveWindowMeanOnLongRandomWalk(int period) {
        double[] xs = TestData.randomWalk(1000 + period, 100_000, 30_000, 5);
        Sma sma = new Sma(period);
        for (int i = 0; i < xs.length; i++) {
            sma.update(xs[i]);
            if (i + 1 < period) {
                assertThat(sma.value()).isNaN();
            } else {
                TestData.assertClose("SMA(" + period + ")", i, sma.value(), Naive.mean(xs, i + 1 - period, i + 1), 1e-9);
            }
        }
    }

    @Test
    void noDriftOverMillionsOfUpdates() {
        int period = 20;
        double[] xs = TestData.noise(99, 3_000_000, 30_000, 100);
        Sma sma = new Sma(period);
        for (int i = 0; i < xs.length; i++) {
            sma.update(xs[i]);
            if (i >= period && (i % 101 == 0 || i > xs.length - 1000)) {
                // much tighter than required, to show the error does not accumulate
                TestData.assertClose("SMA drift", i, sma.value(), Naive.mean(xs, i + 1 - period, i + 1), 1e-13);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsNonPositivePeriod(int period) {
        assertThatThrownBy(() -> new Sma(period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was " + period);
    }

    @Test
    void rejectsNonFiniteValues() {
        Sma sma = new Sma(2);
        assertThatThrownBy(() -> sma.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value must be finite");
        assertThatThrownBy(() -> sma.update(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sma.updates()).isZero();
    }
}
