package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExecutionConfigTest {

    @Test
    void defaultsFollowTheDesign() {
        final ExecutionConfig c = ExecutionConfig.defaults();
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.retryBaseNanos()).isEqualTo(100_000_000L);
        assertThat(c.retryJitterFraction()).isEqualTo(0.2);
        assertThat(c.breakerFailureThreshold()).isEqualTo(5);
        assertThat(c.breakerOpenNanos()).isEqualTo(60_000_000_000L);
        assertThat(c.breakerHalfOpenSuccesses()).isEqualTo(2);
        assertThat(c.queueCapacity()).isEqualTo(100);
        assertThat(c.queueTtlNanos()).isEqualTo(300_000_000_000L);
        assertThat(c.breakerOpenPolicy()).isEqualTo(BreakerOpenPolicy.QUEUE);
        assertThat(c.rateLimit("ANY")).isEqualTo(RateLimit.perSecond(10, 10));
    }

    @Test
    void perVenueRateLimitsOverrideTheDefault() {
        final TreeMap<String, RateLimit> byVenue = new TreeMap<>();
        byVenue.put("MEXC", RateLimit.perSecond(20, 10));
        final ExecutionConfig c = ExecutionConfig.defaults().withRateLimits(RateLimit.perSecond(5, 5), byVenue);
        assertThat(c.rateLimit("MEXC")).isEqualTo(RateLimit.perSecond(20, 10));
        assertThat(c.rateLimit("BYBIT")).isEqualTo(RateLimit.perSecond(5, 5));
        byVenue.clear();
        assertThat(c.rateLimitsByVenue()).as("defensive copy").hasSize(1);
    }

    @Test
    void invalidValuesAreRefused() {
        final ExecutionConfig d = ExecutionConfig.defaults();
        assertThatThrownBy(() -> d.withRetryJitterFraction(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRetryJitterFraction(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withQueue(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withQueue(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBreakerOpenPolicy(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withBreakerOpenPolicy(BreakerOpenPolicy.DENY).breakerOpenPolicy()).isEqualTo(BreakerOpenPolicy.DENY);
    }
}
