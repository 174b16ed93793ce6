package dev.tandem.kernel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.model.VenueOrderStatus;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalCodecTest {
    private static final InstrumentId BTC = new InstrumentId("BTCUSDT", "SIM");

    @Test
    void encodingIsCanonicalAndStable() {
        final VenueFill f = new VenueFill("SIM", new ClientOrderId("r-s1-1"), "v1", BTC, "t\"1", Side.BUY, 6_000_000, 5, 33, Liquidity.TAKER, 10, 11);
        assertThat(EventTypes.inboundCodec().encode(f))
                .isEqualTo("{\"@\":\"VenueFill\",\"venue\":\"SIM\",\"clientOrderId\":\"r-s1-1\",\"venueOrderId\":\"v1\","
                        + "\"instrumentId\":\"BTCUSDT.SIM\",\"tradeId\":\"t\\\"1\",\"side\":\"BUY\",\"price\":6000000,\"qty\":5,"
                        + "\"feeMoney\":33,\"liquidity\":\"TAKER\",\"tsEventNanos\":10,\"tsInitNanos\":11}");
    }

    @Test
    void primitiveComponentsEncodeAsDecimalsAndBooleans() {
        // int, long (both signs, extremes) and boolean components of outbound events; the trace hash depends on it
        final CanonicalCodec codec = EventTypes.outboundCodec();
        final ClientOrderId id = new ClientOrderId("r-s1-1");
        assertThat(codec.encode(new OrderSubmitted(id, new StrategyId("s1"), BTC, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                6_000_000, 0, 5, true, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo("{\"@\":\"OrderSubmitted\",\"clientOrderId\":\"r-s1-1\",\"strategyId\":\"s1\",\"instrumentId\":\"BTCUSDT.SIM\","
                        + "\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":6000000,\"triggerPrice\":0,\"qty\":5,"
                        + "\"reduceOnly\":true,\"tsEventNanos\":-9223372036854775808,\"tsInitNanos\":9223372036854775807}");
        assertThat(codec.encode(new OrderSent(id, new StrategyId("s1"), BTC, -3, 0, -1)))
                .isEqualTo("{\"@\":\"OrderSent\",\"clientOrderId\":\"r-s1-1\",\"strategyId\":\"s1\",\"instrumentId\":\"BTCUSDT.SIM\","
                        + "\"attempt\":-3,\"tsEventNanos\":0,\"tsInitNanos\":-1}");
    }

    @Test
    void inboundEventsRoundTrip() {
        final CanonicalCodec codec = EventTypes.inboundCodec();
        final List<InboundEvent> events = List.of(
                new VenueFill("SIM", null, "v1", BTC, "t1", Side.SELL, 1, 2, -3, Liquidity.MAKER, 4, 5),
                new BookSnapshot(BTC, List.of(new BookLevel(100, 2)), List.of(new BookLevel(101, 3), new BookLevel(102, 1)), 6, 7),
                new VenueOpenOrders("SIM", List.of(new VenueOrder(new ClientOrderId("a"), "v", BTC, Side.BUY, OrderType.LIMIT, 1, 2, 0, 0, VenueOrderStatus.NEW)), 8, 9),
                new EngageKillSwitch("ops", "line1\nline2 ü", true, 10, 11));
        for (final InboundEvent e : events) {
            final String line = codec.encode(e);
            assertThat(codec.decode(line)).isEqualTo(e);
            assertThat(codec.encode(codec.decode(line))).isEqualTo(line);
        }
    }

    @Test
    void sortedMapsEncodeInKeyOrder() {
        final TreeMap<String, String> meta = new TreeMap<>();
        meta.put("z", "1");
        meta.put("a", "2");
        final String s = EventTypes.outboundCodec().encode(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.KILL_SWITCH, "r", meta, 1, 2));
        assertThat(s).contains("\"metadata\":{\"a\":\"2\",\"z\":\"1\"}");
    }

    /** A record with typed sorted maps (as in kernel snapshots). */
    public record Counters(java.util.SortedMap<String, Long> byName, java.util.SortedMap<InstrumentId, BookLevel> byInstrument) {}

    @Test
    void sortedMapsDecodeToTheirDeclaredKeyAndValueTypes() {
        final TreeMap<String, Long> byName = new TreeMap<>();
        byName.put("S1", 12L);
        byName.put("A", -3L);
        final TreeMap<InstrumentId, BookLevel> byInstrument = new TreeMap<>();
        byInstrument.put(BTC, new BookLevel(100, 2));
        final CanonicalCodec codec = new CanonicalCodec(List.of(Counters.class));
        final String line = codec.encode(new Counters(byName, byInstrument));
        assertThat(line).isEqualTo("{\"@\":\"Counters\",\"byName\":{\"A\":-3,\"S1\":12},"
                + "\"byInstrument\":{\"BTCUSDT.SIM\":{\"@\":\"BookLevel\",\"price\":100,\"qty\":2}}}");
        final Counters back = (Counters) codec.decode(line);
        assertThat(back.byName()).isEqualTo(byName);
        assertThat(back.byName().get("S1")).isInstanceOf(Long.class);
        assertThat(back.byInstrument()).isEqualTo(byInstrument);
        assertThat(codec.encode(back)).isEqualTo(line);
    }

    @Test
    void malformedLinesSayWhereAndWhat() {
        final CanonicalCodec codec = EventTypes.inboundCodec();
        assertThatThrownBy(() -> codec.decode("{\"@\":\"Nope\"}")).hasMessageContaining("unknown event type 'Nope'");
        assertThatThrownBy(() -> codec.decode("{\"@\":\"VenueExpired\",\"venue\":\"SIM\"")).hasMessageContaining("column");
        assertThatThrownBy(() -> codec.decode("{\"@\":\"VenueExpired\",\"venue\":\"SIM\"}")).hasMessageContaining("missing field 'clientOrderId'");
        assertThatThrownBy(() -> InMemoryJournal.fromLines(List.of("1 {\"@\":\"VenueExpired\"}"))).hasMessageContaining("journal line 1");
    }

    @Test
    void journalLinesRoundTrip() {
        final InMemoryJournal j = new InMemoryJournal();
        j.append(1, new EngageKillSwitch("ops", "why", false, 1, 1));
        j.append(2, new VenueFill("SIM", null, "v1", BTC, "t1", Side.SELL, 1, 2, -3, Liquidity.LIQUIDATION, 4, 5));
        assertThat(InMemoryJournal.fromLines(j.toLines()).entries()).isEqualTo(j.entries());
        assertThatThrownBy(() -> j.append(2, new EngageKillSwitch("ops", "why", false, 1, 1))).hasMessageContaining("increase");
    }
}
