package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.ManualScheduler;
import java.util.List;
import java.util.TreeSet;

/** A risk engine wired to hand-written fakes, plus small builders for intents and amounts. */
final class RiskHarness {
    static final long SECOND = RiskLimits.SECOND_NANOS;
    /** Noon UTC of an arbitrary day, so tests can cross midnight on purpose only. */
    static final long T0 = 19_700L * RiskEngine.DAY_NANOS + 12 * 3600 * SECOND;

    static final Instrument BTC = Instruments.btcUsdtPerp();
    static final Instrument ETH = Instruments.ethUsdtPerp();
    static final Instrument SPOT = Instruments.btcUsdtSpot();
    static final Instrument BTC_OTHER = Instruments.btcUsdtPerp("OTHER");
    /** A perpetual with coarse filters: tick 0.010 (price scale 3), lot = min qty 0.10 (qty scale 2), min notional 5. */
    static final Instrument SOL = new Instrument(new InstrumentId("SOLUSDT", Instruments.VENUE), InstrumentKind.LINEAR_PERPETUAL,
            "SOL", "USDT", 3, 2, 10, 10, 10, 100_000, Fixed.money("5"), Fixed.rate("0.0002"), Fixed.rate("0.00055"), 50, Fixed.rate("0.01"));

    static final StrategyId S1 = new StrategyId("S1");
    static final StrategyId S2 = new StrategyId("S2");
    static final StrategyId MM = new StrategyId("MM");

    final FixedPortfolio portfolio = new FixedPortfolio();
    final StaticMarket market = new StaticMarket();
    final FixedOrders orders = new FixedOrders();
    final ManualScheduler scheduler = new ManualScheduler(T0);
    final RecordingSink sink = new RecordingSink();
    final RecordingActions actions = new RecordingActions();
    final InstrumentRegistry registry = InstrumentRegistry.of(List.of(BTC, ETH, SPOT, BTC_OTHER, SOL));
    final RiskEngine engine;

    RiskHarness(final RiskLimits limits) {
        engine = new RiskEngine(limits, registry, portfolio, market, orders, scheduler, sink, actions);
    }

    /** Registers a (non market-making) strategy for every instrument. */
    RiskHarness registerAll(final StrategyId id) {
        engine.registerStrategy(id, allIds(), false);
        return this;
    }

    TreeSet<InstrumentId> allIds() {
        final TreeSet<InstrumentId> ids = new TreeSet<>();
        registry.all().forEach(i -> ids.add(i.id()));
        return ids;
    }

    static TreeSet<InstrumentId> ids(final Instrument... instruments) {
        final TreeSet<InstrumentId> ids = new TreeSet<>();
        for (final Instrument i : instruments) {
            ids.add(i.id());
        }
        return ids;
    }

    RiskDecision check(final OrderIntent intent) {
        return engine.check(intent);
    }

    static long money(final String text) {
        return Fixed.money(text);
    }

    static long rate(final String text) {
        return Fixed.rate(text);
    }

    static OrderIntent limit(final StrategyId s, final Instrument i, final Side side, final String price, final String qty) {
        return OrderIntent.limit(s, i.id(), side, i.price(price), i.qty(qty));
    }

    static OrderIntent market(final StrategyId s, final Instrument i, final Side side, final String qty) {
        return OrderIntent.market(s, i.id(), side, i.qty(qty));
    }

    static OrderIntent stopMarket(final StrategyId s, final Instrument i, final Side side, final String trigger, final String qty) {
        return new OrderIntent(s, i.id(), side, OrderType.STOP_MARKET, TimeInForce.GTC, 0, i.price(trigger), i.qty(qty), false);
    }
}
