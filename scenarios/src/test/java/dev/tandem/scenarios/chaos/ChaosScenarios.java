package dev.tandem.scenarios.chaos;

import dev.tandem.kernel.execution.BreakerOpenPolicy;
import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.AccountSpec;
import dev.tandem.scenarios.model.FaultSpec;
import dev.tandem.scenarios.model.FillModel;
import dev.tandem.scenarios.model.InstrumentPresets;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.RunSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.model.StrategyConfig;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.data.GeometricBrownianMotion;
import dev.tandem.sim.data.MertonJumpDiffusion;
import dev.tandem.sim.data.PriceProcess;
import dev.tandem.sim.data.PumpAndDump;
import dev.tandem.sim.data.RegimeCrash;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.FaultVariant;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Generators of whole chaos scenarios ({@link Scenario} instances) for the chaos properties: a market path (a
 * generator process with random parameters), a fault schedule (types, times, durations, parameters), strategies (the
 * seeded {@code random-trader} and, sometimes, a rogue one from the kernel's library: rogue-loop, fat-finger,
 * cancel-replace-storm), risk limits and execution settings, and the run's shape.
 *
 * <p>A scenario has an <b>active phase</b> (1 to 8 minutes) in which the strategies act and every fault starts and
 * ends, then a <b>quiet tail</b>: the random trader stops at the end of the active phase (cancels, closes its position),
 * rogue strategies are bounded by the active phase too, and the run goes on for the liveness bound
 * ({@link ScenarioRunner#livenessBoundNanos}) plus the checkers' settle time, so liveness is always judged. Every
 * decision is drawn from the harness's choice sequence, so a failing scenario shrinks towards fewer faults, fewer
 * actions, a shorter active phase, the plainest process and the first option of each choice.
 */
public final class ChaosScenarios {
    private static final long S = 1_000_000_000L;
    private static final long START = TimeText.parseInstant("2024-01-01T00:00:00Z");
    private static final List<Instrument> INSTRUMENTS = List.of(InstrumentPresets.named("bybit-btcusdt-linear"),
            InstrumentPresets.named("ethusdt-spot"));
    private static final FaultType[] FAULTS = {FaultType.OUTAGE, FaultType.RATE_LIMIT, FaultType.LATENCY_SPIKE,
        FaultType.MD_DISCONNECT, FaultType.MD_GAP, FaultType.STALE_BOOK, FaultType.LOST_ACK, FaultType.DUPLICATE_REPORTS,
        FaultType.REORDER_REPORTS, FaultType.CANCEL_REJECT_FILLED, FaultType.MAINTENANCE_HALT, FaultType.PRICE_GAP,
        FaultType.EXTERNAL_CLOSE, FaultType.FORCED_LIQUIDATION};

    private ChaosScenarios() {}

    /** Whole scenarios, each expecting {@code no-invariant-violations} (so {@code tandem run} fails on a broken one). */
    public static Gen<Scenario> scenarios() {
        return ChaosScenarios::generate;
    }

    private static long pick(final Rng rng, final long min, final long max) {
        return rng.choose(min, max);
    }

    private static Scenario generate(final Rng rng) {
        final long seed = pick(rng, 1, 1_000_000);
        final Instrument inst = Gen.elements(INSTRUMENTS).generate(rng);
        final boolean perp = inst.isPerpetual();
        final long activeSeconds = 60 + pick(rng, 0, 7 * 60);
        final long active = activeSeconds * S;

        // risk limits and execution settings first: the run's tail depends on them
        final RiskLimits risk = RiskLimits.builder()
                .orderNotionalMoneyMax(Fixed.money(String.valueOf(pick(rng, 0, 20) * 100 + 200)))
                .positionNotionalMoneyMax(Fixed.money(String.valueOf(pick(rng, 0, 20) * 1000 + 1000)))
                .priceBandRate(Fixed.rate("0.01") * (1 + pick(rng, 0, 9)))
                .strategyOrderRate((int) pick(rng, 0, 18) + 2, S)
                .globalOrderRate((int) pick(rng, 0, 180) + 20, 60 * S)
                .drawdownRateMax(Fixed.rate("0.01") * (2 + pick(rng, 0, 18)))
                .dataStaleNanos(rng.weightedBoolean(0.3) ? pick(rng, 3, 60) * S : RiskLimits.defaults().dataStaleNanos())
                .build();
        final ExecutionConfig d = ExecutionConfig.defaults();
        final ExecutionConfig execution = new ExecutionConfig((int) pick(rng, 0, 3), d.retryBaseNanos(), d.retryJitterFraction(),
                d.maxRateLimitedRetries(), d.defaultRetryAfterNanos(), d.unknownRequeryNanos(), (int) pick(rng, 0, 4) + 1,
                (10 + pick(rng, 0, 50)) * S, d.breakerHalfOpenSuccesses(), d.probeTimeoutNanos(),
                rng.weightedBoolean(0.3) ? BreakerOpenPolicy.DENY : BreakerOpenPolicy.QUEUE, d.queueCapacity(), d.queueTtlNanos(),
                d.cancelAllCheckNanos(), d.defaultRateLimit(), d.rateLimitsByVenue());
        final long reconcile = (30 + pick(rng, 0, 30)) * S;
        final long timeout = (1 + pick(rng, 0, 4)) * S;

        // the market path
        final double vol = (20 + pick(rng, 0, 130)) / 100.0;
        final double drift = (pick(rng, 0, 40) - 20) / 10.0;
        final GeometricBrownianMotion gbm = new GeometricBrownianMotion(drift, vol);
        final PriceProcess process = switch ((int) pick(rng, 0, 3)) {
            case 1 -> new MertonJumpDiffusion(drift, vol, 1000 * (1 + pick(rng, 0, 99)), -(pick(rng, 0, 50)) / 1000.0,
                    pick(rng, 0, 50) / 1000.0);
            case 2 -> {
                final long crashAt = START + pick(rng, 0, activeSeconds - 1) * S;
                final long crashFor = (10 + pick(rng, 0, 110)) * S;
                final double crash = -(5 + pick(rng, 0, 35)) / 100.0;
                final long recoverFor = pick(rng, 0, 120) * S;
                yield new RegimeCrash(gbm, crashAt, crashFor, crash, recoverFor, recoverFor == 0 ? 0 : pick(rng, 0, 10) / 100.0);
            }
            case 3 -> new PumpAndDump(gbm, START + pick(rng, 0, activeSeconds - 1) * S, (10 + pick(rng, 0, 110)) * S,
                    (5 + pick(rng, 0, 45)) / 100.0, (10 + pick(rng, 0, 110)) * S, -(5 + pick(rng, 0, 30)) / 100.0);
            default -> gbm;
        };
        final FillModel fill = Gen.elements(List.of(FillModel.BAR_CLOSE, FillModel.NEXT_OPEN, FillModel.INTRA_BAR_PESSIMISTIC))
                .generate(rng);

        // faults, all inside the active phase
        final List<FaultSpec> faults = new ArrayList<>();
        final List<Fault> drawn = Gen.listOf((Gen<Fault>) r -> fault(r, inst, active), 0, 5).generate(rng);
        for (int i = 0; i < drawn.size(); i++) {
            faults.add(new FaultSpec("fault-" + (i + 1), drawn.get(i)));
        }

        // strategies: the random trader, sometimes a rogue one
        final long lots = 1 + pick(rng, 0, 19);
        final List<StrategyConfig> strategies = new ArrayList<>();
        final TreeMap<String, String> params = new TreeMap<>();
        params.put("period", TimeText.formatDuration((1 + pick(rng, 0, 9)) * S / 2));
        params.put("qty", inst.formatQty(lots * inst.lotSize()));
        params.put("actions", String.valueOf(1 + pick(rng, 0, 299)));
        params.put("stop-after", TimeText.formatDuration(active));
        strategies.add(new StrategyConfig("rnd", "random-trader", false, List.of(inst.id()), false, params));
        if (rng.weightedBoolean(0.4)) {
            strategies.add(rogue(rng, inst, activeSeconds));
        }

        final TreeMap<String, Long> balances = new TreeMap<>();
        balances.put(inst.quoteAsset(), Fixed.money(String.valueOf(1000 * (1 + pick(rng, 0, 49)))));
        if (!perp) {
            balances.put(inst.baseAsset(), Fixed.money(String.valueOf(pick(rng, 0, 10))));
        }
        final TreeMap<InstrumentId, Integer> leverage = new TreeMap<>();
        if (perp) {
            leverage.put(inst.id(), (int) pick(rng, 1, 10));
        }
        final LedgerKind ledger = perp && rng.weightedBoolean(0.25) ? LedgerKind.MARGIN : LedgerKind.SIMPLE;
        final AccountSpec account = new AccountSpec(inst.quoteAsset(), balances, leverage, ledger);

        // the run: the active phase, then the quiet tail
        final RunSpec probe = new RunSpec(START, START + active, 5 * S, reconcile, timeout);
        final Scenario draft = new Scenario("chaos", "", seed, null, List.of(inst), account, null, List.of(), strategies, risk,
                execution, faults, LatencyProfile.defaults(), fill, probe, List.of());
        final long tail = ScenarioRunner.livenessBoundNanos(draft) + 2 * dev.tandem.scenarios.check.Checkers.SETTLE_NANOS;
        final long length = (active + tail + S - 1) / S * S;
        final RunSpec run = new RunSpec(START, START + length, 5 * S, reconcile, timeout);
        final long initial = perp ? inst.price("60000.00") : inst.price("3000.00");
        final MarketDataSpec data = new MarketDataSpec.GeneratedData(inst.id(), process, initial, S, length / S,
                MarketDataSpec.Emit.BARS, S, 1, 1, 1);
        return new Scenario("chaos-" + seed, "generated by ChaosScenarios", seed, null, List.of(inst), account, data, List.of(),
                strategies, risk, execution, faults, LatencyProfile.defaults(), fill, run,
                List.of(new Expectation.NoInvariantViolations()));
    }

    private static Fault fault(final Rng rng, final Instrument inst, final long active) {
        final FaultType type = FAULTS[rng.chooseInt(0, FAULTS.length - 1)];
        final long at = START + pick(rng, 5, active / S - 2) * S;
        final long duration = type.windowed() ? Math.min(pick(rng, 1, 120) * S, START + active - at) : 0;
        final String symbol = switch (type) {
            case MD_GAP, STALE_BOOK, PRICE_GAP, EXTERNAL_CLOSE, FORCED_LIQUIDATION -> rng.weightedBoolean(0.5) ? inst.id().symbol() : null;
            default -> null;
        };
        final double probability = (1 + pick(rng, 0, 99)) / 100.0;
        return switch (type) {
            case OUTAGE -> new Fault(type, at, duration, null,
                    List.of(FaultVariant.HTTP_5XX, FaultVariant.TIMEOUT, FaultVariant.CONNECTION_REFUSED).get(rng.chooseInt(0, 2)), 1.0,
                    pick(rng, 0, 3) * S);
            case RATE_LIMIT -> new Fault(type, at, duration, null,
                    List.of(FaultVariant.HTTP_429, FaultVariant.BYBIT_10006, FaultVariant.MEXC_418).get(rng.chooseInt(0, 2)), 1.0,
                    pick(rng, 0, 10) * S);
            case LATENCY_SPIKE -> new Fault(type, at, duration, null, FaultVariant.NONE, 1.0, (1 + pick(rng, 0, 3000)) * 1_000_000L);
            case MD_GAP -> new Fault(type, at, duration, symbol, FaultVariant.NONE, probability, 0);
            case LOST_ACK -> new Fault(type, at, duration, null, FaultVariant.NONE, probability, pick(rng, 0, 3) * S);
            case DUPLICATE_REPORTS -> new Fault(type, at, duration, null, FaultVariant.NONE, probability, pick(rng, 0, 2000) * 1_000_000L);
            case REORDER_REPORTS -> new Fault(type, at, duration, null, FaultVariant.NONE, 1.0, (1 + pick(rng, 0, 2000)) * 1_000_000L);
            case CANCEL_REJECT_FILLED -> new Fault(type, at, duration, null, FaultVariant.NONE, 1.0, pick(rng, 0, 2000) * 1_000_000L);
            case PRICE_GAP -> new Fault(type, at, 0, symbol, FaultVariant.NONE, 1.0,
                    (rng.weightedBoolean(0.5) ? -1 : 1) * (1 + pick(rng, 0, 1500)));
            case FORCED_LIQUIDATION -> new Fault(type, at, 0, symbol, FaultVariant.NONE, 1.0, pick(rng, 0, 200));
            case EXTERNAL_CLOSE -> new Fault(type, at, 0, symbol, FaultVariant.NONE, 1.0, 0);
            default -> new Fault(type, at, duration, symbol, FaultVariant.NONE, 1.0, 0);
        };
    }

    private static StrategyConfig rogue(final Rng rng, final Instrument inst, final long activeSeconds) {
        final TreeMap<String, String> p = new TreeMap<>();
        final String durationMs = String.valueOf(1000 * (1 + pick(rng, 0, activeSeconds / 2)));
        final String startDelayMs = String.valueOf(1000 * pick(rng, 0, activeSeconds / 2 - 1));
        final String size = inst.formatQty((1 + pick(rng, 0, 4)) * inst.lotSize());
        switch (rng.chooseInt(0, 2)) {
            case 0 -> {
                p.put("ratePerSecond", String.valueOf(1 + pick(rng, 0, 199)));
                p.put("durationMs", durationMs);
                p.put("startDelayMs", startDelayMs);
                p.put("orderType", rng.weightedBoolean(0.5) ? "MARKET" : "LIMIT");
                p.put("size", size);
                return new StrategyConfig("rogue", "rogue-loop", false, List.of(inst.id()), false, p);
            }
            case 1 -> {
                p.put("side", rng.weightedBoolean(0.5) ? "SELL" : "BUY");
                p.put("orderType", rng.weightedBoolean(0.5) ? "MARKET" : "LIMIT");
                p.put("size", size);
                p.put("qtyFactor", String.valueOf(1 + pick(rng, 0, 999)));
                p.put("priceFactor", List.of("10", "1.001", "0.5", "1").get(rng.chooseInt(0, 3)));
                p.put("delayMs", startDelayMs);
                return new StrategyConfig("fat", "fat-finger", false, List.of(inst.id()), false, p);
            }
            default -> {
                p.put("ratePerSecond", String.valueOf(1 + pick(rng, 0, 199)));
                p.put("mode", rng.weightedBoolean(0.5) ? "CANCEL_REPLACE" : "AMEND");
                p.put("size", size);
                p.put("durationMs", durationMs);
                p.put("startDelayMs", startDelayMs);
                return new StrategyConfig("storm", "cancel-replace-storm", false, List.of(inst.id()), false, p);
            }
        }
    }
}
