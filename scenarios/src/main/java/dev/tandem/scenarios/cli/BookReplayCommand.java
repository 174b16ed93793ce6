package dev.tandem.scenarios.cli;

import dev.tandem.sim.tools.BookReplay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem book-replay IN.jsonl OUT_DIR}: the simulator's order-book replay tool ({@link BookReplay}). */
@Command(name = "book-replay", mixinStandardHelpOptions = true,
        description = {"Replays an order-book command file (JSON lines: new, cancel, amend orders on one symbol, tick = lot = 1) "
                + "through the simulator's matching engine alone (no balances, no risk) and writes trades.jsonl, results.jsonl "
                + "and book.json into OUT_DIR (created if missing). The formats are in exchange-sim/README.md.",
                "Every malformed line is reported as FILE:LINE: what is wrong, and then nothing is written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed; the three files were written",
                "2:the input is malformed, or a file cannot be read or written", "3:internal error"})
final class BookReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.jsonl", description = "the command file")
    private Path in;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "where to write trades.jsonl, results.jsonl and book.json")
    private Path outDir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter o = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final int code;
        try (PrintStream so = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream se = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            code = BookReplay.run(new String[] {in.toString(), outDir.toString()}, so, se);
        }
        o.print(stdout.toString(StandardCharsets.UTF_8));
        o.flush();
        err.print(stderr.toString(StandardCharsets.UTF_8).replace("BookReplay: ", "tandem book-replay: "));
        err.flush();
        // the tool's 1 (bad input or files) and 2 (usage) are both "invalid input" in tandem's codes
        return code == BookReplay.OK ? TandemCli.OK : TandemCli.INVALID;
    }
}
