package dev.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequenceForSeedZero() {
        SplitMix64 r = new SplitMix64(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void sameSeedGivesSameSequenceAndStateResumesIt() {
        SplitMix64 a = new SplitMix64(42);
        SplitMix64 b = new SplitMix64(42);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        SplitMix64 resumed = new SplitMix64(a.state());
        assertThat(resumed.nextLong()).isEqualTo(a.nextLong());
        assertThat(new SplitMix64(43).nextLong()).isNotEqualTo(new SplitMix64(42).nextLong());
    }

    @Test
    void boundedDrawsStayInRangeAndCoverSmallRanges() {
        SplitMix64 r = new SplitMix64(7);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 2_000; i++) {
            long v = r.nextUnsignedAtMost(6);
            assertThat(v).isBetween(0L, 6L);
            seen[(int) v] = true;
        }
        assertThat(seen).containsOnly(true);
        for (long bound : new long[] {0, 1, 2, 1_000, (1L << 40) + 3, Long.MAX_VALUE, -2L}) {
            for (int i = 0; i < 200; i++) {
                assertThat(Long.compareUnsigned(r.nextUnsignedAtMost(bound), bound)).isLessThanOrEqualTo(0);
            }
        }
        assertThat(r.nextUnsignedAtMost(0)).isZero();
    }

    @Test
    void doublesAreInUnitInterval() {
        SplitMix64 r = new SplitMix64(3);
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            double d = r.nextDouble();
            assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            sum += d;
        }
        assertThat(sum / 10_000).isBetween(0.48, 0.52);
    }

    @Test
    void derivedSeedsAreDistinctAndDependOnTheMaster() {
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            seeds.add(SplitMix64.derive(99, i));
        }
        assertThat(seeds).doesNotHaveDuplicates();
        assertThat(SplitMix64.derive(99, 0)).isEqualTo(SplitMix64.derive(99, 0))
                .isNotEqualTo(SplitMix64.derive(100, 0));
    }

    @Test
    void hashIsStableAndSpreads() {
        assertThat(SplitMix64.hash("OrderBookTest.matches")).isEqualTo(SplitMix64.hash("OrderBookTest.matches"))
                .isNotEqualTo(SplitMix64.hash("OrderBookTest.matched"));
        assertThat(SplitMix64.hash("")).isNotEqualTo(SplitMix64.hash("a"));
    }
}
