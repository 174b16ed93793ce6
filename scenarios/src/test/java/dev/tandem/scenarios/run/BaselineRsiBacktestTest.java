package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Side;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library's RSI baseline on the real Binance.US ETH/USD 5-minute bars, checked against an independent
 * recomputation from the CSV: Wilder's RSI in decimal arithmetic (not the strategy's doubles) — the first averages are
 * the plain means of the first {@code period} gains and losses, then {@code avg = (avg × (period − 1) + x) / period} —
 * the same level rule (RSI over 7 bars; flat and RSI &lt; 30: buy all-in at the bar's close; long and RSI &gt; 70: sell everything),
 * all-in sizing rounded down to 0.00001 ETH, zero fees, bar-close fills, zero latency. Every fill's side, price and
 * quantity must match, and so must the final equity.
 */
class BaselineRsiBacktestTest {
    static final Path FILE = Path.of("library", "baseline-rsi-eth-5m.yaml");

    @Test
    void theFillsAreTheRsiSignalsOfAnIndependentRecomputation() throws Exception {
        final Scenario s = ScenarioLoader.defaults().load(FILE);
        final List<BigDecimal> closes = BaselineCheck.closes(s);
        assertThat(closes).hasSize(580);

        final int period = 7;
        final BigDecimal lower = new BigDecimal("30");
        final BigDecimal upper = new BigDecimal("70");
        final List<BaselineCheck.Trade> expected = new ArrayList<>();
        BigDecimal cash = new BigDecimal("10000");
        BigDecimal eth = BigDecimal.ZERO;
        final List<BigDecimal> rsi = rsiSeries(closes, period);
        for (int i = 0; i < closes.size(); i++) {
            final BigDecimal r = rsi.get(i);
            if (r == null) {
                continue;
            }
            final BigDecimal close = closes.get(i);
            if (eth.signum() == 0 && r.compareTo(lower) < 0) {
                final BigDecimal qty = cash.divide(close, 5, RoundingMode.DOWN);
                expected.add(new BaselineCheck.Trade(Side.BUY, close, qty));
                cash = cash.subtract(qty.multiply(close));
                eth = qty;
            } else if (eth.signum() > 0 && r.compareTo(upper) > 0) {
                expected.add(new BaselineCheck.Trade(Side.SELL, close, eth));
                cash = cash.add(eth.multiply(close));
                eth = BigDecimal.ZERO;
            }
        }
        assertThat(expected).as("the data has at least one round trip").hasSizeGreaterThanOrEqualTo(2);

        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(s);
        BaselineCheck.assertFills(run, 2, 5, expected);
        final BigDecimal finalEquity = cash.add(eth.multiply(closes.get(closes.size() - 1)));
        assertThat(new BigDecimal(run.result().finalState().equity())).isEqualByComparingTo(finalEquity.setScale(8, RoundingMode.HALF_EVEN));
    }

    /** Wilder's RSI after each close (null until {@code period + 1} closes), in decimal arithmetic. */
    private static List<BigDecimal> rsiSeries(final List<BigDecimal> closes, final int period) {
        final MathContext mc = MathContext.DECIMAL128;
        final BigDecimal n = BigDecimal.valueOf(period);
        final List<BigDecimal> out = new ArrayList<>();
        out.add(null);
        BigDecimal avgGain = BigDecimal.ZERO;
        BigDecimal avgLoss = BigDecimal.ZERO;
        for (int i = 1; i < closes.size(); i++) {
            final BigDecimal change = closes.get(i).subtract(closes.get(i - 1));
            final BigDecimal gain = change.signum() > 0 ? change : BigDecimal.ZERO;
            final BigDecimal loss = change.signum() < 0 ? change.negate() : BigDecimal.ZERO;
            if (i <= period) {
                avgGain = avgGain.add(gain); // sums until the first average
                avgLoss = avgLoss.add(loss);
                if (i == period) {
                    avgGain = avgGain.divide(n, mc);
                    avgLoss = avgLoss.divide(n, mc);
                }
            } else {
                avgGain = avgGain.multiply(n.subtract(BigDecimal.ONE)).add(gain).divide(n, mc);
                avgLoss = avgLoss.multiply(n.subtract(BigDecimal.ONE)).add(loss).divide(n, mc);
            }
            if (i < period) {
                out.add(null);
            } else if (avgLoss.signum() == 0) {
                out.add(avgGain.signum() == 0 ? new BigDecimal("50") : new BigDecimal("100"));
            } else {
                out.add(new BigDecimal("100").multiply(avgGain).divide(avgGain.add(avgLoss), mc));
            }
        }
        return out;
    }
}
