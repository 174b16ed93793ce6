package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.KernelHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Fixtures for the library tests: a BTCUSDT perpetual, a 10 000 USDT account, bars one minute apart. */
final class Rig {
    static final Instrument BTC = Instruments.btcUsdtPerp();
    static final long SEED = 4242L;
    static final long MINUTE = KernelHarness.BAR_INTERVAL_NANOS;
    static final long SECOND = KernelHarness.SECOND;
    static final long MILLI = KernelHarness.MILLI;

    private Rig() {}

    /** 10 000 USDT, these risk limits, no periodic reconciliation. */
    static KernelConfig config(final RiskLimits limits) {
        return KernelConfig.defaults(SEED, KernelHarness.START_NANOS, Fixed.money("10000"), List.of(BTC)).withRisk(limits);
    }

    /** Every risk check off: the strategy's own behaviour, unfiltered. */
    static KernelConfig unlimited() {
        return config(RiskLimits.unlimited());
    }

    /** Parameters from alternating names and values. */
    static TreeMap<String, String> params(final String... kv) {
        final TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A library strategy on BTC under id {@code s1}. */
    static StrategySpec spec(final String name, final String... kv) {
        return StrategyLibrary.create(name, params(kv), "s1", BTC);
    }

    /** A started harness with 1 ms venue latency. */
    static KernelHarness start(final KernelConfig config, final StrategySpec spec) {
        return KernelHarness.started(config, MILLI, spec);
    }

    /** BTC price from text. */
    static long px(final String text) {
        return BTC.price(text);
    }

    /** BTC quantity from text. */
    static long qty(final String text) {
        return BTC.qty(text);
    }

    /** The close time of bar {@code n} (1-based): n minutes after the start. */
    static long barTime(final KernelHarness h, final int n) {
        return KernelHarness.START_NANOS + n * MINUTE;
    }

    /** Flat bars at these closes (whole USDT), bar 1 first; runs until just after the last one. */
    static void bars(final KernelHarness h, final long... closesUsdt) {
        for (int i = 0; i < closesUsdt.length; i++) {
            h.bar(BTC.id(), barTime(h, i + 1), closesUsdt[i] * 100);
        }
        h.runUntil(barTime(h, closesUsdt.length) + 2 * MILLI);
    }

    /** The market orders sent, as "SIDE qty@time-in-minutes" lines (time relative to the start). */
    static List<String> orders(final KernelHarness h) {
        final List<String> out = new ArrayList<>();
        for (final SubmitOrder s : h.commands(SubmitOrder.class)) {
            out.add(s.side() + " " + BTC.formatQty(s.qty()) + " " + s.type() + " @" + minutes(s.tsInitNanos()));
        }
        return out;
    }

    /** Order intents that passed risk, per strategy. */
    static long submitted(final KernelHarness h, final String strategy) {
        return h.events(OrderSubmitted.class).stream().filter(e -> e.strategyId().equals(new StrategyId(strategy))).count();
    }

    /** Minutes since the start, as text with up to 3 decimals ("5", "6.5"). */
    static String minutes(final long nanos) {
        final long ms = (nanos - KernelHarness.START_NANOS) / MILLI;
        return Fixed.format(ms / 60, 3).replaceAll("\\.?0+$", "");
    }
}
