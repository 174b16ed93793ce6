package dev.tandem.reports;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one run (see {@link Metric} for the list and {@code reports/README.md} for the definitions). A
 * metric that cannot be computed (no trades, a single sample, zero volatility...) is <em>not available</em>:
 * {@link #get} returns NaN, {@link #has} false, {@link #note} says why, and reports show "n/a". No metric is ever
 * infinite.
 */
public final class Metrics {
    private final EnumMap<Metric, Double> values;
    private final EnumMap<Metric, String> notes;
    private final String currency;
    private final Assumptions assumptions;
    private final double periodsPerYear;
    private final long periodNanos;
    private final int returns;

    Metrics(final Map<Metric, Double> values, final Map<Metric, String> notes, final String currency, final Assumptions assumptions,
            final double periodsPerYear, final long periodNanos, final int returns) {
        this.values = new EnumMap<>(Metric.class);
        this.notes = new EnumMap<>(Metric.class);
        for (final Metric m : Metric.values()) {
            final Double v = values.get(m);
            if (v == null || !Double.isFinite(v)) {
                this.values.put(m, Double.NaN);
                this.notes.put(m, notes.getOrDefault(m, "not available"));
            } else {
                this.values.put(m, v == 0.0 ? 0.0 : v); // no negative zero in reports
            }
        }
        this.currency = Objects.requireNonNull(currency, "currency");
        this.assumptions = assumptions;
        this.periodsPerYear = periodsPerYear;
        this.periodNanos = periodNanos;
        this.returns = returns;
    }

    /** The metrics of a record under the default assumptions. */
    public static Metrics of(final RunRecord record) {
        return RunAnalysis.of(record).metrics();
    }

    /** The metrics of a record under other assumptions. */
    public static Metrics of(final RunRecord record, final Assumptions assumptions) {
        return RunAnalysis.of(record, assumptions).metrics();
    }

    /** The value, or NaN when not available. Percentages are fractions; durations nanoseconds; money in {@link #currency()}. */
    public double get(final Metric m) {
        return values.get(m);
    }

    /** True if the metric could be computed. */
    public boolean has(final Metric m) {
        return !Double.isNaN(values.get(m));
    }

    /** Why a metric is not available ("" when it is). */
    public String note(final Metric m) {
        return notes.getOrDefault(m, "");
    }

    /** The value formatted with its unit, or "n/a". */
    public String format(final Metric m) {
        return Fmt.metric(m, get(m), currency);
    }

    /** The account currency money metrics are in. */
    public String currency() {
        return currency;
    }

    /** The assumptions used. */
    public Assumptions assumptions() {
        return assumptions;
    }

    /** Periods per year used for annualisation (NaN if there were fewer than two samples). */
    public double periodsPerYear() {
        return periodsPerYear;
    }

    /** The period: the median time between samples (0 if there were fewer than two samples). */
    public long periodNanos() {
        return periodNanos;
    }

    /** Number of period returns the statistics are based on. */
    public int returns() {
        return returns;
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("Metrics{");
        for (final Metric m : Metric.values()) {
            b.append(m.name()).append('=').append(format(m)).append(", ");
        }
        return b.append("P=").append(periodsPerYear).append('}').toString();
    }
}
