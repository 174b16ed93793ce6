package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.reports.RunRecord.Trade;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The recorder on hand-written event sequences whose trades, orders and timeline are worked out by hand. */
class RunRecorderTest {
    private static BigDecimal d(final String s) {
        return new BigDecimal(s);
    }

    @Test
    void aLongRoundTrip() {
        final KernelEventScript s = new KernelEventScript();
        s.order(10, Side.BUY, "100.00", "1.000", "0.10");
        s.order(70, Side.SELL, "110.00", "1.000", "0.11");
        final Trade t = s.finish().trades().get(0);
        assertThat(t.direction()).isEqualTo("LONG");
        assertThat(t.entryNanos()).isEqualTo(s.at(10.02));
        assertThat(t.exitNanos()).isEqualTo(s.at(70.02));
        assertThat(t.entryPrice()).isEqualByComparingTo("100");
        assertThat(t.exitPrice()).isEqualByComparingTo("110");
        assertThat(t.qty()).isEqualByComparingTo("1");
        assertThat(t.entryNotional()).isEqualByComparingTo("100");
        assertThat(t.realizedPnl()).isEqualByComparingTo("10");   // (110 − 100) × 1
        assertThat(t.fees()).isEqualByComparingTo("0.21");        // 0.10 + 0.11
        assertThat(t.netPnl()).isEqualByComparingTo("9.79");
        assertThat(t.exit()).isEqualTo("FILL");
        assertThat(t.fills()).isEqualTo(2);
    }

    @Test
    void scaleInAndPartialExitsMakeOneTradeWithVolumeWeightedPrices() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "1.000", "0");
        s.order(2, Side.BUY, "110.00", "1.000", "0");   // entry VWAP 105, position 2
        s.order(3, Side.SELL, "120.00", "0.500", "0");  // realizes 0.5 × (120 − 105) = 7.5
        s.order(4, Side.SELL, "90.00", "1.500", "0");   // realizes 1.5 × (90 − 105) = −22.5
        final List<Trade> trades = s.finish().trades();
        assertThat(trades).hasSize(1);
        final Trade t = trades.get(0);
        assertThat(t.entryPrice()).isEqualByComparingTo("105");
        assertThat(t.exitPrice()).isEqualByComparingTo("97.5");  // (0.5 × 120 + 1.5 × 90) / 2
        assertThat(t.qty()).isEqualByComparingTo("2");
        assertThat(t.entryNotional()).isEqualByComparingTo("210");
        assertThat(t.realizedPnl()).isEqualByComparingTo("-15");
        assertThat(t.fills()).isEqualTo(4);
    }

    @Test
    void aFlipClosesOneTradeAndOpensTheNextSplittingTheFeeByQuantity() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "1.000", "0.10");
        s.order(2, Side.SELL, "90.00", "3.000", "0.30");   // closes 1 (realizes −10, fee share 0.10), opens 2 short (fee share 0.20)
        s.order(3, Side.BUY, "80.00", "2.000", "0.20");    // closes the short: realizes 2 × (90 − 80) = 20
        final List<Trade> trades = s.finish().trades();
        assertThat(trades).hasSize(2);
        final Trade first = trades.get(0);
        assertThat(first.direction()).isEqualTo("LONG");
        assertThat(first.realizedPnl()).isEqualByComparingTo("-10");
        assertThat(first.fees()).isEqualByComparingTo("0.20");
        assertThat(first.netPnl()).isEqualByComparingTo("-10.20");
        assertThat(first.exitPrice()).isEqualByComparingTo("90");
        final Trade second = trades.get(1);
        assertThat(second.direction()).isEqualTo("SHORT");
        assertThat(second.entryNanos()).isEqualTo(first.exitNanos());
        assertThat(second.entryPrice()).isEqualByComparingTo("90");
        assertThat(second.qty()).isEqualByComparingTo("2");
        assertThat(second.realizedPnl()).isEqualByComparingTo("20");
        assertThat(second.fees()).isEqualByComparingTo("0.40");  // 0.20 of the flip + 0.20
        assertThat(second.netPnl()).isEqualByComparingTo("19.60");
        // the split loses nothing: the trades' fees add up to the fills'
        assertThat(first.fees().add(second.fees())).isEqualByComparingTo("0.60");
    }

    @Test
    void aLiquidationEndsTheTradeAtThePriceItsLossImplies() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "1.000", "0");
        s.liquidation(60, Side.SELL, "92.00", "1.000", "0.05");
        final RunRecord r = s.finish();
        final Trade t = r.trades().get(0);
        assertThat(t.exit()).isEqualTo("LIQUIDATION");
        assertThat(t.exitPrice()).isEqualByComparingTo("92");      // 100 + (−8 / 1)
        assertThat(t.realizedPnl()).isEqualByComparingTo("-8");
        assertThat(t.fees()).isEqualByComparingTo("0.05");
        assertThat(r.timeline()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(TimelineCategory.LIQUIDATION);
            assertThat(e.subject()).isEqualTo("BTCUSDT.SIM");
            assertThat(e.label()).isEqualTo("Liquidation BTCUSDT.SIM: 1.000 → 0.000");
        });
        assertThat(r.counters().liquidationFills()).isEqualTo(1);
        assertThat(Metrics.of(r).get(Metric.LIQUIDATIONS)).isEqualTo(1);
    }

    @Test
    void aLiquidationInSeveralFillsAtOneTimeIsOneTimelineEntry() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "1.000", "0");
        s.liquidation(60, Side.SELL, "92.00", "0.400", "0");
        s.liquidation(60, Side.SELL, "91.00", "0.600", "0");
        final RunRecord r = s.finish();
        assertThat(r.timeline()).singleElement().extracting(RunRecord.TimelineEntry::label).isEqualTo("Liquidation BTCUSDT.SIM: 1.000 → 0.000");
        assertThat(r.trades().get(0).exitPrice()).isEqualByComparingTo("91.4"); // (0.4 × 92 + 0.6 × 91) / 1
        assertThat(r.counters().liquidationFills()).isEqualTo(2);
    }

    @Test
    void fundingWhileOpenBelongsToTheTrade() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "2.000", "0");
        s.funding(100, "0.0001", "100.00");   // a long pays 2 × 100 × 0.0001 = 0.02
        s.order(200, Side.SELL, "100.00", "2.000", "0");
        final Trade t = s.finish().trades().get(0);
        assertThat(t.funding()).isEqualByComparingTo("-0.02");
        assertThat(t.netPnl()).isEqualByComparingTo("-0.02");
    }

    @Test
    void aPositionOpenAtTheEndIsAnOpenTradeValuedAtTheLastSample() {
        final KernelEventScript s = new KernelEventScript();
        s.order(1, Side.BUY, "100.00", "1.000", "0.10");
        s.mark("105.00");
        s.sample(30);
        final RunRecord r = s.finish();
        final Trade t = r.trades().get(0);
        assertThat(t.isOpen()).isTrue();
        assertThat(t.unrealizedPnl()).isEqualByComparingTo("5");
        assertThat(t.netPnl()).isEqualByComparingTo("4.90");
        assertThat(t.exitNanos()).isEqualTo(r.run().endNanos());
        assertThat(r.closedTrades()).isEmpty();
        assertThat(Metrics.of(r).get(Metric.TRADES)).isZero();
        // the sample: equity 10 000 − 0.10 + 5
        assertThat(r.equity().samples().get(0).equity()).isEqualByComparingTo("10004.9");
        assertThat(r.equity().samples().get(0).positions()).containsExactly(d("1"));
        assertThat(r.equity().samples().get(0).exposure()).isEqualByComparingTo("105");
    }

    @Test
    void ordersRecordAttemptsAcknowledgementsFillsAndHowTheyEnded() {
        final KernelEventScript s = new KernelEventScript();
        final StrategyId st = new StrategyId("s1");
        final InstrumentId id = s.btc.id();
        final ClientOrderId a = new ClientOrderId("a1");
        final long t = s.at(1);
        s.emit(new OrderSubmitted(a, st, id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, s.btc.price("100.00"), 0, s.btc.qty("2.000"), false, t, t));
        s.emit(new OrderSent(a, st, id, 1, t, t));
        s.emit(new OrderRetryScheduled(a, st, id, RequestKind.SUBMIT, FailureKind.TRANSIENT, 1, t + 100_000_000, t + 5_000_000, t + 5_000_000));
        s.emit(new OrderSent(a, st, id, 2, t + 100_000_000, t + 100_000_000));
        s.emit(new OrderAccepted(a, st, id, "v1", t + 130_000_000, t + 150_000_000));
        s.fill(a, t + 200_000_000, Side.BUY, "100.00", "0.500", "0.01", Liquidity.MAKER, s.btc.qty("2.000"));
        final ClientOrderId b = new ClientOrderId("b1");
        s.emit(new OrderSubmitted(b, st, id, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, 0, s.btc.qty("1.000"), true, t, t));
        s.emit(new OrderSent(b, st, id, 1, t, t));
        s.emit(new OrderStatusUnknown(b, st, id, "timeout", t + 1_000_000_000L, t + 1_000_000_000L));
        s.emit(new OrderRejected(b, st, id, ReasonCode.EXEC_NOT_FOUND_AFTER_UNKNOWN, "not found", t + 2_000_000_000L, t + 2_000_000_000L));
        s.emit(new OrderDenied(new ClientOrderId("c1"), st, id, ReasonCode.RISK_MAX_ORDER_NOTIONAL, "too big", t, t));
        final RunRecord r = s.finish();

        final RunRecord.Order oa = r.orders().get(0);
        assertThat(oa.clientOrderId()).isEqualTo("a1");
        assertThat(oa.price()).isEqualByComparingTo("100");
        assertThat(oa.sendAttempts()).isEqualTo(2);
        assertThat(oa.retries()).isEqualTo(1);
        assertThat(oa.ackSentNanos()).isEqualTo(t + 100_000_000);
        assertThat(oa.ackVenueNanos()).isEqualTo(t + 130_000_000);
        assertThat(oa.filledQty()).isEqualByComparingTo("0.5");
        assertThat(oa.avgFillPrice()).isEqualByComparingTo("100");
        assertThat(oa.state()).isEqualTo("PARTIALLY_FILLED");
        final RunRecord.Order ob = r.orders().get(1);
        assertThat(ob.price()).as("a market order has no price").isNull();
        assertThat(ob.unknownOutcome()).isTrue();
        assertThat(ob.state()).isEqualTo("REJECTED");
        assertThat(ob.reason()).isEqualTo("EXEC_NOT_FOUND_AFTER_UNKNOWN");
        assertThat(r.orders()).hasSize(2).as("a denial before submission is a refusal, not an order");
        assertThat(r.refusals()).extracting(RunRecord.Refusal::kind, RunRecord.Refusal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REJECTED", "EXEC_NOT_FOUND_AFTER_UNKNOWN"),
                        org.assertj.core.groups.Tuple.tuple("DENIED", "RISK_MAX_ORDER_NOTIONAL"));

        final RunAnalysis.ExecutionStats x = RunAnalysis.of(r).execution();
        assertThat(x.ordersSent()).isEqualTo(2);
        assertThat(x.ordersWithFills()).isEqualTo(1);
        assertThat(x.fillRatioOrders()).isEqualTo(0.5);
        assertThat(x.fillRatioQty()).isEqualTo(0.5 / 3.0);
        assertThat(x.ackLatencyNanos()).containsExactly(30_000_000.0); // acknowledged attempt sent at +100 ms, venue ack at +130 ms
        assertThat(x.roundTripNanos()).containsExactly(50_000_000.0);
        assertThat(x.unknownOutcomes()).isEqualTo(1);
        assertThat(x.makerShare()).isEqualTo(1.0);
        assertThat(RunAnalysis.of(r).refusalGroups()).extracting(RunAnalysis.RefusalGroup::subsystem).containsExactlyInAnyOrder("EXEC", "RISK");
    }

    @Test
    void stateChangesBecomeTimelineEntriesAndBands() {
        final KernelEventScript s = new KernelEventScript();
        final TreeMap<String, String> meta = new TreeMap<>();
        meta.put("staleAfterNanos", "6000000000");
        meta.put("lastDataNanos", Long.toString(KernelEventScript.T0));
        s.emit(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.KILL_SWITCH, "drill", new TreeMap<>(), s.at(10), s.at(10)));
        s.emit(new StrategyStateChanged(new StrategyId("s1"), StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.DATA_STALE, "stale", meta,
                s.at(20), s.at(20)));
        s.emit(new CircuitBreakerStateChanged("SIM", BreakerState.CLOSED, BreakerState.OPEN, 5, "5 failures", s.at(25), s.at(25)));
        s.emit(new CircuitBreakerStateChanged("SIM", BreakerState.OPEN, BreakerState.HALF_OPEN, 0, "timer", s.at(85), s.at(85)));
        s.emit(new CircuitBreakerStateChanged("SIM", BreakerState.HALF_OPEN, BreakerState.CLOSED, 0, "ok", s.at(86), s.at(86)));
        s.emit(new TradingStateChanged(TradingState.HALTED, TradingState.ACTIVE, RiskTrigger.OPERATOR, "over", new TreeMap<>(), s.at(40), s.at(40)));
        s.recorder.span(s.at(5), s.at(65), TimelineCategory.FAULT, "OUTAGE", "HTTP 503");
        s.sample(0);
        s.sample(100);
        final RunRecord r = s.finish();
        assertThat(r.timeline()).extracting(RunRecord.TimelineEntry::label).containsExactly("OUTAGE", "Trading ACTIVE → HALTED",
                "Strategy s1 RUNNING → PAUSED", "Breaker SIM CLOSED → OPEN", "Trading HALTED → ACTIVE", "Breaker SIM OPEN → HALF_OPEN",
                "Breaker SIM HALF_OPEN → CLOSED");
        assertThat(r.timeline().get(2).detail()).isEqualTo("DATA_STALE: stale; lastDataNanos=2023-11-14 22:13:20Z; staleAfterNanos=6 s");
        assertThat(RunAnalysis.of(r).bands()).extracting(RunAnalysis.Band::label, b -> b.startNanos() - KernelEventScript.T0,
                        b -> b.endNanos() - KernelEventScript.T0)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OUTAGE", 5 * KernelEventScript.SECOND, 65 * KernelEventScript.SECOND),
                        org.assertj.core.groups.Tuple.tuple("Trading ACTIVE → HALTED", 10 * KernelEventScript.SECOND, 40 * KernelEventScript.SECOND),
                        org.assertj.core.groups.Tuple.tuple("Strategy s1 RUNNING → PAUSED (until the end)", 20 * KernelEventScript.SECOND,
                                100 * KernelEventScript.SECOND),
                        org.assertj.core.groups.Tuple.tuple("Breaker SIM CLOSED → OPEN", 25 * KernelEventScript.SECOND, 85 * KernelEventScript.SECOND),
                        org.assertj.core.groups.Tuple.tuple("Breaker SIM OPEN → HALF_OPEN", 85 * KernelEventScript.SECOND, 86 * KernelEventScript.SECOND));
    }

    @Test
    void aLongRunKeepsABoundedSeriesOfBucketsWithItsFirstAndLastSample() {
        final KernelEventScript s = new KernelEventScript(new RunRecorder.Options(100, 10));
        for (int i = 0; i <= 10_000; i++) {
            s.sample(i);
        }
        final RunRecord.EquitySeries e = s.finish().equity();
        assertThat(e.samplesSeen()).isEqualTo(10_001);
        assertThat(e.samples().size()).isBetween(2, 100);
        assertThat(e.samples().get(0).t()).isEqualTo(s.at(0));
        assertThat(e.samples().get(e.samples().size() - 1).t()).isEqualTo(s.at(10_000));
        // the bucket widens (1 s, 2 s, 5 s, ... 1 min, 2 min) only while more than 100 samples are kept: at 1 min 10 000 s are
        // 167 buckets, too many; at 2 min they are 84, which fits
        assertThat(e.bucketNanos()).isEqualTo(120 * KernelEventScript.SECOND);
        for (int i = 2; i < e.samples().size() - 1; i++) {
            final long t = e.samples().get(i).t() - KernelEventScript.T0;
            assertThat(e.samples().get(i).t()).isGreaterThan(e.samples().get(i - 1).t());
            // the kept sample of each bucket is its last: the next second starts another bucket
            assertThat(Math.floorMod(e.samples().get(i).t() + KernelEventScript.SECOND, e.bucketNanos())).as("sample at +%d s", t / 1_000_000_000L)
                    .isZero();
        }
    }

    @Test
    void eachTimelineCategoryIsBoundedAndTheRestCounted() {
        final KernelEventScript s = new KernelEventScript(new RunRecorder.Options(100, 3));
        for (int i = 0; i < 5; i++) {
            s.recorder.timeline(s.at(i), TimelineCategory.NOTE, "note " + i, "");
        }
        s.recorder.timeline(s.at(9), TimelineCategory.FAULT, "fault", "");
        final RunRecord r = s.finish();
        assertThat(r.timeline()).extracting(RunRecord.TimelineEntry::label).containsExactly("note 0", "note 1", "note 2", "fault");
        assertThat(r.counters().timelineDropped()).isEqualTo(2);
    }

    @Test
    void mistakesOfTheCallerAreClearErrors() {
        final KernelEventScript s = new KernelEventScript();
        s.sample(10);
        assertThatThrownBy(() -> s.sample(5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the previous sample");
        assertThatThrownBy(() -> s.recorder.finish(Provenance.of("x", 43))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provenance seed 43 differs from the kernel's seed 42");
        final InstrumentId other = new InstrumentId("ETHUSDT", "SIM");
        assertThatThrownBy(() -> s.emit(new OrderSubmitted(new ClientOrderId("x1"), new StrategyId("s1"), other, Side.BUY, OrderType.MARKET,
                TimeInForce.IOC, 0, 0, 1, false, 0, 0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETHUSDT.SIM");
        assertThatThrownBy(() -> s.recorder.span(s.at(2), s.at(1), TimelineCategory.FAULT, "x", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends");
        assertThatThrownBy(() -> new RunRecorder.Options(3, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLateFillIsRecordedButDoesNotChangeTheFinalState() {
        final KernelEventScript s = new KernelEventScript();
        final ClientOrderId id = s.order(1, Side.BUY, "100.00", "1.000", "0");
        s.emit(new dev.tandem.kernel.event.OrderCanceled(id, new StrategyId("s1"), s.btc.id(), ReasonCode.NONE, s.at(2), s.at(2)));
        final long p = s.btc.price("101.00");
        s.emit(new OrderFilled(id, new StrategyId("s1"), s.btc.id(), "T9", Side.BUY, p, 1, 1, 0, 0, Liquidity.MAKER, true, s.at(3), s.at(3)));
        final RunRecord r = s.finish();
        assertThat(r.orders().get(0).state()).isEqualTo("CANCELED");
        assertThat(r.fills()).hasSize(2);
        assertThat(r.fills().get(1).late()).isTrue();
    }
}
