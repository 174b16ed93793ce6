package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tandem.kernel.model.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-record file: an exact round trip, and clear errors (file, line, column, JSON path, problem) for bad input. */
class RunRecordJsonTest {

    private static RunRecord rich() {
        final KernelEventScript s = new KernelEventScript();
        s.sample(0);
        s.order(1, Side.BUY, "100.00", "1.000", "0.10");
        s.mark("101.50");
        s.sample(2);
        s.order(3, Side.SELL, "102.30", "1.000", "0.11");
        s.order(4, Side.SELL, "102.00", "0.500", "0.05");
        s.funding(5, "0.0001", "102.00");
        s.liquidation(6, Side.BUY, "110.00", "0.500", "0.06");
        s.recorder.span(s.at(1), s.at(3), TimelineCategory.FAULT, "OUTAGE", "HTTP 503 \"quoted\" <b>");
        s.sample(7);
        final RunRecord r = s.finish();
        return new RunRecord(r.formatVersion(), r.run(), new Provenance("rich", 42, "scenarios/x.yaml", "ab12", List.of(new Provenance.DataFile("d.csv", "cd34")),
                "0.1.0", "CLOSE", "ef56", "tandem run scenarios/x.yaml --seed 42", new java.util.TreeMap<>(java.util.Map.of("fast", "12"))),
                r.instruments(), r.equity(), r.trades(), r.fills(), r.orders(), r.refusals(), r.timeline(), r.totals(), r.counters());
    }

    @Test
    void aRecordSurvivesTheFileExactly(@TempDir final Path dir) throws Exception {
        final RunRecord r = rich();
        assertThat(r.trades()).hasSize(2);
        final Path file = dir.resolve("sub").resolve("result.json");
        RunRecordJson.write(r, file);
        final RunRecord back = RunRecordJson.read(file);
        assertThat(back).isEqualTo(r);
        assertThat(RunRecordJson.toJson(back)).isEqualTo(Files.readString(file));
        // decimals are plain and exact; helper methods of the records are not fields
        final String json = Files.readString(file);
        assertThat(json).contains("\"realizedPnl\" : 2.3", "\"formatVersion\" : 1").doesNotContain("E+", "E-", "\"open\"", "\"span\"");
        // and the report of the re-read record is the same page
        assertThat(HtmlReport.render(back)).isEqualTo(HtmlReport.render(r));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        final RunRecordFormatException e = catchThrowableOfType(RunRecordFormatException.class,
                () -> RunRecordJson.fromJson("{\n  \"formatVersion\" : 1,\n  \"run\" : {,\n}", "bad.json"));
        assertThat(e.source()).isEqualTo("bad.json");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(12); // the comma after {
        assertThat(e.getMessage()).startsWith("bad.json:3:12: malformed JSON: ");
        assertThatThrownBy(() -> RunRecordJson.fromJson("", "empty.json")).isInstanceOf(RunRecordFormatException.class).hasMessageContaining("empty.json");
        assertThatThrownBy(() -> RunRecordJson.fromJson("null", "null.json")).isInstanceOf(RunRecordFormatException.class)
                .hasMessage("null.json:1:1: the file holds JSON null, not a run record");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPathAndLine() {
        final String json = RunRecordJson.toJson(rich());
        final String broken = json.replaceFirst("\"seed\" : 42", "\"seed\" : \"forty-two\"");
        final RunRecordFormatException e = catchThrowableOfType(RunRecordFormatException.class, () -> RunRecordJson.fromJson(broken, "r.json"));
        assertThat(e.path()).isEqualTo("run.seed");
        assertThat(e.line()).isEqualTo(lineOf(broken, "\"forty-two\""));
        assertThat(e.problem()).contains("forty-two");
    }

    @Test
    void missingAndUnknownFieldsAreErrors() {
        final String json = RunRecordJson.toJson(rich());
        final String missing = json.replaceFirst("\"runTag\" : \"tag\",", "");
        assertThatThrownBy(() -> RunRecordJson.fromJson(missing, "m.json")).isInstanceOf(RunRecordFormatException.class)
                .hasMessageContaining("run").hasMessageContaining("'runTag'");
        final String unknown = json.replaceFirst("\"runTag\" : \"tag\",", "\"runTag\" : \"tag\", \"colour\" : \"blue\",");
        final RunRecordFormatException e = catchThrowableOfType(RunRecordFormatException.class, () -> RunRecordJson.fromJson(unknown, "u.json"));
        assertThat(e.path()).isEqualTo("run.colour");
        assertThat(e.line()).isEqualTo(lineOf(unknown, "\"colour\""));
    }

    @Test
    void anUnsupportedVersionIsRefusedAtItsLine() {
        final String json = RunRecordJson.toJson(rich()).replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        final RunRecordFormatException e = catchThrowableOfType(RunRecordFormatException.class, () -> RunRecordJson.fromJson(json, "v.json"));
        assertThat(e.getMessage()).isEqualTo("v.json:2:21: formatVersion: unsupported format version 2 (this Tandem reads version 1)");
    }

    @Test
    void samplesOutOfOrderAreLocated() {
        final RunRecord r = rich();
        final String json = RunRecordJson.toJson(r);
        final long t1 = r.equity().samples().get(1).t();
        final long t2 = r.equity().samples().get(2).t();
        // the third sample moved before the second
        final String broken = json.replace("\"t\" : " + t2, "\"t\" : " + (t1 - 1));
        final RunRecordFormatException e = catchThrowableOfType(RunRecordFormatException.class, () -> RunRecordJson.fromJson(broken, "o.json"));
        assertThat(e.path()).isEqualTo("equity.samples[2].t");
        assertThat(e.line()).isEqualTo(lineOf(broken, "\"t\" : " + (t1 - 1)));
        assertThat(e.problem()).contains("is not after the previous sample's time " + t1);
    }

    @Test
    void aSampleWithTheWrongNumberOfPositionsIsAnError() {
        final String json = RunRecordJson.toJson(rich());
        final String broken = json.replaceFirst("\"positions\" : \\[ 0 \\]", "\"positions\" : [ 0, 1 ]");
        assertThat(broken).isNotEqualTo(json);
        assertThatThrownBy(() -> RunRecordJson.fromJson(broken, "p.json")).isInstanceOf(RunRecordFormatException.class)
                .hasMessageContaining("equity.samples[0].positions: has 2 positions but the record has 1 instruments");
    }

    private static int lineOf(final String text, final String needle) {
        final int at = text.indexOf(needle);
        assertThat(at).as("'%s' in the JSON", needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
