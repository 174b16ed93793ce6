package dev.tandem.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay tool end to end: a hand-made command file in, the three output files compared line by line. */
class BookReplayTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(final String... args) {
        return BookReplay.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private Path input(final String... lines) throws IOException {
        final Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of(lines), StandardCharsets.UTF_8);
        return in;
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replaysAHandMadeSessionIntoTradesResultsAndTheBook() throws IOException {
        final Path in = input(
                /* 0 */ "{\"op\":\"place\",\"id\":1,\"account\":5,\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":10021,\"qty\":9}",
                /* 1 */ "{\"op\":\"place\",\"id\":2,\"account\":6,\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":10021,\"qty\":4}",
                /* 2 */ "{\"op\":\"place\",\"id\":3,\"account\":6,\"side\":\"SELL\",\"type\":\"LIMIT\",\"price\":10025,\"qty\":5}",
                /* 3 */ "{\"op\":\"place\",\"id\":4,\"account\":7,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":10010,\"qty\":3}",
                /* 4 */ "{\"op\":\"place\",\"id\":5,\"account\":8,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"IOC\",\"price\":10021,\"qty\":11}",
                /* 5 */ "",
                /* 6 */ "{\"op\":\"place\",\"id\":6,\"account\":8,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"POST_ONLY\",\"price\":10021,\"qty\":1}",
                /* 7 */ "{\"op\":\"place\",\"id\":7,\"account\":8,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"FOK\",\"price\":10025,\"qty\":50}",
                /* 8 */ "{\"op\":\"amend\",\"id\":4,\"account\":7,\"price\":10012}",
                /* 9 */ "{\"op\":\"amend\",\"id\":4,\"account\":7,\"qty\":2}",
                /* 10 */ "{\"op\":\"cancel\",\"id\":99,\"account\":7}",
                /* 11 */ "{\"op\":\"cancel\",\"id\":3,\"account\":5}",
                /* 12 */ "{\"op\":\"place\",\"id\":8,\"account\":6,\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":6}",
                /* 13 */ "{\"op\":\"place\",\"id\":9,\"account\":9,\"side\":\"SELL\",\"type\":\"MARKET\",\"tif\":\"IOC\",\"qty\":1}",
                /* 14 */ "{\"op\":\"place\",\"id\":10,\"account\":9,\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":0,\"qty\":1}",
                /* 15 */ "{\"op\":\"cancel\",\"id\":2,\"account\":6}",
                /* 16 */ "{\"op\":\"place\",\"id\":4,\"account\":9,\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":10000,\"qty\":1}");
        final Path out = dir.resolve("out");
        assertThat(run(in.toString(), out.toString())).as(err()).isZero();
        assertThat(err()).isEmpty();

        assertThat(Files.readAllLines(out.resolve("trades.jsonl"))).containsExactly(
                "{\"cmd\":4,\"taker\":5,\"maker\":1,\"price\":10021,\"qty\":9}",
                "{\"cmd\":4,\"taker\":5,\"maker\":2,\"price\":10021,\"qty\":2}",
                // cmd 12: the market buy of account 6 meets its own order 2 first; cancel-taker ends it untraded
                "{\"cmd\":13,\"taker\":9,\"maker\":4,\"price\":10012,\"qty\":1}");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).containsExactly(
                "{\"cmd\":0,\"op\":\"place\",\"id\":1,\"result\":\"accepted\"}",
                "{\"cmd\":1,\"op\":\"place\",\"id\":2,\"result\":\"accepted\"}",
                "{\"cmd\":2,\"op\":\"place\",\"id\":3,\"result\":\"accepted\"}",
                "{\"cmd\":3,\"op\":\"place\",\"id\":4,\"result\":\"accepted\"}",
                "{\"cmd\":4,\"op\":\"place\",\"id\":5,\"result\":\"accepted\"}",
                "{\"cmd\":6,\"op\":\"place\",\"id\":6,\"result\":\"rejected\",\"reason\":\"POST_ONLY_WOULD_TAKE\"}",
                "{\"cmd\":7,\"op\":\"place\",\"id\":7,\"result\":\"rejected\",\"reason\":\"FOK_NOT_FILLABLE\"}",
                "{\"cmd\":8,\"op\":\"amend\",\"id\":4,\"result\":\"accepted\"}",
                "{\"cmd\":9,\"op\":\"amend\",\"id\":4,\"result\":\"accepted\"}",
                "{\"cmd\":10,\"op\":\"cancel\",\"id\":99,\"result\":\"unknown_order\"}",
                "{\"cmd\":11,\"op\":\"cancel\",\"id\":3,\"result\":\"unknown_order\"}",
                "{\"cmd\":12,\"op\":\"place\",\"id\":8,\"result\":\"accepted\",\"canceled\":6,\"cancel_reason\":\"SELF_TRADE\"}",
                "{\"cmd\":13,\"op\":\"place\",\"id\":9,\"result\":\"accepted\"}",
                "{\"cmd\":14,\"op\":\"place\",\"id\":10,\"result\":\"rejected\",\"reason\":\"INVALID_PRICE\"}",
                "{\"cmd\":15,\"op\":\"cancel\",\"id\":2,\"result\":\"accepted\"}",
                "{\"cmd\":16,\"op\":\"place\",\"id\":4,\"result\":\"rejected\",\"reason\":\"DUPLICATE_ORDER_ID\"}");
        assertThat(Files.readAllLines(out.resolve("book.json"))).containsExactly(
                "{\"bids\":[[10012,1,1]],\"asks\":[[10025,5,1]]}");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("16 commands, 3 trades");
    }

    @Test
    void anIocRemainderIsReportedOnItsResultLine() throws IOException {
        final Path in = input(
                "{\"op\":\"place\",\"id\":1,\"account\":1,\"side\":\"SELL\",\"type\":\"LIMIT\",\"price\":100,\"qty\":2}",
                "{\"op\":\"place\",\"id\":2,\"account\":2,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"IOC\",\"price\":100,\"qty\":5}",
                "{\"op\":\"place\",\"id\":3,\"account\":2,\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":5}");
        assertThat(run(in.toString(), dir.resolve("o").toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("o/results.jsonl"))).containsExactly(
                "{\"cmd\":0,\"op\":\"place\",\"id\":1,\"result\":\"accepted\"}",
                "{\"cmd\":1,\"op\":\"place\",\"id\":2,\"result\":\"accepted\",\"canceled\":3,\"cancel_reason\":\"IOC_REMAINDER\"}",
                "{\"cmd\":2,\"op\":\"place\",\"id\":3,\"result\":\"accepted\",\"canceled\":5,\"cancel_reason\":\"NO_LIQUIDITY\"}");
        assertThat(Files.readAllLines(dir.resolve("o/book.json"))).containsExactly("{\"bids\":[],\"asks\":[]}");
        assertThat(Files.readAllLines(dir.resolve("o/trades.jsonl"))).hasSize(1);
    }

    @Test
    void malformedLinesAreReportedWithFileLineAndReasonAndNothingIsWritten() throws IOException {
        final Path in = input(
                "{\"op\":\"place\",\"id\":1,\"account\":5,\"side\":\"SELL\",\"type\":\"LIMIT\",\"price\":10021,\"qty\":9}",
                "{\"op\":\"place\",\"id\":2,\"account\":5,\"side\":\"SELL\",\"type\":\"LIMIT\",\"price\":10021,\"qty\":\"abc\"}",
                "{\"op\":\"place\",\"id\":3,\"account\":5,\"side\":\"sell\",\"type\":\"LIMIT\",\"price\":1,\"qty\":1}",
                "{\"op\":\"cancel\",\"id\":1}",
                "{\"op\":\"amend\",\"id\":1,\"account\":5}",
                "{\"op\":\"fly\",\"id\":1}",
                "{\"op\":\"place\",\"id\":4,\"account\":5,\"side\":\"BUY\",\"type\":\"STOP_LIMIT\",\"price\":1,\"qty\":1}",
                "{\"op\":\"place\",\"id\":5,\"account\":5,\"side\":\"BUY\",\"type\":\"MARKET\",\"price\":1,\"qty\":1}",
                "{\"op\":\"cancel\",\"id\":1.5,\"account\":5}",
                "{\"op\":\"cancel\",\"id\":1,\"account\":5,\"extra\":true}",
                "{\"op\":\"cancel\",\"id\":1,\"account\":99999999999999999999}",
                "{\"op\":\"cancel\",\"id\":1,\"account\":5,\"account\":6}",
                "{\"op\":\"cancel\",",
                "[1,2]",
                "{\"op\":\"cancel\",\"id\":1,\"account\":5} trailing",
                "{\"op\":\"cancel\",\"id\":1,\"account\":5} {}");
        final Path out = dir.resolve("out");
        assertThat(run(in.toString(), out.toString())).isEqualTo(BookReplay.INPUT_ERROR);
        final String f = in.toString();
        assertThat(err()).contains(
                f + ":2: field \"qty\" must be an integer, got \"abc\"",
                f + ":3: field \"side\" must be one of BUY | SELL, got \"sell\"",
                f + ":4: missing field \"account\"",
                f + ":5: an amend needs \"price\", \"qty\" (the new total quantity) or both",
                f + ":6: unknown op \"fly\" (expected place, cancel or amend)",
                f + ":7: field \"type\" must be one of LIMIT | MARKET, got \"STOP_LIMIT\"",
                f + ":8: a MARKET order takes no \"price\"",
                f + ":9: field \"id\" must be an integer, got 1.5",
                f + ":10: unknown field \"extra\" for op \"cancel\" (allowed: op, id, account)",
                f + ":11: field \"account\" is out of range for a 64-bit integer",
                f + ":12: not valid JSON (column ",
                f + ":13: not valid JSON (column ",
                f + ":14: expected a JSON object, got an array",
                f + ":15: not valid JSON (column ",
                f + ":16: not valid JSON (column 36): more text after the JSON object (one command per line)",
                "15 malformed lines in " + f + "; nothing written");
        assertThat(err()).contains("Duplicate field 'account'").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingInputFileOrWrongArgumentsGiveAClearMessageAndANonZeroExit() {
        assertThat(run(dir.resolve("nope.jsonl").toString(), dir.resolve("out").toString()))
                .isEqualTo(BookReplay.INPUT_ERROR);
        assertThat(err()).contains("cannot read").contains("nope.jsonl").contains("no such file");
        stderr.reset();
        assertThat(run("only-one-argument")).isEqualTo(BookReplay.USAGE_ERROR);
        assertThat(err()).contains("usage: BookReplay IN.jsonl OUT_DIR");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsReported() throws IOException {
        final Path in = input("{\"op\":\"cancel\",\"id\":1,\"account\":5}");
        final Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThat(run(in.toString(), file.toString())).isEqualTo(BookReplay.INPUT_ERROR);
        assertThat(err()).contains("cannot write to").contains("taken");
    }

    @Test
    void manyMalformedLinesAreCappedInTheReport() throws IOException {
        final String[] lines = new String[30];
        java.util.Arrays.fill(lines, "nonsense");
        final Path in = input(lines);
        assertThat(run(in.toString(), dir.resolve("out").toString())).isEqualTo(BookReplay.INPUT_ERROR);
        assertThat(err()).contains("... and 10 more malformed lines").contains("30 malformed lines");
    }
}
