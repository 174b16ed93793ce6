package dev.tandem.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tandem} command line: {@code run}, {@code validate}, {@code verify}, {@code report}, {@code sweep},
 * {@code book-replay}. Exit codes: 0 everything passed, 1 an expectation or golden trace hash did not hold (or a run
 * of a sweep failed), 2 invalid input (a bad scenario file, run record or argument), 3 an internal error.
 */
@Command(name = "tandem", mixinStandardHelpOptions = true, versionProvider = TandemCli.Version.class,
        description = "Runs deterministic trading scenarios on the Tandem kernel and simulated venue.",
        subcommands = {RunCommand.class, ValidateCommand.class, VerifyCommand.class, ReportCommand.class, SweepCommand.class,
            BookReplayCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything passed", "1:an expectation or a golden trace hash did not hold",
                "2:invalid input (a bad scenario file or argument)", "3:internal error"})
public final class TandemCli implements Runnable {
    /** Everything passed. */
    public static final int OK = 0;
    /** An expectation or golden trace hash did not hold. */
    public static final int FAILED = 1;
    /** Invalid input. */
    public static final int INVALID = 2;
    /** An internal error. */
    public static final int ERROR = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, validate, verify, report, sweep or book-replay");
    }

    /** The command line, configured (exit codes of usage errors: 2). */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new TandemCli());
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? INVALID : ERROR);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("tandem: internal error: " + e);
            e.printStackTrace(line.getErr());
            return ERROR;
        });
        return cl;
    }

    /** Entry point. */
    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The Tandem version from the jar's manifest, or {@code development build} when run from classes (tests, IDE). */
    static String versionText() {
        final String v = TandemCli.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = TandemCli.class.getPackage().getImplementationVersion();
            return new String[] {"tandem " + (v == null ? "(development build)" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
