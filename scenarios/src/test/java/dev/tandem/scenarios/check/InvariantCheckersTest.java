package dev.tandem.scenarios.check;

import static dev.tandem.scenarios.check.FakeContext.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.risk.RiskLimits;
import org.junit.jupiter.api.Test;

/**
 * Each checker on a hand-made event sequence that breaks its invariant (it must report it, with time and detail) and
 * on one that keeps it (it must stay silent).
 */
class InvariantCheckersTest {
    private static final StrategyId S1 = new StrategyId("s1");
    private static final ClientOrderId A = new ClientOrderId("s1-1");
    private static final ClientOrderId B = new ClientOrderId("s1-2");

    private final FakeContext ctx = new FakeContext();

    private long t(final long seconds) {
        return FakeContext.START + seconds * 1_000_000_000L;
    }

    private OrderSubmitted submitted(final ClientOrderId id, final Side side, final long qty, final long at) {
        return new OrderSubmitted(id, S1, BTC.id(), side, OrderType.MARKET, TimeInForce.IOC, 0, 0, qty, false, t(at), t(at));
    }

    private OrderFilled fill(final ClientOrderId id, final Side side, final long last, final long cum, final long qty,
                             final boolean late, final long at) {
        return new OrderFilled(id, S1, BTC.id(), "t" + at, side, 6_000_000, last, cum, qty - cum, 0, Liquidity.TAKER, late, t(at), t(at));
    }

    private static SubmitOrder submit(final ClientOrderId id, final StrategyId sid, final Side side, final OrderType type,
                                      final long price, final long qty, final boolean reduceOnly, final int attempt) {
        return new SubmitOrder(1, 0, id, sid, BTC.id(), side, type, type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC,
                price, 0, qty, reduceOnly, attempt);
    }

    // ------------------------------------------------------------------ order lifecycle

    @Test
    void orderLifecycleReportsASecondTerminalStateAndAFillBeforeSubmission() {
        final OrderLifecycleChecker c = new OrderLifecycleChecker();
        c.onEvent(submitted(A, Side.BUY, 10, 1), ctx);
        c.onEvent(new OrderSent(A, S1, BTC.id(), 1, t(1), t(1)), ctx);
        c.onEvent(new OrderAccepted(A, S1, BTC.id(), "v1", t(2), t(2)), ctx);
        c.onEvent(fill(A, Side.BUY, 10, 10, 10, false, 3), ctx);
        c.onEvent(new OrderCanceled(A, S1, BTC.id(), ReasonCode.NONE, t(4), t(4)), ctx); // FILLED, then CANCELED
        c.onEvent(fill(B, Side.BUY, 5, 5, 5, false, 5), ctx); // B was never submitted

        assertThat(c.violations()).extracting(Violation::detail).anySatisfy(d -> assertThat(d).contains("s1-1"));
        assertThat(c.violations()).extracting(Violation::detail).anySatisfy(d -> assertThat(d).contains("first event of s1-2"));
        assertThat(c.violations()).allSatisfy(v -> assertThat(v.checker()).isEqualTo("order-lifecycle"));
        assertThat(c.violations().get(0).nanos()).isEqualTo(t(4));
    }

    @Test
    void orderLifecycleAcceptsALegalLifeAndChecksTheKernelAgrees() {
        final OrderLifecycleChecker c = new OrderLifecycleChecker();
        c.onEvent(submitted(A, Side.BUY, 10, 1), ctx);
        c.onEvent(new OrderSent(A, S1, BTC.id(), 1, t(1), t(1)), ctx);
        c.onEvent(new OrderAccepted(A, S1, BTC.id(), "v1", t(2), t(2)), ctx);
        c.onEvent(fill(A, Side.BUY, 4, 4, 10, false, 3), ctx);
        c.onEvent(fill(A, Side.BUY, 6, 10, 10, false, 4), ctx);
        ctx.orders.add(new CheckContext.KernelOrder(A, S1, BTC.id(), Side.BUY, OrderState.FILLED, 10, 10, 0, t(4)));
        c.onFinish(ctx);
        assertThat(c.violations()).isEmpty();

        final OrderLifecycleChecker other = new OrderLifecycleChecker();
        other.onEvent(submitted(A, Side.BUY, 10, 1), ctx);
        ctx.orders.set(0, new CheckContext.KernelOrder(A, S1, BTC.id(), Side.BUY, OrderState.NEW, 10, 0, 10, t(4)));
        other.onFinish(ctx);
        assertThat(other.violations()).extracting(Violation::detail).containsExactly(
                "the events of s1-1 lead to PENDING_NEW but the kernel holds it NEW");
    }

    @Test
    void fillsThatDoNotAddUpAreReported() {
        final OrderLifecycleChecker c = new OrderLifecycleChecker();
        c.onEvent(submitted(A, Side.BUY, 10, 1), ctx);
        c.onEvent(new OrderAccepted(A, S1, BTC.id(), "v1", t(2), t(2)), ctx);
        c.onEvent(fill(A, Side.BUY, 4, 7, 10, false, 3), ctx);
        assertThat(c.violations()).extracting(Violation::detail).first().asString().contains("do not add up");
    }

    // ------------------------------------------------------------------ positions

    @Test
    void positionMustBeTheSumOfFillsAndAdoptions() {
        final PositionChecker c = new PositionChecker();
        c.onEvent(fill(A, Side.BUY, 10, 10, 10, false, 1), ctx);
        c.onEvent(new PositionChanged(BTC.id(), 10, 6_000_000, 0, 0, 0, t(1), t(1)), ctx);
        c.onEvent(new DriftDetected("BYBIT", DriftKind.EXTERNAL_CLOSE, BTC.id(), null, null, 10, 0, "closed", t(2), t(2)), ctx);
        c.onEvent(new PositionChanged(BTC.id(), 0, 0, 0, 0, 0, t(2), t(2)), ctx);
        ctx.position = 0;
        c.onStep(ctx.at(3));
        assertThat(c.violations()).isEmpty();

        c.onEvent(fill(B, Side.SELL, 3, 3, 3, false, 4), ctx);
        c.onEvent(new PositionChanged(BTC.id(), -3, 6_000_000, 0, 0, 0, t(4), t(4)), ctx);
        ctx.position = -2; // the kernel lost a lot
        ctx.accounting.add("wallet USDT differs by 0.01");
        c.onFinish(ctx.at(5));
        assertThat(c.violations()).extracting(Violation::detail).containsExactly(
                "BTCUSDT position is -0.002 but fills and adoptions add up to -0.003",
                "BTCUSDT position is -0.002 but the last PositionChanged said -0.003",
                "accounting: wallet USDT differs by 0.01");
        assertThat(c.violations().get(0).nanos()).isEqualTo(t(5));
    }

    // ------------------------------------------------------------------ risk limits

    @Test
    void anOrderAboveTheNotionalLimitReachingTheVenueIsReported() {
        final RiskLimitChecker c = new RiskLimitChecker();
        ctx.limits = RiskLimits.builder().orderNotionalMoneyMax(Fixed.money("1000")).build();
        c.onCommand(submit(A, S1, Side.BUY, OrderType.MARKET, 0, 16, false, 1), ctx); // 0.016 * 60000 = 960
        assertThat(c.violations()).isEmpty();
        c.onCommand(submit(B, S1, Side.BUY, OrderType.MARKET, 0, 17, false, 1), ctx); // 1020
        assertThat(c.violations()).singleElement().satisfies(v -> assertThat(v.detail())
                .contains("s1-2").contains("order notional 1020 above the limit 1000"));
        c.onCommand(submit(B, S1, Side.BUY, OrderType.MARKET, 0, 17, false, 2), ctx); // a retry is not new
        assertThat(c.violations()).hasSize(1);
    }

    @Test
    void aLimitOutsideThePriceBandAndAPausedStrategyAreReported() {
        final RiskLimitChecker c = new RiskLimitChecker();
        ctx.mark = 6_000_000;
        c.onCommand(submit(A, S1, Side.BUY, OrderType.LIMIT, 5_600_000, 1, false, 1), ctx); // 6.7 % below the mark
        ctx.strategy = dev.tandem.kernel.model.StrategyState.PAUSED;
        c.onCommand(submit(B, S1, Side.BUY, OrderType.LIMIT, 5_990_000, 1, false, 1), ctx);
        assertThat(c.violations()).extracting(Violation::detail).satisfiesExactly(
                d -> assertThat(d).contains("outside the price band"),
                d -> assertThat(d).contains("strategy s1 is PAUSED"));
    }

    // ------------------------------------------------------------------ halted, reducing

    @Test
    void aNewStrategyOrderWhileHaltedIsReportedButTheRiskFlattenIsNot() {
        final HaltedChecker c = new HaltedChecker();
        ctx.trading = TradingState.HALTED;
        ctx.position = 5;
        c.onCommand(submit(A, StrategyId.RISK, Side.SELL, OrderType.MARKET, 0, 5, true, 1), ctx);
        c.onCommand(submit(B, S1, Side.BUY, OrderType.MARKET, 0, 1, false, 2), ctx); // a retry of an earlier order
        assertThat(c.violations()).isEmpty();
        c.onCommand(submit(B, S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx.at(7));
        assertThat(c.violations()).singleElement().satisfies(v -> {
            assertThat(v.nanos()).isEqualTo(t(7));
            assertThat(v.detail()).contains("s1-2").contains("HALTED");
        });
    }

    @Test
    void anOrderThatMayIncreaseThePositionWhileReducingIsReported() {
        final ReducingChecker c = new ReducingChecker();
        ctx.trading = TradingState.REDUCING;
        ctx.position = 10;
        c.onCommand(submit(A, S1, Side.SELL, OrderType.MARKET, 0, 10, false, 1), ctx); // closes: fine
        assertThat(c.violations()).isEmpty();
        c.onCommand(submit(B, S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx); // adds
        // a sell that would flip the position once the resting sell of 6 fills
        ctx.orders.add(new CheckContext.KernelOrder(A, S1, BTC.id(), Side.SELL, OrderState.NEW, 6, 0, 6, t(0)));
        c.onCommand(submit(new ClientOrderId("s1-3"), S1, Side.SELL, OrderType.LIMIT, 6_000_000, 5, false, 1), ctx);
        assertThat(c.violations()).extracting(Violation::detail).satisfiesExactly(
                d -> assertThat(d).contains("s1-2").contains("may increase |position| 10"),
                d -> assertThat(d).contains("s1-3").contains("other open SELL leaves 6"));
    }

    // ------------------------------------------------------------------ rates

    @Test
    void moreOrdersThanTheStrategyRateAllowsWithinOneWindowAreReported() {
        final OrderRateChecker c = new OrderRateChecker();
        ctx.limits = RiskLimits.builder().strategyOrderRate(3, 1_000_000_000L).globalOrderRate(0, 0).build();
        for (int i = 0; i < 3; i++) {
            ctx.now = t(10) + i * 100_000_000L;
            c.onCommand(submit(new ClientOrderId("s1-" + i), S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx);
        }
        ctx.now = t(11) + 100_000_000L; // the first has left the window (t10 + 1s)
        c.onCommand(submit(new ClientOrderId("s1-3"), S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx);
        assertThat(c.violations()).isEmpty();
        ctx.now = t(11) + 150_000_000L; // (t10.15, t11.15]: t10.2, t11.1 and this one
        c.onCommand(submit(new ClientOrderId("s1-4"), S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx);
        assertThat(c.violations()).isEmpty();
        ctx.now = t(11) + 180_000_000L; // the fourth within one second
        c.onCommand(submit(new ClientOrderId("s1-5"), S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx);
        assertThat(c.violations()).singleElement().satisfies(v -> assertThat(v.detail())
                .isEqualTo("4 new orders sent to the venue of s1 within 1s, above the limit of 3"));
    }

    // ------------------------------------------------------------------ crossed book

    @Test
    void aCrossedVenueBookIsReported() {
        final CrossedBookChecker c = new CrossedBookChecker();
        ctx.touch = new long[] {6_000_000, 6_000_010};
        c.onStep(ctx);
        ctx.touch = new long[] {6_000_010, 0};
        c.onStep(ctx);
        assertThat(c.violations()).isEmpty();
        ctx.touch = new long[] {6_000_010, 6_000_010};
        c.onStep(ctx.at(60));
        assertThat(c.violations()).singleElement().satisfies(v -> assertThat(v.detail())
                .isEqualTo("the venue's BTCUSDT book is crossed: best bid 60000.10 >= best ask 60000.10"));
    }

    // ------------------------------------------------------------------ liveness

    private static VenueOrder venue(final ClientOrderId id, final long filled, final VenueOrderStatus status) {
        return new VenueOrder(id, "v-" + id.value(), BTC.id(), Side.BUY, OrderType.LIMIT, 5_900_000, 10, filled, 0, status);
    }

    @Test
    void anOrderStuckAfterTheFaultsHealedIsReported() {
        // faults healed at +60s, bound 120s, run ends at +600s
        final LivenessChecker c = new LivenessChecker(t(60), 120_000_000_000L, t(600), 10_000_000_000L);
        ctx.orders.add(new CheckContext.KernelOrder(A, S1, BTC.id(), Side.BUY, OrderState.UNKNOWN, 10, 0, 10, t(50)));
        ctx.orders.add(new CheckContext.KernelOrder(B, S1, BTC.id(), Side.BUY, OrderState.PENDING_NEW, 10, 0, 10, t(595)));
        c.onStep(ctx.at(540));
        c.onFinish(ctx.at(600));
        assertThat(c.violations()).extracting(Violation::detail).containsExactly(
                "s1-1 is still UNKNOWN 550s after its last change, 540s after the faults ended");
    }

    @Test
    void anOrderTheVenueClosedLongAgoButTheKernelHoldsOpenIsReportedUnlessItJustChanged() {
        final LivenessChecker c = new LivenessChecker(t(60), 120_000_000_000L, t(600), 10_000_000_000L);
        final ClientOrderId late = new ClientOrderId("s1-3");
        ctx.orders.add(new CheckContext.KernelOrder(A, S1, BTC.id(), Side.BUY, OrderState.NEW, 10, 0, 10, t(100)));
        ctx.orders.add(new CheckContext.KernelOrder(late, S1, BTC.id(), Side.BUY, OrderState.NEW, 10, 0, 10, t(100)));
        ctx.venueOrders.put(A, venue(A, 0, VenueOrderStatus.CANCELED)); // lost cancel report
        ctx.venueOrders.put(late, venue(late, 0, VenueOrderStatus.NEW));
        c.onStep(ctx.at(580));
        ctx.venueOrders.put(late, venue(late, 10, VenueOrderStatus.FILLED)); // filled 1 ms before the end: in flight
        ctx.venuePosition = 10; // and the position moved with it: not judged either
        c.onFinish(ctx.at(600));
        assertThat(c.violations()).extracting(Violation::detail).containsExactly("s1-1 is NEW in the kernel but CANCELED at the venue");

        final LivenessChecker shortRun = new LivenessChecker(t(550), 120_000_000_000L, t(600), 10_000_000_000L);
        shortRun.onStep(ctx.at(580));
        shortRun.onFinish(ctx.at(600));
        assertThat(shortRun.judges()).isFalse();
        assertThat(shortRun.violations()).isEmpty();
    }

    @Test
    void aPositionDifferentFromTheVenuesAfterTheBoundIsReported() {
        final LivenessChecker c = new LivenessChecker(t(60), 120_000_000_000L, t(600), 10_000_000_000L);
        ctx.venuePosition = 0; // the venue closed it (external close), the kernel never reconciled
        ctx.position = 10;
        c.onStep(ctx.at(590));
        c.onFinish(ctx.at(600));
        assertThat(c.violations()).extracting(Violation::detail).containsExactly(
                "BTCUSDT position is 0.010 in the kernel but 0.000 at the venue");
    }

    @Test
    void checkersFeedEveryMemberAndCollectTheirViolations() {
        final Checkers all = Checkers.standard(t(0), 60_000_000_000L, t(600));
        assertThat(all.all()).extracting(InvariantChecker::name).containsExactly("order-lifecycle", "position", "risk-limits",
                "halted", "reducing", "order-rate", "crossed-book", "liveness");
        ctx.trading = TradingState.HALTED;
        all.onCommand(submit(A, S1, Side.BUY, OrderType.MARKET, 0, 1, false, 1), ctx);
        assertThat(all.violations()).extracting(Violation::checker).containsExactly("halted");
    }
}
