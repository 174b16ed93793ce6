package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RollingVwapTest {

    @Test
    void handComputedWindow2() {
        RollingVwap vwap = new RollingVwap(2);
        vwap.update(10, 100);
        assertThat(vwap.isReady()).isFalse();
        assertThat(vwap.value()).isNaN();
        vwap.update(11, 300); // (10*100 + 11*300) / 400 = 10.75
        assertThat(vwap.value()).isCloseTo((10 * 100 + 11 * 300) / 400.0, within(1e-12));
        assertThat(vwap.windowVolume()).isEqualTo(400.0);
        vwap.update(12, 0); // window (11,300), (12,0) -> 11
        assertThat(vwap.value()).isCloseTo(11.0, within(1e-12));
        vwap.update(9, 100); // window (12,0), (9,100) -> 9
        assertThat(vwap.value()).isCloseTo(9.0, within(1e-12));
        vwap.update(8, 0); // window (9,100), (8,0) -> 9
        assertThat(vwap.value()).isCloseTo(9.0, within(1e-12));
        vwap.update(7, 0); // window (8,0), (7,0): no volume -> NaN
        assertThat(vwap.isReady()).isFalse();
        assertThat(vwap.value()).isNaN();
        assertThat(vwap.windowVolume()).isZero();
        vwap.update(6, 50); // window (7,0), (6,50) -> 6
        assertThat(vwap.isReady()).isTrue();
        assertThat(vwap.value()).isCloseTo(6.0, within(1e-12));
        assertThat(vwap.updates()).isEqualTo(7);
    }

    @Test
    void fractionalVolumesLeavingDoNotLeaveASpuriousValue() {
        // the running volume sum goes 0.1 + 0.2 + 0 = 0.30000000000000004, - 0.1 - 0.2 = 5.6e-17, not 0:
        // readiness must come from the exact count of non-zero volumes, not from that residue
        RollingVwap vwap = new RollingVwap(3);
        vwap.update(10, 0.1);
        vwap.update(20, 0.2);
        vwap.update(30, 0);
        assertThat(vwap.value()).isCloseTo((10 * 0.1 + 20 * 0.2) / 0.3, within(1e-12)); // 16.67
        vwap.update(40, 0); // window (20,0.2), (30,0), (40,0) -> 20
        assertThat(vwap.value()).isCloseTo(20.0, within(1e-12));
        vwap.update(50, 0); // window (30,0), (40,0), (50,0): no volume (before the next exact recomputation)
        assertThat(vwap.isReady()).isFalse();
        assertThat(vwap.value()).isNaN();
        assertThat(vwap.windowVolume()).isZero();
    }

    @Test
    void window1IsTheLatestPricedUpdate() {
        RollingVwap vwap = new RollingVwap(1);
        vwap.update(30_000.5, 3);
        assertThat(vwap.value()).isEqualTo(30_000.5);
        vwap.update(29_999.25, 0.001);
        assertThat(vwap.value()).isEqualTo(29_999.25);
        vwap.update(1, 0);
        assertThat(vwap.value()).isNaN();
    }

    @Test
    void constantPriceIsExact() {
        RollingVwap vwap = new RollingVwap(10);
        double[] volumes = TestData.volumes(2, 5_000, 0.0);
        for (double v : volumes) {
            vwap.update(0.1, v);
        }
        assertThat(vwap.value()).isEqualTo(0.1);
    }

    @Test
    void hugeVolumeIsForgottenOnRecomputation() {
        RollingVwap vwap = new RollingVwap(2);
        vwap.update(10, 1e20);
        vwap.update(20, 1e20);
        vwap.update(30, 1);
        vwap.update(40, 1); // ring wraps: exact sums over (30,1), (40,1)
        assertThat(vwap.value()).isEqualTo(35.0);
        assertThat(vwap.windowVolume()).isEqualTo(2.0);
        vwap.update(50, 3); // (40,1), (50,3) -> (40 + 150) / 4 = 47.5
        assertThat(vwap.value()).isEqualTo(47.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 20, 100})
    void matchesNaiveWindowOnLongPath(int window) {
        double[] prices = TestData.randomWalk(9100 + window, 100_000, 30_000, 5);
        double[] volumes = TestData.volumes(9200 + window, prices.length, 0.3);
        RollingVwap vwap = new RollingVwap(window);
        for (int i = 0; i < prices.length; i++) {
            vwap.update(prices[i], volumes[i]);
            double expected = Double.NaN;
            if (i + 1 >= window) {
                double pv = 0;
                double v = 0;
                for (int j = i + 1 - window; j <= i; j++) {
                    pv += prices[j] * volumes[j];
                    v += volumes[j];
                }
                expected = v > 0 ? pv / v : Double.NaN;
                TestData.assertClose("window volume", i, vwap.windowVolume(), v, 1e-9);
            }
            assertThat(vwap.isReady()).isEqualTo(!Double.isNaN(expected));
            TestData.assertClose("rolling VWAP(" + window + ")", i, vwap.value(), expected, 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsNonPositiveWindow(int window) {
        assertThatThrownBy(() -> new RollingVwap(window))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be >= 1, was " + window);
    }

    @Test
    void rejectsNegativeVolume() {
        RollingVwap vwap = new RollingVwap(2);
        assertThatThrownBy(() -> vwap.update(10, -0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume must be finite and >= 0");
        assertThat(vwap.updates()).isZero();
    }
}
