package dev.tandem.kernel.execution;

/**
 * A venue's request limit as a token bucket: at most {@code capacity} requests in a burst, one more every
 * {@code nanosPerToken}. Expressed per token (not per second) so limits like "1 per 2 s" are exact.
 *
 * @param capacity      burst size, at least 1
 * @param nanosPerToken refill interval of one token, positive
 */
public record RateLimit(int capacity, long nanosPerToken) {
    public RateLimit {
        if (capacity < 1 || nanosPerToken <= 0) {
            throw new IllegalArgumentException("rate limit needs capacity >= 1 and nanosPerToken > 0: " + capacity + ", " + nanosPerToken);
        }
        // the bucket keeps its level as time credit; the full bucket must fit a long
        Math.multiplyExact((long) capacity, nanosPerToken);
    }

    /** {@code capacity} burst, {@code perSecond} sustained requests per second. */
    public static RateLimit perSecond(final int capacity, final int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        return new RateLimit(capacity, 1_000_000_000L / perSecond);
    }
}
