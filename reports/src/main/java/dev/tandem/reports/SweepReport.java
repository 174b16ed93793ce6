package dev.tandem.reports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * The summary of a parameter sweep in one self-contained HTML file: a sortable table of every run (its parameters and
 * key metrics, linked to its own report) and heatmaps of Sharpe ratio, total return and max drawdown over two swept
 * parameters. Several runs with the same pair of values (other seeds, a third parameter) are averaged in a cell; the
 * cell's tooltip says how many.
 */
public final class SweepReport {
    private static final Metric[] COLUMNS = {Metric.TOTAL_RETURN, Metric.CAGR, Metric.SHARPE, Metric.SORTINO, Metric.MAX_DRAWDOWN, Metric.TRADES,
        Metric.WIN_RATE, Metric.PROFIT_FACTOR, Metric.FEES, Metric.LIQUIDATIONS};

    private SweepReport() {}

    /**
     * Writes the sweep summary.
     *
     * @param rows   the runs
     * @param paramX parameter on the heatmaps' horizontal axis
     * @param paramY parameter on the vertical axis
     * @throws IllegalArgumentException if there are no rows or a row lacks one of the two parameters
     */
    public static void write(final List<SweepRow> rows, final String paramX, final String paramY, final Path file) throws IOException {
        final String html = render(rows, paramX, paramY);
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** The sweep summary as HTML text. */
    public static String render(final List<SweepRow> rows, final String paramX, final String paramY) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a sweep report needs at least one run");
        }
        for (final SweepRow r : rows) {
            for (final String p : List.of(paramX, paramY)) {
                if (!r.parameters().containsKey(p)) {
                    throw new IllegalArgumentException("run '" + r.label() + "' has no parameter '" + p + "' (it has " + r.parameters().keySet() + ")");
                }
            }
        }
        final List<String> xs = sortedValues(rows, paramX);
        final List<String> ys = sortedValues(rows, paramY);
        final TreeSet<String> names = new TreeSet<>();
        rows.forEach(r -> names.addAll(r.parameters().keySet()));
        final String currency = rows.get(0).metrics().currency();

        final Html h = new Html();
        Html.pageStart(h, "Sweep over " + paramX + " × " + paramY + " — Tandem");
        h.raw("<header><h1>").text("Sweep: " + paramX + " × " + paramY).raw("</h1><p class=\"subtitle\">")
                .text(rows.size() + " runs · " + xs.size() + " values of " + paramX + " × " + ys.size() + " values of " + paramY
                        + " · money in " + currency).raw("</p></header>\n");
        final SweepRow best = rows.stream().filter(r -> r.metrics().has(Metric.SHARPE))
                .max(Comparator.comparingDouble(r -> r.metrics().get(Metric.SHARPE))).orElse(null);
        if (best != null) {
            h.raw("<div class=\"card\"><p class=\"verdict\">Best Sharpe ratio: <strong>").text(best.metrics().format(Metric.SHARPE)).raw("</strong> in ")
                    .text(best.label() + " (" + paramX + " = " + best.parameters().get(paramX) + ", " + paramY + " = " + best.parameters().get(paramY)
                            + "), total return " + best.metrics().format(Metric.TOTAL_RETURN) + ", max drawdown "
                            + best.metrics().format(Metric.MAX_DRAWDOWN) + ".")
                    .raw("</p><p class=\"note\">A best cell among many is partly luck: prefer regions where neighbouring cells agree.</p></div>");
        }
        h.raw("<div class=\"grid2\">");
        heatCard(h, "Sharpe ratio", "sweep-sharpe", rows, paramX, paramY, xs, ys, Metric.SHARPE, Fmt::ratio, 1);
        heatCard(h, "Total return", "sweep-return", rows, paramX, paramY, xs, ys, Metric.TOTAL_RETURN, Fmt::pct, 1);
        h.raw("</div><div class=\"grid2\">");
        heatCard(h, "Max drawdown (redder is deeper)", "sweep-drawdown", rows, paramX, paramY, xs, ys, Metric.MAX_DRAWDOWN, v -> Fmt.pct(-v), -1);
        heatCard(h, "Trades", "sweep-trades", rows, paramX, paramY, xs, ys, Metric.TRADES, Fmt::count, 1);
        h.raw("</div>");

        h.raw("<section class=\"card breakable\" id=\"runs\"><h2>Runs</h2><div class=\"table-wrap tall\"><table class=\"sortable\"><thead><tr><th>Run</th>");
        for (final String n : names) {
            h.raw("<th>").text(n).raw("</th>");
        }
        for (final Metric m : COLUMNS) {
            h.raw("<th class=\"num\">").text(m.label()).raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
        for (final SweepRow r : rows) {
            h.raw("<tr><td>");
            if (r.reportHref() != null) {
                h.raw("<a href=\"").text(r.reportHref()).raw("\">").text(r.label()).raw("</a>");
            } else {
                h.text(r.label());
            }
            h.raw("</td>");
            for (final String n : names) {
                final String v = r.parameters().get(n);
                h.raw("<td data-sort=\"").text(v == null ? "" : v).raw("\">").text(v == null ? "—" : v).raw("</td>");
            }
            for (final Metric m : COLUMNS) {
                final double v = r.metrics().get(m);
                h.raw("<td class=\"num\" data-sort=\"").raw(Double.isNaN(v) ? "" : Double.toString(v)).raw("\">").text(r.metrics().format(m))
                        .raw("</td>");
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table></div><p class=\"note\">Click a column to sort. Metric definitions: reports/README.md.</p></section>\n");
        h.raw("<footer><p class=\"note\">Generated by Tandem reports. This file needs no network.</p></footer>\n");
        Html.pageEnd(h);
        return h.toString();
    }

    private static void heatCard(final Html h, final String title, final String name, final List<SweepRow> rows, final String px, final String py,
            final List<String> xs, final List<String> ys, final Metric metric, final DoubleFunction<String> fmt, final int sign) {
        final double[][] values = new double[ys.size()][xs.size()];
        final int[][] counts = new int[ys.size()][xs.size()];
        for (final SweepRow r : rows) {
            final double v = r.metrics().get(metric);
            if (Double.isNaN(v)) {
                continue;
            }
            final int i = ys.indexOf(r.parameters().get(py));
            final int j = xs.indexOf(r.parameters().get(px));
            values[i][j] += v;
            counts[i][j]++;
        }
        for (int i = 0; i < ys.size(); i++) {
            for (int j = 0; j < xs.size(); j++) {
                values[i][j] = counts[i][j] == 0 ? Double.NaN : sign * values[i][j] / counts[i][j];
            }
        }
        h.raw("<div class=\"card\"><h2>").text(title).raw("</h2><p class=\"note\">").text("rows: " + py + " · columns: " + px).raw("</p>")
                .raw(Svg.heatmap(name, ys, xs, values, v -> fmt.apply(sign * v), title + " over " + px + " and " + py, py + "=", px + "="))
                .raw("</div>");
    }

    /** Distinct values of a parameter: numerically when all are numbers, else as text. */
    static List<String> sortedValues(final List<SweepRow> rows, final String param) {
        final TreeSet<String> set = new TreeSet<>();
        rows.forEach(r -> set.add(r.parameters().get(param)));
        final List<String> out = new ArrayList<>(set);
        if (out.stream().allMatch(SweepReport::isNumber)) {
            out.sort(Comparator.comparing(BigDecimal::new));
        }
        return out;
    }

    private static boolean isNumber(final String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (final NumberFormatException e) {
            return false;
        }
    }
}
