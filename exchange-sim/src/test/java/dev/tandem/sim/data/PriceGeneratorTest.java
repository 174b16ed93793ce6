package dev.tandem.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.Property;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PriceGeneratorTest {
    private static final Instrument BTC = Instruments.btcUsdtPerp(); // tick 0.10, lot 0.001
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long T0 = 1_700_000_000L * SECOND;

    private static PriceGenerator.Builder gbm(final long seed) {
        return PriceGenerator.builder(BTC, new GeometricBrownianMotion(0.05, 0.8), seed)
                .initialPrice(BTC.price("30000.00")).startNanos(T0).stepNanos(SECOND).steps(5_000).lots(1, 50);
    }

    @Test
    void sameSeedSameStreamDifferentSeedOrNameDifferentStream() {
        final List<TradeTick> a = MarketDataSources.toList(gbm(42).build().trades());
        final List<TradeTick> b = MarketDataSources.toList(gbm(42).build().trades());
        final PriceGenerator g = gbm(42).build();
        assertThat(a).isEqualTo(b);
        assertThat(MarketDataSources.toList(g.trades())).isEqualTo(MarketDataSources.toList(g.trades())); // replayable
        final List<TradeTick> c = MarketDataSources.toList(gbm(43).build().trades());
        assertThat(c).hasSameSizeAs(a).isNotEqualTo(a);
        assertThat(c.get(1000).price()).isNotEqualTo(a.get(1000).price());
        final List<TradeTick> named = MarketDataSources.toList(gbm(42).name("other").build().trades());
        assertThat(named.get(1000).price()).isNotEqualTo(a.get(1000).price());
        assertThat(named.get(0).tradeId()).isEqualTo("other-1");
        assertThat(a.get(0).tradeId()).isEqualTo("gbm-1");
    }

    @Test
    void tradesAreTimeOrderedOnTheGridAndPositive() {
        final List<TradeTick> t = MarketDataSources.toList(gbm(1).initDelayNanos(3).build().trades());
        assertThat(t).hasSize(5_000);
        assertThat(t.get(0).price()).isEqualTo(BTC.price("30000.00"));
        for (int i = 0; i < t.size(); i++) {
            final TradeTick x = t.get(i);
            assertThat(x.tsEventNanos()).isEqualTo(T0 + i * SECOND);
            assertThat(x.tsInitNanos()).isEqualTo(x.tsEventNanos() + 3);
            assertThat(BTC.isValidPrice(x.price())).isTrue();
            assertThat(x.qty()).isBetween(1L, 50L);
            if (i > 0 && x.price() != t.get(i - 1).price()) {
                assertThat(x.aggressor()).isEqualTo(x.price() > t.get(i - 1).price() ? Side.BUY : Side.SELL);
            }
        }
        assertThat(t.stream().map(TradeTick::aggressor).distinct()).hasSize(2);
    }

    @Test
    void pricesNeverReachZeroEvenWhenTheProcessCollapses() {
        final PriceGenerator g = PriceGenerator.builder(BTC, new GeometricBrownianMotion(-5_000_000, 0), 9)
                .initialPrice(BTC.price("1.00")).stepNanos(MINUTE).steps(200).build();
        final List<TradeTick> t = MarketDataSources.toList(g.trades());
        assertThat(t).allSatisfy(x -> assertThat(x.price()).isGreaterThanOrEqualTo(BTC.tickSize()));
        assertThat(t.get(199).price()).isEqualTo(BTC.tickSize());
    }

    @Test
    void barsAreTheTradesAggregated() {
        final PriceGenerator g = gbm(7).build();
        final List<TradeTick> trades = MarketDataSources.toList(g.trades());
        final List<Bar> bars = MarketDataSources.toList(g.bars(MINUTE));
        assertThat(bars).hasSize(83); // 5000 one-second points: 83 complete minutes, the last 20 s dropped
        for (int b = 0; b < bars.size(); b++) {
            final List<TradeTick> in = trades.subList(b * 60, b * 60 + 60);
            final Bar bar = bars.get(b);
            assertThat(bar.openTimeNanos()).isEqualTo(T0 + b * MINUTE);
            assertThat(bar.tsEventNanos()).isEqualTo(T0 + (b + 1) * MINUTE);
            assertThat(bar.open()).isEqualTo(in.get(0).price());
            assertThat(bar.close()).isEqualTo(in.get(59).price());
            assertThat(bar.high()).isEqualTo(in.stream().mapToLong(TradeTick::price).max().orElseThrow());
            assertThat(bar.low()).isEqualTo(in.stream().mapToLong(TradeTick::price).min().orElseThrow());
            assertThat(bar.volume()).isEqualTo(in.stream().mapToLong(TradeTick::qty).sum());
        }
        assertThatThrownBy(() -> g.bars(MINUTE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesStraddleTheSamePath() {
        final PriceGenerator g = gbm(8).build();
        final List<TradeTick> trades = MarketDataSources.toList(g.trades());
        final List<QuoteTick> quotes = MarketDataSources.toList(g.quotes(2));
        assertThat(quotes).hasSize(trades.size());
        for (int i = 0; i < quotes.size(); i++) {
            final QuoteTick q = quotes.get(i);
            assertThat(q.bidPrice()).isEqualTo(trades.get(i).price() - 2 * BTC.tickSize());
            assertThat(q.askPrice()).isEqualTo(trades.get(i).price() + 2 * BTC.tickSize());
            assertThat(q.bidQty()).isPositive();
            assertThat(q.tsEventNanos()).isEqualTo(trades.get(i).tsEventNanos());
        }
        final PriceGenerator low = PriceGenerator.builder(BTC, new GeometricBrownianMotion(0, 0), 1)
                .initialPrice(BTC.tickSize()).stepNanos(SECOND).steps(2).build();
        final QuoteTick q = low.quotes(3).next();
        assertThat(q.bidPrice()).isEqualTo(BTC.tickSize());
        assertThat(q.askPrice()).isEqualTo(4 * BTC.tickSize());
    }

    @Test
    void crashGeneratorDropsThirtyPercentInTenMinutesThenStaysFlat() {
        final GeometricBrownianMotion base = new GeometricBrownianMotion(0, 0.5);
        final long crashStart = T0 + 60 * MINUTE;
        final RegimeCrash crash = RegimeCrash.thenFlat(base, crashStart, 10 * MINUTE, -0.30);
        final List<TradeTick> withCrash = MarketDataSources.toList(PriceGenerator.builder(BTC, crash, 77).name("m")
                .initialPrice(BTC.price("30000.00")).startNanos(T0).stepNanos(SECOND).steps(3 * 3600).build().trades());
        final List<TradeTick> without = MarketDataSources.toList(PriceGenerator.builder(BTC, base, 77).name("m")
                .initialPrice(BTC.price("30000.00")).startNanos(T0).stepNanos(SECOND).steps(3 * 3600).build().trades());
        final int startIdx = 3600;
        final int endIdx = 3600 + 600;
        // before the crash the two paths are the same
        assertThat(withCrash.subList(0, startIdx + 1)).extracting(TradeTick::price)
                .isEqualTo(without.subList(0, startIdx + 1).stream().map(TradeTick::price).toList());
        // over the crash window the price falls by 30 % (plus 10 minutes of 50 % vol noise, sd ~0.2 %)
        final double drop = (double) withCrash.get(endIdx).price() / withCrash.get(startIdx).price();
        assertThat(drop).isCloseTo(0.70, within(0.02));
        // from the end of the crash on, the crash path is exactly 0.7 x the base path (up to tick rounding)
        for (int i = endIdx; i < withCrash.size(); i += 97) {
            assertThat((double) withCrash.get(i).price() / without.get(i).price()).isCloseTo(0.70, within(1e-5));
        }
    }

    @Test
    void pumpAndDumpGeneratorRisesAndFalls() {
        final GeometricBrownianMotion base = new GeometricBrownianMotion(0, 0.3);
        final PumpAndDump pd = new PumpAndDump(base, T0 + 30 * MINUTE, 60 * MINUTE, 1.0, 15 * MINUTE, -0.6);
        final List<TradeTick> t = MarketDataSources.toList(PriceGenerator.builder(BTC, pd, 5)
                .initialPrice(BTC.price("250.00")).startNanos(T0).stepNanos(SECOND).steps(3 * 3600).build().trades());
        final double pump = (double) t.get(5400).price() / t.get(1800).price();
        final double dump = (double) t.get(6300).price() / t.get(5400).price();
        assertThat(pump).isCloseTo(2.0, within(0.1));
        assertThat(dump).isCloseTo(0.4, within(0.04));
        assertThat(t).allSatisfy(x -> assertThat(BTC.isValidPrice(x.price())).isTrue());
    }

    @Test
    void jumpDiffusionGeneratorIsDeterministic() {
        final MertonJumpDiffusion merton = new MertonJumpDiffusion(0.0, 0.6, 2_000, -0.01, 0.02);
        final PriceGenerator.Builder b = PriceGenerator.builder(BTC, merton, 123)
                .initialPrice(BTC.price("100.00")).stepNanos(MINUTE).steps(2_000);
        final List<Bar> x = MarketDataSources.toList(b.build().bars(60 * MINUTE));
        final List<Bar> y = MarketDataSources.toList(b.build().bars(60 * MINUTE));
        assertThat(x).hasSize(33).isEqualTo(y);
    }

    @Test
    void everyGeneratedStreamIsOnTheTickGridAndOrdered() {
        final Gen<long[]> params = Gen.zip(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.longs(1, 2_000),
                Gen.longs(1, 400), (seed, volPct, steps) -> new long[] {seed, volPct, steps});
        Property.forAll(params).check(p -> {
            final PriceGenerator g = PriceGenerator.builder(BTC,
                            new MertonJumpDiffusion(0, p[1] / 100.0, 5_000, -0.02, 0.05), p[0])
                    .initialPrice(BTC.price("10.00")).stepNanos(MINUTE).steps(p[2]).lots(1, 3).build();
            final MarketDataSource<TradeTick> trades = g.trades();
            long count = 0;
            long last = Long.MIN_VALUE;
            while (trades.hasNext()) {
                final TradeTick t = trades.next();
                assertThat(BTC.isValidPrice(t.price())).isTrue();
                assertThat(t.tsEventNanos()).isGreaterThan(last);
                last = t.tsEventNanos();
                count++;
            }
            assertThat(count).isEqualTo(p[2]);
            assertThatThrownBy(trades::next).isInstanceOf(NoSuchElementException.class);
        });
    }

    @Test
    void builderValidates() {
        final GeometricBrownianMotion p = new GeometricBrownianMotion(0, 0.1);
        assertThatThrownBy(() -> PriceGenerator.builder(BTC, p, 1).stepNanos(1).steps(1).build())
                .hasMessageContaining("initial price");
        assertThatThrownBy(() -> PriceGenerator.builder(BTC, p, 1).initialPrice(1_005).stepNanos(1).steps(1).build())
                .hasMessageContaining("initial price"); // off the 0.10 grid
        assertThatThrownBy(() -> PriceGenerator.builder(BTC, p, 1).initialPrice(1_000).steps(1).build())
                .hasMessageContaining("step");
        assertThatThrownBy(() -> PriceGenerator.builder(BTC, p, 1).initialPrice(1_000).stepNanos(1).steps(1)
                .lots(2, 1).build()).hasMessageContaining("minLots");
        assertThatThrownBy(() -> PriceGenerator.builder(BTC, p, 1).initialPrice(1_000).stepNanos(Long.MAX_VALUE / 2)
                .steps(3).build()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> PriceGenerator.toTick(1e300, 10)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> PriceGenerator.toTick(Double.NaN, 10)).isInstanceOf(ArithmeticException.class);
        assertThat(PriceGenerator.toTick(14.9, 10)).isEqualTo(10);
        assertThat(PriceGenerator.toTick(15.0, 10)).isEqualTo(20); // half-even: 1.5 ticks -> 2
        assertThat(PriceGenerator.toTick(25.0, 10)).isEqualTo(20); // 2.5 ticks -> 2
    }
}
