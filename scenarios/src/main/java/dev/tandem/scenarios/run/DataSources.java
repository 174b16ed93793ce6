package dev.tandem.scenarios.run;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.sim.data.BarCsvReader;
import dev.tandem.sim.data.BitstampTradeCsvReader;
import dev.tandem.sim.data.BybitTradeCsvReader;
import dev.tandem.sim.data.MarketDataSource;
import dev.tandem.sim.data.PriceGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Opens a scenario's market data as a lazy, time-ordered source of kernel records. */
public final class DataSources {
    private DataSources() {}

    /** Opens the data; the caller closes the source. */
    public static MarketDataSource<? extends MarketData> open(final MarketDataSpec spec, final Instrument instrument,
                                                              final long seed, final long startNanos) throws IOException {
        if (spec instanceof MarketDataSpec.FileData f) {
            return openFile(f.path(), f.written(), f.format(), f.intervalNanos(), instrument);
        }
        final MarketDataSpec.GeneratedData g = (MarketDataSpec.GeneratedData) spec;
        final PriceGenerator gen = PriceGenerator.builder(instrument, g.process(), seed)
                .initialPrice(g.initialPrice())
                .startNanos(startNanos)
                .stepNanos(g.stepNanos())
                .steps(g.steps())
                .lots(g.minLots(), g.maxLots())
                .build();
        return switch (g.emit()) {
            case BARS -> gen.bars(g.barIntervalNanos());
            case TRADES -> gen.trades();
            case QUOTES -> gen.quotes(g.halfSpreadTicks());
        };
    }

    /** Opens a recorded file in one of the supported formats. */
    public static MarketDataSource<? extends MarketData> openFile(final Path path, final String name,
                                                                  final MarketDataSpec.FileFormat format,
                                                                  final long intervalNanos, final Instrument instrument)
            throws IOException {
        final Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        return switch (format) {
            case BARS -> new BarCsvReader(reader, name, instrument, intervalNanos);
            case BITSTAMP_TRADES -> new BitstampTradeCsvReader(reader, name, instrument);
            case BYBIT_TRADES -> new BybitTradeCsvReader(reader, name, instrument);
        };
    }

    /** SHA-256 of a file's bytes (provenance of recorded data in results). */
    public static String sha256(final Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            final byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
