package dev.tandem.sim.data;

import dev.tandem.kernel.random.RandomSource;

/**
 * A stochastic price model sampled on a time grid: it gives the log return of the price over one step. The
 * processes here have increments that do not depend on the price level (log-price is a process with independent
 * increments, possibly time-dependent), so a path is {@code ln S(t+dt) = ln S(t) + logReturn(t, dt)}.
 *
 * <p>Implementations are pure functions of their parameters, the step and the draws they take from
 * {@code random}: the same seed gives the same path. Time is annualised with {@link #YEAR_NANOS} (365 days:
 * crypto trades every day), so a volatility of 0.8 means 80 % per square-root year.
 */
public interface PriceProcess {
    /** One year of 365 days, in nanoseconds: the unit of drift, volatility and jump intensity. */
    long YEAR_NANOS = 365L * 86_400L * 1_000_000_000L;

    /** A short stable name ("gbm", "merton", ...): the default generator name and part of its random streams' names. */
    String name();

    /**
     * The log return over {@code [startNanos, startNanos + dtNanos)}.
     *
     * @param startNanos the step's start time (time-dependent processes use it; others ignore it)
     * @param dtNanos    the step length, positive
     * @param random     the only source of randomness
     */
    double logReturn(long startNanos, long dtNanos, RandomSource random);

    /** {@code nanos} in years of {@link #YEAR_NANOS}. */
    static double years(final long nanos) {
        return nanos / (double) YEAR_NANOS;
    }
}
