package dev.tandem.scenarios.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.execution.BreakerOpenPolicy;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.AgentSpec;
import dev.tandem.scenarios.model.FillModel;
import dev.tandem.scenarios.model.InstrumentPresets;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.data.RegimeCrash;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.FaultVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario file maps onto the kernel's and the simulator's configuration exactly as written. */
class ScenarioLoaderTest {
    private static final long S = 1_000_000_000L;
    private static final long START = TimeText.parseInstant("2024-03-01T00:00:00Z");
    private static final long START_2024 = TimeText.parseInstant("2024-01-01T00:00:00Z");

    private static final String FULL = """
            seed: 99
            name: full-example
            description: every section
            instruments:
              - preset: bybit-btcusdt-linear
                taker-fee: 0.06%
                maker-fee: "-0.01%"
              - symbol: ETHUSDT
                venue: BYBIT
                kind: linear-perpetual
                base: ETH
                quote: USDT
                price-scale: 2
                qty-scale: 2
                tick: "0.01"
                lot: "0.01"
                max-leverage: 50
            account:
              balances: {USDT: "25000.5"}
              leverage: 20
              ledger: margin
            market-data:
              instrument: BTCUSDT
              generator:
                process: regime-crash
                initial-price: 60000
                volatility: 0.2
                crash-at: 20m
                crash-duration: 10m
                crash-fraction: -0.3
                step: 500ms
                bar-interval: 1m
            strategy:
              id: s9
              name: interval-trader
              instruments: [ETHUSDT]
              params: {period: 5s, qty: "0.5"}
            risk:
              order-notional-max: "5000"
              price-band: 2%
              edge-collapse: 150bps
              leverage-max: 20x
              strategy-order-rate: {count: 3, per: 2s}
              data-stale: 30s
              pause-on-breaker-open: false
            execution:
              breaker-open-policy: deny
              breaker-failures: 3
              rate-limit: {burst: 5, per-second: 2}
            faults:
              - id: lag
                type: latency-spike
                at: 5m
                duration: 1m
                extra: 250ms
              - type: rate-limit
                flavour: bybit-10006
                at: 2024-03-01T00:07:00Z
                duration: 30s
                retry-after: 2s
              - id: gap
                type: price-gap
                at: 25m
                bps: -500
                symbol: ETHUSDT
            latency:
              fixed: 2ms
              market-data: {fixed: 1ms, jitter: 500us}
            fill-model: next-open
            run:
              start: 2024-03-01T00:00:00Z
              length: 1h
              sample-every: 30s
              reconcile-every: 5m
              request-timeout: 3s
            expectations:
              - expect: strategy-state
                strategy: s9
                state: PAUSED
                after-fault-end: lag
                within: 1.5s
              - expect: breaker
                after: 6m
              - expect: count
                of: denied
                reason: RISK_PRICE_BAND
                at-least: 1
                at-most: 4
                before-fault: gap
              - expect: final-position
                instrument: ETHUSDT
                equals: "1.25"
              - expect: max-drawdown
                max: 12.5%
            """;

    @Test
    void everySectionMapsExactly(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("full.yaml");
        Files.writeString(f, FULL);
        final Scenario s = ScenarioLoader.defaults().load(f);

        assertThat(s.name()).isEqualTo("full-example");
        assertThat(s.seed()).isEqualTo(99);
        final Instrument btc = s.instruments().get(0);
        final Instrument preset = InstrumentPresets.named("bybit-btcusdt-linear");
        assertThat(btc.takerFeeRate()).isEqualTo(Fixed.rate("0.0006"));
        assertThat(btc.makerFeeRate()).isEqualTo(Fixed.rate("-0.0001"));
        assertThat(btc.tickSize()).isEqualTo(preset.tickSize());
        final Instrument eth = s.instruments().get(1);
        assertThat(eth.id()).isEqualTo(new InstrumentId("ETHUSDT", "BYBIT"));
        assertThat(eth.tickSize()).isEqualTo(1);
        assertThat(eth.minQty()).isEqualTo(eth.lotSize());

        assertThat(s.account().balances()).containsEntry("USDT", Fixed.money("25000.5"));
        assertThat(s.account().leverage()).containsEntry(btc.id(), 20).containsEntry(eth.id(), 20);
        assertThat(s.account().ledger()).isEqualTo(LedgerKind.MARGIN);
        assertThat(s.account().currency()).isEqualTo("USDT");

        final MarketDataSpec.GeneratedData g = (MarketDataSpec.GeneratedData) s.marketData();
        assertThat(g.instrument()).isEqualTo(btc.id());
        assertThat(g.initialPrice()).isEqualTo(btc.price("60000"));
        assertThat(g.stepNanos()).isEqualTo(S / 2);
        assertThat(g.steps()).as("steps default to the run length").isEqualTo(7200);
        assertThat(g.barIntervalNanos()).isEqualTo(60 * S);
        final RegimeCrash crash = (RegimeCrash) g.process();
        assertThat(crash.crashStartNanos()).isEqualTo(START + 20 * 60 * S);
        assertThat(crash.crashDurationNanos()).isEqualTo(600 * S);
        assertThat(crash.crashFraction()).isEqualTo(-0.3);

        assertThat(s.strategies()).hasSize(1);
        assertThat(s.strategies().get(0).id()).isEqualTo("s9");
        assertThat(s.strategies().get(0).instruments()).containsExactly(eth.id());
        assertThat(s.strategies().get(0).params()).containsEntry("qty", "0.5").containsEntry("period", "5s");

        final RiskLimits d = RiskLimits.defaults();
        assertThat(s.risk().orderNotionalMoneyMax()).isEqualTo(Fixed.money("5000"));
        assertThat(s.risk().priceBandRate()).isEqualTo(Fixed.rate("0.02"));
        assertThat(s.risk().edgeCollapseRate()).isEqualTo(Fixed.rate("0.015"));
        assertThat(s.risk().leverageRateMax()).isEqualTo(20 * Fixed.RATE_ONE);
        assertThat(s.risk().strategyOrdersPerWindowMax()).isEqualTo(3);
        assertThat(s.risk().strategyRateWindowNanos()).isEqualTo(2 * S);
        assertThat(s.risk().dataStaleNanos()).isEqualTo(30 * S);
        assertThat(s.risk().pauseOnBreakerOpen()).isFalse();
        assertThat(s.risk().drawdownRateMax()).as("not overridden: the default").isEqualTo(d.drawdownRateMax());
        assertThat(s.risk().positionNotionalMoneyMax()).isEqualTo(d.positionNotionalMoneyMax());

        assertThat(s.execution().breakerOpenPolicy()).isEqualTo(BreakerOpenPolicy.DENY);
        assertThat(s.execution().breakerFailureThreshold()).isEqualTo(3);
        assertThat(s.execution().defaultRateLimit().capacity()).isEqualTo(5);

        assertThat(s.faults()).extracting(x -> x.id()).containsExactly("lag", "fault-2", "gap");
        assertThat(s.faults().get(0).fault()).isEqualTo(Fault.latencySpike(START + 300 * S, 60 * S, 250_000_000L));
        assertThat(s.faults().get(1).fault()).isEqualTo(Fault.rateLimit(START + 420 * S, 30 * S, FaultVariant.BYBIT_10006, 2 * S));
        assertThat(s.faults().get(2).fault()).isEqualTo(Fault.priceGap(START + 1500 * S, "ETHUSDT", -500));
        assertThat(s.faults().get(2).fault().type()).isEqualTo(FaultType.PRICE_GAP);

        assertThat(s.latency().orderEntry().fixedNanos()).isEqualTo(2_000_000L);
        assertThat(s.latency().marketData().fixedNanos()).isEqualTo(1_000_000L);
        assertThat(s.latency().marketData().jitterNanos()).isEqualTo(500_000L);
        assertThat(s.fillModel()).isEqualTo(FillModel.NEXT_OPEN);

        assertThat(s.run().startNanos()).isEqualTo(START);
        assertThat(s.run().endNanos()).isEqualTo(START + 3600 * S);
        assertThat(s.run().sampleEveryNanos()).isEqualTo(30 * S);
        assertThat(s.run().reconcileEveryNanos()).isEqualTo(300 * S);
        assertThat(s.run().requestTimeoutNanos()).isEqualTo(3 * S);

        assertThat(s.expectations()).hasSize(5);
        final Expectation.StrategyStateReached paused = (Expectation.StrategyStateReached) s.expectations().get(0);
        assertThat(paused.state()).isEqualTo(StrategyState.PAUSED);
        assertThat(paused.after().nanos()).isEqualTo(START + 360 * S);
        assertThat(paused.withinNanos()).isEqualTo(1_500_000_000L);
        final Expectation.BreakerStateReached breaker = (Expectation.BreakerStateReached) s.expectations().get(1);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.withinNanos()).isNull();
        final Expectation.EventCount count = (Expectation.EventCount) s.expectations().get(2);
        assertThat(count.reason()).isEqualTo(ReasonCode.RISK_PRICE_BAND);
        assertThat(count.until().nanos()).isEqualTo(START + 1500 * S);
        assertThat(count.atLeast()).isEqualTo(1);
        assertThat(count.atMost()).isEqualTo(4);
        assertThat(((Expectation.FinalPosition) s.expectations().get(3)).qty()).isEqualTo(125);
        assertThat(((Expectation.MaxDrawdown) s.expectations().get(4)).maxRate()).isEqualTo(Fixed.rate("0.125"));
    }

    @Test
    void defaultsFillWhatTheFileLeavesOut(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("minimal-run.yaml");
        Files.writeString(f, """
                seed: 5
                instruments: [{preset: bybit-btcusdt-linear}]
                market-data: {generator: {process: gbm, initial-price: "100.00", steps: 600}}
                """);
        final Scenario s = ScenarioLoader.defaults().load(f);
        assertThat(s.name()).isEqualTo("minimal-run");
        assertThat(s.account().balances()).containsOnly(java.util.Map.entry("USDT", Fixed.money("10000")));
        assertThat(s.run().startNanos()).isEqualTo(TimeText.parseInstant(ScenarioLoader.DEFAULT_START));
        // 600 one-second steps, the last bar closes one bar interval later, then one minute to settle
        assertThat(s.run().lengthNanos()).isEqualTo(600 * S + 60 * S + 60 * S);
        assertThat(s.risk()).isEqualTo(RiskLimits.defaults());
        assertThat(s.fillModel()).isEqualTo(FillModel.BAR_CLOSE);
        assertThat(s.strategies()).isEmpty();
        assertThat(s.expectations()).isEmpty();
    }

    @Test
    void triggersTheRiskEnginesOwnOrdersAndLadderSpacingAreRead(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("extras.yaml");
        Files.writeString(f, """
                seed: 5
                instruments: [{preset: bybit-btcusdt-linear}]
                market-data: {generator: {process: gbm, initial-price: "60000.00", emit: trades}}
                agents: [{type: ladder, qty: "0.005", levels: 3, spacing-ticks: 5000}]
                fill-model: none
                strategy: {id: s1, name: interval-trader, params: {period: 5s, qty: "0.001"}}
                run: {length: 10m}
                expectations:
                  - {expect: trading-state, state: HALTED, trigger: DAILY_LOSS}
                  - {expect: strategy-state, strategy: s1, state: RUNNING, trigger: DATA_FRESH, after: 1m, within: 2s}
                  - {expect: count, of: orders-sent, strategy: risk, at-least: 1}
                  - {expect: count, of: retry-after-violations, equals: 0}
                """);
        final Scenario s = ScenarioLoader.defaults().load(f);
        assertThat(((AgentSpec.Ladder) s.agents().get(0)).spacingTicks()).isEqualTo(5000);
        assertThat(((Expectation.TradingStateReached) s.expectations().get(0)).trigger()).isEqualTo(RiskTrigger.DAILY_LOSS);
        assertThat(((Expectation.StrategyStateReached) s.expectations().get(1)).trigger()).isEqualTo(RiskTrigger.DATA_FRESH);
        assertThat(((Expectation.EventCount) s.expectations().get(2)).strategy()).isEqualTo("risk");
        assertThat(((Expectation.EventCount) s.expectations().get(3)).what()).isEqualTo(Expectation.Counted.RETRY_AFTER_VIOLATIONS);

        Files.writeString(f, Files.readString(f).replace("trigger: DAILY_LOSS", "trigger: DAILY_LOS"));
        assertThatThrownBy(() -> ScenarioLoader.defaults().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("line 9").hasMessageContaining("DAILY_LOS");
    }

    @Test
    void aDriftKindAndAMaxPositionAreReadOntoTheInstrumentsScale(@TempDir final Path dir) throws Exception {
        final Path f = dir.resolve("bounds.yaml");
        Files.writeString(f, """
                seed: 5
                instruments: [{preset: bybit-btcusdt-linear}]
                market-data: {generator: {process: gbm, initial-price: "60000.00"}}
                faults: [{id: close, type: external-close, at: 4m}]
                run: {length: 10m}
                expectations:
                  - {expect: count, of: drifts, kind: external-close, after-fault: close, equals: 1}
                  - {expect: count, of: drifts, kind: missing-order, at-most: 0}
                  - {expect: max-position, max: "0.083"}
                  - {expect: max-position, instrument: BTCUSDT, max: 1, after-fault: close, within: 90s}
                """);
        final Scenario s = ScenarioLoader.defaults().load(f);
        final Expectation.EventCount external = (Expectation.EventCount) s.expectations().get(0);
        assertThat(external.what()).isEqualTo(Expectation.Counted.DRIFTS);
        assertThat(external.driftKind()).isEqualTo(DriftKind.EXTERNAL_CLOSE);
        assertThat(external.from().nanos()).isEqualTo(START_2024 + 240 * S);
        assertThat(external.describe()).isEqualTo("the number of drifts of kind external-close after the start of fault 'close' "
                + "is exactly 1");
        assertThat(((Expectation.EventCount) s.expectations().get(1)).driftKind()).isEqualTo(DriftKind.MISSING_ORDER);
        final Expectation.MaxPosition whole = (Expectation.MaxPosition) s.expectations().get(2);
        assertThat(whole.instrument()).isEqualTo(new InstrumentId("BTCUSDT", "BYBIT"));
        assertThat(whole.maxQty()).isEqualTo(83);
        assertThat(whole.after()).isNull();
        assertThat(whole.withinNanos()).isNull();
        final Expectation.MaxPosition windowed = (Expectation.MaxPosition) s.expectations().get(3);
        assertThat(windowed.maxQty()).as("a YAML number is read exactly too").isEqualTo(1000);
        assertThat(windowed.after().nanos()).isEqualTo(START_2024 + 240 * S);
        assertThat(windowed.withinNanos()).isEqualTo(90 * S);
    }

    @Test
    void sharedDataPathsResolveFromTheSharedDirectory(@TempDir final Path dir) throws Exception {
        final Path shared = dir.resolve("shared");
        Files.createDirectories(shared.resolve("data/bars"));
        Files.writeString(shared.resolve("data/bars/x.csv"), "time,open,high,low,close,volume\n"
                + "1385337600,800.01,808,799.75,805.99,1\n1385341200,808,809.9,800,803.5,2\n");
        final Path scenarioDir = dir.resolve("repo/scenarios/library");
        Files.createDirectories(scenarioDir);
        final Path f = scenarioDir.resolve("s.yaml");
        Files.writeString(f, """
                seed: 1
                instruments: [{preset: bitstamp-btcusd-spot}]
                market-data: {file: "${shared}/data/bars/x.csv", interval: 1h}
                """);
        final Scenario s = new ScenarioLoader(dev.tandem.scenarios.run.StrategyResolver.defaults(), SharedData.searching()).load(f);
        final MarketDataSpec.FileData data = (MarketDataSpec.FileData) s.marketData();
        assertThat(data.path()).isEqualTo(shared.resolve("data/bars/x.csv").toAbsolutePath());
        // the start defaults to the first bar's open; the end to the last bar's close plus one minute
        assertThat(s.run().startNanos()).isEqualTo(1_385_337_600L * S);
        assertThat(s.run().endNanos()).isEqualTo((1_385_341_200L + 3600 + 60) * S);
    }
}
