package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void startsFullAndAllowsABurstOfCapacity() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(3, 10), T0);
        assertThat(b.tryTake(T0)).isTrue();
        assertThat(b.tryTake(T0)).isTrue();
        assertThat(b.tryTake(T0)).isTrue();
        assertThat(b.tryTake(T0)).isFalse();
        assertThat(b.hasToken(T0)).isFalse();
    }

    @Test
    void refillsOneTokenPerIntervalFromKernelTime() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(1, 10), T0);
        assertThat(b.tryTake(T0)).isTrue();
        assertThat(b.nanosUntilToken(T0)).isEqualTo(100 * MS);
        assertThat(b.hasToken(T0 + 100 * MS - 1)).isFalse();
        assertThat(b.nanosUntilToken(T0 + 100 * MS - 1)).isEqualTo(1);
        assertThat(b.tryTake(T0 + 100 * MS)).isTrue();
    }

    @Test
    void neverHoldsMoreThanItsCapacityEvenAfterALongIdle() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(2, 10), T0);
        assertThat(b.tokens(T0 + 1_000_000_000_000_000L)).isEqualTo(2);
        assertThat(b.tokens(Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void debtDelaysLaterTokens() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(2, 10), T0);
        b.takeDebt(T0);
        b.takeDebt(T0);
        b.takeDebt(T0);
        b.takeDebt(T0);
        assertThat(b.tokens(T0)).isEqualTo(-2);
        assertThat(b.nanosUntilToken(T0)).isEqualTo(300 * MS);
        assertThat(b.hasToken(T0 + 299 * MS)).isFalse();
        assertThat(b.hasToken(T0 + 300 * MS)).isTrue();
    }

    @Test
    void debtIsBoundedByOneFullBucketSoAStormCannotStarveLaterOrders() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(10, 10), T0);
        for (int i = 0; i < 2_000; i++) {
            b.takeDebt(T0);
        }
        assertThat(b.tokens(T0)).isEqualTo(-10);
        // a full bucket of debt at 10 per second is repaid in one second, plus one token's time for the next order
        assertThat(b.nanosUntilToken(T0)).isEqualTo(1_100 * MS);
        assertThat(b.hasToken(T0 + 1_100 * MS)).isTrue();
    }

    @Test
    void emptyDropsAvailableTokensButKeepsDebt() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(5, 10), T0);
        b.empty(T0);
        assertThat(b.tokens(T0)).isZero();
        b.takeDebt(T0);
        b.empty(T0);
        assertThat(b.creditNanos()).isEqualTo(-100 * MS);
    }

    @Test
    void readingTheBucketDoesNotChangeIt() {
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(2, 10), T0);
        b.tryTake(T0);
        final long credit = b.creditNanos();
        final long last = b.lastRefillNanos();
        b.hasToken(T0 + 50 * MS);
        b.tokens(T0 + 70 * MS);
        b.nanosUntilToken(T0 + 90 * MS);
        assertThat(b.creditNanos()).isEqualTo(credit);
        assertThat(b.lastRefillNanos()).isEqualTo(last);
    }

    @Test
    void snapshotRestoresExactly() {
        final TokenBucket a = new TokenBucket(RateLimit.perSecond(4, 10), T0);
        a.tryTake(T0);
        a.takeDebt(T0 + 5 * MS);
        final TokenBucket b = new TokenBucket(RateLimit.perSecond(4, 10), 0);
        b.restore(a.creditNanos(), a.lastRefillNanos());
        assertThat(b.nanosUntilToken(T0 + 7 * MS)).isEqualTo(a.nanosUntilToken(T0 + 7 * MS));
        assertThat(b.tokens(T0 + 123 * MS)).isEqualTo(a.tokens(T0 + 123 * MS));
    }

    @Test
    void rateLimitIsValidated() {
        assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(Integer.MAX_VALUE, Long.MAX_VALUE / 2)).isInstanceOf(ArithmeticException.class);
        assertThat(RateLimit.perSecond(10, 20).nanosPerToken()).isEqualTo(50 * MS);
    }
}
