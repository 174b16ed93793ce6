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

    /** The id built in one buffer equals the plain definition: run tag, strategy, base-36 counter padded to six. */
    @Test
    void idsMatchTheirDefinitionForAnyCounter() {
        final dev.tandem.testkit.Gen<Long> counters = dev.tandem.testkit.Gen.frequency(
                dev.tandem.testkit.Gen.weighted(2, dev.tandem.testkit.Gen.longs(0, 100_000)),
                dev.tandem.testkit.Gen.weighted(2, dev.tandem.testkit.Gen.longs(0, 3_656_158_440_062_974L)),
                dev.tandem.testkit.Gen.weighted(1, dev.tandem.testkit.Gen.oneOf(0L, 35L, 36L, 1_295L, 1_296L, 2_176_782_334L, 2_176_782_335L)));
        dev.tandem.testkit.Property.forAll(counters).tries(2_000).check(last -> {
            final ClientOrderIdGenerator g = new ClientOrderIdGenerator("r9");
            final TreeMap<String, Long> restored = new TreeMap<>();
            restored.put("strat", last);
            g.restore(restored);
            final StrategyId s = new StrategyId("strat");
            assertThat(g.next(s).value()).isEqualTo("r9-strat-" + ClientOrderIdGenerator.counter(last + 1));
            assertThat(g.next(s).value()).isEqualTo("r9-strat-" + ClientOrderIdGenerator.counter(last + 2));
            assertThat(g.counters()).containsEntry("strat", last + 2);
        });
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
