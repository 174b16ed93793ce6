package dev.tandem.reports;

import dev.tandem.reports.RunAnalysis.Band;
import dev.tandem.reports.RunAnalysis.ExecutionStats;
import dev.tandem.reports.RunAnalysis.PeriodReturn;
import dev.tandem.reports.RunAnalysis.RefusalGroup;
import dev.tandem.reports.RunRecord.InstrumentInfo;
import dev.tandem.reports.RunRecord.TimelineEntry;
import dev.tandem.reports.RunRecord.Trade;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of one run: ONE self-contained HTML file (inline CSS, inline SVG charts drawn in Java, a little inline
 * JavaScript for sorting and read-outs; nothing is fetched from the network). From top to bottom it answers: how did
 * the strategy do (headline numbers, equity curve), what went wrong and when (the chaos timeline drawn over the equity
 * curve and listed with times, refusals by reason, execution statistics), and how to reproduce it (the provenance and
 * the exact command). The same record always gives the same bytes.
 *
 * <p>Sections: at a glance (key figures, what went wrong, how to reproduce) · equity with the chaos timeline ·
 * underwater · position · monthly and daily returns · rolling Sharpe · distribution of trade returns · metrics with
 * definitions · chaos timeline · trades · orders and fills (fill ratio, slippage, latency) · refusals by reason ·
 * provenance.
 */
public final class HtmlReport {
    /** Metrics scaled to a year: shown with a warning when the run is short (under 90 days). */
    private static final java.util.Set<Metric> ANNUALISED = java.util.EnumSet.of(Metric.CAGR, Metric.ANNUAL_VOLATILITY,
            Metric.SHARPE, Metric.SORTINO, Metric.CALMAR);

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int MAX_TRADE_ROWS = 2_000;
    private static final int MAX_TIMELINE_ROWS = 2_000;

    private HtmlReport() {}

    /** Writes the report of a record to a file (UTF-8), creating parent directories. */
    public static void write(final RunRecord record, final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(record), StandardCharsets.UTF_8);
    }

    /** The report as HTML text. */
    public static String render(final RunRecord record) {
        return render(RunAnalysis.of(record));
    }

    /** The report of an analysis (other assumptions than the defaults). */
    public static String render(final RunAnalysis a) {
        final RunRecord r = a.record();
        final Metrics m = a.metrics();
        final Html h = new Html();
        Html.pageStart(h, r.provenance().title() + " — Tandem run report");
        header(h, r, "Run report");
        glance(h, a);
        equitySection(h, a);
        h.raw("<div class=\"grid2\">");
        card(h, "Underwater (drawdown from the running peak)", underwater(a, 640, 250),
                "Deepest: " + m.format(Metric.MAX_DRAWDOWN) + ", lasting " + m.format(Metric.MAX_DRAWDOWN_DURATION) + ".");
        card(h, "Position over time", positionChart(a), positionNote(r));
        h.raw("</div><div class=\"grid2\">");
        card(h, "Monthly returns (UTC)", monthlyHeatmap(a), "Each month: last equity of the month over the last equity of the month before.");
        if (r.run().endNanos() - r.run().startNanos() <= 366 * 86_400_000_000_000L) {
            card(h, "Daily returns (UTC)", dailyHeatmap(a), "Each day: last equity of the day over the last equity of the day before; grey: no data.");
        } else {
            card(h, "Distribution of monthly returns", Svg.histogram("monthly-distribution", monthlyValues(a), 100, "%", "months",
                    "histogram of monthly returns"), "");
        }
        h.raw("</div><div class=\"grid2\">");
        card(h, "Rolling Sharpe ratio", rollingSharpe(a), rollingNote(a));
        card(h, "Distribution of trade returns", Svg.histogram("trade-returns", a.tradeReturns(), 100, "%", "trades",
                "histogram of net trade returns"), "Net PnL of each closed trade over its entry notional. " + r.closedTrades().size() + " closed trades.");
        h.raw("</div>");
        metricsSection(h, a);
        timelineSection(h, r);
        tradesSection(h, r);
        executionSection(h, a);
        provenanceSection(h, r, m);
        footer(h, m);
        Html.pageEnd(h);
        return h.toString();
    }

    // ================================================================================================ header, glance

    static void header(final Html h, final RunRecord r, final String kind) {
        final List<String> ids = new ArrayList<>();
        for (final InstrumentInfo i : r.instruments()) {
            ids.add(i.id());
        }
        final List<String> strategies = new ArrayList<>(r.run().strategies());
        final boolean riskOrders = strategies.remove("risk");
        h.raw("<header><h1>").text(r.provenance().title()).raw("</h1><p class=\"subtitle\">").text(kind + " · strategies: "
                + (strategies.isEmpty() ? "—" : String.join(", ", strategies)) + (riskOrders ? " (and the risk engine's own orders)" : "") + " · "
                + String.join(", ", ids) + " · "
                + Fmt.minute(r.run().startNanos()) + " → " + Fmt.minute(r.run().endNanos()) + " UTC ("
                + Fmt.duration(r.run().endNanos() - r.run().startNanos()) + ") · seed " + r.run().seed()).raw("</p></header>\n");
    }

    private static void glance(final Html h, final RunAnalysis a) {
        final RunRecord r = a.record();
        final Metrics m = a.metrics();
        final String ccy = m.currency();
        h.raw("<section id=\"glance\"><div class=\"kpis\">");
        kpi(h, "Total return", m.format(Metric.TOTAL_RETURN), tone(m.get(Metric.TOTAL_RETURN)),
                "net " + Fmt.signedMoney(m.get(Metric.NET_PNL), ccy));
        kpi(h, "Max drawdown", m.format(Metric.MAX_DRAWDOWN), m.get(Metric.MAX_DRAWDOWN) > 0.1 ? "bad" : "",
                "lasted " + m.format(Metric.MAX_DRAWDOWN_DURATION));
        final long runSpan = r.run().endNanos() - r.run().startNanos();
        // a Sharpe ratio annualised from minutes of data is a large, meaningless number: say so where it is shown
        kpi(h, "Sharpe", m.format(Metric.SHARPE), tone(m.get(Metric.SHARPE)),
                "Sortino " + m.format(Metric.SORTINO) + " · vol " + m.format(Metric.ANNUAL_VOLATILITY)
                        + (runSpan < 86_400_000_000_000L ? " · annualised from " + Fmt.duration(runSpan) + ": read with care" : ""));
        kpi(h, "Trades", m.format(Metric.TRADES), "", "win rate " + m.format(Metric.WIN_RATE) + " · PF " + m.format(Metric.PROFIT_FACTOR));
        kpi(h, "Fees + funding", Fmt.money(m.get(Metric.FEES) + m.get(Metric.FUNDING_PAID), ccy), "",
                "fees " + m.format(Metric.FEES) + " · funding " + m.format(Metric.FUNDING_PAID));
        final int incidents = countIncidents(r);
        kpi(h, "Chaos events", Fmt.count(incidents), incidents > 0 ? "bad" : "good", incidentSummary(r));
        h.raw("</div><div class=\"glance\"><div class=\"card\"><h2>What happened</h2><p class=\"verdict\">");
        verdict(h, a);
        h.raw("</p><h3>What went wrong — and when</h3><ul class=\"wrong\">");
        final List<String> wrong = findings(a);
        if (wrong.isEmpty()) {
            h.raw("<li><span class=\"tag ok\">OK</span>Nothing: no injected faults, no risk-state or strategy-state changes, no breaker trips, "
                    + "no liquidations, no refusals.</li>");
        }
        for (final String item : wrong) {
            h.raw("<li>").raw(item).raw("</li>");
        }
        h.raw("</ul><p class=\"note\">Every event is drawn over the equity curve below and listed in the <a href=\"#timeline\">chaos timeline</a>."
                + "</p></div>");
        reproduceCard(h, r, "How to reproduce", "reproduce");
        h.raw("</div></section>\n");
    }

    private static void kpi(final Html h, final String label, final String value, final String tone, final String sub) {
        h.raw("<div class=\"kpi\"><div class=\"label\">").text(label).raw("</div><div class=\"value ").raw(tone).raw("\">").text(value)
                .raw("</div><div class=\"sub\">").text(sub).raw("</div></div>");
    }

    private static String tone(final double v) {
        return !Double.isFinite(v) || v == 0 ? "" : v > 0 ? "good" : "bad";
    }

    private static void verdict(final Html h, final RunAnalysis a) {
        final Metrics m = a.metrics();
        final RunRecord r = a.record();
        if (!m.has(Metric.TOTAL_RETURN)) {
            h.text("No equity was sampled, so there is no return to show.");
            return;
        }
        final double ret = m.get(Metric.TOTAL_RETURN);
        h.raw("The run ").raw(ret > 0 ? "<strong class=\"good\">gained " : ret < 0 ? "<strong class=\"bad\">lost " : "<strong>ended flat at ")
                .text(ret == 0 ? Fmt.money(m.get(Metric.END_EQUITY), m.currency()) : Fmt.pct(Math.abs(ret)) + " ("
                        + Fmt.signedMoney(m.get(Metric.NET_PNL), m.currency()) + ")")
                .raw("</strong>").text(" over " + Fmt.duration(r.run().endNanos() - r.run().startNanos()) + " with " + m.format(Metric.TRADES)
                        + " closed trades; the deepest drawdown was " + m.format(Metric.MAX_DRAWDOWN) + " and the Sharpe ratio " + m.format(Metric.SHARPE)
                        + ".");
    }

    private static int countIncidents(final RunRecord r) {
        int n = 0;
        for (final TimelineEntry e : r.timeline()) {
            if (e.category() != TimelineCategory.NOTE) {
                n++;
            }
        }
        return n;
    }

    private static String incidentSummary(final RunRecord r) {
        final Map<TimelineCategory, Integer> byCategory = new TreeMap<>();
        for (final TimelineEntry e : r.timeline()) {
            if (e.category() != TimelineCategory.NOTE) {
                byCategory.merge(e.category(), 1, Integer::sum);
            }
        }
        if (byCategory.isEmpty()) {
            return "none";
        }
        final List<String> parts = new ArrayList<>();
        byCategory.forEach((c, n) -> parts.add(n + " " + c.label().toLowerCase(java.util.Locale.ROOT)));
        return String.join(" · ", parts);
    }

    /** One line per kind of trouble, with when it first happened; HTML (already escaped). */
    static List<String> findings(final RunAnalysis a) {
        final RunRecord r = a.record();
        final List<String> out = new ArrayList<>();
        final List<TimelineEntry> faults = new ArrayList<>();
        final List<TimelineEntry> liquidations = new ArrayList<>();
        final Map<String, Integer> driftKinds = new TreeMap<>();
        int anomalies = 0;
        for (final TimelineEntry e : r.timeline()) {
            switch (e.category()) {
                case FAULT -> faults.add(e);
                case LIQUIDATION -> liquidations.add(e);
                case DRIFT -> driftKinds.merge(e.label().split(" ")[1], 1, Integer::sum);
                case ANOMALY -> anomalies++;
                default -> {
                }
            }
        }
        if (!faults.isEmpty()) {
            final StringBuilder b = new StringBuilder(tag("fault", "Fault")).append(faults.size()).append(faults.size() == 1 ? " injected fault: " : " injected faults: ");
            for (int i = 0; i < Math.min(4, faults.size()); i++) {
                final TimelineEntry f = faults.get(i);
                b.append(i == 0 ? "" : "; ").append("<strong>").append(Html.esc(f.label())).append("</strong> at ").append(Fmt.minute(f.startNanos()));
                if (f.isSpan()) {
                    b.append(" for ").append(Fmt.duration(f.endNanos() - f.startNanos()));
                }
            }
            out.add(b.append(faults.size() > 4 ? "; …" : "").append('.').toString());
        }
        // stretches in abnormal states, grouped by what and which state
        final Map<String, List<Band>> stretches = new LinkedHashMap<>();
        for (final Band band : a.bands()) {
            if (band.category() == TimelineCategory.RISK_STATE || band.category() == TimelineCategory.STRATEGY_STATE
                    || band.category() == TimelineCategory.BREAKER) {
                stretches.computeIfAbsent(band.category() + "|" + band.subject() + "|" + band.state(), k -> new ArrayList<>()).add(band);
            }
        }
        for (final List<Band> group : stretches.values()) {
            final Band first = group.get(0);
            long total = 0;
            for (final Band b : group) {
                total += b.endNanos() - b.startNanos();
            }
            final String who = switch (first.category()) {
                case RISK_STATE -> "Trading";
                case STRATEGY_STATE -> "Strategy " + first.subject();
                default -> "Breaker " + first.subject();
            };
            final TimelineEntry cause = entryAt(r, first);
            out.add(tag(first.category().cssName(), first.category().label()) + Html.esc(who) + " <strong>" + Html.esc(first.state()) + "</strong> "
                    + group.size() + "× for " + Fmt.duration(total) + " in total, first at " + Fmt.minute(first.startNanos())
                    + (cause == null || cause.detail().isEmpty() ? "" : " (" + Html.esc(shorten(cause.detail(), 90)) + ")") + ".");
        }
        if (!liquidations.isEmpty()) {
            final TimelineEntry first = liquidations.get(0);
            out.add(tag("liquidation", "Liquidation") + liquidations.size() + (liquidations.size() == 1 ? " liquidation" : " liquidations")
                    + ", first at " + Fmt.minute(first.startNanos()) + ": " + Html.esc(first.label()) + ".");
        }
        refusalFinding(out, a, "DENIED", "denied by our risk engine or order manager (never sent)");
        refusalFinding(out, a, "REJECTED", "rejected by the venue or given up after retries");
        refusalFinding(out, a, "CANCEL_REJECTED", "cancel requests refused");
        refusalFinding(out, a, "AMEND_REJECTED", "amend requests refused");
        final ExecutionStats x = a.execution();
        if (x.unknownOutcomes() > 0 || x.retries() > 0) {
            out.add(tag("fault", "Execution") + x.unknownOutcomes() + " orders with an unknown outcome (lost ack or timeout, resolved by query); "
                    + x.retries() + " retries of " + x.retriedOrders() + " orders.");
        }
        if (!driftKinds.isEmpty()) {
            final List<String> parts = new ArrayList<>();
            driftKinds.forEach((k, n) -> parts.add(n + "× " + k));
            out.add(tag("drift", "Drift") + "Reconciliation adopted the venue's values: " + Html.esc(String.join(", ", parts)) + ".");
        }
        if (anomalies > 0) {
            out.add(tag("anomaly", "Anomaly") + anomalies + " venue reports could not be applied (see the timeline).");
        }
        if (r.counters().timelineDropped() > 0) {
            out.add(tag("note", "Note") + r.counters().timelineDropped() + " further timeline entries were not kept (per-category bound).");
        }
        return out;
    }

    private static void refusalFinding(final List<String> out, final RunAnalysis a, final String kind, final String what) {
        int total = 0;
        final List<String> top = new ArrayList<>();
        long first = Long.MAX_VALUE;
        for (final RefusalGroup g : a.refusalGroups()) {
            if (g.kind().equals(kind)) {
                total += g.count();
                first = Math.min(first, g.firstNanos());
                if (top.size() < 3) {
                    top.add(g.reason() + " ×" + g.count());
                }
            }
        }
        if (total > 0) {
            out.add(tag("refusal", kind.replace('_', ' ').toLowerCase(java.util.Locale.ROOT)) + total + " " + what + ", first at "
                    + Fmt.minute(first) + ": " + Html.esc(String.join(", ", top)) + ".");
        }
    }

    private static TimelineEntry entryAt(final RunRecord r, final Band b) {
        for (final TimelineEntry e : r.timeline()) {
            if (e.startNanos() == b.startNanos() && e.category() == b.category() && java.util.Objects.equals(e.subject(), b.subject())) {
                return e;
            }
        }
        return null;
    }

    private static String shorten(final String s, final int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String tag(final String css, final String text) {
        return "<span class=\"tag " + css + "\">" + Html.esc(text) + "</span>";
    }

    static void reproduceCard(final Html h, final RunRecord r, final String title, final String id) {
        final Provenance p = r.provenance();
        h.raw("<div class=\"card repro\"><h2>").text(title).raw("</h2>");
        if (p.reproduceCommand() != null && !p.reproduceCommand().isBlank()) {
            h.raw("<pre><code id=\"").raw(id).raw("\">").text(p.reproduceCommand()).raw("</code></pre><button class=\"no-print\" data-copy=\"")
                    .raw(id).raw("\">Copy</button>");
        } else {
            h.raw("<p class=\"note\">The runner did not supply a reproduce command.</p>");
        }
        h.raw("<dl><dt>seed</dt><dd class=\"mono\">").text(Long.toString(r.run().seed())).raw("</dd>");
        dd(h, "scenario", p.scenarioFile() == null ? null : p.scenarioFile() + (p.scenarioSha256() == null ? "" : "  sha256 " + p.scenarioSha256()));
        for (final Provenance.DataFile f : p.dataFiles()) {
            dd(h, "data", f.path() + "  sha256 " + f.sha256());
        }
        dd(h, "Tandem", p.tandemVersion());
        dd(h, "fill model", p.fillModel());
        dd(h, "trace hash", p.traceHash());
        h.raw("</dl><p class=\"note\">The same scenario, seed and data give the same trace hash on any machine. Full provenance at the "
                + "<a href=\"#provenance\">end of the report</a>.</p></div>");
    }

    private static void dd(final Html h, final String key, final String value) {
        if (value != null && !value.isBlank()) {
            h.raw("<dt>").text(key).raw("</dt><dd class=\"mono\">").text(value).raw("</dd>");
        }
    }

    // ================================================================================================ charts

    private static void card(final Html h, final String title, final String svg, final String note) {
        h.raw("<div class=\"card\"><h2>").text(title).raw("</h2>").raw(svg);
        if (note != null && !note.isEmpty()) {
            h.raw("<p class=\"note\">").text(note).raw("</p>");
        }
        h.raw("</div>");
    }

    private static void equitySection(final Html h, final RunAnalysis a) {
        final RunRecord r = a.record();
        h.raw("<section class=\"card\" id=\"equity\"><h2>Equity and the chaos timeline</h2>");
        final Svg.TimeChart chart = new Svg.TimeChart("equity", 1300, 380, Svg.YFormat.MONEY, a.metrics().currency())
                .range(r.run().startNanos(), r.run().endNanos())
                .bands(a.bands())
                .markers(r.timeline())
                .line(a.times(), a.equity(), "equity", "Equity", true);
        h.raw(chart.render("equity curve with injected faults, risk-state changes, breaker states and liquidations"));
        legend(h, r, a, "equity", "Equity (" + a.metrics().currency() + ")");
        h.raw("<p class=\"note\">Shaded: fault windows and stretches in a non-normal state (trading REDUCING/HALTED, a strategy PAUSED/DISABLED, "
                + "a breaker OPEN/HALF_OPEN). Lines with a flag: instant events. Point at any of them for details.");
        if (r.equity().bucketNanos() > 0) {
            h.text(" The runner took " + r.equity().samplesSeen() + " samples; kept: the last of every " + Fmt.duration(r.equity().bucketNanos())
                    + " (" + r.equity().samples().size() + " points).");
        }
        h.raw("</p></section>\n");
    }

    static void legend(final Html h, final RunRecord r, final RunAnalysis a, final String seriesCss, final String seriesLabel) {
        h.raw("<div class=\"legend\"><span><span class=\"sw line\" style=\"background:var(--accent)\"></span>").text(seriesLabel).raw("</span>");
        final java.util.EnumSet<TimelineCategory> present = java.util.EnumSet.noneOf(TimelineCategory.class);
        for (final TimelineEntry e : r.timeline()) {
            present.add(e.category());
        }
        for (final Band b : a.bands()) {
            present.add(b.category());
        }
        for (final TimelineCategory c : present) {
            h.raw("<span><span class=\"sw\" style=\"background:var(--").raw(c.cssName()).raw(")\"></span>").text(c.label()).raw("</span>");
        }
        h.raw("</div>");
    }

    static String underwater(final RunAnalysis a, final int width, final int height) {
        return new Svg.TimeChart("underwater", width, height, Svg.YFormat.PERCENT, "")
                .area(a.times(), a.drawdown(), "area-dd", "Drawdown", true)
                .render("underwater curve: drawdown from the running equity peak");
    }

    private static String positionChart(final RunAnalysis a) {
        final RunRecord r = a.record();
        final List<RunRecord.Sample> samples = r.equity().samples();
        final Svg.TimeChart chart = new Svg.TimeChart("position", 640, 250, Svg.YFormat.QTY,
                r.instruments().size() == 1 ? r.instruments().get(0).baseAsset() : "").includeZero();
        for (int k = 0; k < r.instruments().size(); k++) {
            final double[] y = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                y[i] = samples.get(i).positions().get(k).doubleValue();
            }
            chart.step(a.times(), y, k == 0 ? "position" : "position-" + Math.min(3, k), "Position " + r.instruments().get(k).id(), k == 0);
        }
        return chart.render("signed position over time per instrument");
    }

    private static String positionNote(final RunRecord r) {
        final List<String> parts = new ArrayList<>();
        for (final InstrumentInfo i : r.instruments()) {
            parts.add(i.id() + " in " + i.baseAsset());
        }
        return "Signed position at each sample (long above zero, short below): " + String.join(", ", parts) + ".";
    }

    private static String monthlyHeatmap(final RunAnalysis a) {
        final List<PeriodReturn> months = a.monthlyReturns();
        final TreeMap<Integer, double[]> byYear = new TreeMap<>();
        for (final PeriodReturn p : months) {
            byYear.computeIfAbsent(p.year(), y -> nanRow(12))[p.month() - 1] = p.value();
        }
        final List<String> rows = new ArrayList<>();
        final double[][] values = new double[byYear.size()][];
        int i = 0;
        for (final Map.Entry<Integer, double[]> e : byYear.entrySet()) {
            rows.add(Integer.toString(e.getKey()));
            values[i++] = e.getValue();
        }
        return Svg.heatmap("monthly-returns", rows, List.of(MONTHS), values, Fmt::signedPct, "monthly returns heatmap", "", "");
    }

    /**
     * Daily returns: a calendar (rows are weeks starting on Monday, columns weekdays) for runs up to 20 weeks, else one
     * row per month with a column per day of the month.
     */
    private static String dailyHeatmap(final RunAnalysis a) {
        final List<PeriodReturn> days = a.dailyReturns();
        if (days.isEmpty()) {
            return Svg.empty("daily-returns", 600, 120, "No data to plot");
        }
        final java.time.LocalDate first = java.time.LocalDate.of(days.get(0).year(), days.get(0).month(), days.get(0).day());
        final PeriodReturn lastDay = days.get(days.size() - 1);
        final java.time.LocalDate last = java.time.LocalDate.of(lastDay.year(), lastDay.month(), lastDay.day());
        if (java.time.temporal.ChronoUnit.DAYS.between(first, last) < 140) {
            final java.time.LocalDate monday = first.minusDays(first.getDayOfWeek().getValue() - 1L);
            final int weeks = (int) (java.time.temporal.ChronoUnit.DAYS.between(monday, last) / 7) + 1;
            final double[][] values = new double[weeks][];
            final List<String> rows = new ArrayList<>();
            for (int w = 0; w < weeks; w++) {
                values[w] = nanRow(7);
                rows.add("week of " + monday.plusWeeks(w));
            }
            for (final PeriodReturn p : days) {
                final java.time.LocalDate d = java.time.LocalDate.of(p.year(), p.month(), p.day());
                final int offset = (int) java.time.temporal.ChronoUnit.DAYS.between(monday, d);
                values[offset / 7][offset % 7] = p.value();
            }
            return Svg.heatmap("daily-returns", rows, List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), values, Fmt::signedPct,
                    "daily returns calendar", "", "");
        }
        final TreeMap<String, double[]> byMonth = new TreeMap<>();
        for (final PeriodReturn p : days) {
            byMonth.computeIfAbsent(String.format(java.util.Locale.ROOT, "%04d-%02d", p.year(), p.month()), k -> nanRow(31))[p.day() - 1] = p.value();
        }
        final List<String> cols = new ArrayList<>();
        for (int d = 1; d <= 31; d++) {
            cols.add(Integer.toString(d));
        }
        final List<String> rows = new ArrayList<>(byMonth.keySet());
        final double[][] values = byMonth.values().toArray(new double[0][]);
        return Svg.heatmap("daily-returns", rows, cols, values, v -> Fmt.pct(v).replace("%", ""), "daily returns heatmap (percent)", "", "day ");
    }

    private static double[] monthlyValues(final RunAnalysis a) {
        return a.monthlyReturns().stream().mapToDouble(PeriodReturn::value).toArray();
    }

    private static double[] nanRow(final int n) {
        final double[] row = new double[n];
        java.util.Arrays.fill(row, Double.NaN);
        return row;
    }

    private static String rollingSharpe(final RunAnalysis a) {
        return new Svg.TimeChart("rolling-sharpe", 640, 250, Svg.YFormat.RATIO, "")
                .line(a.times(), a.rollingSharpe(), "sharpe", "Rolling Sharpe", true)
                .render("rolling annualised Sharpe ratio");
    }

    private static String rollingNote(final RunAnalysis a) {
        final Metrics m = a.metrics();
        if (m.periodNanos() <= 0) {
            return "Needs at least " + a.rollingWindow() + " period returns.";
        }
        return "Annualised Sharpe over the last " + a.rollingWindow() + " periods (" + Fmt.duration((double) a.rollingWindow() * m.periodNanos())
                + "), period " + Fmt.duration(m.periodNanos()) + ".";
    }

    // ================================================================================================ tables

    private static void metricsSection(final Html h, final RunAnalysis a) {
        final Metrics m = a.metrics();
        final RunRecord r = a.record();
        h.raw("<section class=\"card breakable\" id=\"metrics\"><h2>Metrics</h2><div class=\"table-wrap\"><table class=\"metrics\">")
                .raw("<thead><tr><th>Metric</th><th class=\"num\">Value</th><th>Definition</th></tr></thead><tbody>");
        final Object[][] groups = {
            {"Returns", new Metric[] {Metric.START_EQUITY, Metric.END_EQUITY, Metric.NET_PNL, Metric.TOTAL_RETURN, Metric.CAGR}},
            {"Risk", new Metric[] {Metric.ANNUAL_VOLATILITY, Metric.SHARPE, Metric.SORTINO, Metric.CALMAR, Metric.MAX_DRAWDOWN,
                Metric.MAX_DRAWDOWN_DURATION, Metric.LONGEST_DRAWDOWN}},
            {"Trades", new Metric[] {Metric.TRADES, Metric.WIN_RATE, Metric.PROFIT_FACTOR, Metric.EXPECTANCY, Metric.AVG_WIN, Metric.AVG_LOSS,
                Metric.EXPOSURE, Metric.TURNOVER}},
            {"Costs and incidents", new Metric[] {Metric.FEES, Metric.FUNDING_PAID, Metric.LIQUIDATIONS}}};
        final long span = r.run().endNanos() - r.run().startNanos();
        for (final Object[] g : groups) {
            h.raw("<tr class=\"group\"><th colspan=\"3\">").text((String) g[0]).raw("</th></tr>");
            for (final Metric k : (Metric[]) g[1]) {
                String def = k.definition();
                if (ANNUALISED.contains(k) && m.has(k) && span < 90L * 86_400_000_000_000L) {
                    def += " — annualised from " + Fmt.duration(span) + " of data, read with care";
                }
                h.raw("<tr><td>").text(k.label()).raw("</td>");
                if (m.has(k)) {
                    h.raw("<td class=\"num\">").text(m.format(k)).raw("</td>");
                } else {
                    h.raw("<td class=\"num na\" title=\"").text(m.note(k)).raw("\">n/a <small>(").text(m.note(k)).raw(")</small></td>");
                }
                h.raw("<td class=\"def\">").text(def).raw("</td></tr>");
            }
        }
        h.raw("</tbody></table></div><p class=\"note\">").text(assumptionsNote(m)).raw("</p></section>\n");
    }

    static String assumptionsNote(final Metrics m) {
        final String p = Double.isNaN(m.periodsPerYear()) ? "not available (fewer than two samples)"
                : Fmt.count(m.periodsPerYear()) + " periods per year (period = median time between samples, " + Fmt.duration(m.periodNanos())
                        + "; a year is 365.25 days)";
        return "Returns are measured between equity samples (" + m.returns() + " period returns). Annualisation: " + p
                + ". Risk-free rate " + Fmt.pct(m.assumptions().riskFreeRate()) + ". Volatility and Sharpe use the sample standard deviation (n − 1); "
                + "Sortino the downside deviation over all periods. Money in " + m.currency() + ". Definitions: reports/README.md.";
    }

    private static void timelineSection(final Html h, final RunRecord r) {
        h.raw("<section class=\"card breakable\" id=\"timeline\"><h2>Chaos timeline</h2>");
        if (r.timeline().isEmpty()) {
            h.raw("<p>Nothing on the timeline: no injected faults, no risk-state, strategy-state or breaker changes, no liquidations, drifts "
                    + "or anomalies.</p></section>\n");
            return;
        }
        h.raw("<div class=\"table-wrap tall\"><table class=\"sortable\"><thead><tr><th>Time (UTC)</th><th>Until</th><th class=\"num\">Duration</th>"
                + "<th>Category</th><th>What</th><th>Detail</th></tr></thead><tbody>");
        int rows = 0;
        for (final TimelineEntry e : r.timeline()) {
            if (rows++ >= MAX_TIMELINE_ROWS) {
                break;
            }
            h.raw("<tr><td class=\"nowrap\" data-sort=\"").raw(Long.toString(e.startNanos())).raw("\">").text(Fmt.time(e.startNanos())).raw("</td>");
            if (e.isSpan()) {
                h.raw("<td class=\"nowrap\">").text(Fmt.time(e.endNanos())).raw("</td><td class=\"num\" data-sort=\"")
                        .raw(Long.toString(e.endNanos() - e.startNanos())).raw("\">").text(Fmt.duration(e.endNanos() - e.startNanos())).raw("</td>");
            } else {
                h.raw("<td></td><td class=\"num\" data-sort=\"0\"></td>");
            }
            h.raw("<td class=\"nowrap\" data-sort=\"").text(e.category().name()).raw("\">").raw(tag(e.category().cssName(), e.category().label()))
                    .raw("</td><td>").text(e.label()).raw("</td><td>").text(e.detail()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        if (r.timeline().size() > MAX_TIMELINE_ROWS) {
            h.raw("<p class=\"note\">").text("Showing the first " + MAX_TIMELINE_ROWS + " of " + r.timeline().size() + " entries; all are in the JSON record.")
                    .raw("</p>");
        }
        h.raw("</section>\n");
    }

    private static void tradesSection(final Html h, final RunRecord r) {
        final String ccy = r.run().accountCurrency();
        h.raw("<section class=\"card breakable\" id=\"trades\"><h2>Trades</h2>");
        if (r.trades().isEmpty()) {
            h.raw("<p>No trades: the position never left zero.</p></section>\n");
            return;
        }
        h.raw("<div class=\"table-wrap tall\"><table class=\"sortable\"><thead><tr><th class=\"num\">#</th><th>Instrument</th><th>Side</th>"
                + "<th>Entry (UTC)</th><th class=\"num\">Entry price</th><th>Exit (UTC)</th><th class=\"num\">Exit price</th><th class=\"num\">Qty</th>"
                + "<th class=\"num\">Holding</th><th class=\"num\">PnL</th><th class=\"num\">Fees</th><th class=\"num\">Funding</th>"
                + "<th class=\"num\">Net PnL (" + Html.esc(ccy) + ")</th><th class=\"num\">Return</th><th>Exit</th></tr></thead><tbody>");
        int rows = 0;
        for (final Trade t : r.trades()) {
            if (rows++ >= MAX_TRADE_ROWS) {
                break;
            }
            final double net = t.netPnl().doubleValue();
            final double ret = t.entryNotional().signum() > 0 ? net / t.entryNotional().doubleValue() : Double.NaN;
            final double pnl = t.realizedPnl().add(t.unrealizedPnl()).doubleValue();
            final InstrumentInfo info = r.instrument(t.instrument());
            final int ps = info == null ? 2 : info.priceScale();
            h.raw("<tr><td class=\"num\">").raw(Integer.toString(t.number())).raw("</td><td>").text(t.instrument()).raw("</td><td>").text(t.direction())
                    .raw("</td><td class=\"nowrap\" data-sort=\"").raw(Long.toString(t.entryNanos())).raw("\">").text(Fmt.time(t.entryNanos()))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(num(t.entryPrice())).raw("\">").text(Fmt.price(t.entryPrice(), ps))
                    .raw("</td><td class=\"nowrap\" data-sort=\"").raw(Long.toString(t.exitNanos())).raw("\">")
                    .text(t.isOpen() ? "open at end" : Fmt.time(t.exitNanos()))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(num(t.exitPrice())).raw("\">").text(Fmt.price(t.exitPrice(), ps))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(num(t.qty())).raw("\">").text(Fmt.dec(t.qty()))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(Long.toString(t.exitNanos() - t.entryNanos())).raw("\">")
                    .text(Fmt.duration(t.exitNanos() - t.entryNanos()))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(Double.toString(pnl)).raw("\">").text(Fmt.number(pnl))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(num(t.fees())).raw("\">").text(Fmt.number(t.fees().doubleValue()))
                    .raw("</td><td class=\"num\" data-sort=\"").raw(num(t.funding())).raw("\">").text(Fmt.number(t.funding().doubleValue()))
                    .raw("</td><td class=\"num ").raw(tone(net)).raw("\" data-sort=\"").raw(Double.toString(net)).raw("\">").text(Fmt.number(net))
                    .raw("</td><td class=\"num ").raw(tone(ret)).raw("\" data-sort=\"").raw(Double.isNaN(ret) ? "" : Double.toString(ret)).raw("\">")
                    .text(Fmt.signedPct(ret)).raw("</td><td>").text(t.exit()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div><p class=\"note\">");
        if (r.trades().size() > MAX_TRADE_ROWS) {
            h.text("Showing the first " + MAX_TRADE_ROWS + " of " + r.trades().size() + " trades; all are in the JSON record. ");
        }
        h.text("A trade runs from a flat position to flat again (a flip closes one and opens the next). Prices are volume-weighted; PnL is the "
                + "kernel's exact realized PnL (plus unrealized for a trade open at the end); net = PnL − fees + funding; return = net / entry "
                + "notional. Exit EXTERNAL: closed outside this process (found by reconciliation).").raw("</p></section>\n");
    }

    private static String num(final java.math.BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    private static void executionSection(final Html h, final RunAnalysis a) {
        final ExecutionStats x = a.execution();
        h.raw("<section id=\"execution\"><div class=\"grid2\"><div class=\"card\"><h2>Orders and fills</h2><table class=\"kv\"><tbody>");
        kv(h, "Orders that passed risk", Fmt.count(x.ordersSubmitted()));
        kv(h, "Orders sent to the venue", Fmt.count(x.ordersSent()));
        kv(h, "Fill ratio (orders with a fill / sent)", Fmt.pct(x.fillRatioOrders()) + " (" + x.ordersWithFills() + " of " + x.ordersSent() + "; "
                + x.ordersFullyFilled() + " fully filled)");
        kv(h, "Fill ratio (filled qty / sent qty)", Fmt.pct(x.fillRatioQty()));
        kv(h, "Fills", Fmt.count(x.fills()) + " (maker share " + Fmt.pct(x.makerShare()) + ", late fills " + x.lateFills() + ")");
        kv(h, "Slippage vs arrival: mean / median", Fmt.bps(x.slippageMeanBps()) + " / " + Fmt.bps(x.slippageMedianBps()));
        kv(h, "Slippage vs arrival: p90 / worst", Fmt.bps(x.slippageP90Bps()) + " / " + Fmt.bps(x.slippageWorstBps()));
        kv(h, "Order-to-ack latency p50 / p90 / p99 / max", Fmt.millis(x.ackP50()) + " / " + Fmt.millis(x.ackP90()) + " / " + Fmt.millis(x.ackP99())
                + " / " + Fmt.millis(x.ackMax()));
        kv(h, "Ack round trip (send → ack received) p50 / p99", Fmt.millis(x.roundTripP50()) + " / " + Fmt.millis(x.roundTripP99()));
        kv(h, "Unknown outcomes (lost acks, timeouts)", Fmt.count(x.unknownOutcomes()));
        kv(h, "Retries (orders retried)", Fmt.count(x.retries()) + " (" + x.retriedOrders() + ")");
        h.raw("</tbody></table><p class=\"note\">Slippage: signed distance of each fill from the arrival price (the kernel's reference price when "
                + "the order passed risk), in basis points; positive = paid more (buy) or received less (sell). Order-to-ack: venue time of the "
                + "acknowledgement minus the time the acknowledged request was sent. Percentiles are nearest-rank.</p></div>");
        h.raw("<div class=\"card\"><h2>Slippage distribution</h2>")
                .raw(Svg.histogram("slippage", x.slippageBps(), 1, " bps", "fills", "histogram of fill slippage against the arrival price", true))
                .raw("<p class=\"note\">").text(x.slippageBps().length + " fills with a known arrival price; red: worse than arrival, green: better.")
                .raw("</p></div></div>");
        h.raw("<div class=\"card\" id=\"refusals\"><h2>Refusals by reason</h2>");
        if (a.refusalGroups().isEmpty()) {
            h.raw("<p>No order, cancel or amend was denied or rejected.</p>");
        } else {
            h.raw("<div class=\"table-wrap\"><table class=\"sortable\"><thead><tr><th>Kind</th><th>Reason</th><th>Decided by</th><th class=\"num\">Count</th>"
                    + "<th>First (UTC)</th><th>Last (UTC)</th><th>Example message</th></tr></thead><tbody>");
            for (final RefusalGroup g : a.refusalGroups()) {
                h.raw("<tr><td>").text(g.kind()).raw("</td><td class=\"mono\">").text(g.reason()).raw("</td><td>").text(decidedBy(g.subsystem()))
                        .raw("</td><td class=\"num\">").raw(Integer.toString(g.count())).raw("</td><td class=\"nowrap\" data-sort=\"")
                        .raw(Long.toString(g.firstNanos())).raw("\">").text(Fmt.time(g.firstNanos())).raw("</td><td class=\"nowrap\" data-sort=\"")
                        .raw(Long.toString(g.lastNanos())).raw("\">").text(Fmt.time(g.lastNanos())).raw("</td><td>").text(g.example()).raw("</td></tr>");
            }
            h.raw("</tbody></table></div><p class=\"note\">DENIED: our risk engine or order manager refused it; it never reached the venue. "
                    + "REJECTED: the venue refused it, or our order manager gave up (retries exhausted).</p>");
        }
        h.raw("</div></section>\n");
    }

    private static String decidedBy(final String subsystem) {
        return switch (subsystem) {
            case "RISK" -> "risk engine";
            case "EXEC" -> "order manager";
            case "VENUE" -> "venue";
            default -> subsystem;
        };
    }

    static void kv(final Html h, final String key, final String value) {
        h.raw("<tr><th>").text(key).raw("</th><td>").text(value).raw("</td></tr>");
    }

    static void provenanceSection(final Html h, final RunRecord r, final Metrics m) {
        final Provenance p = r.provenance();
        h.raw("<section class=\"card\" id=\"provenance\"><h2>Provenance</h2><table class=\"kv\"><tbody>");
        kv(h, "Run", p.title());
        kv(h, "Reproduce with", p.reproduceCommand() == null ? "—" : p.reproduceCommand());
        kv(h, "Seed", Long.toString(r.run().seed()));
        kv(h, "Run tag / configuration fingerprint", (r.run().runTag() == null ? "—" : r.run().runTag()) + " / "
                + (r.run().configFingerprint() == null ? "—" : r.run().configFingerprint()));
        kv(h, "Scenario file", p.scenarioFile() == null ? "—" : p.scenarioFile());
        kv(h, "Scenario SHA-256", p.scenarioSha256() == null ? "—" : p.scenarioSha256());
        if (p.dataFiles().isEmpty()) {
            kv(h, "Data files", "—");
        }
        for (final Provenance.DataFile f : p.dataFiles()) {
            kv(h, "Data file " + f.path(), "SHA-256 " + f.sha256());
        }
        kv(h, "Tandem version", p.tandemVersion() == null ? "—" : p.tandemVersion());
        kv(h, "Fill model", p.fillModel() == null ? "—" : p.fillModel());
        kv(h, "Trace hash", p.traceHash() == null ? "—" : p.traceHash());
        p.parameters().forEach((k, v) -> kv(h, "Parameter " + k, v));
        kv(h, "Period", Fmt.time(r.run().startNanos()) + " → " + Fmt.time(r.run().endNanos()) + " UTC");
        final RunRecord.Counters c = r.counters();
        kv(h, "Kernel events recorded", Fmt.count(c.outboundEvents()) + " (reconciliations " + c.reconciliations() + ", funding payments "
                + c.fundingPayments() + ", drifts " + c.drifts() + ", anomalies " + c.anomalies() + ")");
        kv(h, "Equity samples", r.equity().samplesSeen() + " taken, " + r.equity().samples().size() + " kept"
                + (r.equity().bucketNanos() > 0 ? " (last of every " + Fmt.duration(r.equity().bucketNanos()) + ")" : ""));
        h.raw("</tbody></table></section>\n");
    }

    static void footer(final Html h, final Metrics m) {
        h.raw("<footer><p class=\"note\">").text("Generated by Tandem reports from the run record. All times UTC; money in " + m.currency()
                + ". This file needs no network: styles, charts and scripts are inline.").raw("</p></footer>\n");
    }
}
