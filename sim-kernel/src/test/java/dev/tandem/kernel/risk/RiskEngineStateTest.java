package dev.tandem.kernel.risk;

import static dev.tandem.kernel.risk.RiskHarness.BTC;
import static dev.tandem.kernel.risk.RiskHarness.BTC_OTHER;
import static dev.tandem.kernel.risk.RiskHarness.ETH;
import static dev.tandem.kernel.risk.RiskHarness.MM;
import static dev.tandem.kernel.risk.RiskHarness.S1;
import static dev.tandem.kernel.risk.RiskHarness.S2;
import static dev.tandem.kernel.risk.RiskHarness.SECOND;
import static dev.tandem.kernel.risk.RiskHarness.T0;
import static dev.tandem.kernel.risk.RiskHarness.ids;
import static dev.tandem.kernel.risk.RiskHarness.limit;
import static dev.tandem.kernel.risk.RiskHarness.market;
import static dev.tandem.kernel.risk.RiskHarness.money;
import static dev.tandem.kernel.risk.RiskHarness.rate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trading and strategy state machines, their triggers, audit events and actions. */
class RiskEngineStateTest {
    private static final long DAY = RiskEngine.DAY_NANOS;

    private static RiskHarness harness(final RiskLimits.Builder limits) {
        return new RiskHarness(limits.build());
    }

    private static RiskLimits.Builder only() {
        return RiskLimits.unlimited().toBuilder();
    }

    private static TradingStateChanged single(final RiskHarness h) {
        final List<TradingStateChanged> t = h.sink.trading();
        assertThat(t).hasSize(1);
        assertThat(h.sink.events).hasSize(1);
        h.sink.clear();
        return t.get(0);
    }

    private static StrategyStateChanged singleStrategy(final RiskHarness h) {
        final List<StrategyStateChanged> s = h.sink.strategy();
        assertThat(s).hasSize(1);
        assertThat(h.sink.events).hasSize(1);
        h.sink.clear();
        return s.get(0);
    }

    private static void assertTrading(final TradingStateChanged e, final TradingState from, final TradingState to, final RiskTrigger trigger) {
        assertThat(e.from()).isEqualTo(from);
        assertThat(e.to()).isEqualTo(to);
        assertThat(e.trigger()).isEqualTo(trigger);
        assertThat(e.reason()).isNotBlank();
    }

    private static void assertStrategy(final StrategyStateChanged e, final StrategyId id, final StrategyState from, final StrategyState to,
            final RiskTrigger trigger) {
        assertThat(e.strategyId()).isEqualTo(id);
        assertThat(e.from()).isEqualTo(from);
        assertThat(e.to()).isEqualTo(to);
        assertThat(e.trigger()).isEqualTo(trigger);
        assertThat(e.reason()).isNotBlank();
    }

    private static ClientOrderId coid(final int n) {
        return new ClientOrderId("c" + n);
    }

    private static OrderFilled fill(final StrategyId s, final Instrument i, final Side side, final String price, final String qty) {
        return new OrderFilled(coid(1), s, i.id(), "t1", side, i.price(price), i.qty(qty), i.qty(qty), 0, 0, Liquidity.MAKER, false, T0, T0);
    }

    // ---------------------------------------------------------------------------------------------------------------- kill switch

    @Test
    void killSwitchHaltsCancelsFlattensAndLetsOnlyRiskReduceOnlyIntentsThrough() {
        final RiskHarness h = harness(only()).registerAll(S1);
        h.portfolio.position(BTC.id(), BTC.qty("0.1"), money("5000"));
        h.market.reference(BTC.id(), BTC.price("50000"));

        h.engine.engageKillSwitch("alice", "manual stop", true);
        final TradingStateChanged e = single(h);
        assertTrading(e, TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.KILL_SWITCH);
        assertThat(e.reason()).isEqualTo("manual stop");
        assertThat(e.metadata()).containsEntry("operator", "alice").containsEntry("flatten", "true").containsEntry("haltCauses", "KILL_SWITCH");
        assertThat(e.tsEventNanos()).isEqualTo(T0);
        assertThat(h.actions.calls).containsExactly("cancelAll", "flattenAll");
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.HALTED);

        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_TRADING_HALTED);
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "0.001").asReduceOnly()).reason()).isEqualTo(ReasonCode.RISK_TRADING_HALTED);
        assertThat(h.check(market(StrategyId.RISK, BTC, Side.SELL, "0.1").asReduceOnly()).passed()).isTrue();
        assertThat(h.check(market(StrategyId.RISK, BTC, Side.SELL, "0.1")).reason()).isEqualTo(ReasonCode.RISK_TRADING_HALTED);
        assertThat(h.check(market(StrategyId.RISK, BTC, Side.BUY, "0.1").asReduceOnly()).reason())
                .isEqualTo(ReasonCode.RISK_REDUCE_ONLY_WOULD_INCREASE);

        // engaging again changes no state (no event) but the operator's cancel still goes out
        h.actions.calls.clear();
        h.engine.engageKillSwitch("alice", "again", false);
        assertThat(h.sink.events).isEmpty();
        assertThat(h.actions.calls).containsExactly("cancelAll");

        h.engine.disengageKillSwitch("bob", "all clear");
        final TradingStateChanged off = single(h);
        assertTrading(off, TradingState.HALTED, TradingState.ACTIVE, RiskTrigger.OPERATOR);
        assertThat(off.metadata()).containsEntry("operator", "bob").containsEntry("clearedCauses", "KILL_SWITCH");
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).passed()).isTrue();
        h.engine.disengageKillSwitch("bob", "twice");
        assertThat(h.sink.events).isEmpty();
    }

    @Test
    void killSwitchWithoutFlattenOnlyCancels() {
        final RiskHarness h = harness(only());
        h.engine.engageKillSwitch("alice", "stop", false);
        assertThat(single(h).metadata()).containsEntry("flatten", "false");
        assertThat(h.actions.calls).containsExactly("cancelAll");
    }

    // ---------------------------------------------------------------------------------------------------------------- margin

    @Test
    void marginRatioReducesAt70AndFlattensAt85OncePerExcursion() {
        final RiskHarness h = harness(only().marginRatio(rate("0.70"), rate("0.85"))).registerAll(S1);
        h.portfolio.position(BTC.id(), BTC.qty("1"), money("50000"));

        h.engine.onMarginRatio(rate("0.69999999"));
        assertThat(h.sink.events).isEmpty();
        h.engine.onMarginRatio(rate("0.70"));
        final TradingStateChanged e = single(h);
        assertTrading(e, TradingState.ACTIVE, TradingState.REDUCING, RiskTrigger.MARGIN_RATIO);
        assertThat(e.metadata()).containsEntry("marginRatio", "0.70000000").containsEntry("reducingThreshold", "0.70000000")
                .containsEntry("flattenThreshold", "0.85000000").containsEntry("flatten", "false");
        assertThat(h.actions.calls).isEmpty();

        // REDUCING: increases denied, reductions pass
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_TRADING_REDUCING);
        assertThat(h.check(limit(S1, ETH, Side.SELL, "3000", "0.01")).reason()).isEqualTo(ReasonCode.RISK_TRADING_REDUCING);
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "0.5")).passed()).isTrue();
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "1")).passed()).isTrue();
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "1.001")).reason()).isEqualTo(ReasonCode.RISK_TRADING_REDUCING);
        h.orders.leaves(BTC.id(), Side.SELL, BTC.qty("0.6"));
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "0.5")).reason()).isEqualTo(ReasonCode.RISK_TRADING_REDUCING);
        assertThat(h.check(limit(S1, BTC, Side.SELL, "50000", "0.4")).passed()).isTrue();

        h.engine.onMarginRatio(rate("0.85"));
        assertThat(h.sink.events).isEmpty(); // already REDUCING
        assertThat(h.actions.calls).containsExactly("flattenAll");
        h.engine.onMarginRatio(rate("0.90"));
        h.engine.onMarginRatio(rate("0.80"));
        assertThat(h.actions.calls).containsExactly("flattenAll");
        h.engine.onMarginRatio(rate("0.85"));
        assertThat(h.actions.calls).containsExactly("flattenAll", "flattenAll");
        assertThat(h.sink.events).isEmpty();

        h.engine.onMarginRatio(rate("0.69999999"));
        assertTrading(single(h), TradingState.REDUCING, TradingState.ACTIVE, RiskTrigger.MARGIN_RATIO);

        // straight past 85 %: REDUCING and flatten in one step
        h.engine.onMarginRatio(rate("0.95"));
        final TradingStateChanged jump = single(h);
        assertTrading(jump, TradingState.ACTIVE, TradingState.REDUCING, RiskTrigger.MARGIN_RATIO);
        assertThat(jump.metadata()).containsEntry("flatten", "true");
        assertThat(h.actions.calls).containsExactly("flattenAll", "flattenAll", "flattenAll");
    }

    @Test
    void disengagingWhileMarginIsHighGoesToReducing() {
        final RiskHarness h = harness(only().marginRatio(rate("0.70"), rate("0.85")));
        h.engine.onMarginRatio(rate("0.75"));
        h.engine.engageKillSwitch("alice", "stop", false);
        assertTrading(h.sink.trading().get(1), TradingState.REDUCING, TradingState.HALTED, RiskTrigger.KILL_SWITCH);
        h.sink.clear();
        h.engine.onMarginRatio(rate("0.50")); // HALTED dominates: no change
        assertThat(h.sink.events).isEmpty();
        h.engine.onMarginRatio(rate("0.72"));
        h.engine.disengageKillSwitch("alice", "resume");
        assertTrading(single(h), TradingState.HALTED, TradingState.REDUCING, RiskTrigger.OPERATOR);
    }

    // ---------------------------------------------------------------------------------------------------------------- daily loss, drawdown

    @Test
    void dailyLossAtFivePercentHaltsAndCancelsAll() {
        final RiskHarness h = harness(only().dailyLossRateMax(rate("0.05"))).registerAll(S1);
        h.engine.onEquity(money("10000"));
        h.engine.onEquity(money("9500.00000001"));
        assertThat(h.sink.events).isEmpty();
        h.engine.onEquity(money("9500"));
        final TradingStateChanged e = single(h);
        assertTrading(e, TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DAILY_LOSS);
        assertThat(e.metadata()).containsEntry("equity", "9500.00000000").containsEntry("dayStartEquity", "10000.00000000")
                .containsEntry("dailyLoss", "500.00000000").containsEntry("dailyLossThreshold", "500.00000000")
                .containsEntry("dailyLossRateMax", "0.05000000").containsEntry("haltCauses", "DAILY_LOSS");
        assertThat(h.actions.calls).containsExactly("cancelAll");
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_TRADING_HALTED);
        h.engine.onEquity(money("9000"));
        assertThat(h.sink.events).isEmpty();

        // the next UTC day lifts a halt caused by the daily loss alone, from a new baseline
        h.scheduler.set(T0 + DAY / 2);
        h.engine.onEquity(money("9000"));
        final TradingStateChanged lifted = single(h);
        assertTrading(lifted, TradingState.HALTED, TradingState.ACTIVE, RiskTrigger.NEW_TRADING_DAY);
        assertThat(lifted.metadata()).containsEntry("dayStartEquity", "9000.00000000");
        h.engine.onEquity(money("8550"));
        assertTrading(single(h), TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DAILY_LOSS);
    }

    @Test
    void aNewUtcDayResetsTheBaselineWithoutEmitting() {
        final RiskHarness h = harness(only().dailyLossRateMax(rate("0.05")));
        h.engine.onEquity(money("10000"));
        h.engine.onEquity(money("9600"));
        h.scheduler.set(T0 + DAY / 2 - 1); // 23:59:59.999999999, same day
        h.engine.onEquity(money("9600"));
        assertThat(h.engine.dayStartEquityMoney()).isEqualTo(money("10000"));
        h.scheduler.set(T0 + DAY / 2); // midnight UTC
        h.engine.onEquity(money("9600"));
        assertThat(h.engine.dayStartEquityMoney()).isEqualTo(money("9600"));
        h.engine.onEquity(money("9200")); // 8 % below yesterday's start, 4.2 % below today's
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.tradingState()).isEqualTo(TradingState.ACTIVE);
        h.engine.onEquity(money("9120"));
        assertTrading(single(h), TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DAILY_LOSS);
    }

    @Test
    void aNewDayDoesNotLiftAHaltWithOtherCauses() {
        final RiskHarness h = harness(only().dailyLossRateMax(rate("0.05")));
        h.engine.onEquity(money("10000"));
        h.engine.onEquity(money("9000"));
        h.engine.engageKillSwitch("alice", "also", false);
        h.sink.clear();
        h.scheduler.set(T0 + DAY);
        h.engine.onEquity(money("9000"));
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.haltCauses()).containsExactly(RiskTrigger.KILL_SWITCH);
    }

    @Test
    void drawdownAtFifteenPercentFromPeakHalts() {
        final RiskHarness h = harness(only().drawdownRateMax(rate("0.15")));
        h.engine.onEquity(money("10000"));
        h.engine.onEquity(money("12000"));
        h.engine.onEquity(money("10200.00000001"));
        assertThat(h.sink.events).isEmpty();
        h.engine.onEquity(money("10200"));
        final TradingStateChanged e = single(h);
        assertTrading(e, TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DRAWDOWN);
        assertThat(e.metadata()).containsEntry("peakEquity", "12000.00000000").containsEntry("drawdown", "1800.00000000")
                .containsEntry("drawdownThreshold", "1800.00000000").containsEntry("drawdownRateMax", "0.15000000");
        assertThat(h.actions.calls).containsExactly("cancelAll");
        // a new day does not lift a drawdown halt
        h.scheduler.set(T0 + DAY);
        h.engine.onEquity(money("10200"));
        assertThat(h.sink.events).isEmpty();

        // the operator acknowledges: the peak is re-based, the same equity does not re-halt, a further 15 % does
        h.engine.disengageKillSwitch("bob", "acknowledged");
        assertThat(single(h).metadata()).containsEntry("peakEquity", "10200.00000000");
        h.engine.onEquity(money("10200"));
        h.engine.onEquity(money("8670.00000001"));
        assertThat(h.sink.events).isEmpty();
        h.engine.onEquity(money("8670"));
        assertTrading(single(h), TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DRAWDOWN);
    }

    // ---------------------------------------------------------------------------------------------------------------- stale data

    @Test
    void staleDataPausesTheStrategiesTradingTheInstrumentUntilFresh() {
        final RiskHarness h = harness(only().dataStaleNanos(10 * SECOND));
        h.engine.registerStrategy(S1, ids(BTC), false);
        h.engine.registerStrategy(S2, ids(ETH), false);
        assertThat(h.scheduler.pending()).extracting(d -> d.name() + "@" + (d.deadlineNanos() - T0))
                .containsExactly("risk:stale:BTCUSDT.SIM@10000000000", "risk:stale:ETHUSDT.SIM@10000000000");

        h.scheduler.set(T0 + 5 * SECOND);
        h.engine.onMarketData(BTC.id());
        h.scheduler.advanceTo(T0 + 10 * SECOND, h.engine);
        // ETH never had data since registration: stale; BTC's timer re-armed for its last data + 10 s
        final StrategyStateChanged eth = singleStrategy(h);
        assertStrategy(eth, S2, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.DATA_STALE);
        assertThat(eth.metadata()).containsEntry("instrument", "ETHUSDT.SIM").containsEntry("lastDataNanos", "-1")
                .containsEntry("pauseCauses", "DATA_STALE");
        assertThat(h.engine.isStale(BTC.id())).isFalse();

        h.scheduler.advanceTo(T0 + 15 * SECOND - 1, h.engine);
        assertThat(h.sink.events).isEmpty();
        h.scheduler.advanceTo(T0 + 15 * SECOND, h.engine);
        final StrategyStateChanged btc = singleStrategy(h);
        assertStrategy(btc, S1, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.DATA_STALE);
        assertThat(btc.metadata()).containsEntry("lastDataNanos", Long.toString(T0 + 5 * SECOND))
                .containsEntry("staleAfterNanos", "10000000000");
        assertThat(btc.tsEventNanos()).isEqualTo(T0 + 15 * SECOND);
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_STRATEGY_PAUSED);

        h.scheduler.advanceTo(T0 + 16 * SECOND, h.engine);
        h.engine.onMarketData(BTC.id());
        assertStrategy(singleStrategy(h), S1, StrategyState.PAUSED, StrategyState.RUNNING, RiskTrigger.DATA_FRESH);
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).passed()).isTrue();
        h.engine.onMarketData(BTC.id());
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.strategyState(S2)).isEqualTo(StrategyState.PAUSED);
    }

    @Test
    void onlyRiskTimersAreAccepted() {
        final RiskHarness h = harness(only().dataStaleNanos(SECOND));
        assertThatThrownBy(() -> h.engine.onTimer("exec:retry:1", T0)).isInstanceOf(IllegalArgumentException.class);
        h.engine.onTimer("risk:stale:BTCUSDT.SIM", T0); // unknown deadline: ignored
        assertThat(h.sink.events).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------- breaker

    @Test
    void breakerNotClosedPausesStrategiesOnThatVenue() {
        final RiskHarness h = harness(only().pauseOnBreakerOpen(true));
        h.engine.registerStrategy(S1, ids(BTC), false);
        h.engine.registerStrategy(S2, ids(BTC_OTHER), false);

        h.engine.onBreakerStateChanged("SIM", BreakerState.OPEN);
        final StrategyStateChanged open = singleStrategy(h);
        assertStrategy(open, S1, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.BREAKER_OPEN);
        assertThat(open.metadata()).containsEntry("venue", "SIM").containsEntry("breakerState", "OPEN").containsEntry("pauseCauses", "BREAKER_OPEN");
        h.engine.onBreakerStateChanged("SIM", BreakerState.HALF_OPEN);
        assertThat(h.sink.events).isEmpty();
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_STRATEGY_PAUSED);
        assertThat(h.check(limit(S2, BTC_OTHER, Side.BUY, "50000", "0.001")).passed()).isTrue();
        h.engine.onBreakerStateChanged("SIM", BreakerState.CLOSED);
        assertStrategy(singleStrategy(h), S1, StrategyState.PAUSED, StrategyState.RUNNING, RiskTrigger.BREAKER_CLOSED);

        // registering while a venue's breaker is already open starts PAUSED, with its audit event
        h.orders.breaker("OTHER", BreakerState.OPEN);
        h.engine.registerStrategy(new StrategyId("S3"), ids(BTC_OTHER), false);
        final List<StrategyStateChanged> events = h.sink.strategy();
        assertThat(events).extracting(StrategyStateChanged::strategyId).containsExactly(S2, new StrategyId("S3"));
        assertThat(events).allSatisfy(e -> assertThat(e.trigger()).isEqualTo(RiskTrigger.BREAKER_OPEN));
    }

    @Test
    void pausedByStaleDataAndBreakerResumesOnlyWhenBothClear() {
        final RiskHarness h = harness(only().pauseOnBreakerOpen(true).dataStaleNanos(10 * SECOND));
        h.engine.registerStrategy(S1, ids(BTC), false);
        h.engine.onMarketData(BTC.id());
        h.engine.onBreakerStateChanged("SIM", BreakerState.OPEN);
        assertStrategy(singleStrategy(h), S1, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.BREAKER_OPEN);
        h.scheduler.advanceTo(T0 + 10 * SECOND, h.engine);
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.pauseCauses(S1)).containsExactly(RiskTrigger.DATA_STALE, RiskTrigger.BREAKER_OPEN);
        h.engine.onBreakerStateChanged("SIM", BreakerState.CLOSED);
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.strategyState(S1)).isEqualTo(StrategyState.PAUSED);
        h.engine.onMarketData(BTC.id());
        assertStrategy(singleStrategy(h), S1, StrategyState.PAUSED, StrategyState.RUNNING, RiskTrigger.DATA_FRESH);
    }

    // ---------------------------------------------------------------------------------------------------------------- rogue strategies

    @Test
    void sustainedRateAbuseDisablesTheStrategy() {
        final RiskHarness h = harness(only().strategyOrderRate(10, SECOND).rateAbuse(20, 10 * SECOND)).registerAll(S1).registerAll(S2);
        for (int i = 0; i < 10; i++) {
            assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).passed()).isTrue();
        }
        for (int i = 0; i < 19; i++) {
            assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_ORDER_RATE_STRATEGY);
        }
        assertThat(h.sink.events).isEmpty();
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_ORDER_RATE_STRATEGY);
        final StrategyStateChanged e = singleStrategy(h);
        assertStrategy(e, S1, StrategyState.RUNNING, StrategyState.DISABLED, RiskTrigger.ORDER_RATE_ABUSE);
        assertThat(e.metadata()).containsEntry("rateDenials", "20").containsEntry("threshold", "20").containsEntry("windowNanos", "10000000000");
        assertThat(h.actions.calls).containsExactly("cancelAllForStrategy:S1");
        h.scheduler.set(T0 + 60 * SECOND);
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_STRATEGY_DISABLED);
        assertThat(h.check(limit(S2, BTC, Side.BUY, "50000", "0.001")).passed()).isTrue();

        h.engine.resumeStrategy(S1, "ops", "fixed the loop");
        assertStrategy(singleStrategy(h), S1, StrategyState.DISABLED, StrategyState.RUNNING, RiskTrigger.OPERATOR);
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).passed()).isTrue();
    }

    @Test
    void occasionalRateDenialsAreNotAbuse() {
        final RiskHarness h = harness(only().strategyOrderRate(10, SECOND).rateAbuse(20, 10 * SECOND)).registerAll(S1);
        for (int s = 0; s < 60; s++) { // one denial per second for a minute: at most 10 in any 10 s
            h.scheduler.set(T0 + s * SECOND);
            for (int i = 0; i < 11; i++) {
                h.check(limit(S1, BTC, Side.BUY, "50000", "0.001"));
            }
        }
        assertThat(h.engine.denialCount(ReasonCode.RISK_ORDER_RATE_STRATEGY)).isEqualTo(60);
        assertThat(h.engine.strategyState(S1)).isEqualTo(StrategyState.RUNNING);
        assertThat(h.sink.events).isEmpty();
    }

    @Test
    void tenConsecutiveVenueFailuresDisableTheStrategy() {
        final RiskHarness h = harness(only().venueFailuresMax(10)).registerAll(S1).registerAll(S2);
        final List<OrderEvent> failures = List.of(
                new OrderRejected(coid(1), S1, BTC.id(), ReasonCode.VENUE_INSUFFICIENT_BALANCE, "no", T0, T0),
                new OrderRetryScheduled(coid(2), S1, BTC.id(), RequestKind.SUBMIT, FailureKind.TRANSIENT, 1, T0 + SECOND, T0, T0),
                new OrderStatusUnknown(coid(3), S1, BTC.id(), "timeout", T0, T0));
        for (int i = 0; i < 9; i++) {
            h.engine.onOrderEvent(failures.get(i % 3));
        }
        assertThat(h.engine.consecutiveFailures(S1)).isEqualTo(9);
        h.engine.onOrderEvent(new OrderAccepted(coid(4), S1, BTC.id(), "v4", T0, T0));
        assertThat(h.engine.consecutiveFailures(S1)).isZero();
        for (int i = 0; i < 9; i++) {
            h.engine.onOrderEvent(failures.get(i % 3));
            h.engine.onOrderEvent(new OrderRejected(coid(5), S2, BTC.id(), ReasonCode.VENUE_OTHER, "other strategy", T0, T0));
        }
        h.engine.onOrderEvent(fill(S1, BTC, Side.BUY, "50000", "0.001"));
        assertThat(h.engine.consecutiveFailures(S1)).isZero();
        for (int i = 0; i < 9; i++) {
            h.engine.onOrderEvent(failures.get(i % 3));
        }
        assertThat(h.sink.events).isEmpty();
        h.engine.onOrderEvent(new OrderRejected(coid(6), S1, BTC.id(), ReasonCode.VENUE_RATE_LIMITED, "slow down", T0, T0));
        final StrategyStateChanged e = singleStrategy(h);
        assertStrategy(e, S1, StrategyState.RUNNING, StrategyState.DISABLED, RiskTrigger.VENUE_FAILURES);
        assertThat(e.metadata()).containsEntry("consecutiveFailures", "10").containsEntry("threshold", "10")
                .containsEntry("lastFailure", "OrderRejected").containsEntry("lastReason", "VENUE_RATE_LIMITED");
        assertThat(h.actions.calls).containsExactly("cancelAllForStrategy:S1");
        assertThat(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason()).isEqualTo(ReasonCode.RISK_STRATEGY_DISABLED);
        // further failures while disabled emit nothing
        for (int i = 0; i < 20; i++) {
            h.engine.onOrderEvent(failures.get(0));
        }
        assertThat(h.sink.events).isEmpty();
        assertThat(h.engine.strategyState(S2)).isEqualTo(StrategyState.RUNNING);
    }

    @Test
    void operatorPauseResumeAndDisabledPrecedence() {
        final RiskHarness h = harness(only().venueFailuresMax(1).dataStaleNanos(10 * SECOND));
        h.engine.registerStrategy(S1, ids(BTC), false);
        h.engine.onMarketData(BTC.id());
        h.engine.pauseStrategy(S1, "ops", "look at it");
        final StrategyStateChanged paused = singleStrategy(h);
        assertStrategy(paused, S1, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.OPERATOR);
        assertThat(paused.metadata()).containsEntry("operator", "ops").containsEntry("pauseCauses", "OPERATOR");
        // a PAUSED strategy can be DISABLED
        h.engine.onOrderEvent(new OrderStatusUnknown(coid(1), S1, BTC.id(), "lost", T0, T0));
        assertStrategy(singleStrategy(h), S1, StrategyState.PAUSED, StrategyState.DISABLED, RiskTrigger.VENUE_FAILURES);
        // stale data under DISABLED changes nothing visible
        h.scheduler.advanceTo(T0 + 10 * SECOND, h.engine);
        assertThat(h.sink.events).isEmpty();
        // the operator resume clears DISABLED and the operator pause, but not the stale data
        h.engine.resumeStrategy(S1, "ops", "ok");
        assertStrategy(singleStrategy(h), S1, StrategyState.DISABLED, StrategyState.PAUSED, RiskTrigger.OPERATOR);
        h.engine.onMarketData(BTC.id());
        assertStrategy(singleStrategy(h), S1, StrategyState.PAUSED, StrategyState.RUNNING, RiskTrigger.DATA_FRESH);
        assertThatThrownBy(() -> h.engine.pauseStrategy(S2, "ops", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.engine.registerStrategy(S1, ids(BTC), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.engine.registerStrategy(StrategyId.RISK, ids(BTC), false)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------------- edge collapse

    @Test
    void marketMakerEdgeCollapseHalts() {
        final RiskHarness h = harness(only().edgeCollapseRate(rate("0.02")));
        h.engine.registerStrategy(MM, ids(BTC), true);
        h.engine.registerStrategy(S1, ids(BTC), false);
        h.engine.onOrderEvent(fill(MM, BTC, Side.BUY, "50000", "0.1"));
        h.engine.onOrderEvent(fill(S1, BTC, Side.BUY, "40000", "5")); // not a market maker: not watched

        // loss / notional at mark M is (50000 - M) / M; -200 bps is reached at M <= 49019.6078...
        h.market.mark(BTC.id(), BTC.price("49019.70"));
        h.engine.onMarkPrice(BTC.id());
        assertThat(h.sink.events).isEmpty();
        h.market.mark(BTC.id(), BTC.price("49019.60"));
        h.engine.onMarkPrice(BTC.id());
        final TradingStateChanged e = single(h);
        assertTrading(e, TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.EDGE_COLLAPSE);
        assertThat(e.metadata()).containsEntry("strategy", "MM").containsEntry("instrument", "BTCUSDT.SIM")
                .containsEntry("inventoryQty", "0.100").containsEntry("costBasis", "5000.00000000").containsEntry("mark", "49019.60")
                .containsEntry("unrealizedPnl", "-98.04000000").containsEntry("inventoryNotional", "4901.96000000")
                .containsEntry("threshold", "-0.02000000");
        assertThat(h.actions.calls).containsExactly("cancelAll");

        // acknowledged by the operator: cost re-based to the mark, the same mark does not re-halt
        h.engine.disengageKillSwitch("ops", "accept the loss");
        assertTrading(single(h), TradingState.HALTED, TradingState.ACTIVE, RiskTrigger.OPERATOR);
        h.engine.onMarkPrice(BTC.id());
        assertThat(h.sink.events).isEmpty();
        h.market.mark(BTC.id(), BTC.price("45000"));
        h.engine.onMarkPrice(BTC.id());
        assertTrading(single(h), TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.EDGE_COLLAPSE);
    }

    @Test
    void shortInventoryAndRiskFlattensCount() {
        final RiskHarness h = harness(only().edgeCollapseRate(rate("0.02")));
        h.engine.registerStrategy(MM, ids(BTC), true);
        h.engine.onOrderEvent(fill(MM, BTC, Side.SELL, "50000", "0.2"));
        h.engine.onOrderEvent(fill(MM, BTC, Side.BUY, "49000", "0.1")); // reduce: average cost kept
        // a risk flatten buys back the rest: nothing left at risk
        h.engine.onOrderEvent(fill(StrategyId.RISK, BTC, Side.BUY, "50000", "0.1"));
        h.market.mark(BTC.id(), BTC.price("60000"));
        h.engine.onMarkPrice(BTC.id());
        assertThat(h.sink.events).isEmpty();

        h.engine.onOrderEvent(fill(MM, BTC, Side.SELL, "50000", "0.1"));
        h.market.mark(BTC.id(), BTC.price("51020.40")); // short: loss (M - 50000) / M; -200 bps at M >= 51020.408...
        h.engine.onMarkPrice(BTC.id());
        assertThat(h.sink.events).isEmpty();
        h.market.mark(BTC.id(), BTC.price("51020.50"));
        h.engine.onMarkPrice(BTC.id());
        assertTrading(single(h), TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.EDGE_COLLAPSE);
    }

    @Test
    void everyLimitCanBeSwitchedOff() {
        final RiskHarness h = harness(only()).registerAll(S1);
        h.engine.onEquity(money("10000"));
        h.engine.onEquity(money("1"));
        h.engine.onMarginRatio(rate("5"));
        h.engine.onBreakerStateChanged("SIM", BreakerState.OPEN);
        h.engine.onMarketData(BTC.id());
        h.scheduler.advanceTo(T0 + 3600 * SECOND, h.engine);
        for (int i = 0; i < 50; i++) {
            h.engine.onOrderEvent(new OrderStatusUnknown(coid(i), S1, BTC.id(), "lost", T0, T0));
        }
        assertThat(h.sink.events).isEmpty();
        assertThat(h.actions.calls).isEmpty();
        assertThat(h.scheduler.pending()).isEmpty();
        h.market.reference(BTC.id(), BTC.price("50000"));
        for (int i = 0; i < 500; i++) {
            assertThat(h.check(market(S1, BTC, Side.BUY, "100")).passed()).isTrue();
        }
    }
}
