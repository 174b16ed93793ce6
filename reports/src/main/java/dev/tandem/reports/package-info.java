/**
 * Run records, metrics and self-contained HTML reports. A {@link dev.tandem.reports.RunRecorder} listens to a kernel
 * and is told about samples and injected faults by the runner; it produces a {@link dev.tandem.reports.RunRecord}
 * (JSON via {@link dev.tandem.reports.RunRecordJson}), from which {@link dev.tandem.reports.Metrics} and the
 * {@link dev.tandem.reports.HtmlReport}, {@link dev.tandem.reports.ComparisonReport} and
 * {@link dev.tandem.reports.SweepReport} pages are computed. Depends on sim-kernel, Tablesaw and Jackson only.
 */
package dev.tandem.reports;
