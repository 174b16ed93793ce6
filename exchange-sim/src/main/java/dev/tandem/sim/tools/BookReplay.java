package dev.tandem.sim.tools;

import dev.tandem.kernel.SuppressForbidden;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The order-book replay tool: {@code java -cp ... dev.tandem.sim.tools.BookReplay IN.jsonl OUT_DIR}.
 *
 * <p>Runs the matching engine alone (no balances, no risk) on one symbol with tick = lot = 1 over a JSON-lines
 * command file and writes {@code trades.jsonl}, {@code results.jsonl} and {@code book.json} into {@code OUT_DIR}
 * (created if missing). The formats are in the module README. A malformed input line is reported as
 * {@code FILE:LINE: what is wrong} on standard error (all of them, up to {@value #MAX_REPORTED_ERRORS}) and
 * nothing is written.
 *
 * <p>Exit codes: 0 done; 1 the input is malformed or a file cannot be read or written; 2 wrong arguments.
 */
@SuppressForbidden(reason = "command-line tool entry point: reads its input file and writes its outputs; "
        + "the matching itself stays deterministic")
public final class BookReplay {
    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the input is malformed or a file cannot be read or written. */
    public static final int INPUT_ERROR = 1;
    /** Exit code: wrong arguments. */
    public static final int USAGE_ERROR = 2;
    static final int MAX_REPORTED_ERRORS = 20;
    private static final String USAGE = "usage: BookReplay IN.jsonl OUT_DIR";

    private BookReplay() {
    }

    /** The command-line entry point; exits with a non-zero code on failure. */
    public static void main(final String[] args) {
        final int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the tool with these arguments, printing to {@code out} and {@code err} instead of the process's streams
     * (the {@code tandem book-replay} command wraps it).
     *
     * @return the exit code: {@link #OK}, {@link #INPUT_ERROR} or {@link #USAGE_ERROR}
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length != 2) {
            err.println(USAGE);
            return USAGE_ERROR;
        }
        final Path in;
        final Path outDir;
        try {
            in = Path.of(args[0]);
            outDir = Path.of(args[1]);
        } catch (InvalidPathException e) {
            err.println("BookReplay: invalid path: " + e.getMessage());
            return USAGE_ERROR;
        }

        final List<ReplayCommand> commands = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int errorCount = 0;
        final ReplayParser parser = new ReplayParser();
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            int index = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine(), index++) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    commands.add(parser.parse(line, index));
                } catch (ReplayInputException e) {
                    errorCount++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(args[0] + ":" + (index + 1) + ": " + e.getMessage());
                    }
                }
            }
        } catch (CharacterCodingException e) {
            err.println("BookReplay: " + args[0] + ": not valid UTF-8 text");
            return INPUT_ERROR;
        } catch (IOException e) {
            err.println("BookReplay: cannot read " + args[0] + ": " + describe(e));
            return INPUT_ERROR;
        }
        if (errorCount > 0) {
            for (final String e : errors) {
                err.println(e);
            }
            if (errorCount > errors.size()) {
                err.println("... and " + (errorCount - errors.size()) + " more malformed lines");
            }
            err.println("BookReplay: " + errorCount + " malformed line" + (errorCount == 1 ? "" : "s") + " in "
                    + args[0] + "; nothing written");
            return INPUT_ERROR;
        }

        final ReplaySession session = new ReplaySession();
        session.run(commands);
        try {
            Files.createDirectories(outDir);
            writeLines(outDir.resolve("trades.jsonl"), session.tradeLines());
            writeLines(outDir.resolve("results.jsonl"), session.resultLines());
            writeLines(outDir.resolve("book.json"), List.of(session.bookJson()));
        } catch (IOException e) {
            err.println("BookReplay: cannot write to " + args[1] + ": " + describe(e));
            return INPUT_ERROR;
        }
        final int trades = session.tradeLines().size();
        out.println("BookReplay: " + commands.size() + " command" + (commands.size() == 1 ? "" : "s") + ", " + trades
                + " trade" + (trades == 1 ? "" : "s") + " -> " + outDir);
        return OK;
    }

    private static void writeLines(final Path file, final List<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (final String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    private static String describe(final IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory: " + e.getMessage();
        }
        final String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : e.getMessage() + " (" + kind + ")";
    }
}
