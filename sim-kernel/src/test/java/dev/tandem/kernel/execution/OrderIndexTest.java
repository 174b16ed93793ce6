package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link OrderIndex} answers like the {@code TreeMap} it replaced: same lookups, same client-id order, same counts. */
class OrderIndexTest {
    private static final InstrumentId BTC = new InstrumentId("BTCUSDT", "SIM");

    /** One step: add an order with this id (if new), look one up, or remove the orders whose quantity is odd / below a bound. */
    private record Step(int kind, String id, long qty) {}

    private static Order order(final String id, final long qty) {
        return new Order(new ClientOrderId(id), OrderIntent.limit(new StrategyId("s"), BTC, Side.BUY, 100, qty), 0);
    }

    @Test
    void behavesLikeASortedMap() {
        final Gen<String> ids = Gen.oneOf("r-s-000001", "r-s-000002", "r-s-00000a", "r-t-000001", "q-s-000001", "r-s-000010",
                "r-s-0000zz", "A-b-1", "r-s-000003", "r-s-000004");
        final Gen<Step> steps = Gen.zip(Gen.ints(0, 3), ids, Gen.longs(1, 20), Step::new);
        Property.forAll(Gen.listOf(steps, 0, 60)).tries(500).check(list -> {
            final OrderIndex index = new OrderIndex();
            final TreeMap<ClientOrderId, Order> model = new TreeMap<>();
            for (final Step st : list) {
                final ClientOrderId id = new ClientOrderId(st.id());
                switch (st.kind()) {
                    case 0, 1 -> {
                        if (!model.containsKey(id)) {
                            final Order o = order(st.id(), st.qty());
                            index.add(o);
                            model.put(id, o);
                        } else {
                            assertThatThrownBy(() -> index.add(order(st.id(), 1))).isInstanceOf(IllegalStateException.class);
                        }
                    }
                    case 2 -> {
                        assertThat(index.get(id)).isSameAs(model.get(id));
                        assertThat(index.containsKey(id)).isEqualTo(model.containsKey(id));
                    }
                    default -> {
                        final long bound = st.qty();
                        final int before = model.size();
                        model.values().removeIf(o -> o.qty() < bound);
                        assertThat(index.removeIf(o -> o.qty() < bound)).isEqualTo(before - model.size());
                    }
                }
                assertThat(index.size()).isEqualTo(model.size());
                assertThat(index.isEmpty()).isEqualTo(model.isEmpty());
            }
            assertThat(index.sorted()).containsExactlyElementsOf(new ArrayList<>(model.values()));
        });
    }

    @Test
    void sortedIsInClientIdOrderWhateverTheInsertionOrder() {
        final OrderIndex index = new OrderIndex();
        for (final String id : List.of("r-s-00000b", "r-s-00000a", "r-a-000001", "r-s-000001")) {
            index.add(order(id, 1));
        }
        assertThat(index.sorted()).extracting(o -> o.clientOrderId().value())
                .containsExactly("r-a-000001", "r-s-000001", "r-s-00000a", "r-s-00000b");
    }
}
