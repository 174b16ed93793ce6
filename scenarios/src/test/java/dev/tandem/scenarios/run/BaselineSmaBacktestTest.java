package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Side;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
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

    record Trade(Side side, BigDecimal price, BigDecimal qty) {}

    @Test
    void theFillsAreTheCrossoversOfAnIndependentRecomputation() throws Exception {
        final Scenario s = ScenarioLoader.defaults().load(FILE);
        final Path csv = ((MarketDataSpec.FileData) s.marketData()).path();
        final List<BigDecimal> closes = new ArrayList<>();
        for (final String line : Files.readAllLines(csv)) {
            if (!line.startsWith("time")) {
                closes.add(new BigDecimal(line.split(",")[4]));
            }
        }
        assertThat(closes).hasSize(161);

        final int fast = 10;
        final int slow = 30;
        final MathContext mc = MathContext.DECIMAL128;
        final List<Trade> expected = new ArrayList<>();
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
                expected.add(new Trade(Side.BUY, close, qty));
                cash = cash.subtract(qty.multiply(close));
                btc = qty;
            } else if (previous > 0 && sign < 0 && btc.signum() > 0) {
                expected.add(new Trade(Side.SELL, close, btc));
                cash = cash.add(btc.multiply(close));
                btc = BigDecimal.ZERO;
            }
            previous = sign;
        }
        assertThat(expected).as("the data has at least one round trip").hasSizeGreaterThanOrEqualTo(2);

        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(s);
        final List<Trade> actual = new ArrayList<>();
        for (final KernelEvent e : run.record().events()) {
            if (e instanceof OrderFilled fill) {
                actual.add(new Trade(fill.side(), BigDecimal.valueOf(fill.lastPrice(), 2), BigDecimal.valueOf(fill.lastQty(), 8)));
            }
        }
        assertThat(actual).usingElementComparator((a, b) -> a.side() == b.side() && a.price().compareTo(b.price()) == 0
                && a.qty().compareTo(b.qty()) == 0 ? 0 : 1).containsExactlyElementsOf(expected);
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
