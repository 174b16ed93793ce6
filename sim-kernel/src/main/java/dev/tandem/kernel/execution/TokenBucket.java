package dev.tandem.kernel.execution;

/**
 * A token bucket on the kernel clock. The level is kept as time credit in nanoseconds (one token is worth
 * {@code nanosPerToken}), so refilling is a subtraction of two timestamps: exact, no timers, no rounding. Refill is
 * path-independent and only taking or emptying stores it, so reading the bucket never changes its state.
 *
 * <p>New orders {@linkplain #tryTake take} a token only if one is there. Requests that must not wait (cancels,
 * which reduce risk, and re-sends of requests already accepted for sending) {@linkplain #takeDebt take one anyway}
 * and may drive the level negative; the debt is repaid by refill before the next new order can go, so the venue's
 * published limit still holds on average. The debt is bounded by one full bucket: a storm of such requests (a
 * cancel/amend loop) would otherwise push the debt without limit and starve every later new order for minutes (found
 * by the chaos properties: 108 amends a second for 19 s left a new order queued for three minutes). Beyond the bound
 * the requests still go out; the venue's own limiter answers them, which the order manager already handles.
 */
public final class TokenBucket {
    private final RateLimit limit;
    private final long fullCredit;
    private long creditNanos;
    private long lastRefillNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(final RateLimit limit, final long nowNanos) {
        this.limit = limit;
        this.fullCredit = (long) limit.capacity() * limit.nanosPerToken();
        this.creditNanos = fullCredit;
        this.lastRefillNanos = nowNanos;
    }

    /** The configured limit. */
    public RateLimit limit() {
        return limit;
    }

    /** The credit at {@code nowNanos}, without storing it: reads never change the bucket (or its digest). */
    private long creditAt(final long nowNanos) {
        if (nowNanos <= lastRefillNanos) {
            return creditNanos; // time never goes backwards in the kernel; equal times add nothing
        }
        final long elapsed = nowNanos - lastRefillNanos;
        // compare before adding so a long idle period cannot overflow
        return elapsed >= fullCredit - creditNanos ? fullCredit : creditNanos + elapsed;
    }

    private void refill(final long nowNanos) {
        if (nowNanos > lastRefillNanos) {
            creditNanos = creditAt(nowNanos);
            lastRefillNanos = nowNanos;
        }
    }

    /** True if a token is available now. */
    public boolean hasToken(final long nowNanos) {
        return creditAt(nowNanos) >= limit.nanosPerToken();
    }

    /** Takes a token if one is available. */
    public boolean tryTake(final long nowNanos) {
        refill(nowNanos);
        if (creditNanos < limit.nanosPerToken()) {
            return false;
        }
        creditNanos -= limit.nanosPerToken();
        return true;
    }

    /** Takes a token even if none is available: the bucket goes into debt, at most one full bucket deep. */
    public void takeDebt(final long nowNanos) {
        refill(nowNanos);
        creditNanos = Math.max(-fullCredit, Math.subtractExact(creditNanos, limit.nanosPerToken()));
    }

    /** Nanoseconds from {@code nowNanos} until a token is available (0 if one is). */
    public long nanosUntilToken(final long nowNanos) {
        return Math.max(0, limit.nanosPerToken() - creditAt(nowNanos));
    }

    /** Drops every available token (after a rate-limited answer the venue's view of our usage is what counts). */
    public void empty(final long nowNanos) {
        refill(nowNanos);
        creditNanos = Math.min(creditNanos, 0);
    }

    /** Whole tokens available now (negative while in debt). */
    public long tokens(final long nowNanos) {
        return Math.floorDiv(creditAt(nowNanos), limit.nanosPerToken());
    }

    /** The raw credit (snapshot). */
    public long creditNanos() {
        return creditNanos;
    }

    /** When the credit was last refilled (snapshot). */
    public long lastRefillNanos() {
        return lastRefillNanos;
    }

    /** Restores a snapshot taken with {@link #creditNanos()} and {@link #lastRefillNanos()}. */
    public void restore(final long credit, final long lastRefill) {
        this.creditNanos = Math.min(credit, fullCredit);
        this.lastRefillNanos = lastRefill;
    }
}
