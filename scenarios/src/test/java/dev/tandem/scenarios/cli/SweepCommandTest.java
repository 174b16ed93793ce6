package dev.tandem.scenarios.cli;

import static dev.tandem.scenarios.cli.TandemCliTest.tandem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.reports.RunRecordJson;
import dev.tandem.scenarios.cli.TandemCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem sweep}: the cross product, the summary, the sweep report, exit codes, and determinism across threads. */
class SweepCommandTest {
    static final Path BASELINE = RunReportTest.BASELINE;

    static Result sweep(final Path out, final int threads) {
        return tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5,10", "--param", "strategy.params.slow=20,30",
                "--seeds", "1..2", "--threads", Integer.toString(threads), "--out", out.toString());
    }

    @Test
    void theSummaryTheReportAndEveryRunAreTheSameBytesWhateverTheThreadCount(@TempDir final Path dir) throws Exception {
        final Result one = sweep(dir.resolve("one"), 1);
        final Result three = sweep(dir.resolve("three"), 3);
        assertThat(one.code()).as(one.out() + one.err()).isEqualTo(three.code());
        for (final String f : List.of("sweep.csv", "sweep.html")) {
            assertThat(Files.readAllBytes(dir.resolve("three").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
        }
        final List<Path> runs;
        try (Stream<Path> s = Files.list(dir.resolve("one").resolve("runs"))) {
            runs = s.sorted().toList();
        }
        assertThat(runs).hasSize(8);
        for (final Path run : runs) {
            final Path other = dir.resolve("three").resolve("runs").resolve(run.getFileName());
            for (final String f : List.of("run.json", "report.html", "trades.csv", "equity.csv")) {
                assertThat(Files.readAllBytes(other.resolve(f))).as(run.getFileName() + "/" + f).isEqualTo(Files.readAllBytes(run.resolve(f)));
            }
        }
    }

    @Test
    void eachLineIsOneRunOfTheCrossProductAndEqualsTheSameTandemRun(@TempDir final Path dir) throws Exception {
        final Result r = sweep(dir.resolve("s"), 2);
        final List<String> csv = Files.readAllLines(dir.resolve("s").resolve("sweep.csv"));
        assertThat(csv.get(0)).startsWith("run,strategy.params.fast,strategy.params.slow,seed,status,expectations_passed,expectations,"
                + "trace_hash,end_equity,orders_sent,total_return,");
        assertThat(csv).hasSize(9);
        final String[][] combos = {{"5", "20", "1"}, {"5", "20", "2"}, {"5", "30", "1"}, {"5", "30", "2"}, {"10", "20", "1"}, {"10", "20", "2"},
            {"10", "30", "1"}, {"10", "30", "2"}};
        for (int i = 0; i < combos.length; i++) {
            final String[] f = csv.get(i + 1).split(",", -1);
            assertThat(f[0]).isEqualTo(Integer.toString(i + 1));
            assertThat(new String[] {f[1], f[2], f[3]}).containsExactly(combos[i]);
        }
        // fast=5 over slow=30 never crosses twice on this data: the baseline's "at least 2 fills" fails, so the sweep exits 1
        assertThat(csv.get(3)).contains(",FAIL,5,6,");
        assertThat(csv.get(1)).contains(",PASS,6,6,");
        assertThat(r.code()).isEqualTo(TandemCli.FAILED);
        assertThat(r.out()).contains("FAILED  fast=5 slow=30 seed=1: 1 of 6 expectation(s) failed")
                .contains("8 run(s) on 2 thread(s); 6 passed every expectation")
                .contains("report:  " + dir.resolve("s").resolve("sweep.html").toAbsolutePath().normalize());

        // a line of the sweep is the run `tandem run --param ... --seed ...` makes, trace hash and all
        final String[] line = csv.get(6).split(",", -1); // fast=10 slow=20 seed=2
        final Result single = tandem("run", BASELINE.toString(), "-p", "strategy.params.fast=10", "-p", "strategy.params.slow=20", "--seed", "2",
                "--out", dir.resolve("single").toString());
        assertThat(single.code()).isZero();
        assertThat(RunRecordJson.read(dir.resolve("single").resolve("run.json")).provenance().traceHash()).isEqualTo(line[7]);
        assertThat(Files.readAllBytes(dir.resolve("s").resolve(line[line.length - 1]).resolve("trades.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("single").resolve("trades.csv")));
        // and the sweep report links every run's report and draws the heatmap over the two parameters
        final String html = Files.readString(dir.resolve("s").resolve("sweep.html"));
        assertThat(html).contains("strategy.params.fast × strategy.params.slow").contains(line[line.length - 1] + "/report.html");
    }

    @Test
    void badParametersSeedsAndAxesAreInvalidInputAndNothingRuns(@TempDir final Path dir) {
        final Path out = dir.resolve("o");
        Result r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5,abc", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("with strategy.params.fast=abc: ").contains("nothing was run");
        assertThat(out).doesNotExist();
        r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5", "--seeds", "5..1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("--seeds 5..1");
        r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5", "--seeds", "x", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5", "--x", "strategy.params.slow", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("the heatmap axis 'strategy.params.slow' is not a swept parameter");
        r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5,5", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("the value 5 is given twice");
        r = tandem("sweep", BASELINE.toString(), "--out", out.toString());
        assertThat(r.code()).as("--param is required").isEqualTo(TandemCli.INVALID);
        r = tandem("sweep", BASELINE.toString(), "--param", "strategy.params.fast=5", "--threads", "0", "--out", out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(out).doesNotExist();
    }

    @Test
    void numbersInTheSummaryAreExactDecimalsRoundedToTenDigits() {
        assertThat(SweepCommand.number(0.1)).isEqualTo("0.1");
        assertThat(SweepCommand.number(-2676.571234567891)).isEqualTo("-2676.571235");
        assertThat(SweepCommand.number(1e-12)).isEqualTo("0.000000000001");
        assertThat(SweepCommand.number(Double.NaN)).isEmpty();
        assertThat(SweepCommand.number(0.0)).isEqualTo("0");
        assertThat(SweepCommand.shortName("strategy.params.fast", List.of("strategy.params.fast", "risk.drawdown-max"))).isEqualTo("fast");
        assertThat(SweepCommand.shortName("strategies[0].params.qty", List.of("strategies[0].params.qty", "strategies[1].params.qty")))
                .isEqualTo("strategies[0].params.qty");
    }
}
