package dev.tandem.reports;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@link RunRecord}s as JSON: the file {@code tandem run} writes next to its result and
 * {@code tandem report RESULT.json} reads. The format is the records' components as JSON fields, in declaration
 * order, every field present (null when absent), decimals as plain JSON numbers (exact), times as integer epoch
 * nanoseconds; {@code formatVersion} says which version of this layout it is.
 *
 * <p>Reading is strict: malformed JSON, a wrong type, a missing or unknown field, an unsupported format version or
 * values that contradict each other (samples not increasing in time, a sample with the wrong number of positions)
 * fail with a {@link RunRecordFormatException} naming the file, line, column, JSON path and the problem.
 */
public final class RunRecordJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Jackson's default inclusion (ALWAYS) writes null fields too: every field is present in the file
            // only the record components are the format: helpers such as Trade.isOpen() must not become fields
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .build();

    private RunRecordJson() {}

    /** Writes the record to a file (UTF-8), creating parent directories. */
    public static void write(final RunRecord record, final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(record), StandardCharsets.UTF_8);
    }

    /** The record as JSON text (ends with a newline). */
    public static String toJson(final RunRecord record) {
        try {
            return MAPPER.writeValueAsString(record) + "\n";
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a run record as JSON", e);
        }
    }

    /** Reads a record written by {@link #write}. */
    public static RunRecord read(final Path file) throws IOException, RunRecordFormatException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a record from JSON text.
     *
     * @param json   the text
     * @param source the file name used in error messages
     */
    public static RunRecord fromJson(final String json, final String source) throws RunRecordFormatException {
        final RunRecord record;
        try {
            record = MAPPER.readValue(json, RunRecord.class);
        } catch (final JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException syntax) {
                final JsonLocation at = syntax.getLocation();
                throw new RunRecordFormatException(source, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), "",
                        "malformed JSON: " + cleanMessage(syntax.getOriginalMessage()));
            }
            // Jackson reports some errors (unknown or missing fields of records) where the object ends; the value at
            // the error's path, when there is one, is where a person has to look
            final int[] value = e.getPath().isEmpty() ? new int[] {-1, -1} : locate(json, pointer(e.getPath()));
            final JsonLocation at = e.getLocation();
            final int line = value[0] > 0 ? value[0] : at == null ? -1 : at.getLineNr();
            final int column = value[0] > 0 ? value[1] : at == null ? -1 : at.getColumnNr();
            throw new RunRecordFormatException(source, line, column, path(e.getPath()), cleanMessage(e.getOriginalMessage()));
        } catch (final JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            throw new RunRecordFormatException(source, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), "",
                    "malformed JSON: " + cleanMessage(e.getOriginalMessage()));
        }
        if (record == null) {
            throw new RunRecordFormatException(source, 1, 1, "", "the file holds JSON null, not a run record");
        }
        final Problem p = check(record);
        if (p != null) {
            final int[] lineCol = locate(json, p.pointer());
            throw new RunRecordFormatException(source, lineCol[0], lineCol[1], p.path(), p.message());
        }
        return record;
    }

    private record Problem(String path, String pointer, String message) {}

    /** Checks what the types cannot: version, time order, shapes. Returns the first problem or null. */
    private static Problem check(final RunRecord r) {
        if (r.formatVersion() != RunRecord.FORMAT_VERSION) {
            return new Problem("formatVersion", "/formatVersion",
                    "unsupported format version " + r.formatVersion() + " (this Tandem reads version " + RunRecord.FORMAT_VERSION + ")");
        }
        if (r.run().endNanos() < r.run().startNanos()) {
            return new Problem("run.endNanos", "/run/endNanos", "the run ends (" + r.run().endNanos() + ") before it starts (" + r.run().startNanos() + ")");
        }
        final List<RunRecord.Sample> samples = r.equity().samples();
        for (int i = 0; i < samples.size(); i++) {
            final RunRecord.Sample s = samples.get(i);
            if (i > 0 && s.t() <= samples.get(i - 1).t()) {
                return new Problem("equity.samples[" + i + "].t", "/equity/samples/" + i + "/t",
                        s.t() + " is not after the previous sample's time " + samples.get(i - 1).t() + " (samples must be in time order)");
            }
            if (s.positions().size() != r.instruments().size()) {
                return new Problem("equity.samples[" + i + "].positions", "/equity/samples/" + i + "/positions",
                        "has " + s.positions().size() + " positions but the record has " + r.instruments().size() + " instruments");
            }
        }
        for (int i = 0; i < r.trades().size(); i++) {
            final RunRecord.Trade t = r.trades().get(i);
            if (t.exitNanos() < t.entryNanos()) {
                return new Problem("trades[" + i + "].exitNanos", "/trades/" + i + "/exitNanos", "exit " + t.exitNanos() + " is before entry " + t.entryNanos());
            }
            if (r.instrument(t.instrument()) == null) {
                return new Problem("trades[" + i + "].instrument", "/trades/" + i + "/instrument", "unknown instrument '" + t.instrument() + "'");
            }
            if (t.netPnl() == null || t.entryNotional() == null || t.qty() == null) {
                return new Problem("trades[" + i + "]", "/trades/" + i, "qty, entryNotional and netPnl are required");
            }
        }
        for (int i = 0; i < r.fills().size(); i++) {
            final RunRecord.Fill f = r.fills().get(i);
            if (f.price() == null || f.qty() == null || f.price().signum() <= 0 || f.qty().signum() <= 0) {
                return new Problem("fills[" + i + "]", "/fills/" + i, "price and qty must be positive");
            }
        }
        for (int i = 0; i < r.timeline().size(); i++) {
            final RunRecord.TimelineEntry e = r.timeline().get(i);
            if (i > 0 && e.startNanos() < r.timeline().get(i - 1).startNanos()) {
                return new Problem("timeline[" + i + "].startNanos", "/timeline/" + i + "/startNanos", "timeline entries must be in time order");
            }
        }
        return null;
    }

    /** Line and column of the value at a JSON pointer, or {-1, -1}. */
    private static int[] locate(final String json, final String pointer) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY
                        && p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    final JsonLocation at = p.currentTokenLocation();
                    return new int[] {at.getLineNr(), at.getColumnNr()};
                }
            }
        } catch (final IOException e) {
            // the text parsed once already; if it cannot be scanned again, report without a location
        }
        return new int[] {-1, -1};
    }

    private static String pointer(final List<JsonMappingException.Reference> refs) {
        final StringBuilder b = new StringBuilder();
        for (final JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                b.append('/').append(r.getIndex());
            }
        }
        return b.toString();
    }

    private static String path(final List<JsonMappingException.Reference> refs) {
        final StringBuilder b = new StringBuilder();
        for (final JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String cleanMessage(final String message) {
        if (message == null) {
            return "invalid value";
        }
        // Jackson names Java classes; a person reading a JSON error wants the JSON words
        return message.replace("dev.tandem.reports.RunRecord$", "")
                .replace("dev.tandem.reports.", "")
                .replace("`java.lang.String`", "text")
                .replace("`java.math.BigDecimal`", "number")
                .replace("`long`", "integer")
                .replace("`int`", "integer")
                .replace('\n', ' ');
    }
}
