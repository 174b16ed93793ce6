package dev.tandem.sim.data;

import static dev.tandem.sim.data.TestData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import dev.tandem.testkit.Instruments;
import java.util.List;
import org.junit.jupiter.api.Test;

class BybitTradeCsvReaderTest {
    private static final Instrument BTC = Instruments.btcUsdtPerp(); // tick 0.10, qty scale 3
    private static final String HEADER =
            "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n";

    private static List<TradeTick> read(final String csv) {
        return read(csv, ReplayOptions.defaults());
    }

    private static List<TradeTick> read(final String csv, final ReplayOptions options) {
        try (BybitTradeCsvReader r = new BybitTradeCsvReader(text(csv), "BTCUSDT2024-01-01.csv", BTC, options)) {
            return MarketDataSources.toList(r);
        }
    }

    @Test
    void readsArchiveRowsWithFractionalSecondsAndTakerSide() {
        final List<TradeTick> t = read(HEADER
                + "1704067200.1234,BTCUSDT,Buy,0.012,42283.60,ZeroPlusTick,6a9b5c1e-3a52-5d2c-8a1e-0b8f3d7c1a01,"
                + "5.0740320e+10,0.012,507.40320\n"
                + "1704067200.5,BTCUSDT,Sell,0.500,42283.50,MinusTick,7b0c6d2f,2.1141750e+12,0.5,21141.75\n"
                + "1704067200.5,BTCUSDT,Sell,0.1,42283.50,ZeroMinusTick,8c1d7e3a,4.2283500e+11,0.1,4228.35\n"
                + "1704067201,BTCUSDT,Buy,2,42290.00,PlusTick,9d2e,8.458e+12,2,84580\n");
        assertThat(t).containsExactly(
                new TradeTick(BTC.id(), 4_228_360, 12, Side.BUY, "6a9b5c1e-3a52-5d2c-8a1e-0b8f3d7c1a01",
                        1_704_067_200_123_400_000L, 1_704_067_200_123_400_000L),
                new TradeTick(BTC.id(), 4_228_350, 500, Side.SELL, "7b0c6d2f", 1_704_067_200_500_000_000L,
                        1_704_067_200_500_000_000L),
                new TradeTick(BTC.id(), 4_228_350, 100, Side.SELL, "8c1d7e3a", 1_704_067_200_500_000_000L,
                        1_704_067_200_500_000_000L),
                new TradeTick(BTC.id(), 4_229_000, 2_000, Side.BUY, "9d2e", 1_704_067_201_000_000_000L,
                        1_704_067_201_000_000_000L));
    }

    @Test
    void acceptsTheNewerHeaderWithAnRpiColumn() {
        try (BybitTradeCsvReader r = new BybitTradeCsvReader(text(HEADER.strip() + ",RPI\r\n"
                + "1585180700.0647,BTCUSDT,Sell,0.001,6700.5,MinusTick,a0dd,0,0.001,6.7005,0\r\n"), "x.csv", BTC)) {
            final TradeTick t = r.next();
            assertThat(t.tsEventNanos()).isEqualTo(1_585_180_700_064_700_000L);
            assertThat(t.price()).isEqualTo(670_050);
            assertThat(r.symbol()).isEqualTo("BTCUSDT");
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void everyBadFieldIsReported() {
        final String ok = "1704067200.5,BTCUSDT,Buy,0.001,42283.50,PlusTick,id1,0,0,0\n";
        final String src = "BTCUSDT2024-01-01.csv line 3: ";
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Long,0.001,42283.50,PlusTick,id2,0,0,0\n"))
                .isInstanceOf(MarketDataFormatException.class)
                .hasMessage(src + "side 'Long' is not Buy or Sell");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,ETHUSDT,Buy,0.001,2283.50,PlusTick,id2,0,0,0\n"))
                .hasMessage(src + "symbol 'ETHUSDT' differs from the file's 'BTCUSDT'");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.4,BTCUSDT,Buy,0.001,42283.50,PlusTick,id2,0,0,0\n"))
                .hasMessage(src + "timestamp 1704067200.4 is earlier than 1704067200.5 on line 2 (the source must be "
                        + "in time order)");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Buy,0.0001,42283.50,PlusTick,id2,0,0,0\n"))
                .hasMessage(src + "size '0.0001' has 4 decimals, more than the 3 allowed");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Buy,0.001,42283.55,PlusTick,id2,0,0,0\n"))
                .hasMessage(src + "price '42283.55' is not a multiple of the tick size 0.10");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Buy,0.001,42283.50,Up,id2,0,0,0\n"))
                .hasMessage(src + "tickDirection 'Up' is not PlusTick, ZeroPlusTick, MinusTick or ZeroMinusTick");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Buy,0.001,42283.50,PlusTick,,0,0,0\n"))
                .hasMessage(src + "trdMatchID is empty");
        assertThatThrownBy(() -> read(HEADER + ok + "2024-01-01T00:00:00Z,BTCUSDT,Buy,0.001,42283.50,PlusTick,i,0,0,0\n"))
                .hasMessage(src + "timestamp '2024-01-01T00:00:00Z' is not a number");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,,Buy,0.001,42283.50,PlusTick,i,0,0,0\n"))
                .hasMessage(src + "symbol is empty");
        assertThatThrownBy(() -> read(HEADER + ok + "1704067200.5,BTCUSDT,Buy,0.001,42283.50,PlusTick,i,0,0\n"))
                .hasMessage(src + "expected 10 columns, found 9");
        assertThatThrownBy(() -> read("timestamp,symbol,side,size,price\n"))
                .hasMessageStartingWith("BTCUSDT2024-01-01.csv line 1: expected the header 'timestamp,symbol,side,size,"
                        + "price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional' or '");
    }

    @Test
    void descendingFilesAreRejectedUnderFailAndThinnedUnderSkip() {
        final String desc = HEADER + "1704067203,BTCUSDT,Buy,1,42000,PlusTick,c,0,0,0\n"
                + "1704067202,BTCUSDT,Buy,1,42000,ZeroPlusTick,b,0,0,0\n"
                + "1704067201,BTCUSDT,Buy,1,42000,ZeroPlusTick,a,0,0,0\n";
        assertThatThrownBy(() -> read(desc)).hasMessageContaining("line 3: timestamp 1704067202 is earlier than");
        try (BybitTradeCsvReader r = new BybitTradeCsvReader(text(desc), "d.csv", BTC,
                ReplayOptions.defaults().withErrorPolicy(DataErrorPolicy.SKIP))) {
            assertThat(MarketDataSources.toList(r)).extracting(TradeTick::tradeId).containsExactly("c");
            assertThat(r.problems()).extracting(DataProblem::line).containsExactly(3L, 4L);
        }
    }
}
