package dev.tandem.reports;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run of a parameter sweep, for {@link SweepReport}.
 *
 * @param label      a short name of the run (e.g. "fast=12 slow=48 seed=1")
 * @param parameters the swept (and any other) parameters, by name; values as text, numbers compare numerically
 * @param metrics    the run's metrics
 * @param reportHref link to the run's own report (relative to the sweep report), or null
 */
public record SweepRow(String label, SortedMap<String, String> parameters, Metrics metrics, String reportHref) {
    public SweepRow {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(metrics, "metrics");
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** A row from a run record: its title, its provenance parameters and its metrics. */
    public static SweepRow of(final RunRecord record, final String reportHref) {
        return new SweepRow(record.provenance().title(), record.provenance().parameters(), Metrics.of(record), reportHref);
    }
}
