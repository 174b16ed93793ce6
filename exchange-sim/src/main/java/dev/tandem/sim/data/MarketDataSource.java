package dev.tandem.sim.data;

import dev.tandem.kernel.data.MarketData;
import java.util.Iterator;
import java.util.List;

/**
 * A lazy, time-ordered stream of kernel market-data records: a replay reader over a recorded file or a seeded
 * generator. Records come out in non-decreasing {@code tsEventNanos} (and {@code tsInitNanos}) order; a reader
 * that meets a row breaking that order reports it as a {@link DataProblem} (see {@link DataErrorPolicy}).
 *
 * <p>Iteration is single-pass and single-threaded. {@link #hasNext()} may read ahead one record and may throw
 * {@link MarketDataFormatException} (policy {@link DataErrorPolicy#FAIL}) or {@link java.io.UncheckedIOException}.
 * {@link #close()} closes the underlying {@link java.io.Reader}/{@link java.io.InputStream} of a reader (the caller
 * opened it; the source owns it from construction on).
 *
 * @param <T> the record type
 */
public interface MarketDataSource<T extends MarketData> extends Iterator<T>, AutoCloseable {

    /** The name used in error messages, usually the file name ("bitstamp.csv") or the generator name. */
    String sourceName();

    /**
     * Problems met so far and skipped (policy {@link DataErrorPolicy#SKIP}), in line order. At most
     * {@link DataProblem#MAX_KEPT} are kept; {@link #problemCount()} counts them all. Always empty for a
     * generator and under {@link DataErrorPolicy#FAIL} (the first problem throws).
     */
    default List<DataProblem> problems() {
        return List.of();
    }

    /** Number of problems met so far (rows or messages skipped), including those not kept in {@link #problems()}. */
    default long problemCount() {
        return 0;
    }

    /** Releases the underlying input; idempotent. Generators hold nothing. */
    @Override
    default void close() {}
}
