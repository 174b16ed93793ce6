package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.BreakerState;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long S = 1_000_000_000L;

    private final CircuitBreaker b = new CircuitBreaker(5, 60 * S, 2);

    @Test
    void opensOnTheFifthConsecutiveFailure() {
        for (int i = 1; i < 5; i++) {
            assertThat(b.onFailure(i)).isNull();
        }
        final CircuitBreaker.Change c = b.onFailure(5);
        assertThat(c).isEqualTo(new CircuitBreaker.Change(BreakerState.CLOSED, BreakerState.OPEN, 5));
        assertThat(b.openUntilNanos()).isEqualTo(5 + 60 * S);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        for (int i = 0; i < 4; i++) {
            b.onFailure(i);
        }
        b.onSuccess(10);
        for (int i = 0; i < 4; i++) {
            assertThat(b.onFailure(20 + i)).isNull();
        }
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void staysOpenUntilTheOpenPeriodEndsThenHalfOpens() {
        openAt(0);
        assertThat(b.onOpenTimeout(60 * S - 1)).isNull();
        assertThat(b.onSuccess(30 * S)).as("a late answer does not shorten the open period").isNull();
        assertThat(b.onFailure(30 * S)).as("failures while open do not extend it").isNull();
        assertThat(b.openUntilNanos()).isEqualTo(60 * S);
        assertThat(b.onOpenTimeout(60 * S)).isEqualTo(new CircuitBreaker.Change(BreakerState.OPEN, BreakerState.HALF_OPEN, 1));
        assertThat(b.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void twoSuccessesWhileHalfOpenCloseIt() {
        openAt(0);
        b.onOpenTimeout(60 * S);
        assertThat(b.onSuccess(61 * S)).isNull();
        assertThat(b.consecutiveSuccesses()).isEqualTo(1);
        assertThat(b.onSuccess(62 * S)).isEqualTo(new CircuitBreaker.Change(BreakerState.HALF_OPEN, BreakerState.CLOSED, 0));
        assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anyFailureWhileHalfOpenOpensItAgainForAFullPeriod() {
        openAt(0);
        b.onOpenTimeout(60 * S);
        b.onSuccess(61 * S);
        final CircuitBreaker.Change c = b.onFailure(62 * S);
        assertThat(c.from()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(c.to()).isEqualTo(BreakerState.OPEN);
        assertThat(b.openUntilNanos()).isEqualTo(122 * S);
        assertThat(b.consecutiveSuccesses()).isZero();
    }

    @Test
    void restoreReproducesTheState() {
        openAt(0);
        final CircuitBreaker copy = new CircuitBreaker(5, 60 * S, 2);
        copy.restore(b.state(), b.consecutiveFailures(), b.consecutiveSuccesses(), b.openUntilNanos());
        assertThat(copy.onOpenTimeout(60 * S)).isEqualTo(b.onOpenTimeout(60 * S));
    }

    private void openAt(final long t) {
        for (int i = 0; i < 5; i++) {
            b.onFailure(t);
        }
        assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    }
}
