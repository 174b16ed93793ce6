package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart primitives: ticks, colours, decimation that keeps spikes, histograms that count. */
class SvgTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final long T0 = 1_385_337_600_000_000_000L; // 2013-11-25T00:00Z, a Monday

    @Test
    void niceTicksAreRoundAndCoverTheRange() {
        assertThat(Svg.niceTicks(0, 97, 6)).containsExactly(0, 20, 40, 60, 80, 100);
        // range 138 → a nice range of 200 → steps of 50 (200 / 5 = 40, rounded to 50)
        assertThat(Svg.niceTicks(9_903, 10_041, 6)).containsExactly(9_900, 9_950, 10_000, 10_050);
        assertThat(Svg.niceTicks(-0.013, 0, 6)).containsExactly(-0.015, -0.01, -0.005, 0.0);
    }

    @Test
    void timeTicksFallOnUtcMidnightsForARunOfDays() {
        final List<long[]> ticks = Svg.timeTicks(T0 + 3_600_000_000_000L, T0 + 6 * DAY + 1);
        assertThat(ticks).extracting(t -> t[0]).containsExactly(T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY, T0 + 5 * DAY, T0 + 6 * DAY);
        // a year: months
        final List<long[]> months = Svg.timeTicks(T0, T0 + 365 * DAY);
        assertThat(months.size()).isBetween(4, 13);
        for (final long[] t : months) {
            assertThat(Fmt.time(t[0])).endsWith("-01 00:00:00");
        }
    }

    @Test
    void divergingColoursAreWhiteAtZeroAndSaturateTowardTheLargestValue() {
        assertThat(Svg.diverging(0, 1)).isEqualTo("#ffffff");
        assertThat(Svg.diverging(-1, 1)).isEqualTo("#dc5d61");
        assertThat(Svg.diverging(1, 1)).isEqualTo("#55ae6f");
        assertThat(Svg.diverging(5, 1)).isEqualTo(Svg.diverging(1, 1));
    }

    @Test
    void aLongSeriesIsDecimatedButItsSpikeSurvives() {
        final int n = 20_000;
        final long[] t = new long[n];
        final double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * 1_000_000_000L;
            y[i] = 100 + (i % 2);
        }
        y[12_345] = 50; // one deep spike
        final String svg = new Svg.TimeChart("x", 1000, 300, Svg.YFormat.RATIO, "").line(t, y, "equity", "E", true).render("x");
        final Matcher path = Pattern.compile("<path class=\"plot line equity\" d=\"([^\"]*)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        final String d = path.group(1);
        final long points = d.chars().filter(c -> c == 'L').count() + 1;
        assertThat(points).as("at most four points per pixel column").isLessThanOrEqualTo(4 * 1000).isGreaterThan(500);
        // the lowest value on the plot (largest SVG y) is the spike's: values 50..101 padded by 4 % give ticks 40..120, so
        // 50 sits at 14 + (1 − (50 − 40) / 80) × (300 − 14 − 26) = 241.5
        final double maxY = Pattern.compile("[ML][-0-9.]+ ([-0-9.]+)").matcher(d).results().mapToDouble(m -> Double.parseDouble(m.group(1))).max()
                .orElseThrow();
        assertThat(maxY).isEqualTo(241.5);
    }

    @Test
    void gapsBreakTheLineInsteadOfBridgingThem() {
        final long[] t = {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY};
        final double[] y = {1, 2, Double.NaN, 3};
        final String svg = new Svg.TimeChart("x", 600, 200, Svg.YFormat.RATIO, "").line(t, y, "sharpe", "S", false).render("x");
        final Matcher path = Pattern.compile("d=\"(M[^\"]*)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        assertThat(path.group(1).chars().filter(c -> c == 'M').count()).isEqualTo(2);
    }

    @Test
    void aHistogramCountsEveryValue() {
        final String svg = Svg.histogram("h", new double[] {-0.02, -0.01, 0.01, 0.011, 0.03, Double.NaN}, 100, "%", "trades", "h");
        final Matcher counts = Pattern.compile(": (\\d+) trades</title>").matcher(svg);
        int total = 0;
        while (counts.find()) {
            total += Integer.parseInt(counts.group(1));
        }
        assertThat(total).isEqualTo(5);
        assertThat(svg).contains("class=\"plot bar-neg\"", "class=\"plot bar-pos\"", "class=\"zero\"");
        assertThat(Svg.histogram("h", new double[0], 1, "", "fills", "h")).contains("class=\"chart empty\"", "No fills to plot");
    }

    @Test
    void aChartWithoutDataIsMarkedEmpty() {
        final String svg = new Svg.TimeChart("x", 600, 200, Svg.YFormat.RATIO, "").line(new long[] {T0}, new double[] {Double.NaN}, "s", "S", true)
                .render("x");
        assertThat(svg).startsWith("<svg class=\"chart empty\"").doesNotContain("class=\"plot");
    }
}
