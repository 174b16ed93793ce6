package dev.tandem.sim.data;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.model.Instrument;
import java.io.Reader;
import java.time.Duration;
import java.util.List;

/**
 * Replays an OHLCV bar CSV: header {@code time,open,high,low,close,volume}, {@code time} = the bar's OPEN time in
 * whole epoch seconds UTC, prices and volume as plain decimals (the format of {@code shared/data/bars/}).
 *
 * <p>The bar period is not in the file, so it is a required parameter. Each row becomes a {@link Bar} with
 * {@code openTimeNanos = time * 1e9}, {@code intervalNanos} as given, {@code tsEventNanos = open + interval} (the
 * bar's close, when it became known) and {@code tsInitNanos = tsEventNanos + initDelay}.
 *
 * <p>Checks per row (each a {@link DataProblem}): six columns; time a whole non-negative number of seconds;
 * prices positive, at the price scale and on the tick grid; volume non-negative at the quantity scale (no lot
 * check); {@code low <= open, close <= high}; and time order: a bar must open at least one interval after the
 * previous accepted bar opened (gaps are allowed, overlaps and duplicates are not).
 */
public final class BarCsvReader extends CsvReplayReader<Bar> {
    /** The header. */
    public static final List<String> HEADER = List.of("time", "open", "high", "low", "close", "volume");

    private final long intervalNanos;
    private long previousOpen = Long.MIN_VALUE;
    private String previousText = "";
    private long previousLine;

    /** A reader with default options (FAIL, EXACT, no delay). */
    public BarCsvReader(final Reader reader, final String sourceName, final Instrument instrument,
            final long intervalNanos) {
        this(reader, sourceName, instrument, intervalNanos, ReplayOptions.defaults());
    }

    /**
     * A reader.
     *
     * @param reader        the CSV text; the reader owns and closes it
     * @param sourceName    the name used in messages (the file name)
     * @param instrument    gives the price and quantity scales and the tick size
     * @param intervalNanos the bar period, e.g. 3_600_000_000_000 for one hour; must be positive
     * @param options       error policy, decimal policy, init delay
     */
    public BarCsvReader(final Reader reader, final String sourceName, final Instrument instrument,
            final long intervalNanos, final ReplayOptions options) {
        super(reader, sourceName, instrument, options, List.of(HEADER));
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos must be positive: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** The bar period. */
    public long intervalNanos() {
        return intervalNanos;
    }

    @Override
    Bar parseRow(final String[] row, final long number) {
        final DecimalPolicy dp = options.decimalPolicy();
        final String timeText = row[0].strip();
        final long open = Decimals.wholeSecondsToNanos("time", row[0]);
        final long o = Decimals.price("open", row[1], instrument, dp);
        final long h = Decimals.price("high", row[2], instrument, dp);
        final long l = Decimals.price("low", row[3], instrument, dp);
        final long c = Decimals.price("close", row[4], instrument, dp);
        final long v = Decimals.qty("volume", row[5], instrument, dp);
        if (l > h || o < l || o > h || c < l || c > h) {
            throw new BadRow("bar is not consistent (need low <= open, close <= high): open " + instrument.formatPrice(o)
                    + ", high " + instrument.formatPrice(h) + ", low " + instrument.formatPrice(l) + ", close "
                    + instrument.formatPrice(c));
        }
        checkOrder("time", open, timeText);
        if (previousOpen != Long.MIN_VALUE && open - previousOpen < intervalNanos) {
            throw new BadRow("time " + timeText + " is less than one interval (" + Duration.ofNanos(intervalNanos)
                    + ") after the bar at " + previousText + " on line " + previousLine);
        }
        final long close;
        final long init;
        try {
            close = Math.addExact(open, intervalNanos);
            init = initTime(close);
        } catch (ArithmeticException e) {
            throw new BadRow("time " + timeText + " plus the interval overflows");
        }
        final Bar bar = new Bar(instrument.id(), open, intervalNanos, o, h, l, c, v, close, init);
        advance(open, timeText);
        previousOpen = open;
        previousText = timeText;
        previousLine = number;
        return bar;
    }
}
