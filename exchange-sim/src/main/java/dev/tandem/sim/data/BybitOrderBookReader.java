package dev.tandem.sim.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.model.Instrument;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays L2 order-book data recorded as JSON lines in Bybit's v5 WebSocket message shape, one message per line:
 * <pre>{@code {"topic":"orderbook.50.BTCUSDT","type":"snapshot"|"delta","ts":1672304484978,
 *  "data":{"s":"BTCUSDT","b":[["16493.50","0.006"],...],"a":[["16611.00","0.029"],...],"u":18521288,"seq":7961638724},
 *  "cts":1672304484976}}</pre>
 * It keeps a local book and emits one {@link BookSnapshot} of the top {@code depth} levels per order-book message.
 *
 * <p>Processing, following Bybit's documentation ({@code shared/exchange-api/BYBIT_V5.md} §6.4):
 * <ul>
 *   <li>{@code snapshot}: replaces the whole book (any {@code u}, e.g. {@code u = 1} after a service restart).</li>
 *   <li>{@code delta}: absolute sizes per level: size {@code "0"} deletes the level (unknown price: nothing to do),
 *       an unknown price inserts, a known price replaces.</li>
 *   <li>A delta before the first snapshot is a problem (there is no book to apply it to), and so is a delta whose
 *       update id {@code u} is not greater than the last applied {@code u} (stale or duplicate). Under
 *       {@link DataErrorPolicy#SKIP} such a delta is dropped and the book is unchanged. Gaps in {@code u} are not
 *       checked: Bybit does not document that {@code u} moves by exactly 1.</li>
 *   <li>A message after which the book is crossed (best bid &gt;= best ask) is a problem: a message was lost.
 *       Under SKIP the local book is discarded and deltas are problems until the next snapshot.</li>
 *   <li>{@code ts} (milliseconds, when Bybit's system produced the data) gives {@code tsEventNanos}, non-decreasing;
 *       {@code tsInitNanos = tsEventNanos + initDelay}. {@code cts} and {@code seq} are not used for timing.</li>
 *   <li>Prices and sizes are JSON strings, parsed exactly (positive prices on the tick grid, non-negative sizes at
 *       the quantity scale). The topic must be {@code orderbook.<depth>.<symbol>} with {@code data.s} equal to the
 *       topic's symbol, and the same symbol on every message.</li>
 *   <li>Lines that are JSON objects without an {@code orderbook.*} topic (subscription acks, pongs, other topics
 *       recorded in the same stream) are ignored and counted in {@link #ignoredMessages()}; a line that is not a
 *       JSON object is a problem.</li>
 * </ul>
 */
public final class BybitOrderBookReader extends LineReplayReader<BookSnapshot> {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final int depth;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private boolean haveBook;
    private long lastUpdateId;
    private long lastSeq = -1;
    private String symbol;
    private long ignored;
    private long snapshots;
    private long deltas;

    /** A reader with default options (FAIL, EXACT, no delay). */
    public BybitOrderBookReader(final Reader reader, final String sourceName, final Instrument instrument,
            final int depth) {
        this(reader, sourceName, instrument, depth, ReplayOptions.defaults());
    }

    /**
     * A reader.
     *
     * @param reader     the JSON lines; the reader owns and closes it
     * @param sourceName the name used in messages
     * @param instrument gives scales and tick size
     * @param depth      levels per side in each emitted snapshot (the local book keeps all levels it is sent)
     * @param options    error policy, decimal policy, init delay
     */
    public BybitOrderBookReader(final Reader reader, final String sourceName, final Instrument instrument,
            final int depth, final ReplayOptions options) {
        super(reader, sourceName, instrument, options);
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        this.depth = depth;
    }

    /** The last applied update id {@code u} (0 before the first snapshot). */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** The last applied cross sequence {@code seq}, or -1 if none was sent. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Lines that were JSON objects but not order-book messages. */
    public long ignoredMessages() {
        return ignored;
    }

    /** Snapshot messages applied. */
    public long snapshotsApplied() {
        return snapshots;
    }

    /** Delta messages applied. */
    public long deltasApplied() {
        return deltas;
    }

    @Override
    BookSnapshot parseLine(final String line, final long number) {
        final JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRow("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRow("not a JSON object");
        }
        final JsonNode topicNode = root.get("topic");
        if (topicNode == null || !topicNode.isTextual() || !topicNode.asText().startsWith("orderbook.")) {
            ignored++;
            return null;
        }
        final String topic = topicNode.asText();
        final String[] parts = topic.split("\\.", -1);
        if (parts.length != 3 || !isPositiveInt(parts[1]) || parts[2].isEmpty()) {
            throw new BadRow("topic '" + topic + "' is not orderbook.<depth>.<symbol>");
        }
        final String type = text(root, "type", "type");
        final boolean snapshot;
        if ("snapshot".equals(type)) {
            snapshot = true;
        } else if ("delta".equals(type)) {
            snapshot = false;
        } else {
            throw new BadRow("type '" + type + "' is not snapshot or delta");
        }
        final long tsMillis = integer(root, "ts", "ts");
        final long tsNanos = Decimals.millisToNanos("ts", tsMillis);
        final JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new BadRow("data is missing or not an object");
        }
        final String s = text(data, "s", "data.s");
        if (!s.equals(parts[2])) {
            throw new BadRow("data.s '" + s + "' differs from the topic's symbol '" + parts[2] + "'");
        }
        if (symbol != null && !symbol.equals(s)) {
            throw new BadRow("symbol '" + s + "' differs from the stream's '" + symbol + "'");
        }
        final long u = integer(data, "u", "data.u");
        final JsonNode seqNode = data.get("seq");
        if (seqNode != null && !(seqNode.isIntegralNumber() && seqNode.canConvertToLong())) {
            throw new BadRow("data.seq is not an integer");
        }
        final long[] bidLevels = levels(data, "b");
        final long[] askLevels = levels(data, "a");
        checkOrder("ts", tsNanos, Long.toString(tsMillis));
        final long init;
        try {
            init = initTime(tsNanos);
        } catch (ArithmeticException e) {
            throw new BadRow("ts " + tsMillis + " plus the init delay overflows");
        }
        if (!snapshot) {
            if (!haveBook) {
                throw new BadRow("delta (u=" + u + ") before a snapshot: there is no book to apply it to");
            }
            if (u <= lastUpdateId) {
                throw new BadRow("delta u=" + u + " is not after the last update id " + lastUpdateId
                        + " (stale or duplicate)");
            }
        }
        // validated: apply
        if (snapshot) {
            bids.clear();
            asks.clear();
        }
        apply(bids, bidLevels);
        apply(asks, askLevels);
        if (!bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey()) {
            final String msg = "the book is crossed after this " + type + " (u=" + u + "): best bid "
                    + instrument.formatPrice(bids.firstKey()) + " >= best ask " + instrument.formatPrice(asks.firstKey())
                    + "; a message was lost, waiting for the next snapshot";
            bids.clear();
            asks.clear();
            haveBook = false;
            throw new BadRow(msg);
        }
        haveBook = true;
        lastUpdateId = u;
        if (seqNode != null) {
            lastSeq = seqNode.asLong();
        }
        symbol = s;
        if (snapshot) {
            snapshots++;
        } else {
            deltas++;
        }
        advance(tsNanos, Long.toString(tsMillis));
        return new BookSnapshot(instrument.id(), top(bids), top(asks), tsNanos, init);
    }

    private List<BookLevel> top(final TreeMap<Long, Long> side) {
        final List<BookLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        for (final Map.Entry<Long, Long> e : side.entrySet()) {
            if (out.size() == depth) {
                break;
            }
            out.add(new BookLevel(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static void apply(final TreeMap<Long, Long> side, final long[] levels) {
        for (int i = 0; i < levels.length; i += 2) {
            if (levels[i + 1] == 0) {
                side.remove(levels[i]);
            } else {
                side.put(levels[i], levels[i + 1]);
            }
        }
    }

    /** Parses data.b or data.a into [price, size, price, size, ...]. */
    private long[] levels(final JsonNode data, final String name) {
        final JsonNode arr = data.get(name);
        if (arr == null || !arr.isArray()) {
            throw new BadRow("data." + name + " is missing or not an array");
        }
        final long[] out = new long[arr.size() * 2];
        final DecimalPolicy dp = options.decimalPolicy();
        for (int i = 0; i < arr.size(); i++) {
            final JsonNode level = arr.get(i);
            if (!level.isArray() || level.size() != 2 || !level.get(0).isTextual() || !level.get(1).isTextual()) {
                throw new BadRow("data." + name + "[" + i + "] is not a [\"price\",\"size\"] pair of strings: " + level);
            }
            out[2 * i] = Decimals.price("data." + name + "[" + i + "] price", level.get(0).asText(), instrument, dp);
            out[2 * i + 1] = Decimals.qty("data." + name + "[" + i + "] size", level.get(1).asText(), instrument, dp);
        }
        return out;
    }

    private static String text(final JsonNode obj, final String name, final String label) {
        final JsonNode n = obj.get(name);
        if (n == null || !n.isTextual()) {
            throw new BadRow(label + " is missing or not a string");
        }
        return n.asText();
    }

    private static long integer(final JsonNode obj, final String name, final String label) {
        final JsonNode n = obj.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BadRow(label + " is missing or not an integer");
        }
        return n.asLong();
    }

    private static boolean isPositiveInt(final String s) {
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s) > 0;
    }
}
