package dev.tandem.reports;

import static dev.tandem.reports.Records.DAY;
import static dev.tandem.reports.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML of run, comparison and sweep reports, checked as text (the browser test renders them). */
class HtmlReportTest {

    private static String visibleText(final String html) {
        return html.replaceAll("(?s)<script.*?</script>", "").replaceAll("(?s)<style.*?</style>", "");
    }

    private static void assertSelfContained(final String html) {
        assertThat(html).doesNotContainPattern("(?i)<(script|img|iframe)[^>]+src=")
                .doesNotContainPattern("(?i)<link[^>]+href=")
                .doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:")
                .doesNotContain("@import");
        assertThat(html).contains("@media print");
    }

    @Test
    void aRunReportHasEverySectionIsSelfContainedAndTheSameEveryTime(@TempDir final Path dir) throws Exception {
        final KernelEventScript s = new KernelEventScript();
        s.sample(0);
        s.order(60, Side.BUY, "100.00", "1.000", "0.10");
        s.mark("103.00");
        s.sample(120);
        s.order(180, Side.SELL, "104.00", "1.000", "0.10");
        s.sample(240);
        s.recorder.span(s.at(100), s.at(130), TimelineCategory.FAULT, "OUTAGE", "HTTP 503");
        final RunRecord r = s.finish();
        final Path file = dir.resolve("r").resolve("report.html");
        HtmlReport.write(r, file);
        final String html = Files.readString(file);
        assertThat(html).isEqualTo(HtmlReport.render(r));
        assertSelfContained(html);
        assertThat(html).contains("id=\"glance\"", "id=\"equity\"", "id=\"metrics\"", "id=\"timeline\"", "id=\"trades\"", "id=\"execution\"",
                "id=\"refusals\"", "id=\"provenance\"", "What went wrong", "How to reproduce");
        for (final String chart : List.of("equity", "underwater", "position", "monthly-returns", "daily-returns", "rolling-sharpe", "trade-returns",
                "slippage")) {
            assertThat(html).contains("data-chart=\"" + chart + "\"");
        }
        // the fault is on the chart as a band and in the list with its time and duration
        assertThat(html).contains("class=\"band fault\"", "OUTAGE", Fmt.time(s.at(100)), "30 s");
        // the trade: net 4 − 0.20 = 3.80
        assertThat(html).contains(">3.80<");
        assertThat(visibleText(html)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void edgeCaseRecordsRenderWithNotAvailableNeverNaN() {
        for (final RunRecord r : List.of(Records.create().build(), Records.daily("1000").build(), Records.daily("1000", "1000", "1000").build(),
                Records.daily("100", "0", "0").build())) {
            final String html = HtmlReport.render(r);
            assertSelfContained(html);
            assertThat(visibleText(html)).doesNotContain("NaN", "Infinity").contains("n/a");
            assertThat(html).contains("data-chart=\"equity\"", "data-chart=\"trade-returns\"");
        }
        // nothing to plot: placeholders saying so, marked empty
        final String empty = HtmlReport.render(Records.create().build());
        assertThat(empty).contains("class=\"chart empty\" data-chart=\"equity\"", "No data to plot", "No trades");
    }

    @Test
    void textFromTheRecordIsEscaped() {
        final RunRecord base = Records.daily("100", "101").build();
        final RunRecord r = new RunRecord(base.formatVersion(), base.run(),
                new Provenance("<script>alert(1)</script>", 7, null, null, List.of(), null, null, null, "run --name \"a&b\"", new TreeMap<>()),
                base.instruments(), base.equity(), base.trades(), base.fills(), base.orders(), base.refusals(), base.timeline(), base.totals(),
                base.counters());
        final String html = HtmlReport.render(r);
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "run --name &quot;a&amp;b&quot;");
    }

    @Test
    void nothingWentWrongIsSaidInWords() {
        final String html = HtmlReport.render(Records.daily("100", "101", "102").build());
        assertThat(html).contains("Nothing: no injected faults");
    }

    @Test
    void aComparisonShowsDeltasColouredByDirection() {
        final RunRecord a = Records.daily("100", "105", "110").build();
        final RunRecord b = Records.daily("100", "95", "99").build();
        final String html = ComparisonReport.render(a, b);
        assertSelfContained(html);
        assertThat(html).contains("data-chart=\"equity-overlay\"", "data-chart=\"underwater-a\"", "data-chart=\"underwater-b\"");
        // total return 10 % vs −1 %: −11 pp, worse; max drawdown 0 % vs 5 %: +5 pp, worse
        assertThat(html).containsPattern("<td>Total return</td><td class=\"num\">10.00%</td><td class=\"num\">-1.00%</td><td class=\"num delta-bad\">-11.00 pp");
        assertThat(html).containsPattern("<td>Max drawdown</td><td class=\"num\">0.00%</td><td class=\"num\">5.00%</td><td class=\"num delta-bad\">\\+5.00 pp");
        assertThat(html).contains("How to reproduce A", "How to reproduce B");
        assertThat(visibleText(html)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void aSweepHasATableAndHeatmapsOverTwoParametersWithMeansPerCell() {
        final List<SweepRow> rows = List.of(
                row("a", "5", "20", "100", "110"),   // +10 %
                row("b", "5", "20", "100", "120"),   // +20 %: same cell as a, mean 15 %
                row("c", "10", "20", "100", "95"),
                row("d", "5", "50", "100", "101"));
        final String html = SweepReport.render(rows, "fast", "slow");
        assertSelfContained(html);
        assertThat(html).contains("data-chart=\"sweep-sharpe\"", "data-chart=\"sweep-return\"", "data-chart=\"sweep-drawdown\"", "data-chart=\"sweep-trades\"");
        assertThat(html).contains("slow=20 fast=5: 15.00%");
        assertThat(html).contains("slow=20 fast=10: -5.00%");
        // fast=10 missing at slow=50: an empty cell
        assertThat(html).contains("class=\"empty-cell\"");
        // columns sorted as numbers: 5 before 10
        assertThat(SweepReport.sortedValues(rows, "fast")).containsExactly("5", "10");
        assertThat(html).contains("<a href=\"runs/a/report.html\">a</a>");
        assertThatThrownBy(() -> SweepReport.render(rows, "fast", "depth")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run 'a' has no parameter 'depth' (it has [fast, slow])");
        assertThatThrownBy(() -> SweepReport.render(List.of(), "fast", "slow")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markersAndBandsOnTheEquityChartCarryTheirTimesAndDetails() {
        final RunRecord r = Records.daily("100", "101", "102", "103")
                .timeline(new RunRecord.TimelineEntry(T0 + DAY, T0 + DAY, TimelineCategory.LIQUIDATION, Records.BTC, null, "Liquidation BTC", "fill X"))
                .timeline(new RunRecord.TimelineEntry(T0 + DAY, T0 + 2 * DAY, TimelineCategory.FAULT, null, null, "OUTAGE", "5xx"))
                .build();
        final String svg = chart(HtmlReport.render(r), "equity");
        final Matcher band = Pattern.compile("<rect class=\"band fault\"[^>]*><title>([^<]*)</title>").matcher(svg);
        assertThat(band.find()).isTrue();
        assertThat(band.group(1)).contains("OUTAGE", Fmt.time(T0 + DAY), Fmt.time(T0 + 2 * DAY), "1 d");
        assertThat(svg).containsPattern("<g class=\"marker liquidation\"><title>Liquidation · " + Fmt.time(T0 + DAY));
    }

    private static String chart(final String html, final String name) {
        final Matcher m = Pattern.compile("(?s)<svg class=\"chart\" data-chart=\"" + name + "\".*?</svg>").matcher(html);
        assertThat(m.find()).as("chart " + name).isTrue();
        return m.group();
    }

    private static SweepRow row(final String label, final String fast, final String slow, final String e0, final String e1) {
        final TreeMap<String, String> p = new TreeMap<>();
        p.put("fast", fast);
        p.put("slow", slow);
        return new SweepRow(label, p, Metrics.of(Records.daily(e0, e1).build()), "runs/" + label + "/report.html");
    }
}
