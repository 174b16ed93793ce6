package dev.tandem.sim.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Fixed;
import org.junit.jupiter.api.Test;

class MarkPriceModelTest {

    @Test
    void smoothsExactlyAndRoundsToTheTick() {
        final MarkPriceModel m = new MarkPriceModel().configure("X", 10, Fixed.rate("0.5"));
        assertThat(m.mark("X")).isEqualTo(MarkPrices.NONE);
        assertThat(m.onIndexPrice("X", 1000)).isEqualTo(1000);  // first observation
        assertThat(m.onIndexPrice("X", 1100)).isEqualTo(1050);  // s = 1050
        assertThat(m.onIndexPrice("X", 1100)).isEqualTo(1080);  // s = 1075 -> 107.5 ticks -> half-even 108
        assertThat(m.onIndexPrice("X", 1100)).isEqualTo(1090);  // s = 1087.5 -> 108.75 -> 109
        assertThat(m.index("X")).isEqualTo(1100);
        // small moves are kept below the tick: 16 more observations reach the index
        long mark = 0;
        for (int i = 0; i < 16; i++) {
            mark = m.onIndexPrice("X", 1100);
        }
        assertThat(mark).isEqualTo(1100);
    }

    @Test
    void alphaOneFollowsTheSeriesAndSetMarkOverrides() {
        final MarkPriceModel m = new MarkPriceModel().configure("X", 5, Fixed.RATE_ONE);
        assertThat(m.onIndexPrice("X", 1003)).isEqualTo(1005);   // 200.6 ticks -> 201
        assertThat(m.onIndexPrice("X", 1002)).isEqualTo(1000);   // 200.4 -> 200
        m.setMark("X", 2000);
        assertThat(m.mark("X")).isEqualTo(2000);
        assertThat(m.onIndexPrice("X", 1)).isEqualTo(5);         // never below one tick
        assertThatThrownBy(() -> m.setMark("X", 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.onIndexPrice("Y", 1)).hasMessageContaining("unknown symbol");
    }
}
