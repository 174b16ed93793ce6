package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RollingStdDevTest {

    @Test
    void handComputedTextbookExample() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5; squared deviations 9,1,1,1,0,0,4,16 -> M2 = 32
        RollingStdDev sd = new RollingStdDev(8);
        double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
        for (int i = 0; i < xs.length; i++) {
            assertThat(sd.value()).isNaN();
            sd.update(xs[i]);
        }
        assertThat(sd.isReady()).isTrue();
        assertThat(sd.mean()).isEqualTo(5.0);
        assertThat(sd.populationVariance()).isCloseTo(32.0 / 8, within(1e-12));
        assertThat(sd.populationStdDev()).isCloseTo(2.0, within(1e-12));
        assertThat(sd.value()).isEqualTo(sd.populationStdDev());
        assertThat(sd.sampleVariance()).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(sd.sampleStdDev()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));

        sd.update(1); // window 4,4,4,5,5,7,9,1: sum 39, mean 4.875
        // M2 = 3 * 0.875^2 + 2 * 0.125^2 + 2.125^2 + 4.125^2 + 3.875^2
        //    = 2.296875 + 0.03125 + 4.515625 + 17.015625 + 15.015625 = 38.875
        double m2 = 3 * 0.875 * 0.875 + 2 * 0.125 * 0.125 + 2.125 * 2.125 + 4.125 * 4.125 + 3.875 * 3.875;
        assertThat(m2).isEqualTo(38.875);
        assertThat(sd.mean()).isCloseTo(39.0 / 8, within(1e-12));
        assertThat(sd.populationVariance()).isCloseTo(m2 / 8, within(1e-12));
        assertThat(sd.sampleVariance()).isCloseTo(m2 / 7, within(1e-12));
    }

    @Test
    void period2() {
        RollingStdDev sd = new RollingStdDev(2);
        sd.update(1);
        assertThat(sd.isReady()).isFalse();
        sd.update(3); // mean 2, deviations -1, +1: M2 = 2
        assertThat(sd.populationStdDev()).isCloseTo(1.0, within(1e-12)); // sqrt(2/2)
        assertThat(sd.sampleStdDev()).isCloseTo(Math.sqrt(2.0), within(1e-12)); // sqrt(2/1)
        sd.update(3); // window 3, 3
        assertThat(sd.populationStdDev()).isEqualTo(0.0);
        assertThat(sd.sampleStdDev()).isEqualTo(0.0);
    }

    @Test
    void period1HasZeroPopulationAndUndefinedSampleDeviation() {
        RollingStdDev sd = new RollingStdDev(1);
        sd.update(30_000.25);
        assertThat(sd.isReady()).isTrue();
        assertThat(sd.mean()).isEqualTo(30_000.25);
        assertThat(sd.populationStdDev()).isEqualTo(0.0);
        assertThat(sd.sampleStdDev()).isNaN();
        assertThat(sd.sampleVariance()).isNaN();
    }

    @Test
    void constantWindowHasExactlyZeroDeviation() {
        RollingStdDev sd = new RollingStdDev(7);
        for (int i = 0; i < 1000; i++) {
            sd.update(30_000.1);
            if (i >= 6) {
                assertThat(sd.populationStdDev()).isEqualTo(0.0);
                assertThat(sd.sampleStdDev()).isEqualTo(0.0);
                assertThat(sd.mean()).isEqualTo(30_000.1);
            }
        }
    }

    @Test
    void outlierIsForgottenExactlyAfterTheNextRecomputation() {
        RollingStdDev sd = new RollingStdDev(3);
        sd.update(1e12);
        sd.update(1);
        sd.update(2);
        sd.update(3); // the 1e12 leaves the window; running sums may carry its rounding residue until ...
        sd.update(4);
        sd.update(5); // ... the ring wraps here and the sums are recomputed exactly from {3, 4, 5}
        double expected = Math.sqrt(((3 - 4.0) * (3 - 4.0) + 0 + (5 - 4.0) * (5 - 4.0)) / 3); // sqrt(2/3)
        assertThat(sd.mean()).isEqualTo(4.0);
        assertThat(sd.populationStdDev()).isCloseTo(expected, within(1e-15));
        sd.update(6);
        assertThat(sd.populationStdDev()).isCloseTo(expected, within(1e-15));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 20, 100})
    void matchesTwoPassOnNoisyPrices(int period) {
        checkAgainstTwoPass(period, TestData.noise(5000 + period, 200_000, 30_000, 100));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 20, 100})
    void matchesTwoPassOnRandomWalk(int period) {
        checkAgainstTwoPass(period, TestData.randomWalk(6000 + period, 200_000, 30_000, 5));
    }

    @Test
    void noDriftOverMillionsOfUpdates() {
        checkAgainstTwoPass(30, TestData.noise(77, 2_000_000, 30_000, 100));
    }

    private static void checkAgainstTwoPass(int period, double[] xs) {
        RollingStdDev sd = new RollingStdDev(period);
        for (int i = 0; i < xs.length; i++) {
            sd.update(xs[i]);
            if (i + 1 < period) {
                assertThat(sd.isReady()).isFalse();
                continue;
            }
            double m2 = Naive.m2(xs, i + 1 - period, i + 1);
            TestData.assertClose("mean", i, sd.mean(), Naive.mean(xs, i + 1 - period, i + 1), 1e-9);
            TestData.assertClose("population std dev", i, sd.populationStdDev(), Math.sqrt(m2 / period), 1e-9);
            TestData.assertClose("sample std dev", i, sd.sampleStdDev(), Math.sqrt(m2 / (period - 1)), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void rejectsNonPositivePeriod(int period) {
        assertThatThrownBy(() -> new RollingStdDev(period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be >= 1, was " + period);
    }
}
