package dev.tandem.reports;

import static dev.tandem.reports.Records.DAY;
import static dev.tandem.reports.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.reports.RunRecord.TimelineEntry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Metrics against small cases worked out by hand (the arithmetic is in the comments), and the edge cases: no trades,
 * all losses, a single sample, flat equity, no samples, an account wiped out. Nothing is ever NaN-printed or infinite.
 */
class MetricsTest {
    private static final double EPS = 1e-12;
    private static final double DAILY_P = 365.25; // one sample a day: P = 365.25 days / 1 day

    @Test
    void returnsVolatilitySharpeSortinoAndDrawdownOfAFourDaySeries() {
        // equity 100, 110, 99, 108.9 one day apart
        final Metrics m = Metrics.of(Records.daily("100", "110", "99", "108.9").build());
        // r = +0.10, −0.10, +0.10; mean = 1/30
        // sample variance = ((1/15)² + (2/15)² + (1/15)²) / 2 = (6/225) / 2 = 1/75
        final double mean = 1.0 / 30;
        final double std = Math.sqrt(1.0 / 75);
        assertThat(m.periodNanos()).isEqualTo(DAY);
        assertThat(m.periodsPerYear()).isCloseTo(DAILY_P, within(EPS));
        assertThat(m.returns()).isEqualTo(3);
        assertThat(m.get(Metric.TOTAL_RETURN)).isCloseTo(0.089, within(EPS));
        assertThat(m.get(Metric.NET_PNL)).isCloseTo(8.9, within(EPS));
        assertThat(m.get(Metric.ANNUAL_VOLATILITY)).isCloseTo(std * Math.sqrt(DAILY_P), within(EPS));
        assertThat(m.get(Metric.SHARPE)).isCloseTo(mean / std * Math.sqrt(DAILY_P), within(1e-9));
        // downside deviation = √((0² + 0.1² + 0²) / 3) = √(0.01 / 3)
        assertThat(m.get(Metric.SORTINO)).isCloseTo(mean / Math.sqrt(0.01 / 3) * Math.sqrt(DAILY_P), within(1e-9));
        // peak 110 on day 1, trough 99 on day 2: 1 − 99/110 = 10 %; not recovered by day 3: 2 days
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isCloseTo(0.10, within(EPS));
        assertThat(m.get(Metric.MAX_DRAWDOWN_DURATION)).isEqualTo(2.0 * DAY);
        assertThat(m.get(Metric.LONGEST_DRAWDOWN)).isEqualTo(2.0 * DAY);
        // Calmar = CAGR / 10 %
        assertThat(m.get(Metric.CALMAR)).isCloseTo(m.get(Metric.CAGR) / 0.10, within(1e-9));
    }

    @Test
    void cagrOfTwentyOnePercentOverTwoYearsIsTenPercent() {
        // 100 → 121 over 730.5 days = two years of 365.25 days: 1.21^(1/2) − 1 = 0.10
        final RunRecord r = Records.create().sample(T0, "100").sample(T0 + 2 * (long) (365.25 * DAY), "121").build();
        final Metrics m = Metrics.of(r);
        assertThat(m.get(Metric.CAGR)).isCloseTo(0.10, within(1e-12));
        assertThat(m.get(Metric.TOTAL_RETURN)).isCloseTo(0.21, within(1e-12));
        // one period return only: no volatility, Sharpe or Sortino; no drawdown, so no Calmar
        assertThat(m.has(Metric.ANNUAL_VOLATILITY)).isFalse();
        assertThat(m.has(Metric.SHARPE)).isFalse();
        assertThat(m.note(Metric.SHARPE)).contains("fewer than two");
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isZero();
        assertThat(m.has(Metric.CALMAR)).isFalse();
        assertThat(m.note(Metric.CALMAR)).isEqualTo("no drawdown");
    }

    @Test
    void drawdownDurationIsThatOfTheDeepestEpisodeAndLongestIsTheLongestEpisode() {
        // 100, 70, 100: a 30 % drawdown recovered after 2 days; then 95..98 from the peak on day 2, never recovered: 4 days
        final Metrics m = Metrics.of(Records.daily("100", "70", "100", "95", "96", "97", "98").build());
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isCloseTo(0.30, within(EPS));
        assertThat(m.get(Metric.MAX_DRAWDOWN_DURATION)).isEqualTo(2.0 * DAY);
        assertThat(m.get(Metric.LONGEST_DRAWDOWN)).isEqualTo(4.0 * DAY);
        // 100, 90, 100, 80, 85, 101: episodes of 10 % (2 days) and 20 % (days 2 → 5: 3 days)
        final Metrics n = Metrics.of(Records.daily("100", "90", "100", "80", "85", "101").build());
        assertThat(n.get(Metric.MAX_DRAWDOWN)).isCloseTo(0.20, within(EPS));
        assertThat(n.get(Metric.MAX_DRAWDOWN_DURATION)).isEqualTo(3.0 * DAY);
        assertThat(n.get(Metric.LONGEST_DRAWDOWN)).isEqualTo(3.0 * DAY);
    }

    @Test
    void tradeStatisticsUseClosedTradesOnly() {
        final RunRecord r = Records.daily("1000", "1020")
                .trade(T0, T0 + DAY / 4, "10")
                .trade(T0 + DAY / 4, T0 + DAY / 2, "-5")
                .trade(T0 + DAY / 2, T0 + DAY * 3 / 4, "20")
                .trade(T0 + DAY * 3 / 4, T0 + DAY * 7 / 8, "-5")
                .trade(T0 + DAY * 7 / 8, T0 + DAY, "-100", RunRecord.Trade.OPEN)
                .build();
        final Metrics m = Metrics.of(r);
        assertThat(m.get(Metric.TRADES)).isEqualTo(4);
        assertThat(m.get(Metric.WIN_RATE)).isCloseTo(0.5, within(EPS)); // 2 of 4
        assertThat(m.get(Metric.PROFIT_FACTOR)).isCloseTo(3.0, within(EPS)); // 30 / 10
        assertThat(m.get(Metric.EXPECTANCY)).isCloseTo(5.0, within(EPS)); // 20 / 4
        assertThat(m.get(Metric.AVG_WIN)).isCloseTo(15.0, within(EPS));
        assertThat(m.get(Metric.AVG_LOSS)).isCloseTo(-5.0, within(EPS));
        // the trades cover the whole day, the open one included
        assertThat(m.get(Metric.EXPOSURE)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void exposureIsTheUnionOfTradeIntervalsOverTheSpan() {
        // span 10 days; trades [0, 2d] and [1d, 3d] overlap into 3 days, plus [5d, 6d]: 4 of 10 days
        final Records b = Records.create();
        for (int d = 0; d <= 10; d++) {
            b.sample(T0 + d * DAY, "1000");
        }
        final RunRecord r = b.trade(T0, T0 + 2 * DAY, "1").trade(T0 + DAY, T0 + 3 * DAY, "1").trade(T0 + 5 * DAY, T0 + 6 * DAY, "1").build();
        assertThat(Metrics.of(r).get(Metric.EXPOSURE)).isCloseTo(0.4, within(EPS));
    }

    @Test
    void turnoverFeesFundingAndLiquidations() {
        final RunRecord r = Records.daily("1000", "1000", "1000")
                .fill(T0, "BUY", "100", "3", "99")        // notional 300
                .fill(T0 + DAY, "SELL", "120", "2.5", null) // notional 300
                .costs("2.5", "-0.3")
                .timeline(new TimelineEntry(T0 + DAY, T0 + DAY, TimelineCategory.LIQUIDATION, Records.BTC, null, "Liquidation", ""))
                .timeline(new TimelineEntry(T0 + DAY, T0 + DAY, TimelineCategory.LIQUIDATION, null, null, "another account's", ""))
                .build();
        final Metrics m = Metrics.of(r);
        assertThat(m.get(Metric.TURNOVER)).isCloseTo(600.0 / 1000, within(EPS));
        assertThat(m.get(Metric.FEES)).isCloseTo(2.5, within(EPS));
        assertThat(m.get(Metric.FUNDING_PAID)).isCloseTo(0.3, within(EPS));
        assertThat(m.get(Metric.LIQUIDATIONS)).as("only this account's instruments count").isEqualTo(1);
    }

    @Test
    void noTradesAndFlatEquityGiveNotAvailableNeverNaNOrInfinity() {
        final Metrics m = Metrics.of(Records.daily("1000", "1000", "1000").build());
        assertThat(m.get(Metric.TOTAL_RETURN)).isZero();
        assertThat(m.get(Metric.ANNUAL_VOLATILITY)).isZero();
        assertThat(m.has(Metric.SHARPE)).isFalse();
        assertThat(m.note(Metric.SHARPE)).isEqualTo("zero volatility");
        assertThat(m.has(Metric.SORTINO)).isFalse();
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isZero();
        assertThat(m.get(Metric.MAX_DRAWDOWN_DURATION)).isZero();
        assertThat(m.has(Metric.CALMAR)).isFalse();
        assertThat(m.get(Metric.TRADES)).isZero();
        for (final Metric k : new Metric[] {Metric.WIN_RATE, Metric.PROFIT_FACTOR, Metric.EXPECTANCY, Metric.AVG_WIN, Metric.AVG_LOSS}) {
            assertThat(m.has(k)).as(k.name()).isFalse();
            assertThat(m.note(k)).isEqualTo("no closed trades");
            assertThat(m.format(k)).isEqualTo("n/a");
        }
        assertThat(m.get(Metric.EXPOSURE)).isZero();
        assertThat(m.get(Metric.TURNOVER)).isZero();
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void allLossesGiveAZeroProfitFactorAndNoAverageWin() {
        final Metrics m = Metrics.of(Records.daily("1000", "997").trade(T0, T0 + DAY / 2, "-1").trade(T0 + DAY / 2, T0 + DAY, "-2").build());
        assertThat(m.get(Metric.WIN_RATE)).isZero();
        assertThat(m.get(Metric.PROFIT_FACTOR)).isZero();
        assertThat(m.get(Metric.EXPECTANCY)).isCloseTo(-1.5, within(EPS));
        assertThat(m.get(Metric.AVG_LOSS)).isCloseTo(-1.5, within(EPS));
        assertThat(m.has(Metric.AVG_WIN)).isFalse();
        assertThat(m.note(Metric.AVG_WIN)).isEqualTo("no winning trades");
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void allWinsHaveNoProfitFactorRatherThanAnInfiniteOne() {
        final Metrics m = Metrics.of(Records.daily("1000", "1003").trade(T0, T0 + DAY, "3").build());
        assertThat(m.get(Metric.WIN_RATE)).isEqualTo(1.0);
        assertThat(m.has(Metric.PROFIT_FACTOR)).isFalse();
        assertThat(m.note(Metric.PROFIT_FACTOR)).isEqualTo("no losing trades");
        // one return, no loss period: no Sortino either
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void aSingleBar() {
        final Metrics m = Metrics.of(Records.daily("500").build());
        assertThat(m.get(Metric.START_EQUITY)).isEqualTo(500);
        assertThat(m.get(Metric.TOTAL_RETURN)).isZero();
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isZero();
        assertThat(m.has(Metric.CAGR)).isFalse();
        assertThat(m.has(Metric.ANNUAL_VOLATILITY)).isFalse();
        assertThat(m.has(Metric.EXPOSURE)).isFalse();
        assertThat(m.periodsPerYear()).isNaN();
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void noSamplesAtAll() {
        final Metrics m = Metrics.of(Records.create().build());
        assertThat(m.has(Metric.TOTAL_RETURN)).isFalse();
        assertThat(m.note(Metric.TOTAL_RETURN)).isEqualTo("no equity samples");
        assertThat(m.get(Metric.TRADES)).isZero();
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void anAccountWipedOutLosesEverythingWithoutDividingByZero() {
        final Metrics m = Metrics.of(Records.daily("100", "0", "0").build());
        assertThat(m.get(Metric.TOTAL_RETURN)).isEqualTo(-1.0);
        assertThat(m.get(Metric.CAGR)).isEqualTo(-1.0);
        assertThat(m.get(Metric.MAX_DRAWDOWN)).isEqualTo(1.0);
        assertThat(m.returns()).as("no return after a zero equity").isEqualTo(1);
        assertFiniteOrNotAvailable(m);
    }

    @Test
    void riskFreeRateAndPeriodsPerYearCanBeSet() {
        final RunRecord r = Records.daily("100", "110", "99", "108.9").build();
        final Metrics m = Metrics.of(r, new Assumptions(0.05, 252));
        final double rf = Math.pow(1.05, 1.0 / 252) - 1;
        assertThat(m.get(Metric.SHARPE)).isCloseTo((1.0 / 30 - rf) / Math.sqrt(1.0 / 75) * Math.sqrt(252), within(1e-9));
        assertThat(m.get(Metric.ANNUAL_VOLATILITY)).isCloseTo(Math.sqrt(1.0 / 75) * Math.sqrt(252), within(1e-12));
    }

    @Test
    void monthlyReturnsChainFromTheFirstSample() {
        // 1 Jan 100 → 31 Jan 110 (+10 %) → 28 Feb 99 (−10 %) → 1 Mar 99 (0 %)
        final long jan1 = 1_704_067_200_000_000_000L; // 2024-01-01T00:00Z
        final RunRecord r = Records.create().sample(jan1, "100").sample(jan1 + 30 * DAY, "110").sample(jan1 + 58 * DAY, "99")
                .sample(jan1 + 60 * DAY, "99").build();
        final var months = RunAnalysis.of(r).monthlyReturns();
        assertThat(months).extracting(RunAnalysis.PeriodReturn::month).containsExactly(1, 2, 3);
        assertThat(months.get(0).value()).isCloseTo(0.10, within(EPS));
        assertThat(months.get(1).value()).isCloseTo(-0.10, within(EPS));
        assertThat(months.get(2).value()).isCloseTo(0.0, within(EPS));
    }

    @Test
    void rollingSharpeIsTheSharpeOfTheLastWindow() {
        final String[] equity = new String[41];
        double e = 100;
        for (int i = 0; i < equity.length; i++) {
            e *= i % 3 == 0 ? 1.02 : 0.995;
            equity[i] = Double.toString(e);
        }
        final RunAnalysis a = RunAnalysis.of(Records.daily(equity).build());
        assertThat(a.rollingWindow()).isEqualTo(10); // max(10, 40 returns / 10)
        final double[] r = a.returns();
        final double[] last = Arrays.copyOfRange(r, r.length - 10, r.length);
        final double mean = Arrays.stream(last).average().orElseThrow();
        final double var = Arrays.stream(last).map(x -> (x - mean) * (x - mean)).sum() / 9;
        assertThat(a.rollingSharpe()[r.length - 1]).isCloseTo(mean / Math.sqrt(var) * Math.sqrt(DAILY_P), within(1e-9));
        assertThat(a.rollingSharpe()[9]).as("not enough returns yet").isNaN();
    }

    @Test
    void nearestRankPercentiles() {
        final double[] v = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        assertThat(RunAnalysis.percentile(v, 50)).isEqualTo(5);
        assertThat(RunAnalysis.percentile(v, 90)).isEqualTo(9);
        assertThat(RunAnalysis.percentile(v, 99)).isEqualTo(10);
        assertThat(RunAnalysis.percentile(v, 100)).isEqualTo(10);
        assertThat(RunAnalysis.percentile(new double[] {42}, 1)).isEqualTo(42);
        assertThat(RunAnalysis.percentile(new double[0], 50)).isNaN();
    }

    @Test
    void slippageIsSignedAgainstTheArrivalPrice() {
        // buy at 100.10 after arrival 100: paid 10 bps more; sell at 99.95 after arrival 100: received 5 bps less
        final RunRecord r = Records.daily("1000", "1000").fill(T0, "BUY", "100.10", "1", "100").fill(T0 + 1, "SELL", "99.95", "1", "100")
                .fill(T0 + 2, "SELL", "101", "1", null).build();
        final var x = RunAnalysis.of(r).execution();
        assertThat(x.slippageBps()).containsExactly(new double[] {10, 5}, within(1e-9));
        assertThat(x.slippageMeanBps()).isCloseTo(7.5, within(1e-9));
        assertThat(x.slippageWorstBps()).isCloseTo(10, within(1e-9));
    }

    @Test
    void formattingOfEveryUnit() {
        assertThat(Fmt.metric(Metric.TOTAL_RETURN, 0.1234, "USDT")).isEqualTo("12.34%");
        assertThat(Fmt.metric(Metric.NET_PNL, -1234.5, "USDT")).isEqualTo("-1,234.50 USDT");
        assertThat(Fmt.metric(Metric.SHARPE, 1.005, "USDT")).isEqualTo("1.00");
        assertThat(Fmt.metric(Metric.TRADES, 1234, "USDT")).isEqualTo("1,234");
        assertThat(Fmt.metric(Metric.MAX_DRAWDOWN_DURATION, 2 * DAY + 3 * 3_600e9, "USDT")).isEqualTo("2 d 3 h");
        assertThat(Fmt.metric(Metric.TURNOVER, 3.2, "USDT")).isEqualTo("3.20×");
        assertThat(Fmt.metric(Metric.SHARPE, Double.NaN, "USDT")).isEqualTo("n/a");
        assertThat(Fmt.metricDelta(Metric.TOTAL_RETURN, 0.0123, "USDT")).isEqualTo("+1.23 pp");
        assertThat(Fmt.duration(850e6)).isEqualTo("850 ms");
        assertThat(Fmt.duration(125e9)).isEqualTo("2 min 5 s");
        assertThat(Fmt.money(0.001234, "USDT")).isEqualTo("0.001234 USDT");
        assertThat(Fmt.time(T0)).isEqualTo("2023-11-14 22:13:20");
    }

    private static void assertFiniteOrNotAvailable(final Metrics m) {
        for (final Metric k : Metric.values()) {
            final double v = m.get(k);
            assertThat(Double.isNaN(v) || Double.isFinite(v)).as(k + " is finite or n/a").isTrue();
            assertThat(m.format(k)).doesNotContain("NaN", "Infinity", "∞");
            if (Double.isNaN(v)) {
                assertThat(m.format(k)).isEqualTo("n/a");
                assertThat(m.note(k)).isNotEmpty();
            }
        }
    }
}
