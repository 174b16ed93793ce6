package dev.tandem.kernel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link AuditMetadata} behaves exactly like an unmodifiable {@code TreeMap<String, String>} of the same puts. */
class AuditMetadataTest {
    /** One put: a key from a small set (so keys repeat), and a number, a text or null. */
    private record Put(String key, boolean number, long n, String text) {}

    private static final Gen<Put> PUTS = Gen.zip(
            Gen.oneOf("b", "a", "lastDataNanos", "pauseCauses", "", "é", "a0", "B"),
            Gen.booleans(),
            Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE),
            (k, isNumber, n) -> new Put(k, isNumber, n, n % 5 == 0 ? null : "v" + n));

    @Test
    void equalsTheTreeMapOfTheSamePutsInEveryView() {
        Property.forAll(Gen.listOf(PUTS, 0, 12)).tries(500).check(puts -> {
            final AuditMetadata.Builder b = AuditMetadata.builder();
            final TreeMap<String, String> model = new TreeMap<>();
            for (final Put p : puts) {
                if (p.number()) {
                    b.number(p.key(), p.n());
                    model.put(p.key(), Long.toString(p.n()));
                } else {
                    b.text(p.key(), p.text());
                    model.put(p.key(), p.text());
                }
            }
            final AuditMetadata m = b.build();
            assertThat(m).isEqualTo(model);
            assertThat(model).isEqualTo(m);
            assertThat(m.hashCode()).isEqualTo(model.hashCode());
            assertThat(m.toString()).isEqualTo(model.toString());
            assertThat(m.size()).isEqualTo(model.size());
            assertThat(m.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(List.copyOf(m.keySet())).isEqualTo(List.copyOf(model.keySet()));
            assertThat(new ArrayList<>(m.values())).isEqualTo(new ArrayList<>(model.values()));
            int i = 0;
            for (final Map.Entry<String, String> e : model.entrySet()) {
                assertThat(m.keyAt(i)).isEqualTo(e.getKey());
                assertThat(m.textAt(i)).isEqualTo(e.getValue());
                if (m.isNumberAt(i)) {
                    assertThat(Long.toString(m.numberAt(i))).isEqualTo(e.getValue());
                }
                assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
                assertThat(m.containsKey(e.getKey())).isTrue();
                i++;
            }
            if (!model.isEmpty()) {
                assertThat(m.firstKey()).isEqualTo(model.firstKey());
                assertThat(m.lastKey()).isEqualTo(model.lastKey());
                assertThat(m.headMap("b")).isEqualTo(model.headMap("b"));
                assertThat(m.tailMap("b")).isEqualTo(model.tailMap("b"));
                assertThat(m.subMap("a", "p")).isEqualTo(model.subMap("a", "p"));
            }
            assertThat(m.comparator()).isNull();
            assertThat(AuditMetadata.copyOf(model)).isEqualTo(m);
            assertThat(AuditMetadata.copyOf(m)).isSameAs(m);
            // one more entry on top, the builder left as it was
            final TreeMap<String, String> plus = new TreeMap<>(model);
            plus.put("pauseCauses", "DATA_STALE");
            assertThat(b.buildWith("pauseCauses", "DATA_STALE")).isEqualTo(plus);
            assertThat(b.build()).isEqualTo(model);
        });
    }

    @Test
    void aLayoutSharesItsKeysAndNeedsEveryValue() {
        final AuditMetadata.Layout layout = AuditMetadata.Layout.of("nowNanos", "instrument", "pauseCauses");
        final AuditMetadata m = layout.values().number(layout.indexOf("nowNanos"), -5).text(layout.indexOf("instrument"), "BTC.SIM")
                .text(layout.indexOf("pauseCauses"), null).build();
        final TreeMap<String, String> model = new TreeMap<>();
        model.put("nowNanos", "-5");
        model.put("instrument", "BTC.SIM");
        model.put("pauseCauses", null);
        assertThat(m).isEqualTo(model);
        assertThat(m.isNumberAt(1)).isTrue();
        assertThat(m.numberAt(1)).isEqualTo(-5);
        final AuditMetadata.Values partial = layout.values().number(0, 1);
        assertThatThrownBy(partial::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("no value for some keys");
        assertThatThrownBy(() -> partial.number(0, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> partial.number(3, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        final AuditMetadata.Values done = layout.values().number(0, 1).number(1, 2).number(2, 3);
        done.build();
        assertThatThrownBy(done::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("built already");
        assertThatThrownBy(() -> AuditMetadata.Layout.of("a", "b", "a")).hasMessageContaining("repeated: a");
        assertThatThrownBy(() -> layout.indexOf("x")).hasMessageContaining("no key 'x'");
    }

    @Test
    void itCannotBeChanged() {
        final AuditMetadata m = AuditMetadata.builder().text("a", "1").number("b", 2).build();
        assertThatThrownBy(() -> m.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void aBuilderKeepsGoingAfterABuildWithoutChangingWhatItBuilt() {
        final AuditMetadata.Builder b = AuditMetadata.builder().number("n", 1);
        final AuditMetadata first = b.build();
        final AuditMetadata second = b.number("n", 2).text("m", "x").build();
        assertThat(first).containsExactly(Map.entry("n", "1"));
        assertThat(second).containsExactly(Map.entry("m", "x"), Map.entry("n", "2"));
        assertThat(AuditMetadata.builder().build()).isSameAs(AuditMetadata.empty()).isEmpty();
    }

    @Test
    void nullKeysAndWrongValueKindsAreRefused() {
        assertThatThrownBy(() -> AuditMetadata.builder().text(null, "x")).isInstanceOf(NullPointerException.class);
        final AuditMetadata m = AuditMetadata.builder().text("t", "x").build();
        assertThatThrownBy(() -> m.numberAt(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'t' is text");
    }
}
