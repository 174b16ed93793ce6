package dev.tandem.sim.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Instruments shaped like the real data, and the location of the shared real-data files. */
final class TestData {
    private TestData() {}

    /** Bitstamp BTC/USD spot: prices to 0.01 (tick 0.01), amounts to 1e-8. */
    static Instrument bitstampBtcUsd() {
        return spot("BTCUSD", "BITSTAMP", 2, 8, 1);
    }

    /** Binance.US ETH/USD spot: prices to 0.01, volumes to 1e-5. */
    static Instrument binanceUsEthUsd() {
        return spot("ETHUSD", "BINANCEUS", 2, 5, 1);
    }

    /** AAPL: prices to 0.01, whole shares. */
    static Instrument apple() {
        return spot("AAPL", "NASDAQ", 2, 0, 1);
    }

    /** A spot instrument. */
    static Instrument spot(final String symbol, final String venue, final int priceScale, final int qtyScale,
            final long tick) {
        return new Instrument(new InstrumentId(symbol, venue), InstrumentKind.SPOT, "BASE", "QUOTE", priceScale,
                qtyScale, tick, 1, 1, Long.MAX_VALUE / 4, 0, 0, 0, 1, 0);
    }

    static Reader text(final String s) {
        return new StringReader(s);
    }

    /** The real-data directory: the repository's {@code data/}, else {@code shared/data} ({@link dev.tandem.testkit.DataFiles}). */
    static Optional<Path> sharedData() {
        return dev.tandem.testkit.DataFiles.dir();
    }

    /** A file under the shared data directory; skips the test (assumption) when absent. */
    static Path sharedFile(final String relative) {
        final Optional<Path> dir = sharedData();
        assumeTrue(dir.isPresent(), "shared/data not found above " + Path.of("").toAbsolutePath());
        final Path p = dir.get().resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent");
        return p;
    }

    /**
     * A recorded venue message from {@code src/test/resources/venue/} (copies of {@code ../shared/exchange-fixtures},
     * whose {@code SOURCES.md} says where each was recorded).
     */
    static Path sharedFixture(final String relative) {
        final java.net.URL url = TestData.class.getResource("/venue/" + relative);
        if (url == null) {
            throw new IllegalStateException("test resource venue/" + relative + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reader open(final Path p) {
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
