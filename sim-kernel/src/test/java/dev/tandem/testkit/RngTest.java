package dev.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RngTest {

    private static final long[][] SMALL_RANGES = {
        {0, 1000}, {-5, 10}, {-10, 5}, {10, 20}, {-20, -10}, {-3, 3}, {0, 0}, {7, 7}, {-1, 0}, {0, 1},
    };

    @Test
    void indicesEnumerateEachSmallRangeOnceFromTheOriginOutwards() {
        for (long[] range : SMALL_RANGES) {
            long min = range[0];
            long max = range[1];
            long origin = Rng.origin(min, max);
            List<Long> values = new ArrayList<>();
            long previousDistance = -1;
            for (long k = 0; k <= max - min; k++) {
                long v = Rng.valueAt(min, max, k);
                assertThat(v).as("index %d of [%d, %d]", k, min, max).isBetween(min, max);
                assertThat(Rng.indexOf(min, max, v)).isEqualTo(k);
                long distance = Math.abs(v - origin);
                assertThat(distance).isGreaterThanOrEqualTo(previousDistance);
                previousDistance = distance;
                values.add(v);
            }
            assertThat(values).doesNotHaveDuplicates().hasSize((int) (max - min + 1));
            assertThat(values.get(0)).isEqualTo(origin);
        }
        assertThat(Rng.valueAt(-5, 10, 1)).isEqualTo(1);
        assertThat(Rng.valueAt(-5, 10, 2)).isEqualTo(-1);
        assertThat(Rng.valueAt(-5, 10, 11)).isEqualTo(6);
    }

    @Test
    void originIsZeroOrTheBoundNearestToZero() {
        assertThat(Rng.origin(-5, 10)).isZero();
        assertThat(Rng.origin(10, 20)).isEqualTo(10);
        assertThat(Rng.origin(-20, -10)).isEqualTo(-10);
    }

    @Test
    void fullLongRangeMapsExactlyWithoutOverflow() {
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        assertThat(Rng.valueAt(min, max, 0)).isZero();
        assertThat(Rng.valueAt(min, max, -1L)).isEqualTo(Long.MIN_VALUE); // largest unsigned index
        assertThat(Rng.valueAt(min, max, -2L)).isEqualTo(-Long.MAX_VALUE);
        assertThat(Rng.valueAt(min, max, -3L)).isEqualTo(Long.MAX_VALUE);
        SplitMix64 r = new SplitMix64(5);
        long[][] ranges = {{min, max}, {min, 0}, {0, max}, {min, -1}, {1, max}, {Integer.MIN_VALUE, Integer.MAX_VALUE},
            {-3, max}, {min, 3}};
        for (long[] range : ranges) {
            for (int i = 0; i < 2_000; i++) {
                long k = r.nextUnsignedAtMost(range[1] - range[0]);
                long v = Rng.valueAt(range[0], range[1], k);
                assertThat(v).isBetween(range[0], range[1]);
                assertThat(Rng.indexOf(range[0], range[1], v)).isEqualTo(k);
            }
            assertThat(Rng.valueAt(range[0], range[1], Rng.indexOf(range[0], range[1], range[0]))).isEqualTo(range[0]);
            assertThat(Rng.valueAt(range[0], range[1], Rng.indexOf(range[0], range[1], range[1]))).isEqualTo(range[1]);
        }
    }

    @Test
    void replayingRecordedChoicesReproducesTheValueAndTheChoices() {
        Gen<List<Long>> gen = Gen.listOf(Gen.longs(-1_000_000, 1_000_000), 0, 30);
        for (long seed = 0; seed < 50; seed++) {
            Rng fresh = Rng.random(seed);
            List<Long> value = gen.generate(fresh);
            Rng replay = Rng.replay(fresh.choices());
            assertThat(gen.generate(replay)).isEqualTo(value);
            assertThat(replay.choices()).isEqualTo(fresh.choices());
        }
    }

    @Test
    void replayClampsOversizedChoicesAndReadsZerosAfterTheEnd() {
        Rng rng = Rng.replay(new long[] {5_000, 3});
        assertThat(rng.choose(0, 10)).isEqualTo(10);
        assertThat(rng.weightedBoolean(0.5)).isTrue(); // 3 clamps to 1
        assertThat(rng.choose(-5, 10)).isZero();        // past the end: index 0
        assertThat(rng.choose(3, 9)).isEqualTo(3);
        assertThat(rng.weightedBoolean(0.99)).isFalse();
        assertThat(rng.choices()).containsExactly(10, 1, 0, 0, 0);
        assertThat(rng.choiceCount()).isEqualTo(5);
    }

    @Test
    void weightedBooleanHonoursCertainProbabilities() {
        Rng rng = Rng.random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(rng.weightedBoolean(0.0)).isFalse();
            assertThat(rng.weightedBoolean(1.0)).isTrue();
        }
        assertThatThrownBy(() -> rng.weightedBoolean(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rng.weightedBoolean(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freshDrawsHitTheEdgesOfLargeRanges() {
        Rng rng = Rng.random(11);
        boolean min = false;
        boolean max = false;
        boolean zero = false;
        for (int i = 0; i < 2_000; i++) {
            long v = rng.choose(-1_000_000_000_000L, 1_000_000_000_000L);
            min |= v == -1_000_000_000_000L;
            max |= v == 1_000_000_000_000L;
            zero |= v == 0;
        }
        assertThat(min).isTrue();
        assertThat(max).isTrue();
        assertThat(zero).isTrue();
    }

    @Test
    void rejectsEmptyRangesAndRunawayGenerators() {
        assertThatThrownBy(() -> Rng.random(1).choose(2, 1)).isInstanceOf(IllegalArgumentException.class);
        Rng rng = Rng.random(1);
        assertThatThrownBy(() -> {
            while (true) {
                rng.choose(0, 1);
            }
        }).isInstanceOf(GenerationException.class).hasMessageContaining("more than " + Rng.MAX_CHOICES);
    }
}
