package dev.tandem.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.sim.fault.LatencyModel.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    private static final long MS = 1_000_000L;

    private static List<Long> samples(final LatencyModel m, final Operation op, final int n) {
        final List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(m.sample(op));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameLatencies() {
        final LatencyProfile p = LatencyProfile.defaults();
        for (final Operation op : Operation.values()) {
            assertThat(samples(new LatencyModel(p, 42, "sim:X"), op, 2_000)).isEqualTo(samples(new LatencyModel(p, 42, "sim:X"), op, 2_000));
        }
        assertThat(samples(new LatencyModel(p, 42, "sim:X"), Operation.REPORT, 100))
                .isNotEqualTo(samples(new LatencyModel(p, 43, "sim:X"), Operation.REPORT, 100))
                .isNotEqualTo(samples(new LatencyModel(p, 42, "sim:Y"), Operation.REPORT, 100));
    }

    @Test
    void eachOperationDrawsFromItsOwnStream() {
        final LatencyProfile p = LatencyProfile.uniform(LatencySpec.jittered(MS, 5 * MS).withSpikes(0.1, 50 * MS));
        final LatencyModel alone = new LatencyModel(p, 7, "sim:X");
        final LatencyModel mixed = new LatencyModel(p, 7, "sim:X");
        final List<Long> a = new ArrayList<>();
        final List<Long> b = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            a.add(alone.sample(Operation.ORDER_ENTRY));
            mixed.sample(Operation.MARKET_DATA);
            mixed.sample(Operation.REPORT);
            b.add(mixed.sample(Operation.ORDER_ENTRY));
        }
        assertThat(b).isEqualTo(a);
        assertThat(samples(new LatencyModel(p, 7, "sim:X"), Operation.CANCEL, 50))
                .isNotEqualTo(samples(new LatencyModel(p, 7, "sim:X"), Operation.ORDER_ENTRY, 50));
    }

    @Test
    void aFixedLatencyIsConstantAndJitterStaysWithinItsRange() {
        assertThat(samples(new LatencyModel(LatencyProfile.fixed(3 * MS), 1, "c"), Operation.REPORT, 100)).containsOnly(3 * MS);
        final List<Long> s = samples(new LatencyModel(LatencyProfile.uniform(LatencySpec.jittered(2 * MS, 1_000)), 1, "c"),
                Operation.MARKET_DATA, 20_000);
        assertThat(s).allSatisfy(x -> assertThat(x).isBetween(2 * MS, 2 * MS + 1_000));
        assertThat(s).contains(2 * MS, 2 * MS + 1_000); // both ends are reachable
    }

    @Test
    void spikesComeWithTheirProbabilityAndMagnitude() {
        final LatencySpec spec = LatencySpec.jittered(MS, MS).withSpikes(0.1, 100 * MS);
        final LatencyModel m = new LatencyModel(LatencyProfile.uniform(spec), 99, "c");
        final List<Long> s = samples(m, Operation.ORDER_ENTRY, 10_000);
        final long spiked = s.stream().filter(x -> x >= 101 * MS).count();
        assertThat(spiked).isEqualTo(m.spikes()).isBetween(850L, 1_150L);
        assertThat(s).allSatisfy(x -> assertThat(x < 2 * MS + 1 || (x >= 101 * MS && x <= 102 * MS)).isTrue());
        assertThat(samples(new LatencyModel(LatencyProfile.uniform(spec.withSpikes(1.0, 5 * MS)), 1, "c"), Operation.REPORT, 100))
                .allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(6 * MS));
        assertThat(samples(new LatencyModel(LatencyProfile.uniform(spec.withSpikes(0.0, 5 * MS)), 1, "c"), Operation.REPORT, 100))
                .allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(2 * MS));
    }

    @Test
    void changingTheSpikeProbabilityDoesNotShiftTheJitter() {
        final LatencySpec calm = LatencySpec.jittered(MS, 10 * MS);
        final LatencyModel a = new LatencyModel(LatencyProfile.uniform(calm), 5, "c");
        final LatencyModel b = new LatencyModel(LatencyProfile.uniform(calm.withSpikes(0.5, 1_000 * MS)), 5, "c");
        for (int i = 0; i < 1_000; i++) {
            final long x = a.sample(Operation.CANCEL);
            final long y = b.sample(Operation.CANCEL);
            assertThat(y == x || y == x + 1_000 * MS).isTrue();
        }
    }

    @Test
    void specificationsAreValidated() {
        assertThatThrownBy(() -> new LatencySpec(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySpec(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySpec(0, 0, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySpec(0, 0, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySpec(LatencySpec.MAX_NANOS + 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        final LatencyProfile p = new LatencyProfile(LatencySpec.fixed(1), LatencySpec.fixed(2), LatencySpec.fixed(3), LatencySpec.fixed(4));
        assertThat(p.spec(Operation.ORDER_ENTRY).fixedNanos()).isEqualTo(1);
        assertThat(p.spec(Operation.CANCEL).fixedNanos()).isEqualTo(2);
        assertThat(p.spec(Operation.REPORT).fixedNanos()).isEqualTo(3);
        assertThat(p.spec(Operation.MARKET_DATA).fixedNanos()).isEqualTo(4);
    }
}
