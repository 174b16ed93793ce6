package dev.tandem.scenarios.cli;

import static dev.tandem.scenarios.cli.TandemCliTest.tandem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.cli.TandemCliTest.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress bar: its text and ETA, its throttling, and that it is silent unless wanted. */
class ProgressTest {
    private long now;

    private Progress bar(final StringWriter sink, final boolean enabled) {
        return new Progress(new PrintWriter(sink, true), enabled, "run", () -> now);
    }

    @Test
    void theLineShowsTheFractionAndAnEtaFromTheRateSoFar() {
        final Progress p = bar(new StringWriter(), true);
        // a quarter done after 10 s: three quarters left at the same rate is 30 s
        assertThat(p.line(25, 100, "25 of 100 runs", 10_000_000_000L))
                .isEqualTo("run [######------------------]  25%  25 of 100 runs  ETA 0:30");
        assertThat(p.line(0, 100, "0 of 100 runs", 5_000_000_000L)).endsWith("  0%  0 of 100 runs  ETA --:--");
        assertThat(p.line(100, 100, "100 of 100 runs", 125_000_000_000L))
                .isEqualTo("run [########################] 100%  100 of 100 runs  done in 2:05");
        assertThat(Progress.clock(3_725_000_000_000L)).isEqualTo("1:02:05");
    }

    @Test
    void itRedrawsInPlaceAtMostEveryTwoHundredMillisecondsAndClearsItsLine() {
        final StringWriter sink = new StringWriter();
        final Progress p = bar(sink, true);
        now = 0;
        p.update(1, 10, "1 of 10");
        now = 100_000_000L; // 100 ms later: not redrawn
        p.update(2, 10, "2 of 10");
        now = 250_000_000L;
        p.update(3, 10, "3 of 10");
        now = 260_000_000L; // the last update is always drawn
        p.update(10, 10, "10 of 10");
        final String text = sink.toString();
        assertThat(text).contains("\r").contains("1 of 10").doesNotContain("2 of 10").contains("3 of 10").contains("10 of 10");
        assertThat(text).doesNotContain("\n");
        p.finish();
        assertThat(sink.toString()).endsWith("\r");
    }

    @Test
    void aDisabledBarPrintsNothing() {
        final StringWriter sink = new StringWriter();
        final Progress p = bar(sink, false);
        p.update(5, 10, "5 of 10");
        p.finish();
        assertThat(sink.toString()).isEmpty();
        assertThat(Progress.wanted(true, true)).as("--quiet wins").isFalse();
        assertThat(Progress.wanted(false, true)).isTrue();
    }

    @Test
    void runAndSweepShowTheBarOnlyWhenAsked(@TempDir final Path dir) {
        final String file = RunReportTest.OUTAGE.toString();
        // tests do not run on a terminal: no bar by default
        Result r = tandem("run", file, "--out", dir.resolve("a").toString());
        assertThat(r.err()).isEmpty();
        r = tandem("run", file, "--out", dir.resolve("b").toString(), "--progress");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("\rapi-outage-5min [").contains("of 30m simulated");
        assertThat(r.out()).doesNotContain("simulated");
        r = tandem("run", file, "--out", dir.resolve("c").toString(), "--progress", "--quiet");
        assertThat(r.err()).isEmpty();
        r = tandem("sweep", RunReportTest.BASELINE.toString(), "-p", "strategy.params.fast=10", "--seeds", "1..2", "--progress",
                "--out", dir.resolve("d").toString());
        assertThat(r.err()).contains("2 of 2 runs").contains("100%");
    }
}
