package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Fixed;
import java.math.RoundingMode;

/**
 * Exact timer pacing for the rate-driven chaos strategies: beat {@code k} (from 0) is due at
 * {@code start + floor(k × 1 s / ratePerSecond)}, so every whole second from the start holds exactly
 * {@code ratePerSecond} beats whatever the rate (no drift from a rounded interval). A duration of 0 means no end.
 */
final class Pacer {
    private final int ratePerSecond;
    private final long durationNanos;
    private long startNanos = -1;
    private long beats;

    Pacer(final int ratePerSecond, final long durationNanos) {
        if (ratePerSecond < 1 || durationNanos < 0) {
            throw new IllegalArgumentException("rate must be positive and duration not negative");
        }
        this.ratePerSecond = ratePerSecond;
        this.durationNanos = durationNanos;
    }

    /** Whether {@link #start} was called. */
    boolean started() {
        return startNanos >= 0;
    }

    /** Sets the time of beat 0. */
    void start(final long nanos) {
        startNanos = nanos;
    }

    /** The deadline of the next beat. */
    long nextDeadline() {
        return Math.addExact(startNanos, Fixed.mulDiv(beats, LibMath.SECOND_NANOS, ratePerSecond, RoundingMode.FLOOR));
    }

    /** Counts the beat that just fired; returns the next beat's deadline, or -1 when the duration is over. */
    long beat() {
        beats++;
        final long next = nextDeadline();
        return durationNanos > 0 && next >= startNanos + durationNanos ? -1 : next;
    }

    /** Beats fired so far. */
    long beats() {
        return beats;
    }

    long startNanos() {
        return startNanos;
    }

    void save(final StateText s) {
        s.put("pacerStart", startNanos).put("pacerBeats", beats);
    }

    void restore(final StateText s) {
        startNanos = s.getLong("pacerStart");
        beats = s.getLong("pacerBeats");
    }
}
