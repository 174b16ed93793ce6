package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Side;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the baseline backtest tests share: the bar file's closes, and the run's fills compared with a recomputation. */
final class BaselineCheck {
    private BaselineCheck() {}

    /** One fill: side, price and quantity as decimals. */
    record Trade(Side side, BigDecimal price, BigDecimal qty) {}

    /** The close column of the scenario's bar file, in file order. */
    static List<BigDecimal> closes(final Scenario s) throws IOException {
        final Path csv = ((MarketDataSpec.FileData) s.marketData()).path();
        final List<BigDecimal> closes = new ArrayList<>();
        for (final String line : Files.readAllLines(csv)) {
            if (!line.startsWith("time")) {
                closes.add(new BigDecimal(line.split(",")[4]));
            }
        }
        return closes;
    }

    /** Asserts that the run's fills are exactly the expected trades, in order (decimals compared by value). */
    static void assertFills(final ScenarioRunner.Run run, final int priceScale, final int qtyScale, final List<Trade> expected) {
        final List<Trade> actual = new ArrayList<>();
        for (final KernelEvent e : run.record().events()) {
            if (e instanceof OrderFilled fill) {
                actual.add(new Trade(fill.side(), BigDecimal.valueOf(fill.lastPrice(), priceScale),
                        BigDecimal.valueOf(fill.lastQty(), qtyScale)));
            }
        }
        assertThat(actual).usingElementComparator((a, b) -> a.side() == b.side() && a.price().compareTo(b.price()) == 0
                && a.qty().compareTo(b.qty()) == 0 ? 0 : 1).containsExactlyElementsOf(expected);
    }
}
