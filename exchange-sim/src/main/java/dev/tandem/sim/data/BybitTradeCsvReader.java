package dev.tandem.sim.data;

import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.io.Reader;
import java.util.List;

/**
 * Replays Bybit's public trade archive (the daily files under {@code public.bybit.com/trading/<SYMBOL>/}, after
 * gunzip): header {@code timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,
 * foreignNotional}, optionally followed by an {@code RPI} column (newer files).
 *
 * <ul>
 *   <li>{@code timestamp}: epoch seconds with a fractional part ({@code 1585180700.0647}; whole seconds are
 *       accepted), converted exactly to {@code tsEventNanos} (at most 9 decimals). Trades sharing a time keep file
 *       order. The reader needs ascending time order: a row earlier than the previous one is a problem (sort a
 *       file that is not ascending before replaying it).</li>
 *   <li>{@code side}: {@code Buy}/{@code Sell}, the TAKER side, becomes the aggressor.</li>
 *   <li>{@code size}: the quantity at the instrument's quantity scale (base coin for linear contracts, contracts
 *       for inverse ones); {@code price} positive, on the tick grid.</li>
 *   <li>{@code trdMatchID}: the trade id (must not be empty). {@code tickDirection} must be one of
 *       {@code PlusTick, ZeroPlusTick, MinusTick, ZeroMinusTick}.</li>
 *   <li>{@code symbol}: must be the same on every row (the first accepted row's symbol).</li>
 *   <li>{@code grossValue}, {@code homeNotional}, {@code foreignNotional} and {@code RPI} are derived or
 *       informational and are not read.</li>
 * </ul>
 */
public final class BybitTradeCsvReader extends CsvReplayReader<TradeTick> {
    /** The header. */
    public static final List<String> HEADER = List.of("timestamp", "symbol", "side", "size", "price", "tickDirection",
            "trdMatchID", "grossValue", "homeNotional", "foreignNotional");
    /** The header of newer files, with a trailing RPI flag column. */
    public static final List<String> HEADER_WITH_RPI = List.of("timestamp", "symbol", "side", "size", "price",
            "tickDirection", "trdMatchID", "grossValue", "homeNotional", "foreignNotional", "RPI");

    private String symbol;

    /** A reader with default options (FAIL, EXACT, no delay). */
    public BybitTradeCsvReader(final Reader reader, final String sourceName, final Instrument instrument) {
        this(reader, sourceName, instrument, ReplayOptions.defaults());
    }

    /** A reader; it owns and closes {@code reader}. */
    public BybitTradeCsvReader(final Reader reader, final String sourceName, final Instrument instrument,
            final ReplayOptions options) {
        super(reader, sourceName, instrument, options, List.of(HEADER, HEADER_WITH_RPI));
    }

    /** The symbol of the rows, or null before the first accepted row. */
    public String symbol() {
        return symbol;
    }

    @Override
    TradeTick parseRow(final String[] row, final long number) {
        final DecimalPolicy dp = options.decimalPolicy();
        final String tsText = row[0].strip();
        final long ts = Decimals.fractionalSecondsToNanos("timestamp", row[0]);
        final String rowSymbol = row[1].strip();
        if (rowSymbol.isEmpty()) {
            throw new BadRow("symbol is empty");
        }
        if (symbol != null && !symbol.equals(rowSymbol)) {
            throw new BadRow("symbol '" + rowSymbol + "' differs from the file's '" + symbol + "'");
        }
        final Side side = switch (row[2].strip()) {
            case "Buy" -> Side.BUY;
            case "Sell" -> Side.SELL;
            default -> throw new BadRow("side '" + row[2] + "' is not Buy or Sell");
        };
        final long qty = Decimals.qty("size", row[3], instrument, dp);
        final long price = Decimals.price("price", row[4], instrument, dp);
        switch (row[5].strip()) {
            case "PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick" -> { }
            default -> throw new BadRow("tickDirection '" + row[5] + "' is not PlusTick, ZeroPlusTick, MinusTick or "
                    + "ZeroMinusTick");
        }
        final String tradeId = row[6].strip();
        if (tradeId.isEmpty()) {
            throw new BadRow("trdMatchID is empty");
        }
        checkOrder("timestamp", ts, tsText);
        final long init;
        try {
            init = initTime(ts);
        } catch (ArithmeticException e) {
            throw new BadRow("timestamp " + tsText + " plus the init delay overflows");
        }
        symbol = rowSymbol;
        advance(ts, tsText);
        return new TradeTick(instrument.id(), price, qty, side, tradeId, ts, init);
    }
}
