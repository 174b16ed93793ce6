package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VwapTest {

    @Test
    void handComputedCumulativeVwap() {
        Vwap vwap = new Vwap();
        vwap.update(10, 100);
        assertThat(vwap.value()).isEqualTo(10.0);
        vwap.update(11, 300);
        assertThat(vwap.value()).isCloseTo((10 * 100 + 11 * 300) / 400.0, within(1e-12)); // 4300/400 = 10.75
        vwap.update(12, 0); // zero volume: no effect on the average
        assertThat(vwap.value()).isCloseTo(10.75, within(1e-12));
        vwap.update(9, 100);
        assertThat(vwap.value()).isCloseTo((1000 + 3300 + 0 + 900) / 500.0, within(1e-12)); // 10.4
        assertThat(vwap.cumulativeVolume()).isEqualTo(500.0);
        assertThat(vwap.updates()).isEqualTo(4);
    }

    @Test
    void notReadyUntilSomeVolume() {
        Vwap vwap = new Vwap();
        assertThat(vwap.value()).isNaN();
        vwap.update(10, 0);
        vwap.update(11, 0);
        assertThat(vwap.isReady()).isFalse();
        assertThat(vwap.value()).isNaN();
        assertThat(vwap.updates()).isEqualTo(2);
        vwap.update(12, 0.5);
        assertThat(vwap.isReady()).isTrue();
        assertThat(vwap.value()).isEqualTo(12.0);
    }

    @Test
    void resetStartsANewSession() {
        Vwap vwap = new Vwap();
        vwap.update(100, 10);
        vwap.update(110, 30);
        vwap.reset();
        assertThat(vwap.isReady()).isFalse();
        assertThat(vwap.value()).isNaN();
        assertThat(vwap.cumulativeVolume()).isZero();
        assertThat(vwap.updates()).isZero();
        vwap.update(20, 5);
        vwap.update(30, 15);
        assertThat(vwap.value()).isCloseTo((20 * 5 + 30 * 15) / 20.0, within(1e-12)); // 27.5
    }

    @Test
    void constantPriceIsExact() {
        Vwap vwap = new Vwap();
        double[] volumes = TestData.volumes(1, 10_000, 0.1);
        for (double v : volumes) {
            vwap.update(30_000.1, v);
        }
        assertThat(vwap.value()).isEqualTo(30_000.1);
    }

    @Test
    void matchesNaiveRecomputationOnLongPath() {
        double[] prices = TestData.randomWalk(9001, 100_000, 30_000, 5);
        double[] volumes = TestData.volumes(9002, prices.length, 0.1);
        Vwap vwap = new Vwap();
        for (int i = 0; i < prices.length; i++) {
            vwap.update(prices[i], volumes[i]);
            if (i < 200 || i % 499 == 0 || i == prices.length - 1) {
                double pv = 0;
                double v = 0;
                for (int j = 0; j <= i; j++) {
                    pv += prices[j] * volumes[j];
                    v += volumes[j];
                }
                TestData.assertClose("VWAP", i, vwap.value(), v > 0 ? pv / v : Double.NaN, 1e-9);
                TestData.assertClose("volume", i, vwap.cumulativeVolume(), v, 1e-9);
            }
        }
    }

    @Test
    void rejectsInvalidInputWithoutChangingState() {
        Vwap vwap = new Vwap();
        vwap.update(10, 1);
        assertThatThrownBy(() -> vwap.update(11, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("volume must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> vwap.update(11, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vwap.update(11, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vwap.update(Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price must be finite");
        assertThat(vwap.updates()).isEqualTo(1);
        assertThat(vwap.value()).isEqualTo(10.0);
        assertThat(vwap.cumulativeVolume()).isEqualTo(1.0);
    }
}
