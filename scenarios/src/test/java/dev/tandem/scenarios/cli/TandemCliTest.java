package dev.tandem.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.scenarios.golden.GoldenFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tandem command line end to end: commands, output files, messages and exit codes. */
class TandemCliTest {
    static final Path LOST_ACK = Path.of("src", "test", "resources", "scenarios", "faults", "lost-ack.yaml");

    /** One CLI invocation's exit code and output. */
    record Result(int code, String out, String err) {}

    static Result tandem(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cl = TandemCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        final int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpAndTheToolHasAVersion() {
        for (final String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"validate", "--help"}, {"verify", "--help"},
            {"report", "--help"}, {"sweep", "--help"}, {"book-replay", "--help"}, {"help", "sweep"}}) {
            final Result r = tandem(args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage: tandem").contains("Exit codes:");
        }
        // picocli formats descriptions with String.format and complains on System.err about a bare '%'
        final java.io.PrintStream stderr = System.err;
        final java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (final String command : new String[] {"run", "validate", "verify", "report", "sweep", "book-replay"}) {
                tandem(command, "--help");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).as("picocli warnings").isEmpty();
        assertThat(tandem("run", "--help").out()).contains("drawdown-max=10%,");
        for (final String command : new String[] {"run", "validate", "verify", "report", "sweep", "book-replay"}) {
            assertThat(tandem("--help").out()).as("the top-level help lists " + command).containsPattern("(?m)^\\s+" + command + "\\s");
            assertThat(tandem(command, "--help").out()).as(command).startsWith("Usage: tandem " + command);
        }
        assertThat(tandem("--version").out()).startsWith("tandem ");
        assertThat(tandem().code()).as("no command").isEqualTo(TandemCli.INVALID);
        assertThat(tandem("fly").code()).as("unknown command").isEqualTo(TandemCli.INVALID);
    }

    @Test
    void runWritesTheResultAndTheJournalAndPrintsWhereTheyAre(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("out");
        final Result r = tandem("run", LOST_ACK.toString(), "--out", out.toString(), "--journal");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        final Path result = out.resolve("result.json");
        assertThat(r.out()).contains("result:  " + result.toAbsolutePath().normalize()).contains("expectations 5 of 5 passed")
                .contains("trace hash   ");
        final JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.get("scenario").asText()).isEqualTo("lost-ack");
        assertThat(json.get("traceHash").asText()).isEqualTo(GoldenFiles.read(LOST_ACK));
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("expectations")).hasSize(5);
        assertThat(json.get("faultLog").get(0).get("type").asText()).isEqualTo("LOST_ACK");
        assertThat(Files.readAllLines(out.resolve("journal.txt"))).isNotEmpty().allMatch(l -> l.matches("\\d+ .+"));
    }

    @Test
    void aFailedExpectationExitsWithOneAndSaysWhy(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("failing.yaml");
        Files.writeString(f, Files.readString(LOST_ACK).replace("equals: \"0\"", "equals: \"0.002\""));
        final Result r = tandem("run", f.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(TandemCli.FAILED);
        assertThat(r.out()).contains("FAIL final-position: the final position in BTCUSDT is 0.002 — expected 0.002; actual 0.000");
    }

    @Test
    void anInvalidFileExitsWithTwoAndNamesLineAndColumn(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("bad.yaml");
        Files.writeString(f, Files.readString(LOST_ACK).replace("seed: 2718", "sede: 2718"));
        final Result run = tandem("run", f.toString());
        assertThat(run.code()).isEqualTo(TandemCli.INVALID);
        assertThat(run.err()).contains(f + ": line 3, column 1: unknown key 'sede' in the top level; did you mean 'seed'?")
                .contains("nothing was run");
        final Result validate = tandem("validate", LOST_ACK.toString(), f.toString());
        assertThat(validate.code()).isEqualTo(TandemCli.INVALID);
        assertThat(validate.out()).contains("valid: " + LOST_ACK);
        assertThat(validate.err()).contains("1 of 2 file(s) invalid");
        assertThat(tandem("validate", LOST_ACK.toString()).code()).isZero();
        assertThat(tandem("run", dir.resolve("missing.yaml").toString()).err()).contains("missing.yaml: no such file");
    }

    @Test
    void verifyWritesGoldensOnlyWhenAskedAndCatchesMismatches(@TempDir final Path dir) throws Exception {
        final Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        final Path f = lib.resolve("lost-ack.yaml");
        Files.copy(LOST_ACK, f);

        Result r = tandem("verify", lib.toString());
        assertThat(r.code()).isEqualTo(TandemCli.FAILED);
        assertThat(r.out()).contains("NO_GOLDEN").contains("0 of 1 scenario(s) passed");
        assertThat(GoldenFiles.goldenOf(f)).doesNotExist();

        r = tandem("verify", "--update-golden", lib.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("UPDATED");
        assertThat(GoldenFiles.read(f)).isEqualTo(GoldenFiles.read(LOST_ACK));
        final long written = Files.getLastModifiedTime(GoldenFiles.goldenOf(f)).toMillis();

        r = tandem("verify", lib.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("PASS").contains("1 of 1 scenario(s) passed");
        r = tandem("verify", "--update-golden", lib.toString());
        assertThat(r.out()).as("an unchanged golden is not rewritten").contains("PASS").doesNotContain("UPDATED");
        assertThat(Files.getLastModifiedTime(GoldenFiles.goldenOf(f)).toMillis()).isEqualTo(written);

        Files.writeString(GoldenFiles.goldenOf(f), "trace-hash: " + "ab".repeat(32) + "\n");
        r = tandem("verify", lib.toString());
        assertThat(r.code()).isEqualTo(TandemCli.FAILED);
        assertThat(r.out()).contains("GOLDEN_MISMATCH").contains("differs from the golden " + "ab".repeat(32));
    }

    @Test
    void verifyNeverWritesTheGoldenOfAFailingOrInvalidScenario(@TempDir final Path dir) throws Exception {
        final Path failing = dir.resolve("failing.yaml");
        Files.writeString(failing, Files.readString(LOST_ACK).replace("equals: \"0\"", "equals: \"0.002\""));
        final Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, "seed: [\n");
        final Result r = tandem("verify", "--update-golden", dir.toString());
        assertThat(r.code()).isEqualTo(TandemCli.INVALID);
        assertThat(r.out()).contains("EXPECTATION_FAILED").contains("INVALID").contains("0 of 2 scenario(s) passed");
        assertThat(GoldenFiles.goldenOf(failing)).doesNotExist();
        assertThat(GoldenFiles.goldenOf(invalid)).doesNotExist();
        assertThat(tandem("verify", dir.resolve("nowhere").toString()).code()).isEqualTo(TandemCli.INVALID);
    }
}
