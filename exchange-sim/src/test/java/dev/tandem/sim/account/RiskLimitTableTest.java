package dev.tandem.sim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Fixed;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskLimitTableTest {

    private static long m(final String s) {
        return Fixed.money(s);
    }

    @Test
    void bybitLikeBtcTableHasContinuousDeductions() {
        final RiskLimitTable t = RiskLimitTable.bybitLikeBtcUsdt();
        assertThat(t.tiers()).hasSize(5);
        assertThat(t.deduction(0)).isZero();
        assertThat(t.deduction(1)).isEqualTo(m("10000"));   // 2M × (1 % − 0.5 %)
        assertThat(t.deduction(2)).isEqualTo(m("30000"));   // + 4M × 0.5 %
        assertThat(t.deduction(3)).isEqualTo(m("60000"));
        assertThat(t.deduction(4)).isEqualTo(m("100000"));
        assertThat(t.maxLeverage()).isEqualTo(100);
        assertThat(t.maxNotionalMoney()).isEqualTo(m("10000000"));
    }

    @Test
    void maintenanceMarginChargesEachSliceAtItsTiersRate() {
        final RiskLimitTable t = RiskLimitTable.bybitLikeBtcUsdt();
        assertThat(t.maintenanceMargin(m("1000000"))).isEqualTo(m("5000"));          // 0.5 %
        assertThat(t.maintenanceMargin(m("2000000"))).isEqualTo(m("10000"));         // tier 1 boundary
        assertThat(t.maintenanceMargin(m("2000000.01"))).isEqualTo(m("10000.0001")); // continuous: +0.01 × 1 %
        assertThat(t.maintenanceMargin(m("2500000"))).isEqualTo(m("15000"));         // 2M×0.5 % + 0.5M×1 %
        assertThat(t.maintenanceMargin(m("7000000"))).isEqualTo(m("80000"));         // 7M × 2 % − 60 000
        // above the table: the last tier's rate still applies
        assertThat(t.maintenanceMargin(m("12000000"))).isEqualTo(m("200000"));       // 12M × 2.5 % − 100 000
        assertThat(t.withinLimit(m("12000000"))).isFalse();
        // rounded up once to 1e-8
        assertThat(t.maintenanceMargin(1)).isEqualTo(1);
        assertThat(t.maintenanceMargin(0)).isZero();
    }

    @Test
    void maxLeverageFollowsTheTier() {
        final RiskLimitTable t = RiskLimitTable.bybitLikeEthUsdt();
        assertThat(t.maxLeverage(m("1000000"))).isEqualTo(100);
        assertThat(t.maxLeverage(m("1000000.01"))).isEqualTo(50);
        assertThat(t.maxLeverage(m("4500000"))).isEqualTo(20);
        assertThat(t.tierIndex(m("2500000"))).isEqualTo(2);
    }

    @Test
    void refusesInconsistentTables() {
        assertThatThrownBy(() -> new RiskLimitTable(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskLimitTable(List.of(new RiskTier(m("100"), Fixed.rate("0.01"), 10),
                new RiskTier(m("50"), Fixed.rate("0.02"), 5)))).hasMessageContaining("larger max notional");
        assertThatThrownBy(() -> new RiskLimitTable(List.of(new RiskTier(m("100"), Fixed.rate("0.01"), 10),
                new RiskTier(m("200"), Fixed.rate("0.02"), 20)))).hasMessageContaining("max leverage not above");
        // MM rate × max leverage must stay below 1
        assertThatThrownBy(() -> new RiskTier(m("100"), Fixed.rate("0.02"), 50)).hasMessageContaining("below 1");
        // a deduction that is not a whole number of 1e-8
        assertThatThrownBy(() -> new RiskLimitTable(List.of(new RiskTier(1, Fixed.rate("0.001"), 10),
                new RiskTier(m("1"), Fixed.rate("0.002"), 10)))).hasMessageContaining("not a whole number");
    }
}
