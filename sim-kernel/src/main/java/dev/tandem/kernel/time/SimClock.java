package dev.tandem.kernel.time;

/** A clock advanced explicitly by the event loop. It never goes backwards. */
public final class SimClock implements Clock {
    private long nowNanos;

    /** Starts at the given time. */
    public SimClock(final long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    /**
     * Moves the clock to {@code nanos}. Equal times are allowed (many events share a timestamp);
     * earlier ones are a bug in the caller and fail.
     */
    public void advanceTo(final long nanos) {
        if (nanos < nowNanos) {
            throw new IllegalStateException("clock cannot go backwards: now=" + nowNanos + " requested=" + nanos);
        }
        nowNanos = nanos;
    }
}
