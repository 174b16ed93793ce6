package dev.tandem.scenarios.cli;

import static dev.tandem.scenarios.cli.TandemCliTest.tandem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.cli.TandemCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem book-replay}: exchange-sim's order-book replay tool behind the CLI. */
class BookReplayCommandTest {

    @Test
    void replaysACommandFileAndWritesTradesResultsAndTheBook(@TempDir final Path dir) throws Exception {
        final Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of(
                "{\"op\":\"place\",\"id\":1,\"account\":5,\"side\":\"SELL\",\"type\":\"LIMIT\",\"tif\":\"GTC\",\"price\":10021,\"qty\":9}",
                "{\"op\":\"place\",\"id\":2,\"account\":8,\"side\":\"BUY\",\"type\":\"LIMIT\",\"tif\":\"IOC\",\"price\":10021,\"qty\":4}",
                "{\"op\":\"cancel\",\"id\":99,\"account\":7}"));
        final Path out = dir.resolve("out");
        final Result r = tandem("book-replay", in.toString(), out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 commands, 1 trade");
        assertThat(Files.readAllLines(out.resolve("trades.jsonl"))).containsExactly("{\"cmd\":1,\"taker\":2,\"maker\":1,\"price\":10021,\"qty\":4}");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3).last().asString().contains("unknown_order");
        assertThat(Files.readString(out.resolve("book.json"))).contains("10021");
    }

    @Test
    void aMalformedLineIsInvalidInputWithFileAndLineAndNothingIsWritten(@TempDir final Path dir) throws Exception {
        final Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of("{\"op\":\"place\",\"id\":1,\"account\":5,\"side\":\"SELL\",\"type\":\"LIMIT\",\"price\":10021,\"qty\":\"abc\"}"));
        final Path out = dir.resolve("out");
        final Result r = tandem("book-replay", in.toString(), out.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.err()).contains(in + ":1: ").contains("qty").contains("tandem book-replay: 1 malformed line");
        assertThat(out).doesNotExist();
        assertThat(tandem("book-replay", dir.resolve("missing.jsonl").toString(), out.toString()).code()).isEqualTo(TandemCli.INVALID);
        assertThat(tandem("book-replay", in.toString()).code()).as("OUT_DIR missing").isEqualTo(TandemCli.INVALID);
    }
}
