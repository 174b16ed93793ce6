package dev.tandem.scenarios.model;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.sim.data.PriceProcess;
import java.nio.file.Path;

/** Where a scenario's market data comes from: a recorded file or a seeded generator. */
public sealed interface MarketDataSpec {

    /** The instrument the data is for. */
    InstrumentId instrument();

    /** The formats of recorded files the runner reads. */
    enum FileFormat {
        /** {@code time,open,high,low,close,volume}, time = bar open in epoch seconds (shared/data/bars). */
        BARS("bars"),
        /** Bitstamp trade CSV {@code timestamp,price,amount}. */
        BITSTAMP_TRADES("bitstamp-trades"),
        /** Bybit's public trade archive CSV. */
        BYBIT_TRADES("bybit-trades");

        private final String text;

        FileFormat(final String text) {
            this.text = text;
        }

        /** The name used in scenario files. */
        public String text() {
            return text;
        }
    }

    /** What a generator emits. */
    enum Emit {
        /** Bars of {@code barIntervalNanos} aggregated from the path. */
        BARS("bars"),
        /** One trade per step. */
        TRADES("trades"),
        /** One quote per step around the path. */
        QUOTES("quotes");

        private final String text;

        Emit(final String text) {
            this.text = text;
        }

        /** The name used in scenario files. */
        public String text() {
            return text;
        }
    }

    /**
     * A recorded file.
     *
     * @param instrument     the instrument
     * @param path           the resolved file
     * @param written        the path as written in the scenario (for messages and results)
     * @param format         the file's format
     * @param intervalNanos  the bar period (bars only; 0 otherwise)
     * @param firstNanos     when the first record happened (its tsEvent; bars: their open), read when loading
     * @param lastNanos      when the last record reaches the kernel (tsInit), read when loading
     */
    record FileData(InstrumentId instrument, Path path, String written, FileFormat format, long intervalNanos,
                    long firstNanos, long lastNanos) implements MarketDataSpec {}

    /**
     * A seeded price generator ({@code PriceGenerator}).
     *
     * @param instrument       the instrument
     * @param process          the price process (gbm, merton, regime-crash, pump-and-dump)
     * @param initialPrice     the price at the start, scaled, on the tick grid
     * @param stepNanos        time between path points
     * @param steps            number of points
     * @param emit             bars, trades or quotes
     * @param barIntervalNanos the bar period (bars)
     * @param halfSpreadTicks  the quotes' half spread (quotes)
     * @param minLots          smallest trade/quote size in lots
     * @param maxLots          largest trade/quote size in lots
     */
    record GeneratedData(InstrumentId instrument, PriceProcess process, long initialPrice, long stepNanos, long steps,
                         Emit emit, long barIntervalNanos, long halfSpreadTicks, long minLots, long maxLots)
            implements MarketDataSpec {}
}
