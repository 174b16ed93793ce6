package dev.tandem.sim.data;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.model.Instrument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Base of the line-oriented replay readers: reads physical lines lazily (LF, CRLF or CR; a leading byte-order mark
 * is dropped; blank lines are ignored), numbers them from 1, applies the {@link DataErrorPolicy} and keeps the
 * time-order watermark. Subclasses parse one line atomically: they validate everything first and change their own
 * state only once nothing can fail any more, so a skipped line leaves no trace.
 */
abstract class LineReplayReader<T extends MarketData> implements MarketDataSource<T> {
    private final BufferedReader in;
    private final String sourceName;
    final Instrument instrument;
    final ReplayOptions options;

    private long lineNumber;
    private T next;
    private boolean eof;
    private boolean closed;
    private final List<DataProblem> problems = new ArrayList<>();
    private long problemCount;

    private long watermarkNanos = Long.MIN_VALUE;
    private String watermarkText = "";
    private long watermarkLine;

    LineReplayReader(final Reader reader, final String sourceName, final Instrument instrument,
            final ReplayOptions options) {
        if (reader == null || sourceName == null || instrument == null || options == null) {
            throw new IllegalArgumentException("reader, sourceName, instrument and options are required");
        }
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.sourceName = sourceName;
        this.instrument = instrument;
        this.options = options;
    }

    /**
     * Parses one non-blank line. Returns the record, or null when the line yields none (a header, an ignored
     * message). Throws {@link BadRow} for a bad line, after changing no state.
     */
    abstract T parseLine(String line, long number);

    @Override
    public final String sourceName() {
        return sourceName;
    }

    @Override
    public final boolean hasNext() {
        while (next == null && !eof) {
            final String line = readLine();
            if (line == null) {
                eof = true;
                break;
            }
            lineNumber++;
            final String text = lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
            if (text.isBlank()) {
                continue;
            }
            try {
                next = parseLine(text, lineNumber);
            } catch (BadRow e) {
                problem(lineNumber, e.getMessage());
            }
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(sourceName + ": no more records");
        }
        final T r = next;
        next = null;
        return r;
    }

    @Override
    public final List<DataProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    @Override
    public final long problemCount() {
        return problemCount;
    }

    /** Physical lines read so far. */
    public final long linesRead() {
        return lineNumber;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": closing failed", e);
        }
    }

    /** Fails (whatever the policy) with a problem at this line: for structural errors such as a wrong header. */
    final MarketDataFormatException fatal(final long line, final String message) {
        return new MarketDataFormatException(new DataProblem(sourceName, line, message));
    }

    /** Throws {@link BadRow} if {@code tsNanos} is before the last accepted record's time. */
    final void checkOrder(final String field, final long tsNanos, final String text) {
        if (tsNanos < watermarkNanos) {
            throw new BadRow(field + " " + text + " is earlier than " + watermarkText + " on line " + watermarkLine
                    + " (the source must be in time order)");
        }
    }

    /** Records an accepted record's time. */
    final void advance(final long tsNanos, final String text) {
        watermarkNanos = tsNanos;
        watermarkText = text;
        watermarkLine = lineNumber;
    }

    /** {@code tsEventNanos + initDelay}. */
    final long initTime(final long tsEventNanos) {
        return Math.addExact(tsEventNanos, options.initDelayNanos());
    }

    private void problem(final long line, final String message) {
        final DataProblem p = new DataProblem(sourceName, line, message);
        if (options.errorPolicy() == DataErrorPolicy.FAIL) {
            throw new MarketDataFormatException(p);
        }
        problemCount++;
        if (problems.size() < DataProblem.MAX_KEPT) {
            problems.add(p);
        }
    }

    private String readLine() {
        if (closed) {
            return null;
        }
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + " line " + (lineNumber + 1) + ": read failed", e);
        }
    }
}
