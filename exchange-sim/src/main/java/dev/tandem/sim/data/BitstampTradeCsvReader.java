package dev.tandem.sim.data;

import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.io.Reader;
import java.util.List;

/**
 * Replays Bitstamp's trade CSV: header {@code timestamp,price,amount}, {@code timestamp} in whole epoch seconds,
 * price in quote currency, amount in base currency (CRLF or LF line endings).
 *
 * <ul>
 *   <li>Time: {@code tsEventNanos = timestamp * 1e9}; several trades share a second and keep their file order
 *       (same timestamp, no invented sub-second spacing); {@code tsInitNanos = tsEventNanos + initDelay}. A row
 *       earlier than the previous accepted row is a problem.</li>
 *   <li>Trade id: the source line number as text (the first trade, on line 2 under the header, is {@code "2"}),
 *       deterministic and unique within the file.</li>
 *   <li>Aggressor: not recorded, inferred by the {@link TickRule} (uptick = BUY, downtick = SELL, zero tick = the
 *       previous side, first trade = BUY).</li>
 *   <li>Price: positive, at the price scale, on the tick grid. Amount: non-negative at the quantity scale; the real
 *       file holds zero-amount prints, which are replayed as trades of quantity 0.</li>
 * </ul>
 */
public final class BitstampTradeCsvReader extends CsvReplayReader<TradeTick> {
    /** The header. */
    public static final List<String> HEADER = List.of("timestamp", "price", "amount");

    private final TickRule tickRule;

    /** A reader with default options (FAIL, EXACT, no delay). */
    public BitstampTradeCsvReader(final Reader reader, final String sourceName, final Instrument instrument) {
        this(reader, sourceName, instrument, ReplayOptions.defaults());
    }

    /** A reader; it owns and closes {@code reader}. */
    public BitstampTradeCsvReader(final Reader reader, final String sourceName, final Instrument instrument,
            final ReplayOptions options) {
        super(reader, sourceName, instrument, options, List.of(HEADER));
        this.tickRule = new TickRule();
    }

    @Override
    TradeTick parseRow(final String[] row, final long number) {
        final DecimalPolicy dp = options.decimalPolicy();
        final String tsText = row[0].strip();
        final long ts = Decimals.wholeSecondsToNanos("timestamp", row[0]);
        final long price = Decimals.price("price", row[1], instrument, dp);
        final long qty = Decimals.qty("amount", row[2], instrument, dp);
        checkOrder("timestamp", ts, tsText);
        final long init;
        try {
            init = initTime(ts);
        } catch (ArithmeticException e) {
            throw new BadRow("timestamp " + tsText + " plus the init delay overflows");
        }
        final Side side = tickRule.apply(price);
        advance(ts, tsText);
        return new TradeTick(instrument.id(), price, qty, side, Long.toString(number), ts, init);
    }
}
