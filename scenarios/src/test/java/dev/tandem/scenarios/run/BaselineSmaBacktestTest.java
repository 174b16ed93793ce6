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
 * The library's SMA baseline on the real Bitstamp hourly bars, checked against an independent recomputation from the
 * CSV: decimal averages (not the strategy's integer sums), the same crossover rule, all-in sizing at the crossing bar's
 * close (zero fees, bar-close fills, zero latency). Every fill's side, price and quantity must match.
 */
class BaselineSmaBacktestTest {
    static final Path FILE = Path.of("library", "baseline-sma-btc-1h.yaml");

    @Test
    void theFillsAreTheCrossoversOfAnIndependentRecomputation() throws Exception {
        final Scenario s = ScenarioLoader.defaults().load(FILE);
        final List<BigDecimal> closes = BaselineCheck.closes(s);
        assertThat(closes).hasSize(161);

        final int fast = 10;
        final int slow = 30;
        final MathContext mc = MathContext.DECIMAL128;
        final List<BaselineCheck.Trade> expected = new ArrayList<>();
        BigDecimal cash = new BigDecimal("10000");
        BigDecimal btc = BigDecimal.ZERO;
        int previous = 0;
        for (int i = slow - 1; i < closes.size(); i++) {
            final BigDecimal f = average(closes.subList(i - fast + 1, i + 1), mc);
            final BigDecimal sl = average(closes.subList(i - slow + 1, i + 1), mc);
            final int sign = f.compareTo(sl);
            final BigDecimal close = closes.get(i);
            if (previous < 0 && sign > 0 && btc.signum() == 0) {
                final BigDecimal qty = cash.divide(close, 8, RoundingMode.DOWN);
                expected.add(new BaselineCheck.Trade(Side.BUY, close, qty));
                cash = cash.subtract(qty.multiply(close));
                btc = qty;
            } else if (previous > 0 && sign < 0 && btc.signum() > 0) {
                expected.add(new BaselineCheck.Trade(Side.SELL, close, btc));
                cash = cash.add(btc.multiply(close));
                btc = BigDecimal.ZERO;
            }
            previous = sign;
        }
        assertThat(expected).as("the data has at least one round trip").hasSizeGreaterThanOrEqualTo(2);

        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(s);
        BaselineCheck.assertFills(run, 2, 8, expected);
        final BigDecimal finalEquity = cash.add(btc.multiply(closes.get(closes.size() - 1)));
        assertThat(new BigDecimal(run.result().finalState().equity())).isEqualByComparingTo(finalEquity.setScale(8, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal average(final List<BigDecimal> xs, final MathContext mc) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final BigDecimal x : xs) {
            sum = sum.add(x);
        }
        return sum.divide(BigDecimal.valueOf(xs.size()), mc);
    }
}
