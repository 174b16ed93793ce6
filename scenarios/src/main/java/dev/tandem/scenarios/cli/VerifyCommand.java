package dev.tandem.scenarios.cli;

import dev.tandem.scenarios.golden.GoldenFiles;
import dev.tandem.scenarios.golden.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem verify DIR... [--update-golden]}: replays scenarios against their expectations and golden hashes. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replays every scenario file under the given directories (or the given files), checks its expectations "
                + "and compares its trace hash with the golden one in expected/<name>.digest beside it; prints a table.",
                "--update-golden is the only way golden files are written: it writes them for scenarios whose expectations "
                        + "pass (never for failing or invalid ones) and leaves unchanged goldens untouched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario passed", "1:an expectation failed, a golden is missing or differs, or a run failed",
                "2:a scenario file is invalid or a path does not exist"})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "directories to search for *.yaml (expected/ is skipped), or files")
    private List<Path> roots;

    @Option(names = "--update-golden", description = "write the golden trace hash of every scenario whose expectations pass")
    private boolean updateGolden;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<Path> files;
        try {
            files = GoldenFiles.find(roots);
        } catch (IOException e) {
            err.println("tandem verify: " + e.getMessage());
            return TandemCli.INVALID;
        }
        if (files.isEmpty()) {
            err.println("tandem verify: no scenario files (*.yaml) under " + roots);
            return TandemCli.INVALID;
        }
        final Verifier verifier = Verifier.defaults();
        final List<Verifier.Entry> entries = new ArrayList<>();
        int width = 8;
        for (final Path f : files) {
            width = Math.max(width, f.toString().length());
        }
        out.printf("%-" + width + "s  %-18s  %-16s  %8s%n", "scenario", "status", "trace hash", "time");
        for (final Path f : files) {
            final Verifier.Entry e = verifier.verify(f, updateGolden);
            entries.add(e);
            out.printf("%-" + width + "s  %-18s  %-16s  %7.1fs%n", f, e.status(),
                    e.traceHash().isEmpty() ? "-" : e.traceHash().substring(0, 16), e.wallMillis() / 1000.0);
            for (final String d : e.details()) {
                out.println("    " + d.replace("\n", "\n    "));
            }
            out.flush();
        }
        long ok = 0;
        boolean invalid = false;
        for (final Verifier.Entry e : entries) {
            ok += e.status().ok() ? 1 : 0;
            invalid |= e.status() == Verifier.Status.INVALID;
        }
        out.println(ok + " of " + entries.size() + " scenario(s) passed" + (updateGolden ? " (goldens updated where needed)" : ""));
        if (ok == entries.size()) {
            return TandemCli.OK;
        }
        return invalid ? TandemCli.INVALID : TandemCli.FAILED;
    }
}
