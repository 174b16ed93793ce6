package dev.tandem.scenarios.cli;

import static dev.tandem.scenarios.cli.TandemCliTest.tandem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.reports.RunRecord;
import dev.tandem.reports.RunRecordJson;
import dev.tandem.reports.TimelineCategory;
import dev.tandem.scenarios.cli.TandemCliTest.Result;
import dev.tandem.scenarios.golden.GoldenFiles;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.DataSources;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run}'s report files (run.json, report.html, trades.csv, equity.csv) and {@code tandem report}, through
 * the command line.
 */
class RunReportTest {
    static final Path BASELINE = Path.of("library", "baseline-sma-btc-1h.yaml");
    static final Path OUTAGE = Path.of("library", "api-outage-5min.yaml");
    static final Path LIQUIDATION = Path.of("src", "test", "resources", "scenarios", "margin", "crash-liquidation.yaml");

    /** One round trip as an independent backtester would list it. */
    record RoundTrip(String entryTime, BigDecimal entryPrice, String exitTime, BigDecimal exitPrice, BigDecimal qty, BigDecimal pnl) {}

    @Test
    void theBaselineBacktestWritesItsTradesAndEquityAsCsvMatchingAnIndependentRecomputation(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("sma");
        final Result r = tandem("run", BASELINE.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        for (final String f : List.of("result.json", "run.json", "report.html", "trades.csv", "equity.csv")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
            assertThat(r.out()).contains(out.resolve(f).toAbsolutePath().normalize().toString());
        }

        // the 10/30 crossover recomputed from the CSV with decimals: all-in at the crossing bar's close, zero fees
        final Scenario s = ScenarioLoader.defaults().load(BASELINE);
        final Path csv = ((MarketDataSpec.FileData) s.marketData()).path();
        final List<long[]> times = new ArrayList<>();
        final List<BigDecimal> closes = new ArrayList<>();
        for (final String line : Files.readAllLines(csv)) {
            if (!line.startsWith("time")) {
                final String[] f = line.split(",");
                times.add(new long[] {Long.parseLong(f[0])});
                closes.add(new BigDecimal(f[4]));
            }
        }
        final List<RoundTrip> expected = new ArrayList<>();
        BigDecimal cash = new BigDecimal("10000");
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal entry = null;
        String entryTime = null;
        int previous = 0;
        for (int i = 29; i < closes.size(); i++) {
            final int sign = average(closes.subList(i - 9, i + 1)).compareTo(average(closes.subList(i - 29, i + 1)));
            final BigDecimal close = closes.get(i);
            final String closeTime = Instant.ofEpochSecond(times.get(i)[0] + 3600).toString(); // a bar's close: open + 1h
            if (previous < 0 && sign > 0 && qty.signum() == 0) {
                qty = cash.divide(close, 8, RoundingMode.DOWN);
                cash = cash.subtract(qty.multiply(close));
                entry = close;
                entryTime = closeTime;
            } else if (previous > 0 && sign < 0 && qty.signum() > 0) {
                expected.add(new RoundTrip(entryTime, entry, closeTime, close, qty, close.subtract(entry).multiply(qty)));
                cash = cash.add(qty.multiply(close));
                qty = BigDecimal.ZERO;
            }
            previous = sign;
        }
        assertThat(expected).as("the data holds a round trip").isNotEmpty();

        final List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.get(0)).startsWith("trade,instrument,direction,entry_time,entry_price,exit_time,exit_price,qty,");
        final List<RoundTrip> actual = new ArrayList<>();
        for (final String line : trades.subList(1, trades.size())) {
            final String[] f = line.split(",", -1);
            assertThat(f[2]).isEqualTo("LONG");
            assertThat(f[14]).isEqualTo("FILL");
            assertThat(new BigDecimal(f[11])).as("zero fees").isZero();
            actual.add(new RoundTrip(f[3], new BigDecimal(f[4]), f[5], new BigDecimal(f[6]), new BigDecimal(f[7]), new BigDecimal(f[13])));
        }
        assertThat(actual).usingElementComparator((a, b) -> a.entryTime().equals(b.entryTime()) && a.exitTime().equals(b.exitTime())
                && a.entryPrice().compareTo(b.entryPrice()) == 0 && a.exitPrice().compareTo(b.exitPrice()) == 0
                && a.qty().compareTo(b.qty()) == 0
                // money is fixed point with 8 decimals: the exact product rounds to the nearest 1e-8
                && a.pnl().subtract(b.pnl()).abs().compareTo(new BigDecimal("0.00000001")) < 0 ? 0 : 1).containsExactlyElementsOf(expected);

        // equity.csv: the start, then every hour of the sampling grid; the last line is the run's final equity
        final List<String> equity = Files.readAllLines(out.resolve("equity.csv"));
        assertThat(equity.get(0)).isEqualTo("time,equity,balance,exposure,position_BTCUSD.BITSTAMP");
        assertThat(equity.get(1)).startsWith(Instant.ofEpochSecond(times.get(0)[0]).toString() + ",10000.00000000,10000.00000000,0.00000000,");
        final long hours = (s.run().endNanos() - s.run().startNanos() + 3_600_000_000_000L - 1) / 3_600_000_000_000L;
        assertThat(equity).hasSize((int) (1 + 1 + hours));
        final JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        final String[] last = equity.get(equity.size() - 1).split(",");
        assertThat(last[1]).isEqualTo(result.get("finalState").get("equity").asText());
        assertThat(new BigDecimal(last[1])).isEqualByComparingTo(cash.add(qty.multiply(closes.get(closes.size() - 1))).setScale(8, RoundingMode.HALF_EVEN));
        // between the round trip's entry and exit the position is the all-in quantity
        final RoundTrip first = expected.get(0);
        for (final String line : equity.subList(1, equity.size())) {
            final String[] f = line.split(",");
            final boolean inside = f[0].compareTo(first.entryTime()) >= 0 && f[0].compareTo(first.exitTime()) < 0;
            assertThat(new BigDecimal(f[4])).as(line).isEqualByComparingTo(inside ? first.qty() : BigDecimal.ZERO);
        }

        // the report lists the same trade and the record's provenance says where the run came from
        final RunRecord record = RunRecordJson.read(out.resolve("run.json"));
        assertThat(record.trades()).hasSize(expected.size());
        assertThat(record.provenance().seed()).isEqualTo(7);
        assertThat(record.provenance().scenarioFile()).isEqualTo(BASELINE.toString());
        assertThat(record.provenance().scenarioSha256()).isEqualTo(DataSources.sha256(BASELINE));
        assertThat(record.provenance().dataFiles()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(csv.toString());
            assertThat(d.sha256()).isEqualTo(DataSources.sha256(csv)).isEqualTo(result.get("dataSha256").asText());
        });
        assertThat(record.provenance().fillModel()).isEqualTo("bar-close");
        assertThat(record.provenance().traceHash()).isEqualTo(result.get("traceHash").asText()).isEqualTo(GoldenFiles.read(BASELINE));
        assertThat(record.provenance().reproduceCommand()).isEqualTo("tandem run " + BASELINE);
        assertThat(record.provenance().parameters()).containsEntry("strategy.params.fast", "10").containsEntry("strategy.params.slow", "30")
                .containsEntry("seed", "7");
    }

    @Test
    void aReportRebuiltFromRunJsonIsByteIdentical(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("outage");
        assertThat(tandem("run", OUTAGE.toString(), "--out", out.toString()).code()).isZero();
        final byte[] written = Files.readAllBytes(out.resolve("report.html"));

        Result r = tandem("report", out.toString(), "--out", dir.resolve("again.html").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("report: " + dir.resolve("again.html").toAbsolutePath().normalize());
        assertThat(Files.readAllBytes(dir.resolve("again.html"))).isEqualTo(written);

        Files.delete(out.resolve("report.html"));
        r = tandem("report", out.resolve("result.json").toString()); // names the run.json beside it; writes beside it
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(written);
        assertThat(tandem("report", out.resolve("run.json").toString()).code()).isZero();
        assertThat(Files.readAllBytes(out.resolve("report.html"))).isEqualTo(written);
    }

    @Test
    void theChaosTimelineHoldsTheInjectedFaultWindowAndTheStateChanges(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("outage");
        assertThat(tandem("run", OUTAGE.toString(), "--out", out.toString()).code()).isZero();
        final RunRecord record = RunRecordJson.read(out.resolve("run.json"));
        final long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        final List<RunRecord.TimelineEntry> faults = record.timeline().stream().filter(e -> e.category() == TimelineCategory.FAULT).toList();
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(f.startNanos()).isEqualTo(start + 600_000_000_000L);
            assertThat(f.endNanos()).isEqualTo(start + 900_000_000_000L);
            assertThat(f.label()).isEqualTo("outage");
            assertThat(f.detail()).contains("outage: outage http-5xx at T+10m for 5m").contains("hits=12");
        });
        assertThat(record.timeline()).anyMatch(e -> e.category() == TimelineCategory.BREAKER && "OPEN".equals(e.state()))
                .anyMatch(e -> e.category() == TimelineCategory.STRATEGY_STATE && "PAUSED".equals(e.state()));
        // sampled on the scenario's 10 s grid from the start: 30 min → 181 samples
        assertThat(record.equity().samples()).hasSize(181);
        assertThat(record.equity().samples().get(0).t()).isEqualTo(start);
        assertThat(Files.readAllLines(out.resolve("equity.csv"))).hasSize(182);
        assertThat(Files.readString(out.resolve("report.html"))).contains("outage http-5xx at T+10m for 5m");
    }

    @Test
    void aVenueLiquidationIsOnTheTimeline(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("liq");
        final Result r = tandem("run", LIQUIDATION.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        final RunRecord record = RunRecordJson.read(out.resolve("run.json"));
        assertThat(record.timeline()).anySatisfy(e -> {
            assertThat(e.category()).isEqualTo(TimelineCategory.LIQUIDATION);
            assertThat(e.label()).isEqualTo("venue liquidation of our account");
            assertThat(e.detail()).contains("below the maintenance margin").contains("taken over at mark");
        });
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).anyMatch(l -> l.contains(",LIQUIDATION,"));
    }

    @Test
    void seedAndParamOverridesChangeTheRunAndAreRepeatedInItsReproduceCommand(@TempDir final Path dir) throws Exception {
        final Path a = dir.resolve("a");
        Result r = tandem("run", BASELINE.toString(), "--out", a.toString(), "--seed", "3", "--param", "strategy.params.fast=5",
                "-p", "strategy.params.slow=20");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        final RunRecord record = RunRecordJson.read(a.resolve("run.json"));
        assertThat(record.run().seed()).isEqualTo(3);
        assertThat(record.provenance().parameters()).containsEntry("strategy.params.fast", "5").containsEntry("strategy.params.slow", "20")
                .containsEntry("seed", "3");
        assertThat(record.provenance().reproduceCommand())
                .isEqualTo("tandem run " + BASELINE + " --seed 3 --param strategy.params.fast=5 --param strategy.params.slow=20");
        assertThat(r.out()).contains("again:   tandem run " + BASELINE + " --seed 3");
        assertThat(record.provenance().traceHash()).as("other parameters, another run").isNotEqualTo(GoldenFiles.read(BASELINE));

        // the reproduce command's arguments give the same run again
        final String[] again = record.provenance().reproduceCommand().substring("tandem ".length()).split(" ");
        final List<String> args = new ArrayList<>(List.of(again));
        args.addAll(List.of("--out", dir.resolve("b").toString()));
        assertThat(tandem(args.toArray(String[]::new)).code()).isZero();
        assertThat(RunRecordJson.read(dir.resolve("b").resolve("run.json")).provenance().traceHash()).isEqualTo(record.provenance().traceHash());
    }

    @Test
    void aBadOverrideIsAnInvalidInputNamingTheOverride(@TempDir final Path dir) {
        Result r = tandem("run", BASELINE.toString(), "--out", dir.toString(), "--param", "strategy.params.fats=5");
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains(BASELINE + " with strategy.params.fats=5: ").contains("fats").contains("nothing was run");
        r = tandem("run", BASELINE.toString(), "--out", dir.toString(), "--param", "seed=abc");
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("with seed=abc: 'seed' must be a whole number");
        r = tandem("run", BASELINE.toString(), "--param", "nonsense");
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("'nonsense' is not name=value");
        r = tandem("run", BASELINE.toString(), "--param", "fill-model.x=1");
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("'fill-model' is not a map of keys");
        assertThat(dir.resolve("run.json")).doesNotExist();
    }

    @Test
    void compareWritesAComparisonOfTwoRunsAndBadRecordsAreInvalidInput(@TempDir final Path dir) throws Exception {
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        assertThat(tandem("run", BASELINE.toString(), "--out", a.toString()).code()).isZero();
        assertThat(tandem("run", BASELINE.toString(), "--out", b.toString(), "-p", "strategy.params.fast=5", "-p", "strategy.params.slow=20")
                .code()).isZero();
        Result r = tandem("report", "--compare", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        final Path compare = b.resolve("compare.html");
        assertThat(r.out()).contains("comparison: " + compare.toAbsolutePath().normalize());
        final String html = Files.readString(compare);
        assertThat(html).contains("baseline-sma-btc-1h").contains("strategy.params.fast");

        r = tandem("report", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains("no such file");
        final Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\": 1,\n  \"run\": [}\n");
        r = tandem("report", bad.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains(bad + ":2:");
        assertThat(tandem("report").code()).as("neither RUN nor --compare").isEqualTo(TandemCli.INVALID);
        assertThat(tandem("report", a.toString(), "--compare", a.toString(), b.toString()).code()).isEqualTo(TandemCli.INVALID);
    }

    private static BigDecimal average(final List<BigDecimal> xs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final BigDecimal x : xs) {
            sum = sum.add(x);
        }
        return sum.divide(BigDecimal.valueOf(xs.size()), MathContext.DECIMAL128);
    }
}
