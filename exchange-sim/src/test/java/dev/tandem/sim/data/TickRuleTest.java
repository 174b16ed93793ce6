package dev.tandem.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Side;
import org.junit.jupiter.api.Test;

class TickRuleTest {
    @Test
    void upticksBuyDownticksSellZeroTicksInherit() {
        final TickRule rule = new TickRule();
        assertThat(rule.classify(100)).isEqualTo(Side.BUY); // first trade
        assertThat(rule.apply(100)).isEqualTo(Side.BUY);
        assertThat(rule.apply(100)).isEqualTo(Side.BUY); // zero-uptick
        assertThat(rule.apply(99)).isEqualTo(Side.SELL);
        assertThat(rule.apply(99)).isEqualTo(Side.SELL); // zero-downtick
        assertThat(rule.classify(101)).isEqualTo(Side.BUY);
        assertThat(rule.classify(98)).isEqualTo(Side.SELL);
        assertThat(rule.apply(99)).isEqualTo(Side.SELL); // classify did not move it
        assertThat(rule.apply(101)).isEqualTo(Side.BUY);
    }

    @Test
    void firstSideIsConfigurable() {
        final TickRule rule = new TickRule(Side.SELL);
        assertThat(rule.firstSide()).isEqualTo(Side.SELL);
        assertThat(rule.apply(5)).isEqualTo(Side.SELL);
        assertThat(rule.apply(5)).isEqualTo(Side.SELL);
        assertThat(rule.apply(6)).isEqualTo(Side.BUY);
    }
}
