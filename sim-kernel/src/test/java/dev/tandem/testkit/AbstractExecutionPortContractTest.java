package dev.tandem.testkit;

import static dev.tandem.testkit.TypeFilter.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueAmended;
import dev.tandem.kernel.event.VenueBalances;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.event.VenueOpenOrders;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenueOrderStatusReport;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.event.VenuePositions;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.port.ExecutionPort;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExecutionPort} implementation passes: the test double, the exchange simulator and the
 * Bybit/MEXC adapters (against loopback mocks). A subclass supplies a fresh {@link Harness} per test. Optional
 * capabilities (fault injection) are tested only where the harness supports them.
 *
 * <p>Every report the harness delivers is checked to come from {@link ExecutionPort#venue()}.
 */
public abstract class AbstractExecutionPortContractTest {

    /** What an implementation provides to the contract. */
    public interface Harness {
        /** The port under test, freshly built, with no orders. */
        ExecutionPort port();

        /** The instrument to trade. */
        Instrument instrument();

        /** A valid limit BUY price far enough below the market that the order rests. */
        long restingBuyPrice();

        /** A valid order quantity (lot, min and notional filters satisfied at {@link #restingBuyPrice()}). */
        long validQty();

        /** Makes a market order of this side and quantity fully fillable (sets a price, seeds a book, ...). */
        void provideLiquidity(Side side, long qty);

        /** Kernel time now (for command timestamps). */
        long nowNanos();

        /** Advances time and drains until the port is quiet; returns every event delivered since the last call. */
        List<InboundEvent> settle();

        /** True if {@link #failNext} works. */
        default boolean supportsFaults() {
            return false;
        }

        /** Makes the next request of a kind fail (see {@code ScriptedExecutionPort#failNext}). */
        default void failNext(final RequestKind kind, final FailureKind failure, final long retryAfterNanos) {
            throw new UnsupportedOperationException("faults are not supported by this harness");
        }

        /** Prefix of the client ids the contract uses; live harnesses make it unique per run. */
        default String clientIdPrefix() {
            return "ct";
        }
    }

    /** A fresh harness (fresh port, no orders) for one test. */
    protected abstract Harness newHarness();

    private static final StrategyId STRATEGY = new StrategyId("contract");

    private Harness h;
    private ExecutionPort port;
    private long commandSeq;
    private int idSeq;

    @BeforeEach
    void setUpHarness() {
        h = newHarness();
        port = h.port();
    }

    // ------------------------------------------------------------------ helpers

    private ClientOrderId newId() {
        return new ClientOrderId(h.clientIdPrefix() + "-" + (++idSeq));
    }

    private SubmitOrder limitBuy(final ClientOrderId id, final long price, final long qty) {
        return new SubmitOrder(++commandSeq, h.nowNanos(), id, STRATEGY, h.instrument().id(), Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, price, 0, qty, false, 1);
    }

    private SubmitOrder marketBuy(final ClientOrderId id, final long qty) {
        return new SubmitOrder(++commandSeq, h.nowNanos(), id, STRATEGY, h.instrument().id(), Side.BUY, OrderType.MARKET,
                TimeInForce.IOC, 0, 0, qty, false, 1);
    }

    /** Settles and returns the execution reports, checking each one's venue. */
    private List<ExecutionReport> settle() {
        final List<ExecutionReport> out = new ArrayList<>();
        for (final InboundEvent e : h.settle()) {
            if (e instanceof ExecutionReport r) {
                assertThat(r.venue()).as("venue of %s", r).isEqualTo(port.venue());
                out.add(r);
            }
        }
        return out;
    }

    private ClientOrderId restingBuy() {
        final ClientOrderId id = newId();
        port.submit(limitBuy(id, h.restingBuyPrice(), h.validQty()));
        assertThat(ofType(settle(), VenueAccepted.class)).hasSize(1);
        return id;
    }

    private List<VenueOrder> openOrders() {
        port.queryOpenOrders(new QueryOpenOrders(++commandSeq, h.nowNanos(), port.venue()));
        final List<VenueOpenOrders> answers = ofType(settle(), VenueOpenOrders.class);
        assertThat(answers).hasSize(1);
        return answers.get(0).orders();
    }

    private VenueOrderStatusReport query(final ClientOrderId id) {
        port.queryOrder(new QueryOrder(++commandSeq, h.nowNanos(), id, h.instrument().id()));
        final List<VenueOrderStatusReport> answers = ofType(settle(), VenueOrderStatusReport.class);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).clientOrderId()).isEqualTo(id);
        return answers.get(0);
    }

    // ------------------------------------------------------------------ contract

    @Test
    void validLimitOrderIsAcceptedExactlyOnceWithItsClientId() {
        final ClientOrderId id = newId();
        port.submit(limitBuy(id, h.restingBuyPrice(), h.validQty()));
        final List<ExecutionReport> reports = settle();
        final List<VenueAccepted> accepted = ofType(reports, VenueAccepted.class);
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).clientOrderId()).isEqualTo(id);
        assertThat(accepted.get(0).venue()).isEqualTo(port.venue());
        assertThat(ofType(reports, VenueRejected.class)).isEmpty();
        assertThat(ofType(reports, VenueFill.class)).as("a resting order does not fill").isEmpty();
    }

    @Test
    void invalidQuantityIsRejectedWithAVenueReasonAndNothingRests() {
        final ClientOrderId id = newId();
        final long tooLarge = h.instrument().maxQty() + h.instrument().lotSize();
        port.submit(limitBuy(id, h.restingBuyPrice(), tooLarge));
        final List<ExecutionReport> reports = settle();
        final List<VenueRejected> rejected = ofType(reports, VenueRejected.class);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).clientOrderId()).isEqualTo(id);
        assertThat(rejected.get(0).reason().subsystem()).isEqualTo("VENUE");
        assertThat(ofType(reports, VenueAccepted.class)).isEmpty();
        assertThat(openOrders()).isEmpty();
    }

    @Test
    void priceOffTheTickIsRejected() {
        Assumptions.assumeTrue(h.instrument().tickSize() > 1, "instrument has a tick of one raw unit");
        final ClientOrderId id = newId();
        port.submit(limitBuy(id, h.restingBuyPrice() + 1, h.validQty()));
        final List<VenueRejected> rejected = ofType(settle(), VenueRejected.class);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason().subsystem()).isEqualTo("VENUE");
        assertThat(openOrders()).isEmpty();
    }

    @Test
    void duplicateClientIdNeverCreatesASecondOrder() {
        final ClientOrderId id = newId();
        port.submit(limitBuy(id, h.restingBuyPrice(), h.validQty()));
        settle();
        port.submit(limitBuy(id, h.restingBuyPrice(), h.validQty()));
        final List<ExecutionReport> second = settle();
        assertThat(ofType(second, VenueAccepted.class)).as("second submit must not create an order").isEmpty();
        assertThat(openOrders()).extracting(VenueOrder::clientOrderId).containsExactly(id);
    }

    @Test
    void cancelOfARestingOrderIsAcknowledged() {
        final ClientOrderId id = restingBuy();
        port.cancel(new CancelOrder(++commandSeq, h.nowNanos(), id, h.instrument().id(), 1));
        final List<VenueCanceled> canceled = ofType(settle(), VenueCanceled.class);
        assertThat(canceled).extracting(VenueCanceled::clientOrderId).containsExactly(id);
        assertThat(openOrders()).isEmpty();
    }

    @Test
    void cancelOfAnUnknownOrderIsRejected() {
        final ClientOrderId id = newId();
        port.cancel(new CancelOrder(++commandSeq, h.nowNanos(), id, h.instrument().id(), 1));
        final List<ExecutionReport> reports = settle();
        final List<VenueCancelRejected> rejected = ofType(reports, VenueCancelRejected.class);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).clientOrderId()).isEqualTo(id);
        assertThat(rejected.get(0).reason().subsystem()).isEqualTo("VENUE");
        assertThat(ofType(reports, VenueCanceled.class)).isEmpty();
    }

    @Test
    void queryOfAKnownOrderReportsItNewWithItsQuantity() {
        final ClientOrderId id = restingBuy();
        final VenueOrder o = query(id).order();
        assertThat(o).isNotNull();
        assertThat(o.clientOrderId()).isEqualTo(id);
        assertThat(o.status()).isEqualTo(VenueOrderStatus.NEW);
        assertThat(o.qty()).isEqualTo(h.validQty());
        assertThat(o.price()).isEqualTo(h.restingBuyPrice());
        assertThat(o.filledQty()).isZero();
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.instrumentId()).isEqualTo(h.instrument().id());
    }

    @Test
    void queryOfAnUnknownOrderReportsNoOrder() {
        assertThat(query(newId()).order()).isNull();
    }

    @Test
    void openOrdersListExactlyTheRestingOrders() {
        final ClientOrderId a = restingBuy();
        final ClientOrderId b = restingBuy();
        final ClientOrderId c = restingBuy();
        port.cancel(new CancelOrder(++commandSeq, h.nowNanos(), b, h.instrument().id(), 1));
        settle();
        assertThat(openOrders()).extracting(VenueOrder::clientOrderId).containsExactlyInAnyOrder(a, c);
    }

    @Test
    void amendOfAPriceIsAcknowledgedAndVisible() {
        final ClientOrderId id = restingBuy();
        final long newPrice = h.restingBuyPrice() - h.instrument().tickSize();
        port.amend(new AmendOrder(++commandSeq, h.nowNanos(), id, h.instrument().id(), newPrice, h.validQty(), 1));
        final List<VenueAmended> amended = ofType(settle(), VenueAmended.class);
        assertThat(amended).hasSize(1);
        assertThat(amended.get(0).clientOrderId()).isEqualTo(id);
        assertThat(amended.get(0).newPrice()).isEqualTo(newPrice);
        assertThat(query(id).order().price()).isEqualTo(newPrice);
    }

    @Test
    void marketOrderFillsItsWholeQuantityWithDistinctTradeIds() {
        h.provideLiquidity(Side.BUY, h.validQty());
        final ClientOrderId id = newId();
        port.submit(marketBuy(id, h.validQty()));
        final List<VenueFill> fills = ofType(settle(), VenueFill.class);
        assertThat(fills).isNotEmpty();
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.clientOrderId()).isEqualTo(id);
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.instrumentId()).isEqualTo(h.instrument().id());
            assertThat(f.qty()).isPositive();
            assertThat(f.price()).isPositive();
        });
        assertThat(fills.stream().mapToLong(VenueFill::qty).sum()).isEqualTo(h.validQty());
        final TreeSet<String> tradeIds = new TreeSet<>();
        fills.forEach(f -> tradeIds.add(f.tradeId()));
        assertThat(tradeIds).hasSize(fills.size());
        assertThat(query(id).order().status()).isEqualTo(VenueOrderStatus.FILLED);
    }

    @Test
    void cancelOfAFilledOrderIsRejected() {
        h.provideLiquidity(Side.BUY, h.validQty());
        final ClientOrderId id = newId();
        port.submit(marketBuy(id, h.validQty()));
        settle();
        port.cancel(new CancelOrder(++commandSeq, h.nowNanos(), id, h.instrument().id(), 1));
        final List<ExecutionReport> reports = settle();
        assertThat(ofType(reports, VenueCancelRejected.class)).hasSize(1);
        assertThat(ofType(reports, VenueCanceled.class)).isEmpty();
    }

    @Test
    void cancelAllCancelsEveryRestingOrderOfTheInstrument() {
        final ClientOrderId a = restingBuy();
        final ClientOrderId b = restingBuy();
        port.cancelAll(new CancelAllOrders(++commandSeq, h.nowNanos(), h.instrument().id()));
        final List<VenueCanceled> canceled = ofType(settle(), VenueCanceled.class);
        assertThat(canceled).extracting(VenueCanceled::clientOrderId).containsExactlyInAnyOrder(a, b);
        assertThat(openOrders()).isEmpty();
    }

    @Test
    void positionsQueryAnswersAndReflectsAPerpetualFill() {
        h.provideLiquidity(Side.BUY, h.validQty());
        port.submit(marketBuy(newId(), h.validQty()));
        settle();
        port.queryPositions(new QueryPositions(++commandSeq, h.nowNanos(), port.venue()));
        // the first answer is ours; a kernel wired behind the port (as in exchange-sim's harness) reconciles on it
        // and may ask again to confirm the difference it sees (its books never saw this test's fill)
        final List<VenuePositions> answers = ofType(settle(), VenuePositions.class);
        assertThat(answers).isNotEmpty();
        if (h.instrument().isPerpetual()) {
            assertThat(answers.get(0).positions())
                    .filteredOn(p -> p.instrumentId().equals(h.instrument().id()))
                    .extracting(VenuePosition::signedQty)
                    .containsExactly(h.validQty());
        }
    }

    @Test
    void balancesQueryAnswers() {
        port.queryBalances(new QueryBalances(++commandSeq, h.nowNanos(), port.venue()));
        final List<VenueBalances> answers = ofType(settle(), VenueBalances.class);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).balances()).allSatisfy(b -> assertThat(b.asset()).isNotEmpty());
    }

    // ------------------------------------------------------------------ optional: fault injection

    @Test
    void transientSubmitFailureIsReportedAndNotProcessed() {
        Assumptions.assumeTrue(h.supportsFaults(), "harness does not inject faults");
        h.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
        final ClientOrderId id = newId();
        final SubmitOrder submit = limitBuy(id, h.restingBuyPrice(), h.validQty());
        port.submit(submit);
        final List<ExecutionReport> reports = settle();
        final List<VenueRequestFailed> failed = ofType(reports, VenueRequestFailed.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failed.get(0).request()).isEqualTo(RequestKind.SUBMIT);
        assertThat(failed.get(0).clientOrderId()).isEqualTo(id);
        assertThat(failed.get(0).commandId()).isEqualTo(submit.commandId());
        assertThat(ofType(reports, VenueAccepted.class)).isEmpty();
        assertThat(query(id).order()).as("a transient failure was not processed").isNull();
    }

    @Test
    void rateLimitedAnswerCarriesRetryAfter() {
        Assumptions.assumeTrue(h.supportsFaults(), "harness does not inject faults");
        h.failNext(RequestKind.SUBMIT, FailureKind.RATE_LIMITED, 2_000_000_000L);
        port.submit(limitBuy(newId(), h.restingBuyPrice(), h.validQty()));
        final List<VenueRequestFailed> failed = ofType(settle(), VenueRequestFailed.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).failure()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(failed.get(0).retryAfterNanos()).isPositive();
        assertThat(openOrders()).isEmpty();
    }

    @Test
    void unknownOutcomeLosesTheAnswerButTheQueryFindsTheOrder() {
        Assumptions.assumeTrue(h.supportsFaults(), "harness does not inject faults");
        h.failNext(RequestKind.SUBMIT, FailureKind.UNKNOWN_OUTCOME, 0);
        final ClientOrderId id = newId();
        port.submit(limitBuy(id, h.restingBuyPrice(), h.validQty()));
        final List<ExecutionReport> reports = settle();
        assertThat(ofType(reports, VenueAccepted.class)).isEmpty();
        assertThat(ofType(reports, VenueRequestFailed.class)).extracting(VenueRequestFailed::failure)
                .containsExactly(FailureKind.UNKNOWN_OUTCOME);
        final VenueOrder o = query(id).order();
        assertThat(o).isNotNull();
        assertThat(o.status()).isEqualTo(VenueOrderStatus.NEW);
    }
}
