package dev.tandem.scenarios.cli;

import dev.tandem.reports.Metric;
import dev.tandem.reports.Metrics;
import dev.tandem.scenarios.expect.ExpectationOutcome;
import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.scenarios.run.RunObserver;
import dev.tandem.scenarios.run.ScenarioResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem run FILE}: runs one scenario, writes its result and report, prints a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one scenario file deterministically and writes into the output directory: result.json (the "
                + "scenario result: trace hash, states, expectations), run.json (the run record), report.html (the report), "
                + "trades.csv (round trips: entry/exit time and price, quantity, PnL) and equity.csv (the account on the "
                + "sampling grid); with --journal also journal.txt. Prints where they are and a summary.",
                "--seed and --param change the file's values for this run (the report's reproduce command repeats them)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every expectation passed", "1:an expectation failed",
                "2:the scenario file (or an override) is invalid", "3:internal error"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    private Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output directory (default: target/tandem-runs/<scenario-name>/ under the current directory)")
    private Path out;

    @Option(names = "--journal", description = "also write journal.txt: every inbound event of the kernel, one per line")
    private boolean journal;

    @Option(names = "--seed", paramLabel = "SEED", description = "run with this master seed instead of the file's")
    private Long seed;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "set a key of the file for this run, named by its path: strategy.params.fast=12, "
                    + "risk.drawdown-max=10%%, strategies[1].params.qty=0.01 (repeatable)")
    private List<String> params = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "no progress bar (it is shown only on a terminal anyway)")
    private boolean quiet;

    @Option(names = "--progress", description = "show the progress bar even when standard error is not a terminal")
    private boolean progress;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<Overrides.Setting> overrides = new ArrayList<>();
        if (seed != null) {
            overrides.add(new Overrides.Setting("seed", Long.toString(seed)));
        }
        try {
            for (final String p : params) {
                overrides.add(Overrides.Setting.parse(p));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--param " + e.getMessage());
        }
        final ScenarioLoader loader = ScenarioLoader.defaults();
        final Scenario s;
        try {
            s = Overrides.load(loader, file, overrides);
        } catch (ScenarioException e) {
            for (final Problem p : e.problems()) {
                err.println(p);
            }
            err.println(file + " is not a valid scenario (" + e.problems().size() + " problem(s)); nothing was run");
            return TandemCli.INVALID;
        }
        final Path dir = out != null ? out : Path.of("target", "tandem-runs", s.name());
        final Progress bar = Progress.of(err, Progress.wanted(quiet, progress), s.name());
        final long start = s.run().startNanos();
        final long length = s.run().lengthNanos();
        final RunObserver shown = new RunObserver() {
            @Override
            public void onStep(final long nanos) {
                bar.update(nanos - start, length, TimeText.formatDuration(nanos - start) + " of " + TimeText.formatDuration(length)
                        + " simulated");
            }
        };
        final RunOutputs.Written w;
        try {
            w = RunOutputs.run(loader, file, s, overrides, dir, journal, List.of(shown));
        } finally {
            bar.finish();
        }
        final ScenarioResult r = w.result();
        summary(o, s, r, w);
        o.println("result:  " + w.file(RunOutputs.RESULT).toAbsolutePath().normalize());
        o.println("report:  " + w.file(RunOutputs.REPORT).toAbsolutePath().normalize());
        o.println("record:  " + w.file(RunOutputs.RUN).toAbsolutePath().normalize());
        o.println("trades:  " + w.file(RunOutputs.TRADES).toAbsolutePath().normalize() + "  (" + w.record().trades().size() + " trade(s))");
        o.println("equity:  " + w.file(RunOutputs.EQUITY).toAbsolutePath().normalize());
        if (w.journal() != null) {
            o.println("journal: " + w.journal().toAbsolutePath().normalize());
        }
        o.println("again:   " + w.record().provenance().reproduceCommand());
        o.flush();
        return r.passed() ? TandemCli.OK : TandemCli.FAILED;
    }

    private static void summary(final PrintWriter o, final Scenario s, final ScenarioResult r, final RunOutputs.Written w) {
        o.printf("scenario %s (seed %d): %s from %s, ran in %.2f s%n", s.name(), s.seed(),
                TimeText.formatDuration(s.run().lengthNanos()), r.start(), r.wallMillis() / 1000.0);
        o.println("  trace hash   " + r.traceHash());
        o.println("  equity       " + r.equity().get(0).equity() + " → " + r.finalState().equity() + " "
                + r.finalState().currency() + "; trading " + r.finalState().tradingState() + "; strategies "
                + r.finalState().strategies());
        final Metrics m = Metrics.of(w.record());
        o.println("  metrics      return " + m.format(Metric.TOTAL_RETURN) + ", max drawdown " + m.format(Metric.MAX_DRAWDOWN)
                + ", Sharpe " + m.format(Metric.SHARPE) + ", " + m.format(Metric.TRADES) + " closed trade(s), win rate "
                + m.format(Metric.WIN_RATE));
        for (final ScenarioResult.Position p : r.finalState().positions()) {
            o.println("  position     " + p.instrument() + " " + p.qty() + " (venue " + p.venueQty() + "), realized "
                    + p.realizedPnl());
        }
        final Map<String, Long> c = r.counters();
        o.printf("  orders       %d sent (at most %d in one second), %d filled, %d denied, %d rejected, %d canceled%n",
                r.venue().ordersSent(), r.venue().maxOrdersPerSecond(), c.getOrDefault("event.OrderFilled", 0L),
                c.getOrDefault("event.OrderDenied", 0L), c.getOrDefault("event.OrderRejected", 0L),
                c.getOrDefault("event.OrderCanceled", 0L));
        o.printf("  states       %d trading, %d strategy, %d breaker changes; %d reconciliations, %d drifts%n",
                r.tradingStates().size(), r.strategyStates().size(), r.breakerStates().size(),
                c.getOrDefault("event.ReconciliationCompleted", 0L), c.getOrDefault("event.DriftDetected", 0L));
        for (final ScenarioResult.FaultEntry f : r.faultLog()) {
            if (!f.phase().equals("HIT")) {
                o.println("  fault        " + f.time() + " " + f.type() + " " + f.phase() + (f.detail().isEmpty() ? "" : ": "
                        + f.detail()));
            }
        }
        long passed = 0;
        for (final ExpectationOutcome e : r.expectations()) {
            passed += e.passed() ? 1 : 0;
        }
        o.println("  expectations " + passed + " of " + r.expectations().size() + " passed" + (r.passed() ? "" : " — FAILED"));
        for (final ExpectationOutcome e : r.expectations()) {
            o.println("    " + e.line());
        }
    }
}
