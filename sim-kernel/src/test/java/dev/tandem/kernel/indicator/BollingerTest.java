package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BollingerTest {

    @Test
    void handComputedBands() {
        // 2, 4, 4, 4, 5, 5, 7, 9: middle 5, population sigma sqrt(32/8) = 2
        Bollinger bb = new Bollinger(8, 2);
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7}) {
            bb.update(x);
        }
        assertThat(bb.isReady()).isFalse();
        assertThat(bb.middle()).isNaN();
        assertThat(bb.upper()).isNaN();
        assertThat(bb.lower()).isNaN();
        assertThat(bb.stdDev()).isNaN();
        assertThat(bb.bandwidth()).isNaN();
        assertThat(bb.percentB(5)).isNaN();
        bb.update(9);
        assertThat(bb.isReady()).isTrue();
        assertThat(bb.middle()).isEqualTo(5.0);
        assertThat(bb.value()).isEqualTo(bb.middle());
        assertThat(bb.stdDev()).isCloseTo(2.0, within(1e-12));
        assertThat(bb.upper()).isCloseTo(5 + 2 * 2.0, within(1e-12)); // 9
        assertThat(bb.lower()).isCloseTo(5 - 2 * 2.0, within(1e-12)); // 1
        assertThat(bb.bandwidth()).isCloseTo((9 - 1) / 5.0, within(1e-12)); // 1.6
        assertThat(bb.percentB(9)).isCloseTo(1.0, within(1e-12));
        assertThat(bb.percentB(1)).isCloseTo(0.0, within(1e-12));
        assertThat(bb.percentB(5)).isCloseTo(0.5, within(1e-12));
        assertThat(bb.percentB(11)).isCloseTo((11 - 1) / 8.0, within(1e-12)); // 1.25
        assertThat(bb.percentB(-1)).isCloseTo((-1 - 1) / 8.0, within(1e-12)); // -0.25
    }

    @Test
    void usesPopulationNotSampleDeviation() {
        // 1, 2, 3: population sigma = sqrt(2/3) (sample would be 1)
        Bollinger bb = new Bollinger(3, 1);
        bb.update(1);
        bb.update(2);
        bb.update(3);
        assertThat(bb.stdDev()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(bb.upper()).isCloseTo(2 + Math.sqrt(2.0 / 3), within(1e-12));
    }

    @Test
    void constantPricesCollapseTheBands() {
        Bollinger bb = new Bollinger(20, 2);
        for (int i = 0; i < 100; i++) {
            bb.update(30_000.1);
        }
        assertThat(bb.stdDev()).isEqualTo(0.0);
        assertThat(bb.upper()).isEqualTo(30_000.1);
        assertThat(bb.middle()).isEqualTo(30_000.1);
        assertThat(bb.lower()).isEqualTo(30_000.1);
        assertThat(bb.bandwidth()).isEqualTo(0.0);
        assertThat(bb.percentB(30_000.1)).isNaN();
        assertThat(bb.percentB(31_000)).isNaN();
    }

    @Test
    void kZeroPutsBothBandsOnTheMiddle() {
        Bollinger bb = new Bollinger(3, 0);
        for (double x : new double[] {1, 5, 12}) {
            bb.update(x);
        }
        assertThat(bb.middle()).isEqualTo(6.0);
        assertThat(bb.upper()).isEqualTo(6.0);
        assertThat(bb.lower()).isEqualTo(6.0);
        assertThat(bb.bandwidth()).isEqualTo(0.0);
    }

    @Test
    void period1BandsAreThePrice() {
        Bollinger bb = new Bollinger(1, 2);
        bb.update(123.25);
        assertThat(bb.middle()).isEqualTo(123.25);
        assertThat(bb.upper()).isEqualTo(123.25);
        assertThat(bb.lower()).isEqualTo(123.25);
    }

    @Test
    void bandwidthIsUndefinedAtZeroMiddle() {
        Bollinger bb = new Bollinger(2, 2);
        bb.update(-1);
        bb.update(1);
        assertThat(bb.middle()).isEqualTo(0.0);
        assertThat(bb.bandwidth()).isNaN();
        assertThat(bb.percentB(0)).isCloseTo(0.5, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 20, 100})
    void matchesNaiveBandsOnLongRandomWalk(int period) {
        double k = 2.5;
        double[] xs = TestData.randomWalk(7000 + period, 100_000, 30_000, 5);
        double[] probes = TestData.noise(8000 + period, xs.length, 0, 50);
        Bollinger bb = new Bollinger(period, k);
        for (int i = 0; i < xs.length; i++) {
            bb.update(xs[i]);
            if (i + 1 < period) {
                continue;
            }
            double middle = Naive.mean(xs, i + 1 - period, i + 1);
            double sigma = Math.sqrt(Naive.m2(xs, i + 1 - period, i + 1) / period);
            double upper = middle + k * sigma;
            double lower = middle - k * sigma;
            double probe = xs[i] + probes[i];
            TestData.assertClose("middle", i, bb.middle(), middle, 1e-9);
            TestData.assertClose("sigma", i, bb.stdDev(), sigma, 1e-9);
            TestData.assertClose("upper", i, bb.upper(), upper, 1e-9);
            TestData.assertClose("lower", i, bb.lower(), lower, 1e-9);
            TestData.assertClose("bandwidth", i, bb.bandwidth(), 2 * k * sigma / middle, 1e-9);
            TestData.assertClose("%B", i, bb.percentB(probe), (probe - lower) / (2 * k * sigma), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsInvalidK(double k) {
        assertThatThrownBy(() -> new Bollinger(20, k))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be finite and >= 0, was " + k);
    }

    @Test
    void rejectsNonPositivePeriod() {
        assertThatThrownBy(() -> new Bollinger(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was 0");
    }
}
