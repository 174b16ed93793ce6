package dev.tandem.sim.data;

import static dev.tandem.sim.data.TestData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.testkit.Instruments;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BybitOrderBookReaderTest {
    private static final Instrument BTC = Instruments.btcUsdtPerp(); // tick 0.10, price scale 2, qty scale 3
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MS = 1_000_000L;

    /** A fixture file (pretty-printed JSON) as one JSON line. */
    private static String fixtureLine(final String name) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(TestData.sharedFixture("bybit/" + name).toFile()));
    }

    private static String msg(final String type, final long ts, final long u, final String bids, final String asks) {
        return "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"" + type + "\",\"ts\":" + ts + ",\"data\":{\"s\":\"BTCUSDT\","
                + "\"b\":[" + bids + "],\"a\":[" + asks + "],\"u\":" + u + ",\"seq\":" + (u * 10) + "},\"cts\":" + (ts - 2)
                + "}\n";
    }

    private static List<BookSnapshot> read(final String lines, final int depth, final ReplayOptions options) {
        try (BybitOrderBookReader r = new BybitOrderBookReader(text(lines), "book.jsonl", BTC, depth, options)) {
            return MarketDataSources.toList(r);
        }
    }

    private static List<BookSnapshot> read(final String lines) {
        return read(lines, 50, ReplayOptions.defaults());
    }

    private static BookLevel lvl(final String price, final String qty) {
        return new BookLevel(BTC.price(price), BTC.qty(qty));
    }

    @Test
    void fixtureSnapshotBecomesABookSnapshot() throws IOException {
        final List<BookSnapshot> out = read(fixtureLine("ws_public_orderbook50_snapshot.json"));
        assertThat(out).containsExactly(new BookSnapshot(BTC.id(),
                List.of(lvl("16493.50", "0.006"), lvl("16493.00", "0.100")),
                List.of(lvl("16611.00", "0.029"), lvl("16612.00", "0.213")),
                1_672_304_484_978L * MS, 1_672_304_484_978L * MS));
    }

    @Test
    void fixtureDeltaAppliesToABookAtItsPrices() throws IOException {
        final String snapshot = msg("snapshot", 1_687_940_967_400L, 177_400_506L,
                "[\"30247.20\",\"1\"],[\"30240.00\",\"2\"],[\"30230.00\",\"5\"]",
                "[\"30248.70\",\"3\"],[\"30249.60\",\"4\"],[\"30260.00\",\"6\"]");
        try (BybitOrderBookReader r = new BybitOrderBookReader(
                text(snapshot + fixtureLine("ws_public_orderbook50_delta.json")), "book.jsonl", BTC, 50)) {
            final List<BookSnapshot> out = MarketDataSources.toList(r);
            assertThat(out).hasSize(2);
            final BookSnapshot after = out.get(1);
            assertThat(after.bids()).containsExactly(lvl("30247.20", "30.028"), lvl("30245.40", "0.224"),
                    lvl("30242.10", "1.593"), lvl("30240.30", "1.305"), lvl("30230.00", "5"));
            assertThat(after.asks()).containsExactly(lvl("30249.30", "0.892"), lvl("30249.50", "1.778"),
                    lvl("30251.90", "2.947"), lvl("30252.20", "0.659"), lvl("30252.50", "4.591"), lvl("30260.00", "6"));
            assertThat(after.tsEventNanos()).isEqualTo(1_687_940_967_466L * MS);
            assertThat(r.lastUpdateId()).isEqualTo(177_400_507L);
            assertThat(r.lastSeq()).isEqualTo(66_544_703_342L);
            assertThat(r.snapshotsApplied()).isEqualTo(1);
            assertThat(r.deltasApplied()).isEqualTo(1);
        }
    }

    @Test
    void theTwoFixturesTogetherCrossTheBookAndThatIsReported() throws IOException {
        // the doc examples come from different days: 30247.20 bid over a 16611.00 ask is a lost-message symptom
        final String lines = fixtureLine("ws_public_orderbook50_snapshot.json") + "\n"
                + fixtureLine("ws_public_orderbook50_delta.json") + "\n";
        assertThatThrownBy(() -> read(lines)).isInstanceOf(MarketDataFormatException.class)
                .hasMessage("book.jsonl line 2: the book is crossed after this delta (u=177400507): best bid 30247.20 >= "
                        + "best ask 16611.00; a message was lost, waiting for the next snapshot");
    }

    @Test
    void deltasReplaceInsertAndDeleteLevelsAndSnapshotsReset() {
        final String lines = msg("snapshot", 1000, 10, "[\"100.00\",\"1\"],[\"99.00\",\"2\"]", "[\"101.00\",\"3\"]")
                + msg("delta", 1001, 11, "[\"100.00\",\"0\"],[\"99.50\",\"4\"],[\"98.00\",\"0\"]",
                        "[\"101.00\",\"5\"],[\"102.00\",\"6\"]")
                + msg("snapshot", 1002, 1, "[\"90.00\",\"1\"]", "[\"91.00\",\"1\"],[\"92.00\",\"0\"]") // restart: u=1
                + msg("delta", 1003, 2, "", "[\"91.00\",\"0\"]");
        final List<BookSnapshot> out = read(lines);
        assertThat(out).hasSize(4);
        assertThat(out.get(1).bids()).containsExactly(lvl("99.50", "4"), lvl("99.00", "2"));
        assertThat(out.get(1).asks()).containsExactly(lvl("101.00", "5"), lvl("102.00", "6"));
        assertThat(out.get(2).bids()).containsExactly(lvl("90.00", "1"));
        assertThat(out.get(2).asks()).containsExactly(lvl("91.00", "1"));
        assertThat(out.get(3).asks()).isEmpty();
        assertThat(out.get(3).bestAsk()).isZero();
    }

    @Test
    void depthLimitsTheEmittedLevelsNotTheBook() {
        final String lines = msg("snapshot", 1000, 10, "[\"100.00\",\"1\"],[\"99.00\",\"2\"],[\"98.00\",\"3\"]",
                "[\"101.00\",\"1\"],[\"102.00\",\"2\"],[\"103.00\",\"3\"]")
                + msg("delta", 1001, 11, "[\"100.00\",\"0\"]", "[\"101.00\",\"0\"]");
        final List<BookSnapshot> out = read(lines, 2, ReplayOptions.defaults());
        assertThat(out.get(0).bids()).containsExactly(lvl("100.00", "1"), lvl("99.00", "2"));
        assertThat(out.get(1).bids()).containsExactly(lvl("99.00", "2"), lvl("98.00", "3"));
        assertThat(out.get(1).asks()).containsExactly(lvl("102.00", "2"), lvl("103.00", "3"));
    }

    @Test
    void deltaBeforeSnapshotAndStaleDeltasFailOrAreSkipped() {
        final String early = msg("delta", 999, 9, "[\"100.00\",\"1\"]", "");
        final String snap = msg("snapshot", 1000, 10, "[\"100.00\",\"1\"]", "[\"101.00\",\"1\"]");
        final String stale = msg("delta", 1001, 10, "[\"100.00\",\"7\"]", "");
        final String good = msg("delta", 1002, 12, "[\"100.00\",\"8\"]", "");
        assertThatThrownBy(() -> read(early + snap)).hasMessage(
                "book.jsonl line 1: delta (u=9) before a snapshot: there is no book to apply it to");
        assertThatThrownBy(() -> read(snap + stale)).hasMessage(
                "book.jsonl line 2: delta u=10 is not after the last update id 10 (stale or duplicate)");
        try (BybitOrderBookReader r = new BybitOrderBookReader(text(early + snap + stale + good), "book.jsonl", BTC, 5,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP))) {
            final List<BookSnapshot> out = MarketDataSources.toList(r);
            assertThat(out).hasSize(2);
            assertThat(out.get(1).bids()).containsExactly(lvl("100.00", "8")); // the stale size 7 never applied
            assertThat(r.problems()).extracting(DataProblem::line).containsExactly(1L, 3L);
            assertThat(r.lastUpdateId()).isEqualTo(12);
        }
    }

    @Test
    void afterACrossedBookSkipWaitsForTheNextSnapshot() {
        final String lines = msg("snapshot", 1000, 10, "[\"100.00\",\"1\"]", "[\"101.00\",\"1\"]")
                + msg("delta", 1001, 11, "[\"102.00\",\"1\"]", "") // crosses
                + msg("delta", 1002, 12, "[\"99.00\",\"1\"]", "") // no book any more
                + msg("snapshot", 1003, 13, "[\"100.00\",\"2\"]", "[\"101.00\",\"2\"]")
                + msg("delta", 1004, 14, "[\"99.00\",\"1\"]", "");
        try (BybitOrderBookReader r = new BybitOrderBookReader(text(lines), "book.jsonl", BTC, 5,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP))) {
            final List<BookSnapshot> out = MarketDataSources.toList(r);
            assertThat(out).extracting(BookSnapshot::tsEventNanos).containsExactly(1000 * MS, 1003 * MS, 1004 * MS);
            assertThat(out.get(2).bids()).containsExactly(lvl("100.00", "2"), lvl("99.00", "1"));
            assertThat(r.problems()).extracting(Object::toString).containsExactly(
                    "book.jsonl line 2: the book is crossed after this delta (u=11): best bid 102.00 >= best ask 101.00;"
                            + " a message was lost, waiting for the next snapshot",
                    "book.jsonl line 3: delta (u=12) before a snapshot: there is no book to apply it to");
        }
    }

    @Test
    void otherMessagesAreIgnoredAndCounted() {
        final String lines = "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c\",\"req_id\":\"sub-1\",\"op\":\"subscribe\"}\n"
                + "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}\n"
                + msg("snapshot", 1000, 10, "[\"100.00\",\"1\"]", "[\"101.00\",\"1\"]");
        try (BybitOrderBookReader r = new BybitOrderBookReader(text(lines), "book.jsonl", BTC, 5)) {
            assertThat(MarketDataSources.toList(r)).hasSize(1);
            assertThat(r.ignoredMessages()).isEqualTo(2);
        }
    }

    @Test
    void malformedMessagesAreReportedWithTheirLine() {
        final String snap = msg("snapshot", 1000, 10, "[\"100.00\",\"1\"]", "[\"101.00\",\"1\"]");
        final String p = "book.jsonl line 2: ";
        assertThatThrownBy(() -> read(snap + "{\"topic\":\n")).hasMessageStartingWith(p + "not valid JSON: ");
        assertThatThrownBy(() -> read(snap + "[1,2]\n")).hasMessage(p + "not a JSON object");
        assertThatThrownBy(() -> read(snap + msg("update", 1001, 11, "", "")))
                .hasMessage(p + "type 'update' is not snapshot or delta");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "[\"abc\",\"1\"]", "")))
                .hasMessage(p + "data.b[0] price 'abc' is not a number");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "[\"101.00\",\"1\"],[\"102.00\",\"0.0001\"]")))
                .hasMessage(p + "data.a[1] size '0.0001' has 4 decimals, more than the 3 allowed");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "[101.00,1]", "")))
                .hasMessage(p + "data.b[0] is not a [\"price\",\"size\"] pair of strings: [101.0,1]");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "[\"100.05\",\"1\"]", "")))
                .hasMessage(p + "data.b[0] price '100.05' is not a multiple of the tick size 0.10");
        assertThatThrownBy(() -> read(snap + msg("delta", 999, 11, "", "")))
                .hasMessage(p + "ts 999 is earlier than 1000 on line 1 (the source must be in time order)");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "").replace("\"u\":11", "\"u\":\"11\"")))
                .hasMessage(p + "data.u is missing or not an integer");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "").replace("\"ts\":1001", "\"ts\":1001.5")))
                .hasMessage(p + "ts is missing or not an integer");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "").replace("\"s\":\"BTCUSDT\"", "\"s\":\"ETHUSDT\"")))
                .hasMessage(p + "data.s 'ETHUSDT' differs from the topic's symbol 'BTCUSDT'");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "").replace("BTCUSDT", "ETHUSDT")))
                .hasMessage(p + "symbol 'ETHUSDT' differs from the stream's 'BTCUSDT'");
        assertThatThrownBy(() -> read(snap + msg("delta", 1001, 11, "", "").replace("orderbook.50.", "orderbook.x.")))
                .hasMessage(p + "topic 'orderbook.x.BTCUSDT' is not orderbook.<depth>.<symbol>");
        assertThatThrownBy(() -> read(snap + "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1001}\n"))
                .hasMessage(p + "data is missing or not an object");
    }

    @Test
    void initDelayAndBadDepth() {
        final List<BookSnapshot> out = read(msg("snapshot", 1000, 10, "[\"100.00\",\"1\"]", ""), 1,
                ReplayOptions.defaults().withInitDelayNanos(250));
        assertThat(out.get(0).tsInitNanos()).isEqualTo(1000 * MS + 250);
        assertThatThrownBy(() -> new BybitOrderBookReader(text(""), "b", BTC, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
