package dev.tandem.scenarios.cli;

import dev.tandem.reports.ComparisonReport;
import dev.tandem.reports.HtmlReport;
import dev.tandem.reports.RunRecord;
import dev.tandem.reports.RunRecordFormatException;
import dev.tandem.reports.RunRecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem report RUN} and {@code tandem report --compare A B}: HTML reports from run records. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds a run's HTML report from its run record (run.json), or writes a comparison report of two runs "
                + "(metrics side by side with deltas, overlaid equity, both timelines).",
                "RUN is a run directory written by 'tandem run' or 'tandem sweep' (holding run.json), or a run.json file; "
                        + "a result.json names the run.json beside it. The same run.json always gives the same bytes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was written", "2:a run record is missing or malformed, or the arguments are wrong",
                "3:internal error"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RUN", description = "a run directory or its run.json")
    private Path run;

    @Option(names = "--compare", arity = "2", paramLabel = "RUN",
            description = "write a comparison report of two runs: A (e.g. the baseline) and B (e.g. with faults)")
    private List<Path> compare;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "the HTML file to write (default: report.html beside run.json; with --compare: compare.html in B's directory)")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if ((run == null) == (compare == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either RUN or --compare A B");
        }
        try {
            if (compare != null) {
                final Path a = recordFile(compare.get(0));
                final Path b = recordFile(compare.get(1));
                final RunRecord ra = RunRecordJson.read(a);
                final RunRecord rb = RunRecordJson.read(b);
                final Path file = out != null ? out : b.toAbsolutePath().getParent().resolve("compare.html");
                ComparisonReport.write(ra, rb, file);
                o.println("comparison: " + file.toAbsolutePath().normalize() + "  (A " + ra.provenance().title() + ", B "
                        + rb.provenance().title() + ")");
            } else {
                final Path f = recordFile(run);
                final RunRecord r = RunRecordJson.read(f);
                final Path file = out != null ? out : f.toAbsolutePath().getParent().resolve(RunOutputs.REPORT);
                HtmlReport.write(r, file);
                o.println("report: " + file.toAbsolutePath().normalize());
            }
        } catch (NoSuchFileException e) {
            err.println("tandem report: no such file: " + e.getMessage());
            return TandemCli.INVALID;
        } catch (RunRecordFormatException e) {
            err.println("tandem report: " + e.getMessage());
            return TandemCli.INVALID;
        }
        o.flush();
        return TandemCli.OK;
    }

    /** The run.json a RUN argument names: the file itself, run.json in a directory, or the run.json beside a result.json. */
    static Path recordFile(final Path given) throws NoSuchFileException {
        if (Files.isDirectory(given)) {
            final Path f = given.resolve(RunOutputs.RUN);
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f + " (is " + given + " a run directory written by 'tandem run'?)");
            }
            return f;
        }
        if (given.getFileName() != null && given.getFileName().toString().equals(RunOutputs.RESULT)) {
            final Path beside = given.resolveSibling(RunOutputs.RUN);
            if (Files.isRegularFile(beside)) {
                return beside;
            }
            throw new NoSuchFileException(beside + " (a report is built from run.json, which 'tandem run' writes beside result.json)");
        }
        if (!Files.isRegularFile(given)) {
            throw new NoSuchFileException(given.toString());
        }
        return given;
    }
}
