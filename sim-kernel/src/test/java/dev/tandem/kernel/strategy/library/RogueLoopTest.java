package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.MILLI;
import static dev.tandem.kernel.strategy.library.Rig.SECOND;
import static dev.tandem.kernel.strategy.library.Rig.px;
import static dev.tandem.kernel.strategy.library.Rig.qty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rogue-loop}: the configured rate of order intents, exactly, and what the kernel's limits make of it. */
class RogueLoopTest {

    /** Every order intent the kernel saw from the strategy (passed: OrderSubmitted; refused at once: OrderDenied), in order. */
    private static List<OrderEvent> intents(final KernelHarness h) {
        final List<OrderEvent> out = new ArrayList<>();
        for (final var e : h.events()) {
            if ((e instanceof OrderSubmitted || (e instanceof OrderDenied d && h.orderEvents(d.clientOrderId()).size() == 1))
                    && ((OrderEvent) e).strategyId().value().equals("s1")) {
                out.add((OrderEvent) e);
            }
        }
        return out;
    }

    private static long inWindow(final List<OrderEvent> intents, final long from, final long to) {
        return intents.stream().filter(e -> e.tsEventNanos() >= from && e.tsEventNanos() < to).count();
    }

    @Test
    void firesTheDefaultThousandIntentsPerSecondExactly() {
        final StrategySpec spec = Rig.spec("rogue-loop");
        final KernelHarness h = Rig.start(Rig.unlimited(), spec);
        h.quote(BTC.id(), h.at(1), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        h.runUntil(h.at(3) - 1);
        final List<OrderEvent> intents = intents(h);
        assertThat(intents).hasSize(2000);
        assertThat(inWindow(intents, h.at(1), h.at(2))).isEqualTo(1000);
        assertThat(inWindow(intents, h.at(2), h.at(3))).isEqualTo(1000);
        assertThat(((RogueLoop) spec.strategy()).beats()).isEqualTo(2000);
        // one every millisecond from the first market data on, alternating sides, 1 % below / above the mid
        final List<OrderSubmitted> first = h.events(OrderSubmitted.class).subList(0, 3);
        assertThat(first).extracting(OrderSubmitted::tsEventNanos).containsExactly(h.at(1), h.at(1) + MILLI, h.at(1) + 2 * MILLI);
        assertThat(first).extracting(OrderSubmitted::side).containsExactly(Side.BUY, Side.SELL, Side.BUY);
        assertThat(first).extracting(OrderSubmitted::price).containsExactly(px("59400"), px("60600"), px("59400"));
        assertThat(first).extracting(OrderSubmitted::qty).containsOnly(BTC.minQty());
    }

    @Test
    void aRateThatDoesNotDivideASecondStillGivesExactlyThatManyPerSecond() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("rogue-loop", "ratePerSecond", "3", "side", "BUY"));
        h.mark(BTC.id(), h.at(1), px("60000"));
        h.runUntil(h.at(4) - 1);
        assertThat(h.events(OrderSubmitted.class)).extracting(OrderSubmitted::tsEventNanos).containsExactly(
                h.at(1), h.at(1) + 333_333_333, h.at(1) + 666_666_666,
                h.at(2), h.at(2) + 333_333_333, h.at(2) + 666_666_666,
                h.at(3), h.at(3) + 333_333_333, h.at(3) + 666_666_666);
        assertThat(h.events(OrderSubmitted.class)).extracting(OrderSubmitted::side).containsOnly(Side.BUY);
    }

    @Test
    void stopsAfterItsDurationAndStartsAfterItsDelay() {
        final KernelHarness h = Rig.start(Rig.unlimited(),
                Rig.spec("rogue-loop", "ratePerSecond", "100", "durationMs", "500", "startDelayMs", "250", "orderType", "MARKET"));
        h.quote(BTC.id(), h.at(1), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        h.runUntil(h.at(5));
        final List<OrderSubmitted> sent = h.events(OrderSubmitted.class);
        assertThat(sent).hasSize(50);
        assertThat(sent.get(0).tsEventNanos()).isEqualTo(h.at(1.25));
        assertThat(sent.get(49).tsEventNanos()).isEqualTo(h.at(1.74));
        assertThat(sent).extracting(OrderSubmitted::type).containsOnly(OrderType.MARKET);
    }

    @Test
    void theKernelDeniesTheExcessAndDisablesItForRateAbuse() {
        // default limits: 10 intents per second per strategy; 20 rate denials within 10 s disable the strategy
        final StrategySpec spec = Rig.spec("rogue-loop");
        final KernelHarness h = Rig.start(Rig.config(RiskLimits.defaults()), spec);
        h.quote(BTC.id(), h.at(1), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        h.quote(BTC.id(), h.at(5), px("59999.90"), qty("1"), px("60000.10"), qty("1"));
        h.runUntil(h.at(6));

        assertThat(h.events(OrderSubmitted.class)).hasSize(10);
        assertThat(h.events(OrderDenied.class)).hasSize(20)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(ReasonCode.RISK_ORDER_RATE_STRATEGY));
        assertThat(h.events(StrategyStateChanged.class)).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(StrategyState.DISABLED);
            assertThat(c.trigger()).isEqualTo(RiskTrigger.ORDER_RATE_ABUSE);
            assertThat(c.tsEventNanos()).isEqualTo(h.at(1) + 29 * MILLI);
        });
        // a disabled strategy gets no timer callbacks: the loop is over, and nothing beyond the limit reached the venue
        assertThat(((RogueLoop) spec.strategy()).beats()).isEqualTo(30);
        assertThat(h.commands(SubmitOrder.class).size()).isLessThanOrEqualTo(10);
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("rogue-loop", "ratePerSecond", "0"))
                .hasMessage("strategy 'rogue-loop' parameter 'ratePerSecond': must be integer 1..1000000, got '0'");
        assertThatThrownBy(() -> Rig.spec("rogue-loop", "ratePerSecond", "2000000"))
                .hasMessage("strategy 'rogue-loop' parameter 'ratePerSecond': must be integer 1..1000000, got '2000000'");
        assertThatThrownBy(() -> Rig.spec("rogue-loop", "orderType", "STOP"))
                .hasMessage("strategy 'rogue-loop' parameter 'orderType': must be one of LIMIT, MARKET, got 'STOP'");
        assertThat(((RogueLoop) StrategyLibrary.create("rogue-loop", null, "r", BTC).strategy()).config())
                .isEqualTo(new RogueLoop.Config(1000, 0, 0, "ALTERNATE", "LIMIT", QtyParam.min("size"), 10_000));
        assertThat(SECOND).isEqualTo(1_000_000_000L);
    }
}
