package dev.tandem.kernel.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Fixed;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {
    private static final long S = RiskLimits.SECOND_NANOS;

    @Test
    void defaultsAreTheDesignTable() {
        final RiskLimits d = RiskLimits.defaults();
        assertThat(d.orderNotionalMoneyMax()).isEqualTo(1_000 * Fixed.MONEY_ONE);
        assertThat(d.positionNotionalMoneyMax()).isEqualTo(10_000 * Fixed.MONEY_ONE);
        assertThat(d.totalNotionalMoneyMax()).isEqualTo(50_000 * Fixed.MONEY_ONE);
        assertThat(d.openPositionsMax()).isEqualTo(3);
        assertThat(d.concentrationRateMax()).isEqualTo(40_000_000L);
        assertThat(d.leverageRateMax()).isEqualTo(10 * Fixed.RATE_ONE);
        assertThat(d.priceBandRate()).isEqualTo(5_000_000L);
        assertThat(d.slippageRateMax()).isEqualTo(500_000L);
        assertThat(d.strategyOrdersPerWindowMax()).isEqualTo(10);
        assertThat(d.strategyRateWindowNanos()).isEqualTo(S);
        assertThat(d.globalOrdersPerWindowMax()).isEqualTo(100);
        assertThat(d.globalRateWindowNanos()).isEqualTo(60 * S);
        assertThat(d.rateAbuseDenialsMax()).isEqualTo(20);
        assertThat(d.rateAbuseWindowNanos()).isEqualTo(10 * S);
        assertThat(d.venueFailuresMax()).isEqualTo(10);
        assertThat(d.dailyLossRateMax()).isEqualTo(5_000_000L);
        assertThat(d.drawdownRateMax()).isEqualTo(15_000_000L);
        assertThat(d.marginRatioReducingRate()).isEqualTo(70_000_000L);
        assertThat(d.marginRatioFlattenRate()).isEqualTo(85_000_000L);
        assertThat(d.dataStaleNanos()).isEqualTo(10 * S);
        assertThat(d.pauseOnBreakerOpen()).isTrue();
        assertThat(d.edgeCollapseRate()).isEqualTo(2_000_000L); // 200 bps
        assertThat(d.spotBalanceCheck()).isTrue();
    }

    @Test
    void builderRoundTripsAndChangesOneField() {
        assertThat(RiskLimits.builder().build()).isEqualTo(RiskLimits.defaults());
        final RiskLimits l = RiskLimits.builder().openPositionsMax(5).strategyOrderRate(3, 2 * S).build();
        assertThat(l.openPositionsMax()).isEqualTo(5);
        assertThat(l.strategyOrdersPerWindowMax()).isEqualTo(3);
        assertThat(l.strategyRateWindowNanos()).isEqualTo(2 * S);
        assertThat(l.toBuilder().openPositionsMax(3).strategyOrderRate(10, S).build()).isEqualTo(RiskLimits.defaults());
    }

    @Test
    void unlimitedSwitchesEverythingOff() {
        final RiskLimits u = RiskLimits.unlimited();
        assertThat(u.orderNotionalMoneyMax()).isZero();
        assertThat(u.openPositionsMax()).isZero();
        assertThat(u.dataStaleNanos()).isZero();
        assertThat(u.pauseOnBreakerOpen()).isFalse();
        assertThat(u.spotBalanceCheck()).isFalse();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> RiskLimits.builder().orderNotionalMoneyMax(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderNotionalMoneyMax");
        assertThatThrownBy(() -> RiskLimits.builder().strategyOrderRate(10, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> RiskLimits.builder().rateAbuse(5, 0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskLimits.builder().marginRatio(Fixed.rate("0.9"), Fixed.rate("0.8")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marginRatioFlattenRate");
        assertThatThrownBy(() -> RiskLimits.builder().dailyLossRateMax(Fixed.rate("1.01")).build())
                .isInstanceOf(IllegalArgumentException.class);
        // a zero count with a zero window is simply "off"
        assertThat(RiskLimits.builder().strategyOrderRate(0, 0).build().strategyOrdersPerWindowMax()).isZero();
        // one margin threshold alone is fine
        assertThat(RiskLimits.builder().marginRatio(0, Fixed.rate("0.8")).build().marginRatioFlattenRate()).isEqualTo(80_000_000L);
    }
}
