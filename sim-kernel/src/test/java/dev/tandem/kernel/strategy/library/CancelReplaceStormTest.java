package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.MILLI;
import static dev.tandem.kernel.strategy.library.Rig.px;
import static dev.tandem.kernel.strategy.library.Rig.qty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.execution.RateLimit;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cancel-replace-storm}: the configured rate of amends or cancel-and-replace pairs, each a real change. */
class CancelReplaceStormTest {

    /** The venue request budget out of the way (the order manager's token bucket would queue new orders). */
    private static KernelConfig unthrottled(final RiskLimits limits) {
        return Rig.config(limits).withExecution(ExecutionConfig.defaults().withRateLimits(RateLimit.perSecond(100_000, 100_000), Map.of()));
    }

    private static KernelHarness run(final RiskLimits limits, final StrategySpec spec, final double untilSeconds) {
        return run(unthrottled(limits), spec, untilSeconds);
    }

    private static KernelHarness run(final KernelConfig config, final StrategySpec spec, final double untilSeconds) {
        final KernelHarness h = Rig.start(config, spec);
        h.quote(BTC.id(), h.at(1), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        h.runUntil(h.at(untilSeconds) - 1);
        return h;
    }

    @Test
    void amendsAHundredTimesASecondAlternatingByOneTick() {
        final StrategySpec spec = Rig.spec("cancel-replace-storm");
        final KernelHarness h = run(RiskLimits.unlimited(), spec, 2);
        // beat 0 places the order 50 bps below 60 000 (59 700.00); beats 1..99 amend it, 10 ms apart
        assertThat(h.commands(SubmitOrder.class)).singleElement().satisfies(s -> {
            assertThat(s.price()).isEqualTo(px("59700"));
            assertThat(s.side()).isEqualTo(Side.BUY);
        });
        final List<AmendOrder> amends = h.commands(AmendOrder.class);
        assertThat(amends).hasSize(99);
        assertThat(amends.subList(0, 4)).extracting(AmendOrder::newPrice)
                .containsExactly(px("59699.90"), px("59700"), px("59699.90"), px("59700"));
        assertThat(amends.get(0).tsInitNanos()).isEqualTo(h.at(1) + 10 * MILLI);
        final CancelReplaceStorm s = (CancelReplaceStorm) spec.strategy();
        assertThat(s.beats()).isEqualTo(100);
        assertThat(s.amends()).isEqualTo(99);
        assertThat(s.amendsRefused()).isZero();
    }

    @Test
    void anAmendWhileTheLastIsStillInFlightIsRefusedAndCounted() {
        // 1 000 per second against a 1 ms venue: every other amend finds the previous one unanswered
        final StrategySpec spec = Rig.spec("cancel-replace-storm", "ratePerSecond", "1000", "durationMs", "100");
        final KernelHarness h = run(RiskLimits.unlimited(), spec, 3);
        final CancelReplaceStorm s = (CancelReplaceStorm) spec.strategy();
        assertThat(s.beats()).isEqualTo(100);
        assertThat(s.amends() + s.amendsRefused()).isEqualTo(99);
        assertThat(s.amendsRefused()).isPositive();
        assertThat(h.commands(AmendOrder.class)).hasSize((int) s.amends());
    }

    @Test
    void cancelAndReplaceSendsACancelAndANewOrderEachBeat() {
        final StrategySpec spec = Rig.spec("cancel-replace-storm", "mode", "CANCEL_REPLACE", "ratePerSecond", "20", "side", "SELL");
        final KernelHarness h = run(RiskLimits.unlimited(), spec, 2);
        final List<SubmitOrder> submits = h.commands(SubmitOrder.class);
        assertThat(submits).hasSize(20);
        assertThat(h.commands(CancelOrder.class)).hasSize(19);
        // 50 bps above 60 000 on the sell side, one tick further on odd beats
        assertThat(submits.subList(0, 3)).extracting(SubmitOrder::price).containsExactly(px("60300"), px("60300.10"), px("60300"));
        assertThat(h.port().openOrders()).hasSize(1);
    }

    @Test
    void theDefaultRequestBudgetQueuesTheReplacements() {
        // 10 requests burst at 10/s: cancels are never held back but spend tokens, so the new orders wait in the queue
        final StrategySpec spec = Rig.spec("cancel-replace-storm", "mode", "CANCEL_REPLACE", "ratePerSecond", "20");
        final KernelHarness h = run(Rig.config(RiskLimits.unlimited()), spec, 2);
        assertThat(((CancelReplaceStorm) spec.strategy()).placements()).isEqualTo(20);
        assertThat(h.events(OrderQueued.class)).isNotEmpty();
        assertThat(h.commands(SubmitOrder.class).size()).isLessThan(20);
    }

    @Test
    void underDefaultLimitsCancelReplaceIsRateLimitedAndTheStrategyDisabled() {
        final StrategySpec spec = Rig.spec("cancel-replace-storm", "mode", "CANCEL_REPLACE", "ratePerSecond", "200");
        final KernelHarness h = run(Rig.config(RiskLimits.defaults().toBuilder().dataStaleNanos(0).build()), spec, 3);
        assertThat(h.events(StrategyStateChanged.class)).extracting(StrategyStateChanged::to).containsExactly(StrategyState.DISABLED);
        assertThat(h.commands(SubmitOrder.class).size()).isLessThanOrEqualTo(10);
        assertThat(h.port().openOrders()).isEmpty(); // disabling cancels the strategy's orders
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("cancel-replace-storm", "mode", "REPLACE"))
                .hasMessage("strategy 'cancel-replace-storm' parameter 'mode': must be one of AMEND, CANCEL_REPLACE, got 'REPLACE'");
        assertThat(((CancelReplaceStorm) StrategyLibrary.create("cancel-replace-storm", null, "c", BTC).strategy()).config())
                .isEqualTo(new CancelReplaceStorm.Config(100, "AMEND", "BUY", QtyParam.min("size"), 5_000, 0, 0));
    }
}
