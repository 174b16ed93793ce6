package dev.tandem.sim.data;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.model.Instrument;
import java.io.Reader;
import java.util.List;

/**
 * Base of the CSV replay readers: the first non-blank line must be one of the accepted headers (compared
 * column by column, case-insensitively, ignoring spaces; a wrong header is fatal whatever the policy); every
 * later line must have as many comma-separated columns as the header. No quoting: none of the formats uses it.
 */
abstract class CsvReplayReader<T extends MarketData> extends LineReplayReader<T> {
    private final List<List<String>> acceptedHeaders;
    private int columns = -1;
    private String[] fields = new String[0];

    CsvReplayReader(final Reader reader, final String sourceName, final Instrument instrument,
            final ReplayOptions options, final List<List<String>> acceptedHeaders) {
        super(reader, sourceName, instrument, options);
        this.acceptedHeaders = List.copyOf(acceptedHeaders);
    }

    /** Parses the fields of one data row (as many as {@link #columns()}). */
    abstract T parseRow(String[] row, long number);

    /** Column count of the header found. */
    final int columns() {
        return columns;
    }

    /** The header's column names as found (the first accepted header that matched). */
    final List<String> header() {
        for (final List<String> h : acceptedHeaders) {
            if (h.size() == columns) {
                return h;
            }
        }
        return List.of();
    }

    @Override
    final T parseLine(final String line, final long number) {
        if (columns < 0) {
            readHeader(line, number);
            return null;
        }
        final int n = split(line, fields);
        if (n != columns) {
            throw new BadRow("expected " + columns + " columns, found " + n);
        }
        return parseRow(fields, number);
    }

    private void readHeader(final String line, final long number) {
        final String[] found = line.split(",", -1);
        for (final List<String> expected : acceptedHeaders) {
            if (expected.size() != found.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < found.length && same; i++) {
                same = found[i].strip().equalsIgnoreCase(expected.get(i));
            }
            if (same) {
                columns = found.length;
                fields = new String[columns];
                return;
            }
        }
        final StringBuilder want = new StringBuilder();
        for (final List<String> expected : acceptedHeaders) {
            if (want.length() > 0) {
                want.append("' or '");
            }
            want.append(String.join(",", expected));
        }
        throw fatal(number, "expected the header '" + want + "', found '" + line + "'");
    }

    /** Splits on commas into {@code out}; returns the column count (which may exceed out.length; then out is partial). */
    private static int split(final String line, final String[] out) {
        int count = 0;
        int start = 0;
        final int n = line.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || line.charAt(i) == ',') {
                if (count < out.length) {
                    out[count] = line.substring(start, i);
                }
                count++;
                start = i + 1;
            }
        }
        return count;
    }
}
