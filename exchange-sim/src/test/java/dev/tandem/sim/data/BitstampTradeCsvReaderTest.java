package dev.tandem.sim.data;

import static dev.tandem.sim.data.TestData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitstampTradeCsvReaderTest {
    private static final long S = 1_000_000_000L;
    private static final Instrument BTC = TestData.bitstampBtcUsd();
    private static final String HEADER = "timestamp,price,amount\r\n";

    private static List<TradeTick> read(final String csv, final ReplayOptions options) {
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(text(csv), "bitstamp.csv", BTC, options)) {
            return MarketDataSources.toList(r);
        }
    }

    @Test
    void tradesKeepFileOrderWithinASecondAndGetLineNumberIds() {
        final List<TradeTick> t = read(HEADER + "10,100.00,1\r\n10,101.00,2\r\n10,100.50,3\r\n11,100.50,4\r\n"
                + "11,100.50,0.000000000000\r\n12,102,5\r\n", ReplayOptions.defaults());
        assertThat(t).extracting(TradeTick::tradeId).containsExactly("2", "3", "4", "5", "6", "7");
        assertThat(t).extracting(TradeTick::tsEventNanos).containsExactly(10 * S, 10 * S, 10 * S, 11 * S, 11 * S, 12 * S);
        assertThat(t).extracting(TradeTick::price).containsExactly(10_000L, 10_100L, 10_050L, 10_050L, 10_050L, 10_200L);
        assertThat(t).extracting(TradeTick::qty)
                .containsExactly(100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L, 0L, 500_000_000L);
        // tick rule: first BUY, uptick BUY, downtick SELL, zero tick keeps SELL, zero tick keeps SELL, uptick BUY
        assertThat(t).extracting(TradeTick::aggressor)
                .containsExactly(Side.BUY, Side.BUY, Side.SELL, Side.SELL, Side.SELL, Side.BUY);
        assertThat(t).allSatisfy(x -> assertThat(x.instrumentId()).isEqualTo(BTC.id()));
    }

    @Test
    void badRowsAreReportedWithSourceAndLine() {
        assertThatThrownBy(() -> read(HEADER + "10,100,1\r\n10,abc,1\r\n", ReplayOptions.defaults()))
                .isInstanceOf(MarketDataFormatException.class)
                .hasMessage("bitstamp.csv line 3: price 'abc' is not a number")
                .satisfies(e -> {
                    final MarketDataFormatException m = (MarketDataFormatException) e;
                    assertThat(m.line()).isEqualTo(3);
                    assertThat(m.sourceName()).isEqualTo("bitstamp.csv");
                    assertThat(m.problem().message()).isEqualTo("price 'abc' is not a number");
                });
        assertThatThrownBy(() -> read(HEADER + "11,100,1\r\n10,100,1\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 3: timestamp 10 is earlier than 11 on line 2 (the source must be in "
                        + "time order)");
        assertThatThrownBy(() -> read(HEADER + "x,100,1\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 2: timestamp 'x' is not a number");
        assertThatThrownBy(() -> read(HEADER + "10,100,-1\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 2: amount '-1' must not be negative");
        assertThatThrownBy(() -> read(HEADER + "10,100,0.000000001\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 2: amount '0.000000001' has 9 decimals, more than the 8 allowed");
        assertThatThrownBy(() -> read(HEADER + "10,-100,1\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 2: price '-100' must be positive");
        assertThatThrownBy(() -> read(HEADER + "10,100\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 2: expected 3 columns, found 2");
        assertThatThrownBy(() -> read("timestamp,price\r\n10,100\r\n", ReplayOptions.defaults()))
                .hasMessage("bitstamp.csv line 1: expected the header 'timestamp,price,amount', found 'timestamp,price'");
    }

    @Test
    void skippedRowsDoNotMoveTheTickRuleOrTheClock() {
        final ReplayOptions skip = ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP);
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(
                text(HEADER + "10,100,1\r\n20,99,1\r\n11,abc,1\r\n15,101,1\r\n"), "bitstamp.csv", BTC, skip)) {
            final List<TradeTick> t = MarketDataSources.toList(r);
            // line 3 (20 s) is fine and accepted; line 4 is bad; line 5 (15 s) is earlier than line 3
            assertThat(t).extracting(TradeTick::tradeId).containsExactly("2", "3");
            assertThat(t).extracting(TradeTick::aggressor).containsExactly(Side.BUY, Side.SELL);
            assertThat(r.problems()).extracting(Object::toString).containsExactly(
                    "bitstamp.csv line 4: price 'abc' is not a number",
                    "bitstamp.csv line 5: timestamp 15 is earlier than 20 on line 3 (the source must be in time order)");
        }
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(
                text(HEADER + "10,100,1\r\n10,bad,1\r\n10,100,1\r\n10,99,1\r\n"), "b.csv", BTC, skip)) {
            // the skipped row does not count as a trade for the tick rule: 100 -> 100 is a zero tick (BUY kept)
            assertThat(MarketDataSources.toList(r)).extracting(TradeTick::aggressor)
                    .containsExactly(Side.BUY, Side.BUY, Side.SELL);
        }
    }

    @Test
    void problemListIsCappedButCounted() {
        final StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < DataProblem.MAX_KEPT + 5; i++) {
            csv.append("10,x,1\n");
        }
        csv.append("10,1,1\n");
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(text(csv.toString()), "b.csv", BTC,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP))) {
            assertThat(MarketDataSources.toList(r)).hasSize(1);
            assertThat(r.problems()).hasSize(DataProblem.MAX_KEPT);
            assertThat(r.problemCount()).isEqualTo(DataProblem.MAX_KEPT + 5L);
        }
    }

    @Test
    void initDelay() {
        final List<TradeTick> t = read(HEADER + "10,100,1\r\n", ReplayOptions.defaults().withInitDelayNanos(7));
        assertThat(t.get(0).tsEventNanos()).isEqualTo(10 * S);
        assertThat(t.get(0).tsInitNanos()).isEqualTo(10 * S + 7);
    }

    // ---- the real file

    @Test
    void allHundredThousandRealTrades() {
        final String file = "bitstamp_trades_from_20131125_usd.csv";
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(TestData.open(TestData.sharedFile(file)), file,
                BTC)) {
            long count = 0;
            long volume = 0;
            long zero = 0;
            long buys = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            TradeTick first = null;
            TradeTick last = null;
            long previousTs = Long.MIN_VALUE;
            while (r.hasNext()) {
                final TradeTick t = r.next();
                if (first == null) {
                    first = t;
                }
                last = t;
                count++;
                volume += t.qty();
                zero += t.qty() == 0 ? 1 : 0;
                buys += t.aggressor() == Side.BUY ? 1 : 0;
                min = Math.min(min, t.price());
                max = Math.max(max, t.price());
                assertThat(t.tsEventNanos()).isGreaterThanOrEqualTo(previousTs);
                previousTs = t.tsEventNanos();
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(r.problemCount()).isZero();
            assertThat(r.linesRead()).isEqualTo(100_001);
            assertThat(first).isEqualTo(new TradeTick(BTC.id(), 80_001, 10_000_000, Side.BUY, "2",
                    1_385_337_600L * S, 1_385_337_600L * S));
            assertThat(last).isEqualTo(new TradeTick(BTC.id(), 99_900, 129_263_310, Side.BUY, "100001",
                    1_385_913_725L * S, 1_385_913_725L * S));
            assertThat(volume).isEqualTo(17_577_865_435_677L); // 175778.65435677 BTC, exact
            assertThat(zero).isEqualTo(18);
            assertThat(buys).isEqualTo(49_814);
            assertThat(count - buys).isEqualTo(50_186);
            assertThat(min).isEqualTo(77_010);
            assertThat(max).isEqualTo(116_300);
        }
    }

    @Test
    void realTradesAggregateToTheRealHourlyBars() {
        // SOURCES.md derives bars/bitstamp_btcusd_1h.csv from the trades: bucket = floor(ts/3600)*3600,
        // O first, C last (file order), H/L max/min, V exact sum. Replaying both must agree bar for bar.
        final long hour = 3_600_000_000_000L;
        final String tradesFile = "bitstamp_trades_from_20131125_usd.csv";
        final String barsFile = "bars/bitstamp_btcusd_1h.csv";
        final List<Bar> fromTrades = new ArrayList<>();
        try (BitstampTradeCsvReader r = new BitstampTradeCsvReader(TestData.open(TestData.sharedFile(tradesFile)),
                tradesFile, BTC)) {
            long bucket = -1;
            long o = 0;
            long h = 0;
            long l = 0;
            long c = 0;
            long v = 0;
            while (r.hasNext()) {
                final TradeTick t = r.next();
                final long b = t.tsEventNanos() / hour * hour;
                if (b != bucket) {
                    if (bucket >= 0) {
                        fromTrades.add(new Bar(BTC.id(), bucket, hour, o, h, l, c, v, bucket + hour, bucket + hour));
                    }
                    bucket = b;
                    o = t.price();
                    h = t.price();
                    l = t.price();
                    v = 0;
                }
                h = Math.max(h, t.price());
                l = Math.min(l, t.price());
                c = t.price();
                v += t.qty();
            }
            fromTrades.add(new Bar(BTC.id(), bucket, hour, o, h, l, c, v, bucket + hour, bucket + hour));
        }
        try (BarCsvReader bars = new BarCsvReader(TestData.open(TestData.sharedFile(barsFile)), barsFile, BTC, hour)) {
            assertThat(MarketDataSources.toList(bars)).isEqualTo(fromTrades);
        }
    }
}
