package dev.tandem.reports;

/**
 * The assumptions behind the annualised metrics (see {@code reports/README.md}).
 *
 * @param riskFreeRate   annual risk-free rate as a fraction (0.03 = 3 %), converted to a per-period rate
 *                       {@code (1 + rf)^(1/P) − 1}; default 0, as usual for crypto tearsheets
 * @param periodsPerYear periods per year P; NaN (the default) derives it from the samples: one year
 *                       (365.25 days, crypto trades every day) divided by the median time between samples
 */
public record Assumptions(double riskFreeRate, double periodsPerYear) {
    /** Nanoseconds in a year of 365.25 days. */
    public static final double YEAR_NANOS = 365.25 * 86_400e9;

    /** Risk-free rate 0, periods per year derived from the samples. */
    public static final Assumptions DEFAULT = new Assumptions(0, Double.NaN);

    public Assumptions {
        if (!Double.isFinite(riskFreeRate) || riskFreeRate <= -1) {
            throw new IllegalArgumentException("riskFreeRate must be a finite fraction above -1, got " + riskFreeRate);
        }
        if (!Double.isNaN(periodsPerYear) && !(periodsPerYear > 0 && Double.isFinite(periodsPerYear))) {
            throw new IllegalArgumentException("periodsPerYear must be positive (or NaN to derive it), got " + periodsPerYear);
        }
    }
}
