package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.StrategyId;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClientOrderIdGeneratorTest {

    @Test
    void idsArePerStrategyCountersInPaddedBase36() {
        final ClientOrderIdGenerator g = new ClientOrderIdGenerator("run7");
        final StrategyId a = new StrategyId("a");
        final StrategyId b = new StrategyId("b");
        assertThat(g.next(a).value()).isEqualTo("run7-a-000001");
        assertThat(g.next(a).value()).isEqualTo("run7-a-000002");
        assertThat(g.next(b).value()).isEqualTo("run7-b-000001");
        for (int i = 3; i < 36; i++) {
            g.next(a);
        }
        assertThat(g.next(a).value()).isEqualTo("run7-a-000010");
    }

    @Test
    void theLongestIdFitsTheVenueLimitAndRunningOutFailsLoudly() {
        final ClientOrderIdGenerator g = new ClientOrderIdGenerator("ABCDEFGH");
        final StrategyId longest = new StrategyId("abcdefghijkl");
        final long lastFitting = 3_656_158_440_062_975L; // 36^10 - 1 = "zzzzzzzzzz"
        final TreeMap<String, Long> counters = new TreeMap<>();
        counters.put(longest.value(), lastFitting - 1);
        g.restore(counters);
        final ClientOrderId id = g.next(longest);
        assertThat(id.value()).isEqualTo("ABCDEFGH-abcdefghijkl-zzzzzzzzzz").hasSize(ClientOrderId.MAX_LENGTH);
        assertThatThrownBy(() -> g.next(longest)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted");
        assertThat(g.counters()).containsEntry(longest.value(), lastFitting);
    }

    @Test
    void sameInputsGiveTheSameIdsAndCountersRestore() {
        final ClientOrderIdGenerator g1 = new ClientOrderIdGenerator("x");
        final StrategyId s = new StrategyId("s1");
        g1.next(s);
        g1.next(s);
        final ClientOrderIdGenerator g2 = new ClientOrderIdGenerator("x");
        g2.restore(g1.counters());
        assertThat(g2.next(s)).isEqualTo(g1.next(s));
        assertThat(g1.counters()).containsEntry("s1", 3L);
    }

    @Test
    void runTagIsValidated() {
        assertThatThrownBy(() -> new ClientOrderIdGenerator("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientOrderIdGenerator("123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientOrderIdGenerator("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientOrderIdGenerator("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientOrderIdGenerator("A_z9").runTag()).isEqualTo("A_z9");
    }
}
