package dev.tandem.sim;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import dev.tandem.testkit.Instruments;
import java.util.List;

/** Shared setup of the exchange-sim end-to-end tests: BTCUSDT perpetual on venue SIM, 10 000 USDT, bars each second. */
final class Fixtures {
    private Fixtures() {}

    static final long SECOND = SimHarness.SECOND;
    static final long MILLI = SimHarness.MILLI;
    static final long START = 1_700_000_000_000_000_000L;
    static final Instrument BTC = Instruments.btcUsdtPerp();
    static final InstrumentId ID = BTC.id();
    static final long PX = BTC.price("60000.00");
    static final long QTY = BTC.qty("0.010");

    static KernelConfig config(final long seed) {
        return KernelConfig.defaults(seed, START, 10_000 * Fixed.MONEY_ONE, List.of(BTC));
    }

    static long at(final double seconds) {
        return START + Math.round(seconds * SECOND);
    }

    /** Flat bars at {@code price}, one per second, closing at 1 s, 2 s, ... {@code seconds} s. */
    static List<MarketData> bars(final int seconds, final long price) {
        final long[] closes = new long[seconds];
        java.util.Arrays.fill(closes, price);
        return Feeds.flatBars(ID, at(1), SECOND, closes);
    }

    static StrategySpec spec(final ScriptedStrategy s) {
        return StrategySpec.of("s1", ID, s);
    }

    static SubmitResult marketBuy(final StrategyContext c, final long qty) {
        return c.marketOrder(ID, Side.BUY, qty);
    }

    static SubmitResult marketSell(final StrategyContext c, final long qty) {
        return c.marketOrder(ID, Side.SELL, qty);
    }

    static SubmitResult limitBuy(final StrategyContext c, final long price, final long qty) {
        return c.limitOrder(ID, Side.BUY, price, qty);
    }

    static SubmitResult stopSell(final StrategyContext c, final long trigger, final long qty) {
        return c.submit(new OrderIntent(c.strategyId(), ID, Side.SELL, OrderType.STOP_MARKET, TimeInForce.GTC, 0, trigger, qty, true));
    }

    /** The client id of the strategy's n-th submit (0-based). */
    static ClientOrderId id(final ScriptedStrategy s, final int n) {
        return s.submitted().get(n).clientOrderId();
    }

    static long filledQty(final SimHarness h, final ClientOrderId id) {
        return h.events(OrderFilled.class).stream().filter(f -> f.clientOrderId().equals(id)).mapToLong(OrderFilled::lastQty).sum();
    }

    static StrategyId strategyId() {
        return new StrategyId("s1");
    }
}
