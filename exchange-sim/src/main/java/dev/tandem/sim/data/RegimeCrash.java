package dev.tandem.sim.data;

import dev.tandem.kernel.random.RandomSource;

/**
 * A base process with a scheduled crash and an optional recovery: during {@code [crashStart, crashStart +
 * crashDuration)} the log price moves by {@code ln(1 + crashFraction)} (e.g. -30 % over 10 minutes), spread evenly
 * in log space; then during the next {@code recoveryDuration} it moves by {@code ln(1 + recoveryFraction)}; after
 * that (or straight after the crash when the recovery fraction is 0, a flat regime) only the base process moves
 * the price.
 *
 * <p>The overlay is added to the base process's log return and the base draws exactly the same random numbers as it
 * would alone, so with the same seed the crash path is the base path times the deterministic overlay: after the
 * crash window the ratio is exactly {@code 1 + crashFraction}, whatever the noise.
 *
 * @param base                  the process outside and under the moves (its noise continues during the crash)
 * @param crashStartNanos       when the crash begins (epoch nanoseconds, on the generator's clock)
 * @param crashDurationNanos    how long it lasts, positive
 * @param crashFraction         the relative move, in (-1, 0): -0.30 is a 30 % fall
 * @param recoveryDurationNanos length of the recovery regime right after the crash; 0 for none
 * @param recoveryFraction      relative move over the recovery, &gt; -1 (0.2 = +20 % from the crash low); must be 0
 *                              when there is no recovery regime
 */
public record RegimeCrash(PriceProcess base, long crashStartNanos, long crashDurationNanos, double crashFraction,
        long recoveryDurationNanos, double recoveryFraction) implements PriceProcess {
    public RegimeCrash {
        if (base == null) {
            throw new IllegalArgumentException("base process is required");
        }
        if (crashDurationNanos <= 0 || !(crashFraction > -1 && crashFraction < 0)) {
            throw new IllegalArgumentException("crash needs a positive duration and a fraction in (-1, 0)");
        }
        if (recoveryDurationNanos < 0 || !(recoveryFraction > -1) || !Double.isFinite(recoveryFraction)
                || (recoveryDurationNanos == 0 && recoveryFraction != 0)) {
            throw new IllegalArgumentException("recovery needs a duration >= 0, a fraction > -1, and fraction 0 when"
                    + " the duration is 0");
        }
        Math.addExact(Math.addExact(crashStartNanos, crashDurationNanos), recoveryDurationNanos);
    }

    /** A crash followed by a flat regime (the base process alone). */
    public static RegimeCrash thenFlat(final PriceProcess base, final long crashStartNanos,
            final long crashDurationNanos, final double crashFraction) {
        return new RegimeCrash(base, crashStartNanos, crashDurationNanos, crashFraction, 0, 0);
    }

    @Override
    public String name() {
        return "regime-crash";
    }

    /** When the crash ends and the recovery (or flat) regime begins. */
    public long crashEndNanos() {
        return crashStartNanos + crashDurationNanos;
    }

    /** The deterministic part of the log return over a step. */
    public double overlay(final long startNanos, final long dtNanos) {
        return LogMoves.share(startNanos, dtNanos, crashStartNanos, crashDurationNanos, StrictMath.log1p(crashFraction))
                + LogMoves.share(startNanos, dtNanos, crashEndNanos(), recoveryDurationNanos,
                        StrictMath.log1p(recoveryFraction));
    }

    @Override
    public double logReturn(final long startNanos, final long dtNanos, final RandomSource random) {
        return base.logReturn(startNanos, dtNanos, random) + overlay(startNanos, dtNanos);
    }
}
