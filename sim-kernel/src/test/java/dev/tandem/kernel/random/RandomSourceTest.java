package dev.tandem.kernel.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomSourceTest {
    @Test
    void sameSeedSameStream() {
        final RandomSource a = RandomSource.seeded(42);
        final RandomSource b = RandomSource.seeded(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void knownFirstValuesPinTheAlgorithmAcrossJvms() {
        // SplitMix64 from seed 0: the published first output is 0xe220a8397b1dcdaf.
        assertThat(RandomSource.seeded(0).nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    }

    @Test
    void childSeedsDependOnNameOnlyNotOnOtherComponents() {
        final long s1 = Seeds.derive(7, "exec.jitter");
        final long s2 = Seeds.derive(7, "strategy:S1");
        assertThat(s1).isNotEqualTo(s2);
        assertThat(Seeds.derive(7, "exec.jitter")).isEqualTo(s1);
        assertThat(Seeds.derive(8, "exec.jitter")).isNotEqualTo(s1);
    }

    @Test
    void boundsAreRespectedAndStateRestores() {
        final RandomSource r = RandomSource.seeded(1);
        for (int i = 0; i < 10_000; i++) {
            final long v = r.nextLong(-5, 5);
            assertThat(v).isBetween(-5L, 5L);
            assertThat(r.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
        final long state = r.state();
        final long next = r.nextLong();
        r.restore(state);
        assertThat(r.nextLong()).isEqualTo(next);
    }
}
