package dev.tandem.reports;

import dev.tandem.reports.RunAnalysis.ExecutionStats;
import dev.tandem.reports.RunRecord.TimelineEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Two runs side by side in one self-contained HTML file: typically a baseline and the same scenario with faults, or a
 * live session and its re-simulation. Metric deltas (B − A, coloured by whether the change is an improvement), the
 * two equity curves overlaid as returns from their start with both chaos timelines, both underwater curves, what
 * went wrong in each, execution statistics and both provenances.
 */
public final class ComparisonReport {
    private ComparisonReport() {}

    /** Writes the comparison of run A (the reference) and run B to a file. */
    public static void write(final RunRecord a, final RunRecord b, final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(a, b), StandardCharsets.UTF_8);
    }

    /** The comparison as HTML text. */
    public static String render(final RunRecord a, final RunRecord b) {
        final RunAnalysis ra = RunAnalysis.of(a);
        final RunAnalysis rb = RunAnalysis.of(b);
        final Metrics ma = ra.metrics();
        final Metrics mb = rb.metrics();
        final Html h = new Html();
        final String title = a.provenance().title() + " vs " + b.provenance().title();
        Html.pageStart(h, title + " — Tandem comparison");
        h.raw("<header><h1>").text("A: " + a.provenance().title() + "  vs  B: " + b.provenance().title()).raw("</h1><p class=\"subtitle\">")
                .text("Comparison report · A " + Fmt.minute(a.run().startNanos()) + " → " + Fmt.minute(a.run().endNanos()) + " (seed " + a.run().seed()
                        + ") · B " + Fmt.minute(b.run().startNanos()) + " → " + Fmt.minute(b.run().endNanos()) + " (seed " + b.run().seed() + ") · UTC")
                .raw("</p></header>\n");

        // headline deltas
        h.raw("<section id=\"glance\"><div class=\"kpis\">");
        deltaKpi(h, Metric.TOTAL_RETURN, ma, mb);
        deltaKpi(h, Metric.MAX_DRAWDOWN, ma, mb);
        deltaKpi(h, Metric.SHARPE, ma, mb);
        deltaKpi(h, Metric.TRADES, ma, mb);
        deltaKpi(h, Metric.FEES, ma, mb);
        deltaKpi(h, Metric.LIQUIDATIONS, ma, mb);
        h.raw("</div></section>");

        // overlaid equity, as return from each run's start so different capital compares
        final boolean aligned = overlap(a, b);
        final long shift = aligned ? 0 : a.run().startNanos() - b.run().startNanos();
        final Svg.TimeChart chart = new Svg.TimeChart("equity-overlay", 1300, 380, Svg.YFormat.PERCENT, "")
                .bands(ra.bands()).markers(a.timeline())
                .bands(shiftBands(rb.bands(), shift)).markers(shiftEntries(b.timeline(), shift))
                .line(ra.times(), growth(ra.equity()), "equity", "A: return since start", true)
                .line(shift(rb.times(), shift), growth(rb.equity()), "equity-b", "B: return since start", false);
        h.raw("<section class=\"card\" id=\"equity\"><h2>Equity of A and B (return since each run's start)</h2>")
                .raw(chart.render("overlaid equity curves of runs A and B with both chaos timelines"));
        h.raw("<div class=\"legend\"><span><span class=\"sw line\" style=\"background:var(--accent)\"></span>A: ").text(a.provenance().title())
                .raw("</span><span><span class=\"sw line\" style=\"background:#ae3ec9\"></span>B: ").text(b.provenance().title()).raw("</span>");
        final java.util.EnumSet<TimelineCategory> present = java.util.EnumSet.noneOf(TimelineCategory.class);
        a.timeline().forEach(e -> present.add(e.category()));
        b.timeline().forEach(e -> present.add(e.category()));
        for (final TimelineCategory c : present) {
            h.raw("<span><span class=\"sw\" style=\"background:var(--").raw(c.cssName()).raw(")\"></span>").text(c.label()).raw("</span>");
        }
        h.raw("</div><p class=\"note\">").text(aligned ? "Both runs on the same clock; shading and flags mark both runs' chaos timelines."
                : "The runs cover different periods: B is shifted to start when A starts.").raw("</p></section>\n");

        h.raw("<div class=\"grid2\"><div class=\"card\"><h2>").text("Underwater — A").raw("</h2>")
                .raw(new Svg.TimeChart("underwater-a", 640, 230, Svg.YFormat.PERCENT, "").area(ra.times(), ra.drawdown(), "area-dd", "Drawdown A", true)
                        .render("drawdown of run A"))
                .raw("</div><div class=\"card\"><h2>").text("Underwater — B").raw("</h2>")
                .raw(new Svg.TimeChart("underwater-b", 640, 230, Svg.YFormat.PERCENT, "").area(rb.times(), rb.drawdown(), "area-dd", "Drawdown B", true)
                        .render("drawdown of run B"))
                .raw("</div></div>");

        // what went wrong in each
        h.raw("<div class=\"grid2\">");
        wrongCard(h, "What went wrong — A", ra);
        wrongCard(h, "What went wrong — B", rb);
        h.raw("</div>");

        // metrics table with deltas
        h.raw("<section class=\"card breakable\" id=\"metrics\"><h2>Metrics</h2><div class=\"table-wrap\"><table class=\"metrics\"><thead><tr><th>Metric</th>"
                + "<th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">B − A</th><th>Definition</th></tr></thead><tbody>");
        for (final Metric m : Metric.values()) {
            final double d = mb.get(m) - ma.get(m);
            h.raw("<tr><td>").text(m.label()).raw("</td><td class=\"num\">").text(ma.format(m)).raw("</td><td class=\"num\">").text(mb.format(m))
                    .raw("</td><td class=\"num ").raw(deltaClass(m.better(), d)).raw("\">").text(Fmt.metricDelta(m, d, mb.currency()))
                    .raw("</td><td class=\"def\">").text(m.definition()).raw("</td></tr>");
        }
        execRow(h, "Fill ratio (orders)", ra, rb, ExecutionStats::fillRatioOrders, Fmt::pct, Metric.Better.HIGHER, true);
        execRow(h, "Slippage mean (bps)", ra, rb, ExecutionStats::slippageMeanBps, Fmt::bps, Metric.Better.LOWER, false);
        execRow(h, "Order-to-ack p50", ra, rb, ExecutionStats::ackP50, Fmt::millis, Metric.Better.LOWER, false);
        execRow(h, "Order-to-ack p99", ra, rb, ExecutionStats::ackP99, Fmt::millis, Metric.Better.LOWER, false);
        execRow(h, "Unknown outcomes", ra, rb, x -> x.unknownOutcomes(), Fmt::count, Metric.Better.LOWER, false);
        execRow(h, "Retries", ra, rb, x -> x.retries(), Fmt::count, Metric.Better.LOWER, false);
        countRow(h, "Denials", a.counters().denials(), b.counters().denials());
        countRow(h, "Rejections", a.counters().rejections(), b.counters().rejections());
        countRow(h, "Timeline entries", a.timeline().size(), b.timeline().size());
        h.raw("</tbody></table></div><p class=\"note\">").text("B − A: green where B is better, red where worse (by the metric's direction). "
                + HtmlReport.assumptionsNote(mb)).raw("</p></section>\n");

        h.raw("<div class=\"grid2\">");
        h.raw("<div>");
        HtmlReport.reproduceCard(h, a, "How to reproduce A", "reproduce-a");
        h.raw("</div><div>");
        HtmlReport.reproduceCard(h, b, "How to reproduce B", "reproduce-b");
        h.raw("</div></div>");
        h.raw("<div class=\"grid2\"><div>");
        HtmlReport.provenanceSection(h, a, ma);
        h.raw("</div><div>");
        HtmlReport.provenanceSection(h, b, mb);
        h.raw("</div></div>");
        HtmlReport.footer(h, mb);
        Html.pageEnd(h);
        return h.toString();
    }

    private static void deltaKpi(final Html h, final Metric m, final Metrics a, final Metrics b) {
        final double d = b.get(m) - a.get(m);
        h.raw("<div class=\"kpi\"><div class=\"label\">").text(m.label() + " (B)").raw("</div><div class=\"value\">").text(b.format(m))
                .raw("</div><div class=\"sub\">A ").text(a.format(m)).raw(" · <span class=\"").raw(deltaClass(m.better(), d)).raw("\">")
                .text(Fmt.metricDelta(m, d, b.currency())).raw("</span></div></div>");
    }

    private static void wrongCard(final Html h, final String title, final RunAnalysis a) {
        h.raw("<div class=\"card\"><h2>").text(title).raw("</h2><ul class=\"wrong\">");
        final List<String> items = HtmlReport.findings(a);
        if (items.isEmpty()) {
            h.raw("<li><span class=\"tag ok\">OK</span>Nothing went wrong.</li>");
        }
        for (final String item : items) {
            h.raw("<li>").raw(item).raw("</li>");
        }
        h.raw("</ul></div>");
    }

    private static void execRow(final Html h, final String label, final RunAnalysis a, final RunAnalysis b, final ToDoubleFunction<ExecutionStats> f,
            final java.util.function.DoubleFunction<String> fmt, final Metric.Better better, final boolean percent) {
        final double va = f.applyAsDouble(a.execution());
        final double vb = f.applyAsDouble(b.execution());
        final double d = vb - va;
        final String delta = !Double.isFinite(d) ? Fmt.NA : percent ? Fmt.pp(d) : (d > 0 ? "+" : "") + fmt.apply(d);
        h.raw("<tr><td>").text(label).raw("</td><td class=\"num\">").text(fmt.apply(va)).raw("</td><td class=\"num\">").text(fmt.apply(vb))
                .raw("</td><td class=\"num ").raw(deltaClass(better, d)).raw("\">").text(delta).raw("</td><td class=\"def\">execution</td></tr>");
    }

    private static void countRow(final Html h, final String label, final long a, final long b) {
        h.raw("<tr><td>").text(label).raw("</td><td class=\"num\">").text(Fmt.count(a)).raw("</td><td class=\"num\">").text(Fmt.count(b))
                .raw("</td><td class=\"num ").raw(deltaClass(Metric.Better.LOWER, b - a)).raw("\">").text((b > a ? "+" : "") + Fmt.count(b - a))
                .raw("</td><td class=\"def\">count</td></tr>");
    }

    private static String deltaClass(final Metric.Better better, final double d) {
        if (!Double.isFinite(d) || d == 0 || better == Metric.Better.NEITHER) {
            return "";
        }
        return (d > 0) == (better == Metric.Better.HIGHER) ? "delta-good" : "delta-bad";
    }

    private static boolean overlap(final RunRecord a, final RunRecord b) {
        final long from = Math.max(a.run().startNanos(), b.run().startNanos());
        final long to = Math.min(a.run().endNanos(), b.run().endNanos());
        final long shorter = Math.min(a.run().endNanos() - a.run().startNanos(), b.run().endNanos() - b.run().startNanos());
        return to > from && (to - from) * 2 >= shorter;
    }

    private static double[] growth(final double[] equity) {
        final double[] out = new double[equity.length];
        for (int i = 0; i < equity.length; i++) {
            out[i] = equity.length > 0 && equity[0] > 0 ? equity[i] / equity[0] - 1 : Double.NaN;
        }
        return out;
    }

    private static long[] shift(final long[] t, final long by) {
        final long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i] + by;
        }
        return out;
    }

    private static List<RunAnalysis.Band> shiftBands(final List<RunAnalysis.Band> bands, final long by) {
        final List<RunAnalysis.Band> out = new ArrayList<>();
        for (final RunAnalysis.Band b : bands) {
            out.add(new RunAnalysis.Band(b.startNanos() + by, b.endNanos() + by, b.category(), b.subject(), b.state(), "B: " + b.label()));
        }
        return out;
    }

    private static List<TimelineEntry> shiftEntries(final List<TimelineEntry> entries, final long by) {
        final List<TimelineEntry> out = new ArrayList<>();
        for (final TimelineEntry e : entries) {
            out.add(new TimelineEntry(e.startNanos() + by, e.endNanos() + by, e.category(), e.subject(), e.state(), "B: " + e.label(), e.detail()));
        }
        return out;
    }
}
