package dev.tandem.kernel.execution;

import static dev.tandem.kernel.execution.ExecutionRig.LATENCY;
import static dev.tandem.kernel.execution.ExecutionRig.MS;
import static dev.tandem.kernel.execution.ExecutionRig.S;
import static dev.tandem.kernel.execution.ExecutionRig.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderAmended;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.testkit.Instruments;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderManagerTest {

    private static final String VENUE = Instruments.VENUE;

    private static ExecutionConfig config(
            final int failureThreshold, final BreakerOpenPolicy policy, final int queueCapacity, final long queueTtlNanos, final RateLimit limit) {
        final ExecutionConfig d = ExecutionConfig.defaults();
        return new ExecutionConfig(d.maxRetries(), d.retryBaseNanos(), d.retryJitterFraction(), d.maxRateLimitedRetries(),
                d.defaultRetryAfterNanos(), d.unknownRequeryNanos(), failureThreshold, d.breakerOpenNanos(),
                d.breakerHalfOpenSuccesses(), d.probeTimeoutNanos(), policy, queueCapacity, queueTtlNanos,
                d.cancelAllCheckNanos(), limit, new TreeMap<>());
    }

    private static <T extends Command> List<T> commandsFor(final ExecutionRig rig, final Class<T> type, final ClientOrderId id) {
        final List<T> out = new ArrayList<>();
        for (final T c : rig.port.commands(type)) {
            if (c instanceof SubmitOrder s && s.clientOrderId().equals(id)
                    || c instanceof CancelOrder x && x.clientOrderId().equals(id)
                    || c instanceof QueryOrder q && q.clientOrderId().equals(id)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Opens the venue breaker with five transiently failing submits (their retries succeed later). */
    private static List<Order> openBreaker(final ExecutionRig rig) {
        final List<Order> failing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
        }
        for (int i = 0; i < 5; i++) {
            failing.add(rig.limit(Side.BUY, "50000.00", "0.010"));
        }
        rig.runFor(50 * MS);
        assertThat(rig.manager.breakerState(VENUE)).isEqualTo(BreakerState.OPEN);
        return failing;
    }

    @Nested
    class Lifecycle {
        @Test
        void submitIsSentAcceptedPartiallyFilledThenFilled() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.NEW);
            assertThat(o.venueOrderId()).isEqualTo("V1");

            rig.port.fillRestingOrder(id, rig.btc.qty("0.004"));
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
            assertThat(o.leavesQty()).isEqualTo(rig.btc.qty("0.006"));

            rig.port.fillRestingOrder(id, rig.btc.qty("0.006"));
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.FILLED);
            assertThat(rig.eventNames(id)).containsExactly(
                    "OrderSubmitted", "OrderSent", "OrderAccepted", "OrderFilled", "OrderFilled");
            final List<OrderFilled> fills = rig.events(OrderFilled.class);
            assertThat(fills).extracting(OrderFilled::cumQty).containsExactly(4L, 10L);
            assertThat(fills).extracting(OrderFilled::leavesQty).containsExactly(6L, 0L);
            assertThat(fills).extracting(OrderFilled::late).containsExactly(false, false);
            assertThat(fills).extracting(OrderFilled::liquidity).containsOnly(Liquidity.MAKER);
            assertThat(o.avgFillPrice()).isEqualTo(rig.btc.price("50000.00"));
            assertThat(o.feeMoney()).isEqualTo(fills.get(0).feeMoney() + fills.get(1).feeMoney()).isPositive();
            assertThat(rig.manager.openOrders()).isEmpty();
            assertThat(rig.manager.openOrderCount()).isZero();
            final List<SubmitOrder> submits = rig.port.commands(SubmitOrder.class);
            assertThat(submits).hasSize(1);
            assertThat(submits.get(0).clientOrderId()).isEqualTo(id);
            assertThat(submits.get(0).attempt()).isEqualTo(1);
            assertThat(rig.events(ReportAnomaly.class)).isEmpty();
        }

        @Test
        void averagePriceIsExactOverFillsAtDifferentPrices() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            rig.inject(new VenueFill(VENUE, o.clientOrderId(), "V1", rig.btc.id(), "x1", Side.BUY, rig.btc.price("50000.00"),
                    rig.btc.qty("0.001"), 0, Liquidity.MAKER, START, rig.clock.nowNanos() + LATENCY));
            rig.inject(new VenueFill(VENUE, o.clientOrderId(), "V1", rig.btc.id(), "x2", Side.BUY, rig.btc.price("49999.90"),
                    rig.btc.qty("0.002"), 0, Liquidity.MAKER, START, rig.clock.nowNanos() + LATENCY));
            rig.runUntilQuiet();
            // (5000000 * 1 + 4999990 * 2) / 3 = 4999993.33.. -> half-even 4999993
            assertThat(o.fillNotional()).isEqualTo(5_000_000L + 4_999_990L * 2);
            assertThat(o.avgFillPrice()).isEqualTo(4_999_993L);
        }

        @Test
        void duplicateReportsProduceTheSameEventsAsWithout() {
            assertThat(lifecycleEvents(true)).isEqualTo(lifecycleEvents(false));
        }

        private List<KernelEvent> lifecycleEvents(final boolean duplicates) {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.duplicateReports(duplicates);
            rig.port.setFillChunks(2);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.SELL, "70000.00", "0.005");
            rig.runUntilQuiet();
            rig.port.fillRestingOrder(a.clientOrderId(), rig.btc.qty("0.004"));
            rig.runUntilQuiet();
            rig.port.fillRestingOrder(a.clientOrderId(), rig.btc.qty("0.006"));
            assertThat(rig.manager.cancel(b.clientOrderId())).isEqualTo(ReasonCode.NONE);
            rig.port.setMarketPrice(rig.btc.id(), rig.btc.price("60000.00"));
            rig.market(Side.BUY, "0.003");
            rig.runUntilQuiet();
            assertThat(a.state()).isEqualTo(OrderState.FILLED);
            assertThat(b.state()).isEqualTo(OrderState.CANCELED);
            assertThat(rig.events(ReportAnomaly.class)).isEmpty();
            return rig.events;
        }

        @Test
        void fillBeforeTheAckImpliesAcceptanceAndTheLateAckIsIgnored() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            // the port acks at START + 1 ms; this fill overtakes it
            rig.inject(new VenueFill(VENUE, id, "V1", rig.btc.id(), "early-1", Side.BUY, rig.btc.price("50000.00"),
                    rig.btc.qty("0.004"), 0, Liquidity.MAKER, START, START + LATENCY / 2));
            rig.runUntilQuiet();
            assertThat(rig.eventNames(id)).containsExactly("OrderSubmitted", "OrderSent", "OrderFilled");
            assertThat(o.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
            assertThat(o.venueOrderId()).isEqualTo("V1");
            assertThat(o.requestStatus(RequestKind.SUBMIT)).isEqualTo(RequestStatus.IDLE);
            assertThat(rig.events(ReportAnomaly.class)).isEmpty();
        }

        @Test
        void lateFillAfterTheCancelAckIsAppliedAndMarkedLate() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            rig.runUntilQuiet();
            assertThat(rig.manager.cancel(id)).isEqualTo(ReasonCode.NONE);
            assertThat(o.state()).isEqualTo(OrderState.PENDING_CANCEL);
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.CANCELED);

            final VenueFill late = new VenueFill(VENUE, id, "V1", rig.btc.id(), "late-1", Side.BUY, rig.btc.price("50000.00"),
                    rig.btc.qty("0.003"), 15, Liquidity.MAKER, rig.clock.nowNanos(), rig.clock.nowNanos() + LATENCY);
            rig.inject(late);
            rig.inject(late); // and its duplicate
            rig.runUntilQuiet();
            assertThat(rig.eventNames(id)).containsExactly(
                    "OrderSubmitted", "OrderSent", "OrderAccepted", "OrderPendingCancel", "OrderCanceled", "OrderFilled");
            final OrderFilled f = rig.events(OrderFilled.class).get(0);
            assertThat(f.late()).isTrue();
            assertThat(f.cumQty()).isEqualTo(3);
            assertThat(f.leavesQty()).isZero();
            assertThat(o.state()).as("one terminal state").isEqualTo(OrderState.CANCELED);
            assertThat(o.filledQty()).isEqualTo(3);
            assertThat(o.closeReason()).isEqualTo(ReasonCode.EXEC_CANCEL_REQUESTED);
        }

        @Test
        void cancelRejectReturnsToThePreviousStateIncludingAFillWhilePending() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            rig.runUntilQuiet();
            rig.port.rejectNextCancel(ReasonCode.VENUE_OTHER);
            rig.port.fillRestingOrder(id, rig.btc.qty("0.004")); // reaches us while the cancel is pending
            assertThat(rig.manager.cancel(id)).isEqualTo(ReasonCode.NONE);
            assertThat(o.previousState()).isEqualTo(OrderState.NEW);
            rig.runUntilQuiet();
            assertThat(rig.eventNames(id)).containsExactly("OrderSubmitted", "OrderSent", "OrderAccepted",
                    "OrderPendingCancel", "OrderFilled", "CancelRejected");
            assertThat(o.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
            assertThat(o.previousState()).isNull();
            assertThat(rig.events(CancelRejected.class).get(0).reason()).isEqualTo(ReasonCode.VENUE_OTHER);
        }

        @Test
        void cancelBeforeTheAckGoesToTheVenueAndResolves() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            assertThat(rig.manager.cancel(id)).isEqualTo(ReasonCode.NONE);
            assertThat(o.state()).isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(o.previousState()).isEqualTo(OrderState.PENDING_NEW);
            rig.runUntilQuiet();
            assertThat(rig.eventNames(id)).containsExactly(
                    "OrderSubmitted", "OrderSent", "OrderPendingCancel", "OrderAccepted", "OrderCanceled");
            assertThat(o.state()).isEqualTo(OrderState.CANCELED);
        }

        @Test
        void cancelAnswersForUnknownTerminalAndPendingOrders() {
            final ExecutionRig rig = new ExecutionRig();
            assertThat(rig.manager.cancel(new ClientOrderId("nope"))).isEqualTo(ReasonCode.EXEC_UNKNOWN_ORDER);
            rig.port.setMarketPrice(rig.btc.id(), rig.btc.price("60000.00"));
            final Order filled = rig.market(Side.BUY, "0.001");
            final Order resting = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(filled.state()).isEqualTo(OrderState.FILLED);
            assertThat(rig.manager.cancel(filled.clientOrderId())).isEqualTo(ReasonCode.EXEC_NOT_CANCELABLE);
            assertThat(rig.manager.cancel(resting.clientOrderId())).isEqualTo(ReasonCode.NONE);
            assertThat(rig.manager.cancel(resting.clientOrderId())).as("idempotent").isEqualTo(ReasonCode.NONE);
            assertThat(rig.port.commands(CancelOrder.class)).hasSize(1);
        }

        @Test
        void unsolicitedCancelAndExpiryAreApplied() {
            final ExecutionRig rig = new ExecutionRig();
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            rig.port.unsolicitedCancel(a.clientOrderId(), ReasonCode.VENUE_SELF_TRADE);
            rig.port.expireRestingOrder(b.clientOrderId());
            rig.runUntilQuiet();
            assertThat(a.state()).isEqualTo(OrderState.CANCELED);
            assertThat(a.closeReason()).isEqualTo(ReasonCode.VENUE_SELF_TRADE);
            assertThat(b.state()).isEqualTo(OrderState.EXPIRED);
            assertThat(rig.eventNames(b.clientOrderId())).endsWith("OrderExpired");
        }

        @Test
        void amendIsAppliedOrRejected() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            final ClientOrderId id = o.clientOrderId();
            assertThat(rig.manager.amend(id, rig.btc.price("49990.00"), rig.btc.qty("0.020")))
                    .as("not acknowledged yet").isEqualTo(ReasonCode.EXEC_NOT_AMENDABLE);
            rig.runUntilQuiet();
            assertThat(rig.manager.amend(id, rig.btc.price("49990.00"), rig.btc.qty("0.020"))).isEqualTo(ReasonCode.NONE);
            assertThat(rig.manager.amend(id, rig.btc.price("49980.00"), rig.btc.qty("0.020")))
                    .as("one amend at a time").isEqualTo(ReasonCode.EXEC_NOT_AMENDABLE);
            rig.runUntilQuiet();
            final OrderAmended amended = rig.events(OrderAmended.class).get(0);
            assertThat(amended.newPrice()).isEqualTo(rig.btc.price("49990.00"));
            assertThat(o.price()).isEqualTo(rig.btc.price("49990.00"));
            assertThat(o.qty()).isEqualTo(rig.btc.qty("0.020"));
            assertThat(o.leavesQty()).isEqualTo(rig.btc.qty("0.020"));

            assertThat(rig.manager.amend(id, rig.btc.price("49990.05"), rig.btc.qty("0.020"))).isEqualTo(ReasonCode.NONE);
            rig.runUntilQuiet();
            assertThat(rig.events(AmendRejected.class)).extracting(AmendRejected::reason).containsExactly(ReasonCode.VENUE_INVALID_PRICE);
            assertThat(o.price()).isEqualTo(rig.btc.price("49990.00"));
            assertThat(o.state()).isEqualTo(OrderState.NEW);

            rig.port.fillRestingOrder(id, rig.btc.qty("0.005"));
            rig.runUntilQuiet();
            assertThat(rig.manager.amend(id, o.price(), rig.btc.qty("0.005")))
                    .as("not above the filled quantity").isEqualTo(ReasonCode.EXEC_NOT_AMENDABLE);
            assertThat(rig.manager.amend(new ClientOrderId("nope"), 1, 1)).isEqualTo(ReasonCode.EXEC_UNKNOWN_ORDER);
        }

        @Test
        void cancelAllCancelsQueuedOrdersLocallyAndTheRestWithOneRequest() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(2, 10)), 42);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order c = rig.limit(Side.BUY, "50000.00", "0.010"); // no token left: queued
            assertThat(c.isQueued()).isTrue();
            rig.runFor(10 * MS);
            rig.manager.cancelAll(rig.btc.id());
            assertThat(c.state()).isEqualTo(OrderState.CANCELED);
            assertThat(rig.eventNames(c.clientOrderId())).containsExactly("OrderSubmitted", "OrderQueued", "OrderCanceled");
            assertThat(a.state()).isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(b.state()).isEqualTo(OrderState.PENDING_CANCEL);
            rig.runUntilQuiet();
            assertThat(rig.port.commands(CancelAllOrders.class)).hasSize(1);
            assertThat(rig.port.commands(CancelOrder.class)).isEmpty();
            assertThat(a.state()).isEqualTo(OrderState.CANCELED);
            assertThat(b.state()).isEqualTo(OrderState.CANCELED);
            assertThat(rig.events(OrderCanceled.class)).extracting(OrderCanceled::reason).containsOnly(ReasonCode.EXEC_CANCEL_REQUESTED);
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(2);
            assertThat(rig.manager.queuedCount()).isZero();
        }
    }

    @Nested
    class Anomalies {
        @Test
        void reportForAnUnknownClientIdIsAnAnomaly() {
            final ExecutionRig rig = new ExecutionRig();
            rig.inject(new VenueAccepted(VENUE, new ClientOrderId("ghost-1"), "V9", START, START + 1));
            rig.runUntilQuiet();
            final List<ReportAnomaly> anomalies = rig.events(ReportAnomaly.class);
            assertThat(anomalies).hasSize(1);
            assertThat(anomalies.get(0).reportType()).isEqualTo("VenueAccepted");
            assertThat(anomalies.get(0).detail()).contains("unknown client order id");
        }

        @Test
        void fillWithoutClientIdIsLeftToTheKernel() {
            final ExecutionRig rig = new ExecutionRig();
            rig.inject(new VenueFill(VENUE, null, "L1", rig.btc.id(), "liq-1", Side.SELL, 1, 1, 0, Liquidity.LIQUIDATION, START, START + 1));
            rig.runUntilQuiet();
            assertThat(rig.events).isEmpty();
        }

        @Test
        void overfillIsAnAnomalyAndNotApplied() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            rig.inject(new VenueFill(VENUE, o.clientOrderId(), "V1", rig.btc.id(), "big", Side.BUY, rig.btc.price("50000.00"),
                    rig.btc.qty("0.011"), 0, Liquidity.MAKER, START, rig.clock.nowNanos() + 1));
            rig.runUntilQuiet();
            assertThat(rig.events(ReportAnomaly.class)).extracting(ReportAnomaly::detail).singleElement().asString().contains("overfill");
            assertThat(o.filledQty()).isZero();
            assertThat(o.state()).isEqualTo(OrderState.NEW);
        }
    }

    @Nested
    class Retries {
        @Test
        void transientFailuresAreRetriedThreeTimesWithBackoffAndTheSameIdThenGivenUp() {
            final ExecutionRig rig = new ExecutionRig();
            for (int i = 0; i < 4; i++) {
                rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            }
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            final List<SubmitOrder> submits = rig.port.commands(SubmitOrder.class);
            assertThat(submits).extracting(SubmitOrder::clientOrderId).containsOnly(o.clientOrderId());
            assertThat(submits).extracting(SubmitOrder::attempt).containsExactly(1, 2, 3, 4);
            final List<OrderRetryScheduled> retries = rig.events(OrderRetryScheduled.class);
            assertThat(retries).extracting(OrderRetryScheduled::attempt).containsExactly(2, 3, 4);
            assertThat(retries).extracting(OrderRetryScheduled::failure).containsOnly(FailureKind.TRANSIENT);
            final long[] base = {100 * MS, 200 * MS, 400 * MS};
            for (int i = 0; i < 3; i++) {
                final long delay = retries.get(i).retryAtNanos() - retries.get(i).tsInitNanos();
                assertThat(delay).as("retry %d", i + 1).isGreaterThanOrEqualTo(base[i]).isLessThan(base[i] + base[i] / 5);
                assertThat(submits.get(i + 1).tsInitNanos()).isEqualTo(retries.get(i).retryAtNanos());
            }
            assertThat(rig.events(OrderRejected.class)).extracting(OrderRejected::reason).containsExactly(ReasonCode.EXEC_RETRIES_EXHAUSTED);
            assertThat(o.state()).isEqualTo(OrderState.REJECTED);
            assertThat(o.attempts()).isEqualTo(4);
            assertThat(rig.manager.breakerState(VENUE)).as("4 failures stay below the threshold").isEqualTo(BreakerState.CLOSED);
        }

        @Test
        void retrySucceedsWithTheSameClientId() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.NEW);
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(rig.eventNames(o.clientOrderId())).containsExactly("OrderSubmitted", "OrderSent", "OrderRetryScheduled",
                    "OrderSent", "OrderRetryScheduled", "OrderSent", "OrderAccepted");
        }

        @Test
        void duplicatedFailureReportsAreCountedOnce() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.duplicateReports(true);
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(rig.events(OrderRetryScheduled.class)).hasSize(1);
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(2);
            assertThat(o.state()).isEqualTo(OrderState.NEW);
        }

        @Test
        void aFailureReportForAnEarlierAttemptIsStale() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runFor(10 * MS);
            final long retryAt = rig.events(OrderRetryScheduled.class).get(0).retryAtNanos();
            rig.runUntil(retryAt); // attempt 2 is in flight, its ack due 1 ms later
            final long firstCommand = rig.port.commands(SubmitOrder.class).get(0).commandId();
            rig.inject(new VenueRequestFailed(VENUE, RequestKind.SUBMIT, o.clientOrderId(), firstCommand, FailureKind.TRANSIENT, 0,
                    "late copy of the first failure", START, retryAt + LATENCY / 2));
            rig.runUntilQuiet();
            assertThat(rig.events(OrderRetryScheduled.class)).hasSize(1);
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(2);
            assertThat(o.state()).isEqualTo(OrderState.NEW);
        }

        @Test
        void rejectionsAreNeverRetried() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.rejectNext(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(1);
            assertThat(rig.events(OrderRetryScheduled.class)).isEmpty();
            assertThat(rig.events(OrderRejected.class)).extracting(OrderRejected::reason).containsExactly(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
            assertThat(o.state()).isEqualTo(OrderState.REJECTED);
        }

        @Test
        void cancelRetriesAreBoundedAndRestoreThePreviousState() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            for (int i = 0; i < 4; i++) {
                rig.port.failNext(RequestKind.CANCEL, FailureKind.TRANSIENT, 0);
            }
            rig.manager.cancel(o.clientOrderId());
            rig.runUntilQuiet();
            assertThat(rig.port.commands(CancelOrder.class)).extracting(CancelOrder::attempt).containsExactly(1, 2, 3, 4);
            assertThat(rig.events(CancelRejected.class)).extracting(CancelRejected::reason).containsExactly(ReasonCode.EXEC_RETRIES_EXHAUSTED);
            assertThat(o.state()).isEqualTo(OrderState.NEW);
        }

        @Test
        void rateLimitedRequestWaitsForRetryAfterAndHoldsBackTheVenue() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.RATE_LIMITED, 2 * S);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runFor(10 * MS);
            final OrderRetryScheduled retry = rig.events(OrderRetryScheduled.class).get(0);
            assertThat(retry.failure()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(retry.retryAtNanos()).isEqualTo(START + LATENCY + 2 * S);
            assertThat(rig.manager.backoffUntilNanos(VENUE)).isEqualTo(START + LATENCY + 2 * S);
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(rig.events(OrderQueued.class)).extracting(OrderQueued::reason).containsExactly(ReasonCode.EXEC_THROTTLED);
            rig.runUntilQuiet();
            final List<SubmitOrder> submitsA = commandsFor(rig, SubmitOrder.class, a.clientOrderId());
            assertThat(submitsA).extracting(SubmitOrder::attempt).containsExactly(1, 2);
            assertThat(submitsA.get(1).tsInitNanos()).isEqualTo(START + LATENCY + 2 * S);
            assertThat(commandsFor(rig, SubmitOrder.class, b.clientOrderId()).get(0).tsInitNanos())
                    .isGreaterThanOrEqualTo(START + LATENCY + 2 * S);
            assertThat(a.state()).isEqualTo(OrderState.NEW);
            assertThat(b.state()).isEqualTo(OrderState.NEW);
            assertThat(rig.events(CircuitBreakerStateChanged.class)).as("rate limiting is not a failure").isEmpty();
        }

        @Test
        void rateLimitedRetriesAreBounded() {
            final ExecutionRig rig = new ExecutionRig();
            for (int i = 0; i < 6; i++) {
                rig.port.failNext(RequestKind.SUBMIT, FailureKind.RATE_LIMITED, 100 * MS);
            }
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(6);
            assertThat(rig.events(OrderRejected.class)).extracting(OrderRejected::reason).containsExactly(ReasonCode.VENUE_RATE_LIMITED);
            assertThat(o.state()).isEqualTo(OrderState.REJECTED);
        }
    }

    @Nested
    class UnknownOutcome {
        @Test
        void unknownSubmitIsQueriedFirstNeverResubmittedAndResolvedWhenFound() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.UNKNOWN_OUTCOME, 0);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            final List<Command> commands = rig.port.commands();
            assertThat(commands).hasSize(2);
            assertThat(commands.get(0)).isInstanceOf(SubmitOrder.class);
            assertThat(commands.get(1)).isInstanceOf(QueryOrder.class);
            assertThat(commands.get(1).tsInitNanos()).as("queried at once").isEqualTo(START + LATENCY);
            assertThat(rig.eventNames(o.clientOrderId())).containsExactly("OrderSubmitted", "OrderSent", "OrderStatusUnknown", "OrderAccepted");
            assertThat(o.state()).isEqualTo(OrderState.NEW);
            assertThat(o.venueOrderId()).isEqualTo("V1");
        }

        @Test
        void unknownMarketOrderFoundFilledGetsAnInferredFill() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.setMarketPrice(rig.btc.id(), rig.btc.price("60000.00"));
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.UNKNOWN_OUTCOME, 0);
            final Order o = rig.market(Side.BUY, "0.010");
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.FILLED);
            final OrderFilled f = rig.events(OrderFilled.class).get(0);
            assertThat(f.tradeId()).isEqualTo("q-" + o.clientOrderId() + "-10");
            assertThat(f.lastPrice()).isEqualTo(rig.btc.price("60000.00"));
            assertThat(f.lastQty()).isEqualTo(10);
            assertThat(f.feeMoney()).isEqualTo(rig.btc.fee(rig.btc.notional(f.lastPrice(), 10), Liquidity.TAKER));
            assertThat(o.syntheticFillQty()).isEqualTo(10);
            // the venue's own fill report turns up later: absorbed, not counted twice
            rig.inject(new VenueFill(VENUE, o.clientOrderId(), "V1", rig.btc.id(), "T1", Side.BUY, f.lastPrice(), 10, 1,
                    Liquidity.TAKER, rig.clock.nowNanos(), rig.clock.nowNanos() + 1));
            rig.runUntilQuiet();
            assertThat(o.filledQty()).isEqualTo(10);
            assertThat(rig.events(OrderFilled.class)).hasSize(1);
            assertThat(rig.events(ReportAnomaly.class)).isEmpty();
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(1);
        }

        @Test
        void unknownSubmitNotFoundIsRejectedNotResubmitted() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.loseNextRequest(RequestKind.SUBMIT);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            assertThat(rig.port.commands(SubmitOrder.class)).hasSize(1);
            assertThat(rig.port.commands(QueryOrder.class)).hasSize(1);
            assertThat(rig.events(OrderRejected.class)).extracting(OrderRejected::reason).containsExactly(ReasonCode.EXEC_NOT_FOUND_AFTER_UNKNOWN);
            assertThat(o.state()).isEqualTo(OrderState.REJECTED);
        }

        @Test
        void failingQueriesAreRetriedThenRepeatedUntilTheOrderIsResolved() {
            final ExecutionRig rig = new ExecutionRig();
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.UNKNOWN_OUTCOME, 0);
            for (int i = 0; i < 4; i++) {
                rig.port.failNext(RequestKind.QUERY_ORDER, FailureKind.TRANSIENT, 0);
            }
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntil(START + 4 * S);
            assertThat(o.state()).isEqualTo(OrderState.UNKNOWN);
            assertThat(rig.port.commands(QueryOrder.class)).hasSize(4);
            final List<OrderRetryScheduled> retries = rig.events(OrderRetryScheduled.class);
            final OrderRetryScheduled requery = retries.get(retries.size() - 1);
            assertThat(requery.request()).isEqualTo(RequestKind.QUERY_ORDER);
            assertThat(requery.retryAtNanos() - requery.tsInitNanos()).isEqualTo(5 * S);
            rig.runUntilQuiet();
            assertThat(o.state()).isEqualTo(OrderState.NEW);
            assertThat(rig.port.commands(QueryOrder.class)).hasSize(5);
            assertThat(rig.port.commands(SubmitOrder.class)).as("never resubmitted").hasSize(1);
        }

        @Test
        void duplicateClientIdRejectionIsTreatedAsUnknownAndQueried() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            // a duplicate-id answer (as to a retry of an attempt the venue did get) overtakes the real ack
            rig.inject(new VenueRejected(VENUE, o.clientOrderId(), ReasonCode.VENUE_DUPLICATE_CLIENT_ID, "duplicate",
                    START, START + LATENCY / 2));
            rig.runUntilQuiet();
            assertThat(rig.eventNames(o.clientOrderId()))
                    .containsExactly("OrderSubmitted", "OrderSent", "OrderStatusUnknown", "OrderAccepted");
            assertThat(rig.port.commands(QueryOrder.class)).hasSize(1);
            assertThat(rig.events(OrderRejected.class)).as("never taken for a rejection").isEmpty();
            assertThat(o.state()).isEqualTo(OrderState.NEW);
            assertThat(rig.events(ReportAnomaly.class)).isEmpty();
        }

        @Test
        void cancelWithUnknownOutcomeIsResolvedByAQuery() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            rig.port.failNext(RequestKind.CANCEL, FailureKind.UNKNOWN_OUTCOME, 0); // processed, answer lost
            rig.manager.cancel(o.clientOrderId());
            rig.runUntilQuiet();
            assertThat(rig.port.commands()).extracting(c -> c.getClass().getSimpleName())
                    .containsExactly("SubmitOrder", "CancelOrder", "QueryOrder");
            assertThat(o.state()).isEqualTo(OrderState.CANCELED);
            assertThat(o.closeReason()).isEqualTo(ReasonCode.EXEC_CANCEL_REQUESTED);
        }

        @Test
        void lostCancelIsSentAgainAfterTheQuerySaysTheOrderIsOpen() {
            final ExecutionRig rig = new ExecutionRig();
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.runUntilQuiet();
            rig.port.loseNextRequest(RequestKind.CANCEL);
            rig.manager.cancel(o.clientOrderId());
            rig.runUntilQuiet();
            assertThat(rig.port.commands()).extracting(c -> c.getClass().getSimpleName())
                    .containsExactly("SubmitOrder", "CancelOrder", "QueryOrder", "CancelOrder");
            assertThat(o.state()).isEqualTo(OrderState.CANCELED);
        }
    }

    @Nested
    class Breaker {
        @Test
        void fiveFailuresOpenItThenHalfOpenProbesCloseItAndTheQueueDrains() {
            final ExecutionRig rig = new ExecutionRig();
            openBreaker(rig);
            final long openedAt = rig.events(CircuitBreakerStateChanged.class).get(0).tsInitNanos();
            final Order queued = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(rig.eventNames(queued.clientOrderId())).containsExactly("OrderSubmitted", "OrderQueued");
            assertThat(rig.events(OrderQueued.class).get(0).reason()).isEqualTo(ReasonCode.EXEC_BREAKER_OPEN);
            rig.runUntil(openedAt + 60 * S - 1);
            assertThat(rig.manager.breakerState(VENUE)).isEqualTo(BreakerState.OPEN);
            assertThat(queued.isQueued()).isTrue();
            rig.runUntilQuiet();
            final List<CircuitBreakerStateChanged> changes = rig.events(CircuitBreakerStateChanged.class);
            assertThat(changes).extracting(CircuitBreakerStateChanged::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
            assertThat(changes.get(0).consecutiveFailures()).isEqualTo(5);
            assertThat(changes.get(1).tsInitNanos()).isEqualTo(openedAt + 60 * S);
            assertThat(rig.port.commands(QueryOpenOrders.class)).as("two probes").hasSize(2);
            assertThat(rig.recheckCalls).isEqualTo(1);
            assertThat(queued.state()).isEqualTo(OrderState.NEW);
            final OrderSent sent = rig.events(OrderSent.class).stream()
                    .filter(e -> e.clientOrderId().equals(queued.clientOrderId())).findFirst().orElseThrow();
            assertThat(sent.tsInitNanos()).isEqualTo(changes.get(2).tsInitNanos());
        }

        @Test
        void aFailureWhileHalfOpenOpensItAgain() {
            final ExecutionRig rig = new ExecutionRig();
            openBreaker(rig);
            final long openedAt = rig.events(CircuitBreakerStateChanged.class).get(0).tsInitNanos();
            rig.port.failNext(RequestKind.QUERY_OPEN_ORDERS, FailureKind.TRANSIENT, 0);
            rig.runUntil(openedAt + 60 * S + 10 * MS);
            List<CircuitBreakerStateChanged> changes = rig.events(CircuitBreakerStateChanged.class);
            assertThat(changes).extracting(CircuitBreakerStateChanged::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.OPEN);
            final long reopenedAt = changes.get(2).tsInitNanos();
            rig.runUntilQuiet();
            changes = rig.events(CircuitBreakerStateChanged.class);
            assertThat(changes).extracting(CircuitBreakerStateChanged::to).containsExactly(
                    BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
            assertThat(changes.get(3).tsInitNanos()).isEqualTo(reopenedAt + 60 * S);
        }

        @Test
        void aProbeStillInFlightWhenTheBreakerClosesIsNotCountedAsAFailure() {
            final ExecutionRig rig = new ExecutionRig();
            openBreaker(rig);
            final long halfOpenAt = rig.events(CircuitBreakerStateChanged.class).get(0).tsInitNanos() + 60 * S;
            final int[] answers = {0};
            rig.lose = e -> e instanceof VenueOpenOrders && answers[0]++ >= 1; // the second probe's answer never comes
            rig.inject(new VenueBalances(VENUE, List.of(), halfOpenAt, halfOpenAt + LATENCY + LATENCY / 2));
            rig.runUntilQuiet();
            assertThat(rig.events(CircuitBreakerStateChanged.class)).extracting(CircuitBreakerStateChanged::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
            assertThat(rig.port.commands(QueryOpenOrders.class)).hasSize(2);
            assertThat(rig.manager.snapshot().venues().get(0).consecutiveFailures()).isZero();
            assertThat(rig.manager.snapshot().venues().get(0).probeCommandId()).isZero();
        }

        @Test
        void maintenanceRejectionsOpenItAndAreNotRetriedWhileOtherRejectionsCountAsAnswers() {
            final ExecutionRig rig = new ExecutionRig();
            for (int i = 0; i < 4; i++) {
                rig.port.rejectNext(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
                rig.limit(Side.BUY, "50000.00", "0.010");
            }
            rig.runFor(50 * MS);
            assertThat(rig.events(OrderRejected.class)).hasSize(4);
            assertThat(rig.manager.breakerState(VENUE)).as("an ordinary rejection is an answer").isEqualTo(BreakerState.CLOSED);
            assertThat(rig.manager.snapshot().venues().get(0).consecutiveFailures()).isZero();

            final List<Order> rejected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rig.port.rejectNext(ReasonCode.VENUE_MAINTENANCE);
                rejected.add(rig.limit(Side.BUY, "50000.00", "0.010"));
            }
            rig.runFor(50 * MS);
            assertThat(rejected).allSatisfy(o -> assertThat(o.state()).isEqualTo(OrderState.REJECTED));
            assertThat(rig.port.commands(SubmitOrder.class)).as("a rejection is never retried").hasSize(9);
            final List<CircuitBreakerStateChanged> changes = rig.events(CircuitBreakerStateChanged.class);
            assertThat(changes).extracting(CircuitBreakerStateChanged::to).containsExactly(BreakerState.OPEN);
            assertThat(changes.get(0).consecutiveFailures()).isEqualTo(5);
            assertThat(changes.get(0).reason()).startsWith("venue under maintenance");

            // the venue is back: the HALF_OPEN probes are answered and the breaker closes
            rig.runUntilQuiet();
            assertThat(rig.events(CircuitBreakerStateChanged.class)).extracting(CircuitBreakerStateChanged::to)
                    .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
        }

        @Test
        void denyPolicyDeniesAtOnceWithoutSubmitting() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.DENY, 100, 300 * S, RateLimit.perSecond(10, 10)), 42);
            openBreaker(rig);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(rig.eventNames(o.clientOrderId())).containsExactly("OrderDenied");
            assertThat(rig.events(OrderDenied.class).get(0).reason()).isEqualTo(ReasonCode.EXEC_BREAKER_OPEN);
            assertThat(o.state()).isEqualTo(OrderState.DENIED);
        }

        @Test
        void queueIsBoundedAndQueuedOrdersExpire() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 2, S, RateLimit.perSecond(10, 10)), 42);
            openBreaker(rig);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order c = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(rig.manager.queuedCount()).isEqualTo(2);
            assertThat(rig.eventNames(c.clientOrderId())).containsExactly("OrderDenied");
            assertThat(c.closeReason()).isEqualTo(ReasonCode.EXEC_QUEUE_FULL);
            rig.runFor(S + MS);
            for (final Order o : List.of(a, b)) {
                assertThat(rig.eventNames(o.clientOrderId())).containsExactly("OrderSubmitted", "OrderQueued", "OrderDenied");
                assertThat(o.state()).isEqualTo(OrderState.DENIED);
                assertThat(o.closeReason()).isEqualTo(ReasonCode.EXEC_QUEUE_TTL_EXPIRED);
                assertThat(commandsFor(rig, SubmitOrder.class, o.clientOrderId())).isEmpty();
            }
            assertThat(rig.manager.queuedCount()).isZero();
        }

        @Test
        void queuedOrderIsReCheckedByRiskWhenItLeavesTheQueue() {
            final ExecutionRig rig = new ExecutionRig();
            openBreaker(rig);
            final Order o = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.recheckAnswer = ReasonCode.RISK_TRADING_HALTED;
            rig.runUntilQuiet();
            assertThat(rig.manager.breakerState(VENUE)).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.recheckCalls).isEqualTo(1);
            assertThat(rig.eventNames(o.clientOrderId())).containsExactly("OrderSubmitted", "OrderQueued", "OrderDenied");
            assertThat(o.closeReason()).isEqualTo(ReasonCode.RISK_TRADING_HALTED);
            assertThat(commandsFor(rig, SubmitOrder.class, o.clientOrderId())).isEmpty();
        }
    }

    @Nested
    class Throttle {
        @Test
        void tokenBucketDelaysSendsInOrder() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(2, 10)), 42);
            final List<Order> orders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                orders.add(rig.limit(Side.BUY, "50000.00", "0.010"));
            }
            assertThat(rig.events(OrderQueued.class)).extracting(OrderQueued::reason)
                    .containsExactly(ReasonCode.EXEC_THROTTLED, ReasonCode.EXEC_THROTTLED);
            rig.runUntilQuiet();
            final List<Long> sendTimes = new ArrayList<>();
            for (final Order o : orders) {
                sendTimes.add(commandsFor(rig, SubmitOrder.class, o.clientOrderId()).get(0).tsInitNanos());
                assertThat(o.state()).isEqualTo(OrderState.NEW);
            }
            assertThat(sendTimes).containsExactly(START, START, START + 100 * MS, START + 200 * MS);
            assertThat(rig.recheckCalls).isEqualTo(2);
        }

        @Test
        void cancelsAreNeverHeldBackButSpendTokens() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(1, 10)), 42);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.manager.cancel(a.clientOrderId());
            assertThat(rig.port.commands(CancelOrder.class)).hasSize(1);
            assertThat(rig.port.commands(CancelOrder.class).get(0).tsInitNanos()).isEqualTo(START);
            assertThat(rig.manager.tokens(VENUE)).isEqualTo(-1);
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(b.isQueued()).isTrue();
            rig.runUntilQuiet();
            assertThat(commandsFor(rig, SubmitOrder.class, b.clientOrderId()).get(0).tsInitNanos()).isEqualTo(START + 200 * MS);
        }

        @Test
        void queuedOrderIsCanceledLocally() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(1, 10)), 42);
            rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.BUY, "50000.00", "0.010");
            assertThat(rig.manager.cancel(b.clientOrderId())).isEqualTo(ReasonCode.NONE);
            assertThat(b.state()).isEqualTo(OrderState.CANCELED);
            assertThat(rig.events(OrderCanceled.class).get(0).reason()).isEqualTo(ReasonCode.EXEC_CANCEL_REQUESTED);
            rig.runUntilQuiet();
            assertThat(rig.port.commands(CancelOrder.class)).isEmpty();
            assertThat(commandsFor(rig, SubmitOrder.class, b.clientOrderId())).isEmpty();
        }
    }

    @Nested
    class Determinism {
        private List<KernelEvent> run(final long seed) {
            final ExecutionRig rig = new ExecutionRig(ExecutionConfig.defaults(), seed);
            for (int i = 0; i < 3; i++) {
                rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            }
            rig.port.failNext(RequestKind.CANCEL, FailureKind.TRANSIENT, 0);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            final Order b = rig.limit(Side.SELL, "70000.00", "0.010");
            rig.runUntilQuiet();
            rig.manager.cancel(b.clientOrderId());
            rig.port.fillRestingOrder(a.clientOrderId(), 3);
            rig.runUntilQuiet();
            return rig.events;
        }

        @Test
        void sameSeedGivesTheSameEvents() {
            final List<KernelEvent> first = run(7);
            assertThat(first).hasSizeGreaterThan(10);
            assertThat(run(7)).isEqualTo(first);
        }

        @Test
        void jitterComesFromTheSeed() {
            assertThat(run(8)).isNotEqualTo(run(7));
        }

        @Test
        void clientIdsAreShortAndIdenticalAcrossRuns() {
            final List<String> first = ids();
            assertThat(ids()).isEqualTo(first);
            assertThat(first).allSatisfy(id -> {
                assertThat(id.length()).isLessThanOrEqualTo(ClientOrderId.MAX_LENGTH);
                assertThat(id).matches("t1-(mm1|abcdefghijkl)-[0-9a-z]{6}");
            });
            assertThat(first.get(0)).isEqualTo("t1-mm1-000001");
        }

        private List<String> ids() {
            final ExecutionRig rig = new ExecutionRig();
            final List<String> out = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                final StrategyId s = i % 2 == 0 ? ExecutionRig.STRATEGY : new StrategyId("abcdefghijkl");
                out.add(rig.manager.create(OrderIntent.limit(s, rig.btc.id(), Side.BUY, 5_000_000, 10)).clientOrderId().value());
            }
            return out;
        }

        @Test
        void snapshotRestoresIntoAFreshManager() {
            final ExecutionRig rig = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(2, 10)), 9);
            rig.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            final Order a = rig.limit(Side.BUY, "50000.00", "0.010");
            rig.limit(Side.BUY, "50000.00", "0.010");
            rig.limit(Side.BUY, "50000.00", "0.010"); // queued
            rig.runFor(5 * MS);
            rig.port.fillRestingOrder(rig.manager.openOrders().get(1).clientOrderId(), 4);
            rig.runFor(5 * MS);
            assertThat(a.requestStatus(RequestKind.SUBMIT)).isEqualTo(RequestStatus.SCHEDULED);

            final ExecutionSnapshot snap = rig.manager.snapshot();
            final ExecutionRig fresh = new ExecutionRig(config(5, BreakerOpenPolicy.QUEUE, 100, 300 * S, RateLimit.perSecond(2, 10)), 1);
            fresh.manager.restore(snap);
            assertThat(fresh.manager.snapshot()).isEqualTo(snap);
            final StateDigest d1 = new StateDigest();
            rig.manager.digest(d1);
            final StateDigest d2 = new StateDigest();
            fresh.manager.digest(d2);
            assertThat(d2.hex()).isEqualTo(d1.hex());
            assertThat(fresh.manager.openOrders()).extracting(o -> o.clientOrderId().value())
                    .containsExactlyElementsOf(rig.manager.openOrders().stream().map(o -> o.clientOrderId().value()).toList());
            assertThat(fresh.manager.queuedCount()).isEqualTo(1);
            assertThat(fresh.ids.counters()).isEqualTo(rig.ids.counters());
        }
    }
}
