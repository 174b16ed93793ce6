package dev.tandem.scenarios.load;

import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.execution.RateLimit;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.expect.Anchor;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.AgentSpec;
import dev.tandem.scenarios.model.FaultSpec;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.model.StrategyConfig;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.data.GeometricBrownianMotion;
import dev.tandem.sim.data.MertonJumpDiffusion;
import dev.tandem.sim.data.PriceProcess;
import dev.tandem.sim.data.PumpAndDump;
import dev.tandem.sim.data.RegimeCrash;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultVariant;
import dev.tandem.sim.fault.LatencySpec;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Scenario} as scenario-file text that {@link ScenarioLoader} reads back into an equal scenario
 * (apart from {@link Scenario#source()}): every value is written explicitly (instrument fields, every risk limit,
 * latency, run settings), times inside the run as durations after its start, numbers exactly. Used to save the
 * minimal failing case of a chaos property as a file {@code tandem run} reproduces.
 *
 * <p>What the file format cannot say is refused with an {@link IllegalArgumentException} naming it: execution
 * settings the format has no key for that differ from {@link ExecutionConfig#defaults()}, different leverage per
 * perpetual, price processes other than the four the loader builds (with a GBM base).
 */
public final class ScenarioWriter {
    private static final Pattern FAULT_START = Pattern.compile("the start of fault '(.*)'");
    private static final Pattern FAULT_END = Pattern.compile("the end of fault '(.*)'");

    private final StringBuilder out = new StringBuilder();
    private final Scenario s;
    private final long start;

    private ScenarioWriter(final Scenario s) {
        this.s = s;
        this.start = s.run().startNanos();
    }

    /** The scenario as file text, preceded by {@code header} as comment lines (may be empty). */
    public static String write(final Scenario scenario, final String header) {
        final ScenarioWriter w = new ScenarioWriter(scenario);
        if (!header.isEmpty()) {
            for (final String line : header.split("\n", -1)) {
                w.out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
            }
        }
        w.all();
        return w.out.toString();
    }

    private void line(final int indent, final String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private void all() {
        line(0, "seed: " + s.seed());
        line(0, "name: " + q(s.name()));
        if (!s.description().isEmpty()) {
            line(0, "description: " + q(s.description()));
        }
        line(0, "instruments:");
        for (final Instrument i : s.instruments()) {
            instrument(i);
        }
        account();
        marketData();
        if (!s.agents().isEmpty()) {
            line(0, "agents:");
            for (final AgentSpec a : s.agents()) {
                agent(a);
            }
        }
        if (!s.strategies().isEmpty()) {
            line(0, "strategies:");
            for (final StrategyConfig c : s.strategies()) {
                strategy(c);
            }
        }
        risk(s.risk());
        execution(s.execution());
        if (!s.faults().isEmpty()) {
            line(0, "faults:");
            for (final FaultSpec f : s.faults()) {
                fault(f);
            }
        }
        line(0, "latency:");
        latency("order-entry", s.latency().orderEntry());
        latency("cancel", s.latency().cancel());
        latency("report", s.latency().report());
        latency("market-data", s.latency().marketData());
        line(0, "fill-model: " + s.fillModel().text());
        line(0, "run:");
        line(1, "start: " + q(TimeText.formatInstant(start)));
        line(1, "length: " + dur(s.run().lengthNanos()));
        line(1, "sample-every: " + dur(s.run().sampleEveryNanos()));
        line(1, "reconcile-every: " + dur(s.run().reconcileEveryNanos()));
        line(1, "request-timeout: " + dur(s.run().requestTimeoutNanos()));
        if (s.run().crash() != null) {
            line(1, "crash-at: " + dur(s.run().crash().atNanos() - start));
            line(1, "restart-after: " + dur(s.run().crash().downtimeNanos()));
            line(1, "restore-from: " + s.run().crash().restore().name().toLowerCase(Locale.ROOT));
        }
        if (!s.expectations().isEmpty()) {
            line(0, "expectations:");
            for (final Expectation e : s.expectations()) {
                expectation(e);
            }
        }
    }

    // ------------------------------------------------------------------ sections

    private void instrument(final Instrument i) {
        line(1, "- symbol: " + q(i.id().symbol()));
        line(2, "venue: " + q(i.id().venue()));
        line(2, "kind: " + (i.kind() == InstrumentKind.SPOT ? "spot" : "linear-perpetual"));
        line(2, "base: " + q(i.baseAsset()));
        line(2, "quote: " + q(i.quoteAsset()));
        line(2, "price-scale: " + i.priceScale());
        line(2, "qty-scale: " + i.qtyScale());
        line(2, "tick: " + q(i.formatPrice(i.tickSize())));
        line(2, "lot: " + q(i.formatQty(i.lotSize())));
        line(2, "min-qty: " + q(i.formatQty(i.minQty())));
        line(2, "max-qty: " + q(i.formatQty(i.maxQty())));
        line(2, "min-notional: " + q(money(i.minNotionalMoney())));
        line(2, "maker-fee: " + q(rate(i.makerFeeRate())));
        line(2, "taker-fee: " + q(rate(i.takerFeeRate())));
        line(2, "max-leverage: " + i.maxLeverage());
        line(2, "maintenance-margin: " + q(rate(i.maintenanceMarginRate())));
    }

    private void account() {
        line(0, "account:");
        final StringBuilder b = new StringBuilder("balances: {");
        boolean first = true;
        for (final Map.Entry<String, Long> e : s.account().balances().entrySet()) {
            b.append(first ? "" : ", ").append(q(e.getKey())).append(": ").append(q(money(e.getValue())));
            first = false;
        }
        line(1, b.append('}').toString());
        line(1, "currency: " + q(s.account().currency()));
        Integer lev = null;
        for (final int l : s.account().leverage().values()) {
            if (lev != null && lev != l) {
                throw new IllegalArgumentException("the file format has one leverage for every perpetual, not " + s.account().leverage());
            }
            lev = l;
        }
        if (lev != null) {
            line(1, "leverage: " + lev);
        }
        line(1, "ledger: " + (s.account().ledger() == LedgerKind.MARGIN ? "margin" : "simple"));
    }

    private void marketData() {
        line(0, "market-data:");
        if (s.marketData() instanceof MarketDataSpec.FileData f) {
            line(1, "file: " + q(f.written()));
            line(1, "format: " + f.format().text());
            if (f.format() == MarketDataSpec.FileFormat.BARS) {
                line(1, "interval: " + dur(f.intervalNanos()));
            }
            line(1, "instrument: " + q(f.instrument().symbol()));
            return;
        }
        final MarketDataSpec.GeneratedData g = (MarketDataSpec.GeneratedData) s.marketData();
        final Instrument inst = instrument(g.instrument());
        line(1, "instrument: " + q(g.instrument().symbol()));
        line(1, "generator:");
        PriceProcess p = g.process();
        GeometricBrownianMotion gbm;
        if (p instanceof RegimeCrash r) {
            gbm = gbm(r.base());
            line(2, "process: regime-crash");
            line(2, "crash-at: " + dur(r.crashStartNanos() - start));
            line(2, "crash-duration: " + dur(r.crashDurationNanos()));
            line(2, "crash-fraction: " + num(r.crashFraction()));
            line(2, "recovery-duration: " + dur(r.recoveryDurationNanos()));
            line(2, "recovery-fraction: " + num(r.recoveryFraction()));
        } else if (p instanceof PumpAndDump d) {
            gbm = gbm(d.base());
            line(2, "process: pump-and-dump");
            line(2, "pump-at: " + dur(d.pumpStartNanos() - start));
            line(2, "pump-duration: " + dur(d.pumpDurationNanos()));
            line(2, "pump-fraction: " + num(d.pumpFraction()));
            line(2, "dump-duration: " + dur(d.dumpDurationNanos()));
            line(2, "dump-fraction: " + num(d.dumpFraction()));
        } else if (p instanceof MertonJumpDiffusion m) {
            gbm = new GeometricBrownianMotion(m.drift(), m.volatility());
            line(2, "process: merton");
            line(2, "jump-intensity: " + num(m.jumpIntensity()));
            line(2, "jump-mean: " + num(m.jumpMean()));
            line(2, "jump-std: " + num(m.jumpStdDev()));
        } else {
            gbm = gbm(p);
            line(2, "process: gbm");
        }
        line(2, "drift: " + num(gbm.drift()));
        line(2, "volatility: " + num(gbm.volatility()));
        line(2, "initial-price: " + q(inst.formatPrice(g.initialPrice())));
        line(2, "step: " + dur(g.stepNanos()));
        line(2, "steps: " + g.steps());
        line(2, "emit: " + g.emit().text());
        line(2, "bar-interval: " + dur(g.barIntervalNanos()));
        line(2, "half-spread-ticks: " + g.halfSpreadTicks());
        line(2, "min-lots: " + g.minLots());
        line(2, "max-lots: " + g.maxLots());
    }

    private static GeometricBrownianMotion gbm(final PriceProcess p) {
        if (p instanceof GeometricBrownianMotion g) {
            return g;
        }
        throw new IllegalArgumentException("the file format builds regime-crash and pump-and-dump on a gbm, not on " + p);
    }

    private void agent(final AgentSpec a) {
        if (a instanceof AgentSpec.Ladder l) {
            final Instrument i = instrument(l.instrument());
            line(1, "- {type: ladder, instrument: " + q(i.id().symbol()) + ", mid: " + q(i.formatPrice(l.startMid())) + ", qty: "
                    + q(i.formatQty(l.qty())) + ", levels: " + l.levels() + ", period: " + dur(l.periodNanos()) + ", step-ticks: "
                    + l.stepTicks() + ", spacing-ticks: " + l.spacingTicks() + "}");
        } else {
            final AgentSpec.NoiseTaker n = (AgentSpec.NoiseTaker) a;
            line(1, "- {type: noise-taker, instrument: " + q(n.instrument().symbol()) + ", mean-gap: " + dur(n.meanGapNanos())
                    + ", max-lots: " + n.maxLots() + "}");
        }
    }

    private void strategy(final StrategyConfig c) {
        line(1, "- id: " + q(c.id()));
        line(2, (c.byClass() ? "class: " : "name: ") + q(c.reference()));
        final StringBuilder ins = new StringBuilder("instruments: [");
        for (int i = 0; i < c.instruments().size(); i++) {
            ins.append(i == 0 ? "" : ", ").append(q(c.instruments().get(i).symbol()));
        }
        line(2, ins.append(']').toString());
        line(2, "market-maker: " + c.marketMaker());
        if (!c.params().isEmpty()) {
            line(2, "params:");
            for (final Map.Entry<String, String> e : c.params().entrySet()) {
                line(3, q(e.getKey()) + ": " + q(e.getValue()));
            }
        }
    }

    private void risk(final RiskLimits r) {
        line(0, "risk:");
        line(1, "order-notional-max: " + q(money(r.orderNotionalMoneyMax())));
        line(1, "position-notional-max: " + q(money(r.positionNotionalMoneyMax())));
        line(1, "total-notional-max: " + q(money(r.totalNotionalMoneyMax())));
        line(1, "open-positions-max: " + r.openPositionsMax());
        line(1, "concentration-max: " + q(rate(r.concentrationRateMax())));
        line(1, "leverage-max: " + q(rate(r.leverageRateMax())));
        line(1, "price-band: " + q(rate(r.priceBandRate())));
        line(1, "slippage-max: " + q(rate(r.slippageRateMax())));
        line(1, "strategy-order-rate: {count: " + r.strategyOrdersPerWindowMax() + ", per: " + dur(r.strategyRateWindowNanos()) + "}");
        line(1, "global-order-rate: {count: " + r.globalOrdersPerWindowMax() + ", per: " + dur(r.globalRateWindowNanos()) + "}");
        line(1, "rate-abuse: {denials: " + r.rateAbuseDenialsMax() + ", per: " + dur(r.rateAbuseWindowNanos()) + "}");
        line(1, "venue-failures-max: " + r.venueFailuresMax());
        line(1, "daily-loss-max: " + q(rate(r.dailyLossRateMax())));
        line(1, "drawdown-max: " + q(rate(r.drawdownRateMax())));
        line(1, "margin-ratio-reducing: " + q(rate(r.marginRatioReducingRate())));
        line(1, "margin-ratio-flatten: " + q(rate(r.marginRatioFlattenRate())));
        line(1, "data-stale: " + dur(r.dataStaleNanos()));
        line(1, "pause-on-breaker-open: " + r.pauseOnBreakerOpen());
        line(1, "edge-collapse: " + q(rate(r.edgeCollapseRate())));
        line(1, "spot-balance-check: " + r.spotBalanceCheck());
    }

    private void execution(final ExecutionConfig e) {
        final ExecutionConfig d = ExecutionConfig.defaults();
        if (e.maxRateLimitedRetries() != d.maxRateLimitedRetries() || e.defaultRetryAfterNanos() != d.defaultRetryAfterNanos()
                || e.unknownRequeryNanos() != d.unknownRequeryNanos() || e.probeTimeoutNanos() != d.probeTimeoutNanos()
                || e.cancelAllCheckNanos() != d.cancelAllCheckNanos() || !e.rateLimitsByVenue().equals(d.rateLimitsByVenue())) {
            throw new IllegalArgumentException("the file format cannot say these execution settings (only breaker, retries, "
                    + "rate limit and queue have keys): " + e);
        }
        final RateLimit limit = e.defaultRateLimit();
        if (limit.nanosPerToken() <= 0 || 1_000_000_000L % limit.nanosPerToken() != 0) {
            throw new IllegalArgumentException("the file format writes rate limits as whole tokens per second, not " + limit);
        }
        line(0, "execution:");
        line(1, "breaker-open-policy: " + e.breakerOpenPolicy().name().toLowerCase(Locale.ROOT));
        line(1, "breaker-failures: " + e.breakerFailureThreshold());
        line(1, "breaker-open: " + dur(e.breakerOpenNanos()));
        line(1, "breaker-half-open-successes: " + e.breakerHalfOpenSuccesses());
        line(1, "max-retries: " + e.maxRetries());
        line(1, "retry-base: " + dur(e.retryBaseNanos()));
        line(1, "retry-jitter: " + num(e.retryJitterFraction()));
        line(1, "rate-limit: {burst: " + limit.capacity() + ", per-second: " + 1_000_000_000L / limit.nanosPerToken() + "}");
        line(1, "queue-capacity: " + e.queueCapacity());
        line(1, "queue-ttl: " + dur(e.queueTtlNanos()));
    }

    private void fault(final FaultSpec spec) {
        final Fault f = spec.fault();
        line(1, "- id: " + q(spec.id()));
        line(2, "type: " + kebab(f.type().name()));
        line(2, "at: " + dur(f.atNanos() - start));
        if (f.type().windowed()) {
            line(2, "duration: " + dur(f.durationNanos()));
        }
        if (f.symbol() != null) {
            line(2, "symbol: " + q(f.symbol()));
        }
        boolean probabilityUsed = false;
        boolean magnitudeUsed = true;
        boolean variantUsed = false;
        switch (f.type()) {
            case OUTAGE -> {
                variantUsed = true;
                line(2, "mode: " + kebab(f.variant().name()));
                line(2, "timeout: " + dur(f.magnitude()));
            }
            case RATE_LIMIT -> {
                variantUsed = true;
                line(2, "flavour: " + kebab(f.variant().name()));
                line(2, "retry-after: " + dur(f.magnitude()));
            }
            case LATENCY_SPIKE -> line(2, "extra: " + dur(f.magnitude()));
            case MD_GAP -> {
                probabilityUsed = true;
                magnitudeUsed = false;
                line(2, "probability: " + num(f.probability()));
            }
            case LOST_ACK -> {
                probabilityUsed = true;
                line(2, "probability: " + num(f.probability()));
                line(2, "timeout: " + dur(f.magnitude()));
            }
            case DUPLICATE_REPORTS -> {
                probabilityUsed = true;
                line(2, "probability: " + num(f.probability()));
                line(2, "delay: " + dur(f.magnitude()));
            }
            case REORDER_REPORTS -> line(2, "max-delay: " + dur(f.magnitude()));
            case CANCEL_REJECT_FILLED -> line(2, "delay: " + dur(f.magnitude()));
            case PRICE_GAP, FORCED_LIQUIDATION -> line(2, "bps: " + f.magnitude());
            default -> magnitudeUsed = false;
        }
        if ((!probabilityUsed && f.probability() != 1.0) || (!magnitudeUsed && f.magnitude() != 0)
                || (!variantUsed && f.variant() != FaultVariant.NONE)) {
            throw new IllegalArgumentException("the file format cannot say fault " + spec.id() + ": " + f);
        }
    }

    private void latency(final String key, final LatencySpec l) {
        line(1, key + ": {fixed: " + dur(l.fixedNanos()) + ", jitter: " + dur(l.jitterNanos()) + ", spike-probability: "
                + num(l.spikeProbability()) + ", spike: " + dur(l.spikeNanos()) + "}");
    }

    private void expectation(final Expectation e) {
        line(1, "- expect: " + e.kind());
        if (e instanceof Expectation.TradingStateReached t) {
            line(2, "state: " + t.state().name());
            if (t.trigger() != null) {
                line(2, "trigger: " + t.trigger().name());
            }
            anchor("after", t.after());
            within(t.withinNanos());
        } else if (e instanceof Expectation.StrategyStateReached t) {
            if (t.strategy() != null) {
                line(2, "strategy: " + q(t.strategy()));
            }
            line(2, "state: " + t.state().name());
            if (t.trigger() != null) {
                line(2, "trigger: " + t.trigger().name());
            }
            anchor("after", t.after());
            within(t.withinNanos());
        } else if (e instanceof Expectation.BreakerStateReached t) {
            line(2, "state: " + t.state().name());
            anchor("after", t.after());
            within(t.withinNanos());
        } else if (e instanceof Expectation.OrdersWhileHalted t) {
            line(2, "max: " + t.max());
        } else if (e instanceof Expectation.MaxOrdersPerSecond t) {
            line(2, "max: " + t.max());
        } else if (e instanceof Expectation.FinalPosition t) {
            line(2, "instrument: " + q(t.instrument().symbol()));
            line(2, "equals: " + q(instrument(t.instrument()).formatQty(t.qty())));
        } else if (e instanceof Expectation.MaxPosition t) {
            line(2, "instrument: " + q(t.instrument().symbol()));
            line(2, "max: " + q(instrument(t.instrument()).formatQty(t.maxQty())));
            anchor("after", t.after());
            within(t.withinNanos());
        } else if (e instanceof Expectation.AvgEntryPrice t) {
            line(2, "instrument: " + q(t.instrument().symbol()));
            line(2, "equals: " + q(instrument(t.instrument()).formatPrice(t.price())));
        } else if (e instanceof Expectation.FinalEquity t) {
            line(2, "equals: " + q(money(t.money())));
        } else if (e instanceof Expectation.FundingTotal t) {
            line(2, "equals: " + q(money(t.money())));
            if (t.settlements() != null) {
                line(2, "settlements: " + t.settlements());
            }
        } else if (e instanceof Expectation.MaxDrawdown t) {
            line(2, "max: " + q(rate(t.maxRate())));
        } else if (e instanceof Expectation.EventCount t) {
            line(2, "of: " + t.what().text());
            if (t.reason() != null) {
                line(2, "reason: " + t.reason().name());
            }
            if (t.driftKind() != null) {
                line(2, "kind: " + kebab(t.driftKind().name()));
            }
            if (t.strategy() != null) {
                line(2, "strategy: " + q(t.strategy()));
            }
            anchor("after", t.from());
            anchor("before", t.until());
            if (t.atLeast() != null) {
                line(2, "at-least: " + t.atLeast());
            }
            if (t.atMost() != null) {
                line(2, "at-most: " + t.atMost());
            }
        } else if (e instanceof Expectation.TraceHashEquals t) {
            line(2, "equals: " + q(t.hex()));
        } else if (!(e instanceof Expectation.NoInvariantViolations || e instanceof Expectation.OrdersConsistent)) {
            throw new IllegalArgumentException("the writer does not know the expectation " + e);
        }
    }

    private void anchor(final String prefix, final Anchor a) {
        if (a == null) {
            return;
        }
        final Matcher startOf = FAULT_START.matcher(a.label());
        final Matcher endOf = FAULT_END.matcher(a.label());
        if (startOf.matches()) {
            line(2, prefix + "-fault: " + q(startOf.group(1)));
        } else if (endOf.matches()) {
            line(2, prefix + "-fault-end: " + q(endOf.group(1)));
        } else {
            line(2, prefix + ": " + dur(a.nanos() - start));
        }
    }

    private void within(final Long nanos) {
        if (nanos != null) {
            line(2, "within: " + dur(nanos));
        }
    }

    // ------------------------------------------------------------------ values

    private Instrument instrument(final InstrumentId id) {
        for (final Instrument i : s.instruments()) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no instrument " + id);
    }

    private static String kebab(final String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A duration the loader reads back exactly ({@code 0s} for zero). */
    private static String dur(final long nanos) {
        return nanos == 0 ? "0s" : TimeText.formatDuration(nanos);
    }

    private static String money(final long m) {
        return BigDecimal.valueOf(m, Fixed.MONEY_SCALE).stripTrailingZeros().toPlainString();
    }

    private static String rate(final long r) {
        return BigDecimal.valueOf(r, Fixed.RATE_SCALE).stripTrailingZeros().toPlainString();
    }

    /** A double in plain decimal notation that parses back to the same double. */
    private static String num(final double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    /** A double-quoted YAML string. */
    private static String q(final String text) {
        final StringBuilder b = new StringBuilder("\"");
        for (final char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
