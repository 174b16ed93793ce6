package dev.tandem.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.reports.HtmlReport;
import dev.tandem.reports.Provenance;
import dev.tandem.reports.RunRecord;
import dev.tandem.reports.RunRecordJson;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.DataSources;
import dev.tandem.scenarios.run.RunObserver;
import dev.tandem.scenarios.run.ScenarioResult;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.scenarios.time.TimeText;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One scenario run with everything the CLI writes for it: {@code result.json} (the scenario result), {@code run.json}
 * (the report's run record), {@code report.html}, {@code trades.csv}, {@code equity.csv} and, when asked,
 * {@code journal.txt}. Shared by {@code tandem run} and {@code tandem sweep}; each call is one independent,
 * single-threaded, deterministic run, so sweeps may make several calls at once on different threads.
 */
final class RunOutputs {
    /** The scenario result (what expectations and goldens are about). */
    static final String RESULT = "result.json";
    /** The run record, the input of {@code tandem report}. */
    static final String RUN = "run.json";
    /** The HTML report. */
    static final String REPORT = "report.html";
    /** Round-trip trades, one per line. */
    static final String TRADES = "trades.csv";
    /** Every sample of the run's equity grid. */
    static final String EQUITY = "equity.csv";
    /** The kernel's inbound events. */
    static final String JOURNAL = "journal.txt";

    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    /**
     * A finished run and where its files are.
     *
     * @param scenario the scenario as run (overrides applied)
     * @param result   its result
     * @param record   its run record
     * @param dir      the output directory
     * @param journal  the journal file, or null
     */
    record Written(Scenario scenario, ScenarioResult result, RunRecord record, Path dir, Path journal) {
        Path file(final String name) {
            return dir.resolve(name);
        }
    }

    private RunOutputs() {}

    /**
     * Runs a loaded scenario and writes its files into {@code dir} (created if missing).
     *
     * @param loader    the loader the scenario came from (its strategies are the runner's)
     * @param file      the scenario file as given on the command line
     * @param s         the scenario, overrides applied
     * @param overrides the overrides (for the provenance and the reproduce command)
     * @param dir       where to write
     * @param journal   also write the kernel's input journal
     * @param extra     more observers (progress)
     */
    static Written run(final ScenarioLoader loader, final Path file, final Scenario s, final List<Overrides.Setting> overrides,
                       final Path dir, final boolean journal, final List<RunObserver> extra) throws IOException {
        final String scenarioSha = DataSources.sha256(file);
        final boolean singleKey = Overrides.usesSingleStrategyKey(file);
        final ReportObserver reporting = new ReportObserver(s, result -> provenance(file, scenarioSha, s, singleKey, overrides, result));
        final ScenarioRunner runner = new ScenarioRunner(loader.strategies()).observe(reporting);
        for (final RunObserver o : extra) {
            runner.observe(o);
        }
        final ScenarioRunner.Run run = runner.runFull(s);
        final RunRecord record = reporting.record();
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(RESULT).toFile(), run.result());
        RunRecordJson.write(record, dir.resolve(RUN));
        HtmlReport.write(record, dir.resolve(REPORT));
        writeTrades(record, dir.resolve(TRADES));
        writeEquity(s, reporting.rows(), dir.resolve(EQUITY));
        Path journalFile = null;
        if (journal) {
            journalFile = dir.resolve(JOURNAL);
            Files.write(journalFile, run.journal().toLines(), StandardCharsets.UTF_8);
        }
        return new Written(s, run.result(), record, dir, journalFile);
    }

    /** The provenance of a run: what it was made from and the command that makes it again. */
    static Provenance provenance(final Path file, final String scenarioSha, final Scenario s, final boolean singleStrategyKey,
                                 final List<Overrides.Setting> overrides, final ScenarioResult result) {
        final List<Provenance.DataFile> data = new ArrayList<>();
        if (s.marketData() instanceof MarketDataSpec.FileData f) {
            data.add(new Provenance.DataFile(f.path().toString(), result.dataSha256()));
        }
        return new Provenance(s.name(), s.seed(), file.toString(), scenarioSha, data, TandemCli.versionText(), s.fillModel().text(),
                result.traceHash(), reproduceCommand(file, overrides), Overrides.parameters(s, singleStrategyKey, overrides));
    }

    /**
     * The command that runs this again: the launcher (the {@code tandem.launcher} system property the {@code ./tandem}
     * script sets to how it was called, else {@code tandem}), the file as given and every override.
     */
    static String reproduceCommand(final Path file, final List<Overrides.Setting> overrides) {
        final StringBuilder sb = new StringBuilder(System.getProperty("tandem.launcher", "tandem")).append(" run ").append(quote(file.toString()));
        for (final Overrides.Setting o : overrides) {
            if (o.name().equals("seed")) {
                sb.append(" --seed ").append(quote(o.value()));
            } else {
                sb.append(" --param ").append(quote(o.toString()));
            }
        }
        return sb.toString();
    }

    /** A shell word: as is when it has no special characters, else in single quotes. */
    static String quote(final String arg) {
        if (PLAIN_ARGUMENT.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * {@code trades.csv}: every round trip of the record, in order of entry. Times are ISO-8601 UTC; prices,
     * quantities and money exact decimals (money in the account currency); an open trade's exit time is the end of
     * the run and its exit price empty; a position closed outside the process has an empty exit price.
     */
    static void writeTrades(final RunRecord record, final Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("trade,instrument,direction,entry_time,entry_price,exit_time,exit_price,qty,entry_notional,realized_pnl,"
                    + "unrealized_pnl,fees,funding,net_pnl,exit,fills\n");
            for (final RunRecord.Trade t : record.trades()) {
                w.write(t.number() + "," + t.instrument() + "," + t.direction() + "," + TimeText.formatInstant(t.entryNanos()) + ","
                        + dec(t.entryPrice()) + "," + TimeText.formatInstant(t.exitNanos()) + "," + (t.isOpen() ? "" : dec(t.exitPrice())) + ","
                        + dec(t.qty()) + "," + dec(t.entryNotional()) + "," + dec(t.realizedPnl()) + "," + dec(t.unrealizedPnl()) + ","
                        + dec(t.fees()) + "," + dec(t.funding()) + "," + dec(t.netPnl()) + "," + t.exit() + "," + t.fills() + "\n");
            }
        }
    }

    /**
     * {@code equity.csv}: the account at the start and at every step of the run's sampling grid ({@code run.sample-every}):
     * equity, wallet balance of the account currency, gross exposure, and the position in each instrument.
     */
    static void writeEquity(final Scenario s, final List<ReportObserver.Row> rows, final Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            final StringBuilder header = new StringBuilder("time,equity,balance,exposure");
            for (final Instrument i : s.instruments()) {
                header.append(",position_").append(i.id());
            }
            w.write(header.append('\n').toString());
            for (final ReportObserver.Row r : rows) {
                final StringBuilder line = new StringBuilder(TimeText.formatInstant(r.nanos())).append(',')
                        .append(Fixed.formatMoney(r.equityMoney())).append(',').append(Fixed.formatMoney(r.balanceMoney())).append(',')
                        .append(Fixed.formatMoney(r.exposureMoney()));
                for (int i = 0; i < s.instruments().size(); i++) {
                    line.append(',').append(s.instruments().get(i).formatQty(r.positions()[i]));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private static String dec(final BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}
