package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.library.StrategyLibrary;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.testkit.SimHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kernel's built-in {@code sma-cross} on the simulated venue: the signal is taken on the bar's close and the market
 * order goes out then; the bar fill model decides the price — the signal bar's close under {@code BarFill.CLOSE}, the
 * next bar's open under {@code BarFill.NEXT_OPEN} — which is how it compares with other backtesters.
 */
class BuiltInStrategiesOnSimVenueTest {
    /** Closes of bars 1..8 (one per second); each bar opens 50.00 above the previous close, so opens and closes differ. */
    private static final long[] CLOSES = {60000, 60000, 60000, 60000, 61000, 61000, 59000, 59000};

    private static List<MarketData> bars() {
        final List<MarketData> out = new ArrayList<>();
        long previous = CLOSES[0];
        for (int i = 0; i < CLOSES.length; i++) {
            final long open = BTC.price(Long.toString(previous + 50));
            final long close = BTC.price(Long.toString(CLOSES[i]));
            out.add(Feeds.bar(ID, at(i + 1), SECOND, open, Math.max(open, close), Math.min(open, close), close));
            previous = CLOSES[i];
        }
        return out;
    }

    private static List<OrderFilled> run(final BarFill fill) {
        final SimHarness h = SimHarness.builder(Fixtures.config(11).withRisk(RiskLimits.unlimited()))
                .barFill(fill)
                .strategy(StrategyLibrary.create("sma-cross", Map.of("fast", "2", "slow", "3", "allocation", "0.5"), "sma", BTC))
                .build()
                .start();
        h.replay(bars()).runUntil(at(10));
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        return h.events(OrderFilled.class);
    }

    @Test
    void underBarFillCloseTheCrossesFillAtTheSignalBarsCloses() {
        // cross up at bar 5 (close 61 000), cross down at bar 7 (close 59 000); 5 000 / 61 000 → 0.081 BTC
        final List<OrderFilled> fills = run(BarFill.CLOSE);
        assertThat(fills).extracting(OrderFilled::side).containsExactly(Side.BUY, Side.SELL);
        assertThat(fills).extracting(OrderFilled::lastPrice).containsExactly(BTC.price("61000"), BTC.price("59000"));
        assertThat(fills).extracting(OrderFilled::lastQty).containsOnly(BTC.qty("0.081"));
    }

    @Test
    void underBarFillNextOpenTheSameSignalsFillAtTheFollowingBarsOpens() {
        final List<OrderFilled> fills = run(BarFill.NEXT_OPEN);
        assertThat(fills).extracting(OrderFilled::side).containsExactly(Side.BUY, Side.SELL);
        // bar 6 opens at 61 050, bar 8 at 59 050
        assertThat(fills).extracting(OrderFilled::lastPrice).containsExactly(BTC.price("61050"), BTC.price("59050"));
        assertThat(fills).extracting(OrderFilled::lastQty).containsOnly(BTC.qty("0.081"));
    }
}
