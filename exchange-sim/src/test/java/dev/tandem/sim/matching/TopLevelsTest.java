package dev.tandem.sim.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link MatchingEngine#topLevels}: the allocation-free top of the book the simulated venue publishes. */
class TopLevelsTest {

    @Test
    void copiesTheBestLevelsOfOneSideBestFirst() {
        final MatchingEngine e = new MatchingEngine(BookRules.unit(), MatchListener.NONE);
        e.placeLimit(1, 1, Side.BUY, TimeInForce.GTC, 100, 5);
        e.placeLimit(2, 1, Side.BUY, TimeInForce.GTC, 102, 1);
        e.placeLimit(3, 2, Side.BUY, TimeInForce.GTC, 102, 2);
        e.placeLimit(4, 1, Side.BUY, TimeInForce.GTC, 99, 7);
        e.placeLimit(5, 1, Side.SELL, TimeInForce.GTC, 105, 4);
        final long[] px = new long[2];
        final long[] qty = new long[2];
        assertThat(e.topLevels(Side.BUY, 5, px, qty)).as("bounded by the arrays").isEqualTo(2);
        assertThat(px).containsExactly(102, 100);
        assertThat(qty).containsExactly(3, 5);
        assertThat(e.topLevels(Side.SELL, 2, px, qty)).isEqualTo(1);
        assertThat(px[0]).isEqualTo(105);
        assertThat(qty[0]).isEqualTo(4);
        final long[] big = new long[10];
        assertThat(e.topLevels(Side.BUY, 1, big, Arrays.copyOf(big, 10))).as("bounded by depth").isEqualTo(1);
        assertThat(new MatchingEngine(BookRules.unit(), MatchListener.NONE).topLevels(Side.SELL, 3, big, big)).isZero();
    }
}
