package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens reports in a real browser (headless Chromium) and fails on script errors or empty charts. The run report comes
 * from a real kernel run on real bars ({@link SampleRuns#chaos}), goes through its JSON file (so the file alone
 * rebuilds it), and its screenshot is saved as {@code target/sample-report/report.png} next to
 * {@code target/sample-report/report.html}; the comparison (baseline vs chaos) goes to {@code compare.html}.
 *
 * <p>Without Chromium the test is skipped with a message, unless the environment says {@code TANDEM_REQUIRE_BROWSER=1}
 * (CI's {@code .ci/run} installs Debian's chromium and sets it), in which case it fails.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "sample-report");
    private static Chromium chromium;
    private static boolean required;

    @BeforeAll
    static void findBrowser() {
        required = "1".equals(System.getenv("TANDEM_REQUIRE_BROWSER"));
        final var found = Chromium.find();
        if (found.isEmpty()) {
            final String message = "no Chromium found (/usr/bin/chromium, chromium-browser, google-chrome or $TANDEM_CHROMIUM): "
                    + "the browser test of the HTML reports is skipped (install Debian's chromium, or set TANDEM_REQUIRE_BROWSER=1 to fail instead)";
            if (required) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        chromium = found.get();
    }

    @Test
    void reportOfARealChaosRunRendersWithoutScriptErrorsAndEveryChartHasData() throws Exception {
        final SampleRuns.Run run = SampleRuns.chaos(SampleRuns.barsFile(required));
        Files.createDirectories(OUT);
        final Path json = OUT.resolve("result.json");
        RunRecordJson.write(run.record(), json);
        final RunRecord reread = RunRecordJson.read(json);
        assertThat(reread).isEqualTo(run.record());
        final Path html = OUT.resolve("report.html");
        HtmlReport.write(reread, html);

        final Chromium.PageCheck page = chromium.check(html, Files.createDirectories(OUT.resolve("chromium-report")));
        assertThat(page.jsErrors()).as("script errors listed by the page's error trap").isEmpty();
        assertThat(page.consoleErrors()).as("console errors logged by Chromium").isEmpty();
        assertThat(page.scriptsFinished()).as("the report's script ran to its end (data-js-ready)").isTrue();
        assertThat(page.charts()).containsExactlyInAnyOrder("equity", "underwater", "position", "monthly-returns", "daily-returns",
                "rolling-sharpe", "trade-returns", "slippage");
        assertThat(page.emptyCharts()).as("charts without plotted marks").isEmpty();
        // what a person must find at a glance: the result, what went wrong, how to reproduce
        assertThat(page.dom()).contains("What went wrong", "OUTAGE: order entry answers HTTP 503", "Trading <strong>HALTED</strong>",
                "How to reproduce", run.record().provenance().traceHash(), "FORCED_LIQUIDATION");
        assertThat(page.dom().replaceAll("(?s)<script.*?</script>", "")).as("text outside scripts").doesNotContain("NaN", "Infinity");

        final Path png = OUT.resolve("report.png");
        chromium.screenshot(html, png, 1400, 2400, OUT.resolve("chromium-report"));
        assertScreenshotShowsAPage(png, 1400, 2400);
    }

    @Test
    void comparisonOfBaselineAndChaosRendersWithoutScriptErrors() throws Exception {
        final Path bars = SampleRuns.barsFile(required);
        final RunRecord baseline = SampleRuns.baseline(bars).record();
        final RunRecord chaos = SampleRuns.chaos(bars).record();
        Files.createDirectories(OUT);
        final Path html = OUT.resolve("compare.html");
        ComparisonReport.write(baseline, chaos, html);
        final Chromium.PageCheck page = chromium.check(html, Files.createDirectories(OUT.resolve("chromium-compare")));
        assertThat(page.jsErrors()).isEmpty();
        assertThat(page.consoleErrors()).isEmpty();
        assertThat(page.scriptsFinished()).isTrue();
        assertThat(page.charts()).contains("equity-overlay", "underwater-a", "underwater-b");
        assertThat(page.emptyCharts()).isEmpty();
        final Path png = OUT.resolve("compare.png");
        chromium.screenshot(html, png, 1400, 1800, OUT.resolve("chromium-compare"));
        assertScreenshotShowsAPage(png, 1400, 1800);
    }

    @Test
    void theCheckCatchesScriptErrorsAndEmptyCharts(@org.junit.jupiter.api.io.TempDir final Path dir) throws Exception {
        // a page built like a report, with a script that throws and a chart with nothing plotted: the check must see both
        final Html h = new Html();
        Html.pageStart(h, "broken");
        h.raw("<svg class=\"chart\" data-chart=\"hollow\" viewBox=\"0 0 10 10\"><line class=\"axis\" x1=\"0\" x2=\"10\" y1=\"9\" y2=\"9\"/></svg>");
        h.raw("<svg class=\"chart\" data-chart=\"full\" viewBox=\"0 0 10 10\"><path class=\"plot line\" d=\"M0 0L10 10\"/></svg>");
        h.raw("<script>undefinedFunctionOfABrokenReport();</script>");
        Html.pageEnd(h);
        final Path page = dir.resolve("broken.html");
        Files.writeString(page, h.toString(), StandardCharsets.UTF_8);
        final Chromium.PageCheck check = chromium.check(page, dir);
        assertThat(check.jsErrors()).singleElement().asString().contains("undefinedFunctionOfABrokenReport");
        assertThat(check.charts()).containsExactly("hollow", "full");
        assertThat(check.emptyCharts()).containsExactly("hollow");
        assertThat(check.scriptsFinished()).as("the later report script still runs").isTrue();
    }

    /** The screenshot has the asked size and shows a page: not one colour, plenty of ink, several colours of charts. */
    static void assertScreenshotShowsAPage(final Path png, final int width, final int height) throws IOException {
        final BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG at " + png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
        final int background = img.getRGB(2, height - 2);
        long different = 0;
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                final int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb != (background & 0xffffff)) {
                    different++;
                }
                colours.add(rgb >> 3 & 0x1f1f1f); // coarse buckets: anti-aliasing does not count as colour
            }
        }
        final double ink = different / (double) ((width / 3 + 1) * (height / 3 + 1));
        assertThat(ink).as("share of the screenshot that is not background").isGreaterThan(0.3);
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(40);
    }
}
