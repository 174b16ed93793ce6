package dev.tandem.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tandem.scenarios.expect.ExpectationOutcome;
import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.scenarios.run.ScenarioResult;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem run FILE}: runs one scenario, writes its result, prints a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one scenario file deterministically and writes result.json (and, with --journal, the kernel's "
                + "input journal) into the output directory; prints where the result is and a summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every expectation passed", "1:an expectation failed",
                "2:the scenario file is invalid", "3:internal error"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    private Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "output directory (default: target/tandem-runs/<scenario-name>/ under the current directory)")
    private Path out;

    @Option(names = "--journal", description = "also write journal.txt: every inbound event of the kernel, one per line")
    private boolean journal;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ScenarioLoader loader = ScenarioLoader.defaults();
        final Scenario s;
        try {
            s = loader.load(file);
        } catch (ScenarioException e) {
            for (final Problem p : e.problems()) {
                err.println(p);
            }
            err.println(file + " is not a valid scenario (" + e.problems().size() + " problem(s)); nothing was run");
            return TandemCli.INVALID;
        }
        final ScenarioRunner.Run run = new ScenarioRunner(loader.strategies()).runFull(s);
        final ScenarioResult r = run.result();
        final Path dir = out != null ? out : Path.of("target", "tandem-runs", s.name());
        Files.createDirectories(dir);
        final Path resultFile = dir.resolve("result.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(resultFile.toFile(), r);
        Path journalFile = null;
        if (journal) {
            journalFile = dir.resolve("journal.txt");
            Files.write(journalFile, run.journal().toLines(), StandardCharsets.UTF_8);
        }
        summary(o, s, r);
        o.println("result:  " + resultFile.toAbsolutePath().normalize());
        if (journalFile != null) {
            o.println("journal: " + journalFile.toAbsolutePath().normalize());
        }
        o.flush();
        return r.passed() ? TandemCli.OK : TandemCli.FAILED;
    }

    private static void summary(final PrintWriter o, final Scenario s, final ScenarioResult r) {
        o.printf("scenario %s (seed %d): %s from %s, ran in %.2f s%n", s.name(), s.seed(),
                TimeText.formatDuration(s.run().lengthNanos()), r.start(), r.wallMillis() / 1000.0);
        o.println("  trace hash   " + r.traceHash());
        o.println("  equity       " + r.equity().get(0).equity() + " → " + r.finalState().equity() + " "
                + r.finalState().currency() + "; trading " + r.finalState().tradingState() + "; strategies "
                + r.finalState().strategies());
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
