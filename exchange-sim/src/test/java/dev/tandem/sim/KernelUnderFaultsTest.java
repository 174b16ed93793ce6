package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.MILLI;
import static dev.tandem.sim.Fixtures.PX;
import static dev.tandem.sim.Fixtures.QTY;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.at;
import static dev.tandem.sim.Fixtures.bars;
import static dev.tandem.sim.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.ReconcileNow;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPhase;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.FaultVariant;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault type, injected by the simulated venue under a real kernel, and the kernel's reaction (DESIGN §2.6):
 * retries with the same client id, the breaker and paused strategies, queries on unknown outcomes, backoff on rate
 * limits, pauses on stale data, reconciliation drifts.
 */
class KernelUnderFaultsTest {

    private static SimHarness run(final ScriptedStrategy s, final FaultPlan plan) {
        return run(s, plan, UnaryOperator.identity());
    }

    private static SimHarness run(final ScriptedStrategy s, final FaultPlan plan, final UnaryOperator<SimVenueConfig> venue) {
        return SimHarness.builder(Fixtures.config(11)).faults(plan).venue(venue).strategy(Fixtures.spec(s)).build().start();
    }

    private static <T extends InboundEvent> List<T> inbound(final SimHarness h, final Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (final InboundEvent e : h.journal().events()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    private static List<SubmitOrder> submits(final SimHarness h, final ClientOrderId id) {
        return h.commands(SubmitOrder.class).stream().filter(c -> c.clientOrderId().equals(id)).toList();
    }

    private static List<FaultRecord> phase(final SimHarness h, final FaultType type, final FaultPhase phase) {
        return h.faultLog(type).stream().filter(r -> r.phase() == phase).toList();
    }

    // ------------------------------------------------------------------ OUTAGE

    @ParameterizedTest
    @EnumSource(value = FaultVariant.class, names = {"HTTP_5XX", "CONNECTION_REFUSED"})
    void aTransientOutageIsRetriedWithTheSameClientIdThenTheBreakerOpensAndStrategiesPause(final FaultVariant mode) {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(10.5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(12.0), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.outage(at(10), 30 * SECOND, mode)));
        h.replay(bars(200, PX)).runUntil(at(200));

        final ClientOrderId first = id(s, 0);
        assertThat(submits(h, first)).extracting(SubmitOrder::attempt).containsExactly(1, 2, 3, 4);
        assertThat(h.orderEvents(first)).filteredOn(e -> e instanceof OrderRetryScheduled).hasSize(3)
                .allSatisfy(e -> assertThat(((OrderRetryScheduled) e).failure()).isEqualTo(FailureKind.TRANSIENT));
        assertThat(h.orderEvents(first)).filteredOn(e -> e instanceof OrderRejected)
                .extracting(e -> ((OrderRejected) e).reason()).containsExactly(ReasonCode.EXEC_RETRIES_EXHAUSTED);
        assertThat(h.venue().order(SimHarness.KERNEL_ACCOUNT, first)).as("never processed").isNull();
        assertThat(inbound(h, VenueRequestFailed.class)).allSatisfy(f -> assertThat(f.detail()).isEqualTo(mode.detail()));

        final CircuitBreakerStateChanged opened = h.events(CircuitBreakerStateChanged.class).stream()
                .filter(b -> b.to() == BreakerState.OPEN).findFirst().orElseThrow();
        assertThat(opened.consecutiveFailures()).isEqualTo(5);
        assertThat(opened.tsInitNanos()).isBetween(at(12), at(12.1));
        final List<StrategyStateChanged> states = h.events(StrategyStateChanged.class);
        assertThat(states).anySatisfy(c -> {
            assertThat(c.to()).isEqualTo(StrategyState.PAUSED);
            assertThat(c.trigger()).isEqualTo(RiskTrigger.BREAKER_OPEN);
            assertThat(c.tsInitNanos()).isEqualTo(opened.tsInitNanos());
        });
        // after the outage and the open period the breaker closes again and the strategy runs
        assertThat(h.events(CircuitBreakerStateChanged.class).get(h.events(CircuitBreakerStateChanged.class).size() - 1).to())
                .isEqualTo(BreakerState.CLOSED);
        assertThat(states.get(states.size() - 1).to()).isEqualTo(StrategyState.RUNNING);
        assertThat(phase(h, FaultType.OUTAGE, FaultPhase.START)).hasSize(1);
        assertThat(phase(h, FaultType.OUTAGE, FaultPhase.END)).hasSize(1);
        assertThat(phase(h, FaultType.OUTAGE, FaultPhase.HIT)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aTimeoutOutageEndsInAnUnknownOutcomeThatTheKernelResolvesByQueryNeverByResubmitting() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(10.5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.outage(at(10), 20 * SECOND, FaultVariant.TIMEOUT)));
        h.replay(bars(200, PX)).runUntil(at(200));

        final ClientOrderId order = id(s, 0);
        assertThat(submits(h, order)).hasSize(1);
        final List<VenueRequestFailed> failures = inbound(h, VenueRequestFailed.class);
        assertThat(failures.get(0).failure()).isEqualTo(FailureKind.UNKNOWN_OUTCOME);
        assertThat(failures.get(0).tsInitNanos()).as("after the client's timeout").isEqualTo(at(15.5));
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof OrderStatusUnknown).hasSize(1);
        assertThat(h.commands(QueryOrder.class)).isNotEmpty().allSatisfy(q -> assertThat(q.clientOrderId()).isEqualTo(order));
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof OrderRejected)
                .extracting(e -> ((OrderRejected) e).reason()).containsExactly(ReasonCode.EXEC_NOT_FOUND_AFTER_UNKNOWN);
        assertThat(h.venue().orderCount(SimHarness.KERNEL_ACCOUNT)).isZero();
    }

    // ------------------------------------------------------------------ LOST_ACK

    @Test
    void aLostAckIsResolvedByAQueryAndTheVenueNeverHasASecondOrder() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(10.2), c -> Fixtures.limitBuy(c, BTC.price("59900.00"), QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.lostAck(at(10), SECOND, 1.0)));
        h.replay(bars(40, PX)).runUntil(at(40));

        final ClientOrderId order = id(s, 0);
        assertThat(submits(h, order)).hasSize(1);
        assertThat(inbound(h, VenueAccepted.class)).as("the acknowledgement was lost").isEmpty();
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof OrderStatusUnknown).hasSize(1);
        assertThat(h.commands(QueryOrder.class)).extracting(QueryOrder::clientOrderId).containsExactly(order);
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof OrderAccepted).hasSize(1);
        assertThat(h.venue().orderCount(SimHarness.KERNEL_ACCOUNT)).isEqualTo(1);
        assertThat(h.venue().openOrders(SimHarness.KERNEL_ACCOUNT)).extracting(o -> o.clientOrderId()).containsExactly(order);
        assertThat(h.kernel().orders().order(order).state().name()).isEqualTo("NEW");
        assertThat(phase(h, FaultType.LOST_ACK, FaultPhase.HIT)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains(order.value()));
    }

    @Test
    void aLostAckOfAFilledMarketOrderIsResolvedByQueryAndTheBooksStillAgree() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(10.2), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.lostAck(at(10), SECOND, 1.0)));
        h.replay(bars(40, PX));
        h.publish(new ReconcileNow("test", ID.venue(), "after the lost ack", at(30), at(30)));
        h.runUntil(at(40));

        final ClientOrderId order = id(s, 0);
        assertThat(inbound(h, VenueFill.class)).as("the fill report was part of the lost answer").isEmpty();
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof OrderFilled).singleElement()
                .satisfies(f -> assertThat(((OrderFilled) f).lastQty()).isEqualTo(QTY));
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(QTY);
        assertThat(h.events(ReconciliationCompleted.class)).hasSize(3).allSatisfy(r -> assertThat(r.driftCount()).isZero());
    }

    /**
     * Kernel issue found with the simulator (reported, not fixed here): a reconciliation that runs while an order is
     * UNKNOWN (its answer lost, the query not yet answered) adopts the venue's position, which already holds that
     * order's fill; the query then infers the same fill again and the kernel's position is off by it until the next
     * reconciliation. Enable once the kernel defers position reconciliation of an instrument with unresolved orders.
     */

    @Test
    void aReconciliationDuringAnUnknownOutcomeDoesNotCountTheFillTwice() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(10.2), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.lostAck(at(10), SECOND, 1.0)));
        h.replay(bars(40, PX));
        h.publish(new ReconcileNow("test", ID.venue(), "while the order is unknown", at(12), at(12)));
        h.runUntil(at(40));
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isEqualTo(QTY);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(QTY);
    }

    // ------------------------------------------------------------------ RATE_LIMIT

    @ParameterizedTest
    @EnumSource(value = FaultVariant.class, names = {"HTTP_429", "BYBIT_10006", "MEXC_418"})
    void aRateLimitBacksTheKernelOffAndNothingIsSentDuringTheRetryAfter(final FaultVariant flavour) {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(10.5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(11.0), c -> Fixtures.marketSell(c, QTY))
                .at(at(11.5), c -> Fixtures.limitBuy(c, BTC.price("59900.00"), QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.rateLimit(at(10), 3 * SECOND, flavour, 0)));
        h.replay(bars(30, PX)).runUntil(at(30));

        final List<VenueRequestFailed> limited = inbound(h, VenueRequestFailed.class);
        assertThat(limited).isNotEmpty().allSatisfy(f -> {
            assertThat(f.failure()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(f.detail()).isEqualTo(flavour.detail());
            assertThat(f.retryAfterNanos()).isPositive();
        });
        for (final VenueRequestFailed f : limited) {
            final long from = f.tsInitNanos();
            final long until = from + f.retryAfterNanos();
            assertThat(h.sent()).as("nothing sent during the retry-after of %s", f)
                    .noneSatisfy(x -> assertThat(x.sentNanos()).isBetween(from, until - 1));
        }
        assertThat(h.events(OrderFilled.class)).hasSize(2);
        assertThat(h.venue().openOrders(SimHarness.KERNEL_ACCOUNT)).hasSize(1);
        assertThat(h.events(OrderRejected.class)).isEmpty();
        assertThat(h.venue().executionPort(SimHarness.KERNEL_ACCOUNT).retryAfterViolations())
                .as("the kernel honours every retry-after: nothing a venue would ban for").isEmpty();
    }

    @Test
    void aClientThatIgnoresTheRetryAfterIsCountedAsAViolatorButNotForRequestsAlreadyOnTheWay() {
        // 1 ms latency each way; the venue answers with a retry-after of 2 s
        final SimHarness h = run(new ScriptedStrategy(), FaultPlan.of(Fault.rateLimit(at(10), 5 * SECOND, FaultVariant.HTTP_429,
                2 * SECOND)));
        final SimExecutionPort port = h.venue().executionPort(SimHarness.KERNEL_ACCOUNT);
        h.atTime(at(10.1), () -> port.submit(rawSubmit(1, "a", at(10.1))));      // refused at 10.101, told at 10.102
        h.atTime(at(10.1), () -> port.submit(rawSubmit(2, "b", at(10.1))));      // on the way already: not a violation
        h.atTime(at(10.5), () -> port.submit(rawSubmit(3, "c", at(10.5))));      // told to wait until 12.101: violation
        h.atTime(at(12.6), () -> port.submit(rawSubmit(4, "d", at(12.6))));      // after c's retry-after (12.501): fine
        h.atTime(at(15.5), () -> port.submit(rawSubmit(5, "e", at(15.5))));      // the fault is over: processed
        h.replay(bars(30, PX)).runUntil(at(30));

        assertThat(port.retryAfterViolations()).containsExactly(at(10.501));
        assertThat(h.faultLog(FaultType.RATE_LIMIT)).filteredOn(r -> r.detail().contains("retry-after violation"))
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("SUBMIT c").contains("violation #1"));
        assertThat(h.venue().order(SimHarness.KERNEL_ACCOUNT, new ClientOrderId("e"))).isNotNull();
    }

    private static SubmitOrder rawSubmit(final long commandId, final String id, final long now) {
        return new SubmitOrder(commandId, now, new ClientOrderId(id), new StrategyId("s1"), ID, Side.BUY,
                OrderType.MARKET, TimeInForce.IOC, 0, 0, QTY, false, 1);
    }

    // ------------------------------------------------------------------ market data

    @Test
    void aMarketDataDisconnectPausesTheStrategyOnStaleDataAndTheResyncSnapshotResumesIt() {
        final SimHarness h = run(new ScriptedStrategy(), FaultPlan.of(Fault.mdDisconnect(at(20), 15 * SECOND)));
        h.replay(Feeds.quotes(ID, at(1), SECOND, 60, BTC.price("59999.50"), BTC.price("60000.50"), QTY)).runUntil(at(60));

        final List<StrategyStateChanged> states = h.events(StrategyStateChanged.class);
        assertThat(states).hasSize(2);
        assertThat(states.get(0).to()).isEqualTo(StrategyState.PAUSED);
        assertThat(states.get(0).trigger()).isEqualTo(RiskTrigger.DATA_STALE);
        // the last quote before the window (t = 19 s) arrived at 19.001 s: stale 10 s later
        assertThat(states.get(0).tsInitNanos()).isEqualTo(at(29.001));
        assertThat(states.get(1).to()).isEqualTo(StrategyState.RUNNING);
        assertThat(states.get(1).trigger()).isEqualTo(RiskTrigger.DATA_FRESH);
        assertThat(states.get(1).tsInitNanos()).isBetween(at(35), at(35.01));
        // nothing during the window; the first event after it is the resync snapshot (the latest quote the venue saw)
        final List<QuoteTick> quotes = inbound(h, QuoteTick.class);
        assertThat(quotes).noneSatisfy(q -> assertThat(q.tsInitNanos()).isBetween(at(20.5), at(34.99)));
        final QuoteTick resync = quotes.stream().filter(q -> q.tsInitNanos() >= at(35)).findFirst().orElseThrow();
        assertThat(resync.tsEventNanos()).isEqualTo(at(34));
        assertThat(phase(h, FaultType.MD_DISCONNECT, FaultPhase.END)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("hits=15").contains("resync: 1 snapshot"));
    }

    @Test
    void aMarketDataGapDropsSomeEventsWithItsProbability() {
        final SimHarness h = run(new ScriptedStrategy(), FaultPlan.of(Fault.mdGap(at(10), 40 * SECOND, 0.5)));
        h.replay(bars(60, PX)).runUntil(at(61));

        final long received = inbound(h, Bar.class).size();
        final long dropped = h.marketData().dropped();
        assertThat(received + dropped).isEqualTo(60);
        assertThat(dropped).isBetween(8L, 32L);
        assertThat(phase(h, FaultType.MD_GAP, FaultPhase.END)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("hits=" + dropped));
    }

    @Test
    void aStaleBookKeepsDeliveringTheFrozenSnapshotUntilTheWindowCloses() {
        final SimHarness h = SimHarness.builder(Fixtures.config(11)).barFill(BarFill.NONE)
                .faults(FaultPlan.of(Fault.staleBook(at(5), 10 * SECOND)))
                .subscribe(EnumSet.of(DataKind.BOOK, DataKind.TRADES)).strategy(Fixtures.spec(new ScriptedStrategy())).build().start();
        h.replay(Feeds.trades(ID, at(0.5), SECOND, 30, PX, BTC.qty("0.001")));
        h.atTime(at(1), () -> h.agentOrder(BTC, Side.SELL, BTC.price("60000.50"), QTY));
        h.atTime(at(7), () -> h.agentOrder(BTC, Side.SELL, BTC.price("60000.20"), QTY));
        h.atTime(at(16), () -> h.agentOrder(BTC, Side.BUY, BTC.price("59999.00"), QTY));
        h.runUntil(at(8));

        final BookSnapshot during = h.kernel().data().book(ID);
        assertThat(h.venue().book(ID).bestAsk()).isEqualTo(BTC.price("60000.20"));
        assertThat(during.bestAsk()).as("frozen content").isEqualTo(BTC.price("60000.50"));
        assertThat(during.tsEventNanos()).as("claims to be fresh").isGreaterThanOrEqualTo(at(7));
        h.runUntil(at(20));
        final BookSnapshot after = h.kernel().data().book(ID);
        assertThat(after.bestAsk()).isEqualTo(BTC.price("60000.20"));
        assertThat(after.bestBid()).isEqualTo(BTC.price("59999.00"));
        assertThat(phase(h, FaultType.STALE_BOOK, FaultPhase.END)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("hits=1"));
    }

    // ------------------------------------------------------------------ report stream

    @Test
    void duplicatedReportsAreAppliedOnce() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(10.5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(11.5), c -> Fixtures.limitBuy(c, BTC.price("59900.00"), QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.duplicateReports(at(10), 5 * SECOND, 1.0)));
        h.replay(bars(20, PX)).runUntil(at(20));

        final List<VenueFill> fills = inbound(h, VenueFill.class);
        assertThat(fills).hasSize(2);
        assertThat(fills.get(0)).isEqualTo(fills.get(1));
        assertThat(inbound(h, VenueAccepted.class)).hasSize(4);
        assertThat(h.events(OrderFilled.class)).hasSize(1);
        assertThat(h.events(OrderAccepted.class)).hasSize(2);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(QTY);
    }

    @Test
    void reorderedReportsOvertakeEachOtherAndTheKernelStillEndsConsistent() {
        final ScriptedStrategy s = new ScriptedStrategy().every(at(10.5), SECOND / 2, 8, c -> Fixtures.marketBuy(c, BTC.qty("0.002")));
        final SimHarness h = run(s, FaultPlan.of(Fault.reorderReports(at(10), 5 * SECOND, 50 * MILLI)));
        h.replay(bars(20, PX)).runUntil(at(20));

        // at least one fill reached the kernel before its order's acknowledgement
        final List<InboundEvent> in = h.journal().events();
        boolean overtaken = false;
        for (int i = 0; i < s.submitted().size(); i++) {
            final ClientOrderId order = id(s, i);
            final int accepted = indexOf(in, e -> e instanceof VenueAccepted a && a.clientOrderId().equals(order));
            final int filled = indexOf(in, e -> e instanceof VenueFill f && order.equals(f.clientOrderId()));
            overtaken |= filled < accepted;
        }
        assertThat(overtaken).isTrue();
        assertThat(h.events(OrderFilled.class)).hasSize(8);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(BTC.qty("0.016"));
        for (int i = 0; i < 8; i++) {
            assertThat(h.kernel().orders().order(id(s, i)).state().name()).isEqualTo("FILLED");
        }
    }

    private static int indexOf(final List<InboundEvent> in, final Predicate<InboundEvent> p) {
        for (int i = 0; i < in.size(); i++) {
            if (p.test(in.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aCancelRejectedBecauseFilledIsFollowedByTheFillAndTheOrderEndsFilled() {
        final long limit = BTC.price("59900.00");
        final ScriptedStrategy s = new ScriptedStrategy();
        s.at(at(5), c -> Fixtures.limitBuy(c, limit, QTY))
                .at(at(10.5), c -> c.cancel(s.submitted().get(0).clientOrderId()));
        final SimHarness h = run(s, FaultPlan.of(Fault.cancelRejectFilled(at(10), 5 * SECOND, 100 * MILLI)));
        h.replay(bars(20, PX)).runUntil(at(20));

        final ClientOrderId order = id(s, 0);
        final List<InboundEvent> in = h.journal().events();
        final int rejected = indexOf(in, e -> e instanceof VenueCancelRejected);
        final int filled = indexOf(in, e -> e instanceof VenueFill);
        assertThat(rejected).isPositive();
        assertThat(filled).isGreaterThan(rejected);
        final VenueCancelRejected r = (VenueCancelRejected) in.get(rejected);
        final VenueFill f = (VenueFill) in.get(filled);
        assertThat(r.reason()).isEqualTo(ReasonCode.VENUE_ALREADY_FILLED);
        assertThat(f.tsInitNanos()).isGreaterThanOrEqualTo(r.tsInitNanos() + 100 * MILLI);
        assertThat(f.price()).isEqualTo(limit);
        assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(h.orderEvents(order)).filteredOn(e -> e instanceof CancelRejected)
                .extracting(e -> ((CancelRejected) e).reason()).containsExactly(ReasonCode.VENUE_ALREADY_FILLED);
        assertThat(Fixtures.filledQty(h, order)).isEqualTo(QTY);
        assertThat(h.kernel().orders().order(order).state().name()).isEqualTo("FILLED");
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(QTY);
        assertThat(h.venue().order(SimHarness.KERNEL_ACCOUNT, order).status()).isEqualTo(VenueOrderStatus.FILLED);
        assertThat(phase(h, FaultType.CANCEL_REJECT_FILLED, FaultPhase.HIT)).hasSize(1);
    }

    // ------------------------------------------------------------------ MAINTENANCE_HALT, LATENCY_SPIKE

    @Test
    void aMaintenanceHaltRejectsOrdersAndCancelsAndFreezesTheBook() {
        final long limit = BTC.price("59900.00");
        final ScriptedStrategy s = new ScriptedStrategy();
        s.at(at(5), c -> Fixtures.limitBuy(c, limit, QTY))
                .at(at(12), c -> Fixtures.marketBuy(c, QTY))
                .at(at(13), c -> c.cancel(s.submitted().get(0).clientOrderId()))
                .at(at(25), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.maintenanceHalt(at(10), 10 * SECOND)));
        final List<MarketData> data = new ArrayList<>(bars(30, PX));
        data.removeIf(m -> m.tsEventNanos() == at(15));
        data.add(Feeds.bar(ID, at(15), SECOND, PX, PX, BTC.price("59000.00"), PX)); // trades through the bid: no fill while halted
        data.sort(Comparator.comparingLong(MarketData::tsEventNanos));
        h.replay(data).runUntil(at(30));

        assertThat(h.orderEvents(id(s, 1))).filteredOn(e -> e instanceof OrderRejected)
                .extracting(e -> ((OrderRejected) e).reason()).containsExactly(ReasonCode.VENUE_MAINTENANCE);
        assertThat(h.orderEvents(id(s, 0))).filteredOn(e -> e instanceof CancelRejected)
                .extracting(e -> ((CancelRejected) e).reason()).containsExactly(ReasonCode.VENUE_MAINTENANCE);
        assertThat(Fixtures.filledQty(h, id(s, 0))).as("the halted book did not fill the bid").isZero();
        assertThat(Fixtures.filledQty(h, id(s, 2))).as("after the halt").isEqualTo(QTY);
        assertThat(phase(h, FaultType.MAINTENANCE_HALT, FaultPhase.HIT)).hasSize(2);
    }

    @Test
    void aLatencySpikeDelaysOrderEntryAndReports() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(11), c -> Fixtures.marketSell(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.latencySpike(at(10), 5 * SECOND, 2 * SECOND)));
        h.replay(bars(30, PX)).runUntil(at(30));

        final List<OrderAccepted> accepted = h.events(OrderAccepted.class);
        assertThat(accepted.get(0).tsInitNanos() - at(5)).isEqualTo(2 * MILLI);
        assertThat(accepted.get(1).tsEventNanos() - at(11)).as("order entry").isEqualTo(2 * SECOND + MILLI);
        assertThat(accepted.get(1).tsInitNanos() - accepted.get(1).tsEventNanos()).as("report").isEqualTo(2 * SECOND + MILLI);
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
    }

    // ------------------------------------------------------------------ PRICE_GAP, EXTERNAL_CLOSE, FORCED_LIQUIDATION

    @Test
    void aPriceGapMovesTheVenuesLastAndMarkAndTriggersStopsAtTheGappedPrice() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(6), c -> Fixtures.stopSell(c, BTC.price("59000.00"), QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.priceGap(at(10.5), ID.symbol(), -500)));
        h.replay(Feeds.merge(bars(20, PX), Feeds.marks(ID, at(0.5), SECOND, 20, PX))).runUntil(at(20));

        final long gapped = BTC.price("57000.00");
        assertThat(h.orderEvents(id(s, 1))).filteredOn(e -> e instanceof OrderFilled)
                .extracting(e -> ((OrderFilled) e).lastPrice()).containsExactly(gapped);
        assertThat(inbound(h, MarkPrice.class)).anySatisfy(m -> {
            assertThat(m.markPrice()).isEqualTo(gapped);
            assertThat(m.tsEventNanos()).isEqualTo(at(10.5));
        });
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        assertThat(phase(h, FaultType.PRICE_GAP, FaultPhase.HIT)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("-> " + gapped));
    }

    @Test
    void aPriceGapWithoutAMarkSeriesPrintsATradeSoTheKernelValuesThePositionAtTheGappedPrice() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.priceGap(at(10.5), ID.symbol(), -500)));
        h.replay(bars(20, PX)).runUntil(at(10.75));

        final long gapped = BTC.price("57000.00");
        assertThat(inbound(h, MarkPrice.class)).as("no mark series: none invented").isEmpty();
        assertThat(inbound(h, TradeTick.class)).filteredOn(t -> t.tsEventNanos() == at(10.5)).singleElement()
                .satisfies(t -> {
                    assertThat(t.price()).isEqualTo(gapped);
                    assertThat(t.aggressor()).isEqualTo(Side.SELL);
                    assertThat(t.qty()).isPositive();
                });
        assertThat(h.kernel().data().referencePrice(ID)).as("priced at the gap before the next bar").isEqualTo(gapped);
    }

    @Test
    void anExternalCloseIsInvisibleUntilReconciliationFindsIt() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.externalClose(at(10), null)));
        h.replay(bars(30, PX));
        h.publish(new ReconcileNow("test", ID.venue(), "check", at(15), at(15)));
        h.runUntil(at(14));
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isZero();
        assertThat(h.kernel().portfolio().positionQty(ID)).as("no report: the kernel does not know yet").isEqualTo(QTY);
        assertThat(h.events(DriftDetected.class)).isEmpty();

        h.runUntil(at(30));
        assertThat(h.events(DriftDetected.class)).filteredOn(d -> d.kind() == DriftKind.EXTERNAL_CLOSE).singleElement()
                .satisfies(d -> {
                    assertThat(d.localValue()).isEqualTo(QTY);
                    assertThat(d.venueValue()).isZero();
                });
        assertThat(h.kernel().portfolio().positionQty(ID)).as("the venue's truth adopted").isZero();
        assertThat(phase(h, FaultType.EXTERNAL_CLOSE, FaultPhase.HIT)).hasSize(1);
    }

    @Test
    void aForcedLiquidationCancelsTheOrdersAndTheKernelSeesALiquidationDrift() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(6), c -> Fixtures.limitBuy(c, BTC.price("59000.00"), QTY));
        final SimHarness h = run(s, FaultPlan.of(Fault.forcedLiquidation(at(10), ID.symbol())));
        h.replay(bars(30, PX));
        h.publish(new ReconcileNow("test", ID.venue(), "after the liquidation", at(15), at(15)));
        h.runUntil(at(30));

        assertThat(h.orderEvents(id(s, 1))).filteredOn(e -> e instanceof OrderCanceled)
                .extracting(e -> ((OrderCanceled) e).reason()).containsExactly(ReasonCode.VENUE_LIQUIDATION);
        final List<VenueFill> liquidation = inbound(h, VenueFill.class).stream().filter(f -> f.clientOrderId() == null).toList();
        assertThat(liquidation).singleElement().satisfies(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.LIQUIDATION);
            assertThat(f.side()).isEqualTo(Side.SELL);
            assertThat(f.qty()).isEqualTo(QTY);
        });
        assertThat(h.events(DriftDetected.class)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DriftKind.LIQUIDATION);
            assertThat(d.localValue()).isEqualTo(QTY);
            assertThat(d.venueValue()).isZero();
        });
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isZero();
        assertThat(h.events(ReconciliationCompleted.class)).hasSize(3).allSatisfy(r -> assertThat(r.driftCount()).isZero());
    }

    @Test
    void everyInjectedFaultIsInTheLogWithStartAndEnd() {
        final FaultPlan plan = FaultPlan.of(
                Fault.mdGap(at(2), SECOND, 1.0),
                Fault.priceGap(at(3), null, 100),
                Fault.maintenanceHalt(at(4), SECOND));
        final SimHarness h = run(new ScriptedStrategy(), plan);
        h.replay(bars(10, PX)).runUntil(at(10));
        assertThat(h.faultLog()).filteredOn(r -> r.phase() != FaultPhase.HIT)
                .extracting(FaultRecord::type, FaultRecord::phase, FaultRecord::timeNanos)
                .containsExactly(
                        tuple(FaultType.MD_GAP, FaultPhase.START, at(2)),
                        tuple(FaultType.MD_GAP, FaultPhase.END, at(3)),
                        tuple(FaultType.PRICE_GAP, FaultPhase.START, at(3)),
                        tuple(FaultType.PRICE_GAP, FaultPhase.END, at(3)),
                        tuple(FaultType.MAINTENANCE_HALT, FaultPhase.START, at(4)),
                        tuple(FaultType.MAINTENANCE_HALT, FaultPhase.END, at(5)));
        assertThat(h.events(OrderEvent.class)).isEmpty();
    }
}
