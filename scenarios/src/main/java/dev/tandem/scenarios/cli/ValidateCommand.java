package dev.tandem.scenarios.cli;

import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem validate FILE...}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks scenario files against the schema and the semantic rules, without running them. Every problem "
                + "is listed with file, line and column.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every file is valid", "2:a file is invalid"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files (YAML)")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ScenarioLoader loader = ScenarioLoader.defaults();
        int bad = 0;
        for (final Path f : files) {
            try {
                loader.load(f);
                out.println("valid: " + f);
            } catch (ScenarioException e) {
                bad++;
                for (final Problem p : e.problems()) {
                    err.println(p);
                }
            }
        }
        out.flush();
        err.flush();
        if (bad > 0) {
            err.println(bad + " of " + files.size() + " file(s) invalid");
            return TandemCli.INVALID;
        }
        return TandemCli.OK;
    }
}
