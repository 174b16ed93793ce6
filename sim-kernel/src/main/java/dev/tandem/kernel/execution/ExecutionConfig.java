package dev.tandem.kernel.execution;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every threshold of the order manager (DESIGN §2.6). All durations are kernel-clock nanoseconds.
 *
 * @param maxRetries                retries of a transiently failed request (so {@code maxRetries + 1} sends)
 * @param retryBaseNanos            backoff before the first retry; doubles for each further retry
 * @param retryJitterFraction       each backoff is stretched by a seeded uniform factor in [0, this)
 * @param maxRateLimitedRetries     re-sends after RATE_LIMITED answers before giving up on a request
 * @param defaultRetryAfterNanos    venue backoff when a RATE_LIMITED answer carries no retry-after
 * @param unknownRequeryNanos       interval of re-queries for an order whose query retries were exhausted
 * @param breakerFailureThreshold   consecutive failures that open a venue's breaker
 * @param breakerOpenNanos          how long the breaker stays OPEN before HALF_OPEN
 * @param breakerHalfOpenSuccesses  consecutive successes in HALF_OPEN that close it
 * @param probeTimeoutNanos         a HALF_OPEN probe with no answer after this long counts as a failure
 * @param breakerOpenPolicy         new orders while the breaker is not CLOSED: deny or queue
 * @param queueCapacity             bounded local queue per venue
 * @param queueTtlNanos             longest time an order may wait in the queue
 * @param cancelAllCheckNanos       after a cancel-all, orders still pending cancel this long later are queried
 * @param defaultRateLimit          token bucket of venues not in {@code rateLimitsByVenue}
 * @param rateLimitsByVenue         per-venue token buckets (copied into a sorted, unmodifiable map)
 */
public record ExecutionConfig(
        int maxRetries,
        long retryBaseNanos,
        double retryJitterFraction,
        int maxRateLimitedRetries,
        long defaultRetryAfterNanos,
        long unknownRequeryNanos,
        int breakerFailureThreshold,
        long breakerOpenNanos,
        int breakerHalfOpenSuccesses,
        long probeTimeoutNanos,
        BreakerOpenPolicy breakerOpenPolicy,
        int queueCapacity,
        long queueTtlNanos,
        long cancelAllCheckNanos,
        RateLimit defaultRateLimit,
        SortedMap<String, RateLimit> rateLimitsByVenue) {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    public ExecutionConfig {
        // retries are bounded (TigerStyle: a limit on everything) and the backoff shift must not overflow
        require(maxRetries >= 0 && maxRetries <= 20, "maxRetries must be within 0..20");
        require(retryBaseNanos > 0, "retryBaseNanos must be positive");
        require(retryBaseNanos <= Long.MAX_VALUE >> (maxRetries + 2), "retryBaseNanos too large for maxRetries");
        require(retryJitterFraction >= 0.0 && retryJitterFraction < 1.0, "retryJitterFraction must be within [0, 1)");
        require(maxRateLimitedRetries >= 0 && maxRateLimitedRetries <= 1000, "maxRateLimitedRetries must be within 0..1000");
        require(defaultRetryAfterNanos > 0, "defaultRetryAfterNanos must be positive");
        require(unknownRequeryNanos > 0, "unknownRequeryNanos must be positive");
        require(breakerFailureThreshold >= 1, "breakerFailureThreshold must be at least 1");
        require(breakerOpenNanos > 0, "breakerOpenNanos must be positive");
        require(breakerHalfOpenSuccesses >= 1, "breakerHalfOpenSuccesses must be at least 1");
        require(probeTimeoutNanos > 0, "probeTimeoutNanos must be positive");
        require(breakerOpenPolicy != null, "breakerOpenPolicy is required");
        require(queueCapacity >= 0 && queueCapacity <= 100_000, "queueCapacity must be within 0..100000");
        require(queueTtlNanos > 0, "queueTtlNanos must be positive");
        require(cancelAllCheckNanos > 0, "cancelAllCheckNanos must be positive");
        require(defaultRateLimit != null, "defaultRateLimit is required");
        require(rateLimitsByVenue != null, "rateLimitsByVenue is required (may be empty)");
        rateLimitsByVenue = Collections.unmodifiableSortedMap(new TreeMap<>(rateLimitsByVenue));
    }

    /**
     * DESIGN §2.6 defaults: 3 retries at 100/200/400 ms with 20 % jitter, 5 rate-limited re-sends, breaker 5
     * failures / 60 s / 2 successes, queueing while open (100 orders, 5 min TTL), 10 requests burst at 10/s.
     */
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(
                3,
                100 * MS,
                0.2,
                5,
                S,
                5 * S,
                5,
                60 * S,
                2,
                10 * S,
                BreakerOpenPolicy.QUEUE,
                100,
                300 * S,
                5 * S,
                RateLimit.perSecond(10, 10),
                new TreeMap<>());
    }

    /** The token bucket of a venue. */
    public RateLimit rateLimit(final String venue) {
        final RateLimit r = rateLimitsByVenue.get(venue);
        return r != null ? r : defaultRateLimit;
    }

    /** A copy with another breaker-open policy. */
    public ExecutionConfig withBreakerOpenPolicy(final BreakerOpenPolicy policy) {
        return new ExecutionConfig(maxRetries, retryBaseNanos, retryJitterFraction, maxRateLimitedRetries,
                defaultRetryAfterNanos, unknownRequeryNanos, breakerFailureThreshold, breakerOpenNanos,
                breakerHalfOpenSuccesses, probeTimeoutNanos, policy, queueCapacity, queueTtlNanos, cancelAllCheckNanos,
                defaultRateLimit, rateLimitsByVenue);
    }

    /** A copy with another queue capacity and TTL. */
    public ExecutionConfig withQueue(final int capacity, final long ttlNanos) {
        return new ExecutionConfig(maxRetries, retryBaseNanos, retryJitterFraction, maxRateLimitedRetries,
                defaultRetryAfterNanos, unknownRequeryNanos, breakerFailureThreshold, breakerOpenNanos,
                breakerHalfOpenSuccesses, probeTimeoutNanos, breakerOpenPolicy, capacity, ttlNanos, cancelAllCheckNanos,
                defaultRateLimit, rateLimitsByVenue);
    }

    /** A copy with another default rate limit and per-venue limits. */
    public ExecutionConfig withRateLimits(final RateLimit defaultLimit, final Map<String, RateLimit> byVenue) {
        return new ExecutionConfig(maxRetries, retryBaseNanos, retryJitterFraction, maxRateLimitedRetries,
                defaultRetryAfterNanos, unknownRequeryNanos, breakerFailureThreshold, breakerOpenNanos,
                breakerHalfOpenSuccesses, probeTimeoutNanos, breakerOpenPolicy, queueCapacity, queueTtlNanos,
                cancelAllCheckNanos, defaultLimit, new TreeMap<>(byVenue));
    }

    /** A copy with another retry jitter (0 makes backoffs exact, handy in tests). */
    public ExecutionConfig withRetryJitterFraction(final double fraction) {
        return new ExecutionConfig(maxRetries, retryBaseNanos, fraction, maxRateLimitedRetries,
                defaultRetryAfterNanos, unknownRequeryNanos, breakerFailureThreshold, breakerOpenNanos,
                breakerHalfOpenSuccesses, probeTimeoutNanos, breakerOpenPolicy, queueCapacity, queueTtlNanos,
                cancelAllCheckNanos, defaultRateLimit, rateLimitsByVenue);
    }

    private static void require(final boolean ok, final String message) {
        if (!ok) {
            throw new IllegalArgumentException("execution config: " + message);
        }
    }
}
