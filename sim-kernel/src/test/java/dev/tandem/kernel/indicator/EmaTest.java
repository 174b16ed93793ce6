package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmaTest {

    @Test
    void alphaIsTwoOverPeriodPlusOne() {
        assertThat(new Ema(9).alpha()).isEqualTo(0.2);
        assertThat(new Ema(3).alpha()).isEqualTo(0.5);
        assertThat(new Ema(1).alpha()).isEqualTo(1.0);
    }

    @Test
    void handComputedEma3SeededWithSma() {
        Ema ema = new Ema(3); // alpha = 2 / 4 = 0.5
        ema.update(1);
        ema.update(2);
        assertThat(ema.isReady()).isFalse();
        assertThat(ema.value()).isNaN();
        ema.update(3);
        assertThat(ema.isReady()).isTrue();
        assertThat(ema.value()).isEqualTo((1 + 2 + 3) / 3.0); // seed = SMA = 2
        ema.update(4);
        assertThat(ema.value()).isEqualTo(2 + 0.5 * (4 - 2)); // 3
        ema.update(5);
        assertThat(ema.value()).isEqualTo(3 + 0.5 * (5 - 3)); // 4
        ema.update(10);
        assertThat(ema.value()).isEqualTo(4 + 0.5 * (10 - 4)); // 7
    }

    @Test
    void handComputedEma4() {
        Ema ema = new Ema(4); // alpha = 2 / 5 = 0.4
        for (double x : new double[] {2, 4, 6, 8}) {
            ema.update(x);
        }
        assertThat(ema.value()).isEqualTo(5.0); // (2 + 4 + 6 + 8) / 4
        ema.update(10);
        assertThat(ema.value()).isCloseTo(5 + 0.4 * (10 - 5), within(1e-12)); // 7
        ema.update(0);
        assertThat(ema.value()).isCloseTo(7 + 0.4 * (0 - 7), within(1e-12)); // 4.2
        assertThat(ema.updates()).isEqualTo(6);
    }

    @Test
    void seedIsTheSmaNotTheFirstValue() {
        // seeding with the first value (100) instead would give 100 + 0.5 * (0 - 100) = 50 after the 2nd value
        Ema ema = new Ema(3);
        ema.update(100);
        ema.update(0);
        ema.update(0);
        assertThat(ema.value()).isCloseTo(100 / 3.0, within(1e-12));
    }

    @Test
    void period1IsTheLatestValueExactly() {
        Ema ema = new Ema(1);
        for (double x : TestData.noise(3, 1000, 30_000, 100)) {
            ema.update(x);
            assertThat(ema.value()).isEqualTo(x);
        }
    }

    @Test
    void constantSeriesGivesExactlyTheConstant() {
        Ema ema = new Ema(10);
        for (int i = 0; i < 1000; i++) {
            ema.update(0.1);
            if (i >= 9) {
                assertThat(ema.value()).isEqualTo(0.1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 50})
    void matchesClosedFormWeightedSumOnLongRandomWalk(int period) {
        double[] xs = TestData.randomWalk(2000 + period, 20_000, 30_000, 5);
        double alpha = 2.0 / (period + 1);
        Ema ema = new Ema(period);
        for (int i = 0; i < xs.length; i++) {
            ema.update(xs[i]);
            if (i + 1 < period) {
                assertThat(ema.value()).isNaN();
            } else if (i < 400 || i % 97 == 0 || i == xs.length - 1) {
                // EMA_i = (1-a)^(i-p+1) * SMA(x_0..x_(p-1)) + sum_(j=p..i) a (1-a)^(i-j) x_j
                double expected = Naive.smooth(Naive.mean(xs, 0, period), xs, period, i + 1, alpha);
                TestData.assertClose("EMA(" + period + ")", i, ema.value(), expected, 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void rejectsNonPositivePeriod(int period) {
        assertThatThrownBy(() -> new Ema(period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was " + period);
    }

    @Test
    void largestPeriodDoesNotOverflowAlpha() {
        assertThat(new Ema(Integer.MAX_VALUE).alpha()).isPositive().isCloseTo(2.0 / 2147483648.0, within(1e-24));
    }
}
