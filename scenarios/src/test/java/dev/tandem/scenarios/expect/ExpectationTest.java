package dev.tandem.scenarios.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.SimVenue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each expectation on hand-made run facts: when it passes, when it fails, and what its failure says. */
class ExpectationTest {
    static final long S = 1_000_000_000L;
    static final long T0 = TimeText.parseInstant("2024-01-01T00:00:00Z");
    static final InstrumentId BTC = new InstrumentId("BTCUSDT", "SIM");
    static final StrategyId S1 = new StrategyId("s1");

    /** Facts without a kernel or venue: enough for the expectations that read only the recorded streams. */
    static final class Facts implements RunFacts {
        final List<KernelEvent> events = new ArrayList<>();
        final List<SentCommand> sent = new ArrayList<>();
        final List<EquitySample> equity = new ArrayList<>();

        @Override
        public long startNanos() {
            return T0;
        }

        @Override
        public long endNanos() {
            return T0 + 3600 * S;
        }

        @Override
        public List<KernelEvent> events() {
            return events;
        }

        @Override
        public List<SentCommand> sent() {
            return sent;
        }

        @Override
        public List<EquitySample> equity() {
            return equity;
        }

        @Override
        public Kernel kernel() {
            return null;
        }

        @Override
        public SimVenue venue() {
            return null;
        }

        @Override
        public long kernelAccount() {
            return 1;
        }

        @Override
        public String formatTime(final long nanos) {
            return TimeText.formatRunTime(nanos, T0);
        }

        Facts halt(final long at) {
            events.add(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, RiskTrigger.DRAWDOWN, "drawdown 16%",
                    new TreeMap<>(), at, at));
            return this;
        }

        Facts submit(final long at, final StrategyId strategy, final TradingState state) {
            sent.add(new SentCommand(at, new SubmitOrder(sent.size(), at, new ClientOrderId("c" + sent.size()), strategy, BTC,
                    Side.BUY, OrderType.MARKET, TimeInForce.GTC, 0, 0, 1, false, 1), state));
            return this;
        }

        Facts deny(final long at, final ReasonCode reason) {
            events.add(new OrderDenied(new ClientOrderId("d" + events.size()), S1, BTC, reason, "", at, at));
            return this;
        }
    }

    @Test
    void aStateReachedInsideTheWindowPassesAndSaysWhen() {
        final Facts f = new Facts().halt(T0 + 65 * S);
        final ExpectationOutcome o = new Expectation.TradingStateReached(TradingState.HALTED, new Anchor(T0 + 60 * S, "fault 'x'"),
                10 * S).evaluate(f);
        assertThat(o.passed()).isTrue();
        assertThat(o.actual()).isEqualTo("reached HALTED after 5s (DRAWDOWN: drawdown 16%)");
        assertThat(o.when()).isEqualTo("T+1m5s (2024-01-01T00:01:05Z)");
    }

    @Test
    void aStateReachedTooLateFailsWithHowLate() {
        final Facts f = new Facts().halt(T0 + 75 * S);
        final ExpectationOutcome o = new Expectation.TradingStateReached(TradingState.HALTED, new Anchor(T0 + 60 * S, "fault 'x'"),
                10 * S).evaluate(f);
        assertThat(o.passed()).isFalse();
        assertThat(o.expected()).isEqualTo("HALTED within 10s of fault 'x' at T+1m (2024-01-01T00:01:00Z)");
        assertThat(o.actual()).isEqualTo("reached HALTED only after 15s");
        assertThat(o.line()).startsWith("FAIL trading-state: trading state reaches HALTED within 10s of fault 'x' — expected");
    }

    @Test
    void aStateNeverReachedFailsWithWhatHappenedInstead() {
        final ExpectationOutcome o = new Expectation.TradingStateReached(TradingState.HALTED, null, null).evaluate(new Facts());
        assertThat(o.passed()).isFalse();
        assertThat(o.actual()).isEqualTo("never reached HALTED; it was ACTIVE at the start and did not change");
    }

    @Test
    void aStateAlreadyHeldWhenTheWindowOpensCounts() {
        final Facts f = new Facts().halt(T0 + 5 * S);
        assertThat(new Expectation.TradingStateReached(TradingState.HALTED, new Anchor(T0 + 60 * S, "T+1m"), S).evaluate(f)
                .passed()).isTrue();
        // and a change before the window to another state does not count
        assertThat(new Expectation.TradingStateReached(TradingState.ACTIVE, new Anchor(T0 + 60 * S, "T+1m"), S).evaluate(f)
                .passed()).isFalse();
    }

    @Test
    void ordersWhileHaltedCountsOnlyStrategyOrdersSentWhileHalted() {
        final Facts f = new Facts()
                .submit(T0 + S, S1, TradingState.ACTIVE)
                .submit(T0 + 2 * S, StrategyId.RISK, TradingState.HALTED)
                .submit(T0 + 3 * S, S1, TradingState.HALTED)
                .submit(T0 + 4 * S, S1, TradingState.REDUCING);
        final ExpectationOutcome o = new Expectation.OrdersWhileHalted(0).evaluate(f);
        assertThat(o.passed()).isFalse();
        assertThat(o.actual()).isEqualTo("1 orders sent while HALTED");
        assertThat(o.when()).isEqualTo("first at T+3s (2024-01-01T00:00:03Z)");
        assertThat(new Expectation.OrdersWhileHalted(1).evaluate(f).passed()).isTrue();
    }

    @Test
    void theBusiestSecondIsAnySlidingOneSecondWindow() {
        final Facts f = new Facts();
        // no whole second [n s, n+1 s) holds more than 2, but the window starting at 0.9 s holds 3
        for (final long ms : new long[] {100, 900, 1100, 1500, 2700, 3600}) {
            f.submit(T0 + ms * 1_000_000L, S1, TradingState.ACTIVE);
        }
        f.sent.add(new RunFacts.SentCommand(T0 + 1_000_000_000L, new CancelOrder(99, T0, new ClientOrderId("x"), BTC, 1), TradingState.ACTIVE));
        assertThat(Expectation.MaxOrdersPerSecond.peak(f)).containsExactly(3, T0 + 900_000_000L);
        final ExpectationOutcome o = new Expectation.MaxOrdersPerSecond(2).evaluate(f);
        assertThat(o.passed()).isFalse();
        assertThat(o.actual()).isEqualTo("3 in the busiest second");
        assertThat(new Expectation.MaxOrdersPerSecond(3).evaluate(f).passed()).isTrue();
    }

    @Test
    void drawdownIsTheLargestDropFromTheRunningPeak() {
        final Facts f = new Facts();
        final long[] equity = {100, 120, 90, 130, 104};
        for (int i = 0; i < equity.length; i++) {
            f.equity.add(new RunFacts.EquitySample(T0 + i * S, equity[i] * Fixed.MONEY_ONE));
        }
        // 120 → 90 is 25 %; 130 → 104 is only 20 %
        assertThat(Expectation.MaxDrawdown.drawdown(f.equity)).containsExactly(Fixed.rate("0.25"), T0 + 2 * S);
        final ExpectationOutcome o = new Expectation.MaxDrawdown(Fixed.rate("0.2")).evaluate(f);
        assertThat(o.passed()).isFalse();
        assertThat(o.expected()).isEqualTo("at most 20%");
        assertThat(o.actual()).isEqualTo("25%");
        assertThat(new Expectation.MaxDrawdown(Fixed.rate("0.25")).evaluate(f).passed()).isTrue();
    }

    @Test
    void countsFilterByReasonAndWindowAndCheckTheirBounds() {
        final Facts f = new Facts()
                .deny(T0 + 10 * S, ReasonCode.RISK_PRICE_BAND)
                .deny(T0 + 20 * S, ReasonCode.RISK_PRICE_BAND)
                .deny(T0 + 30 * S, ReasonCode.RISK_SLIPPAGE)
                .deny(T0 + 40 * S, ReasonCode.RISK_PRICE_BAND);
        final Anchor from = new Anchor(T0 + 15 * S, "T+15s");
        final Anchor until = new Anchor(T0 + 40 * S, "T+40s");
        final Expectation.EventCount exactlyOne = new Expectation.EventCount(Expectation.Counted.DENIED, ReasonCode.RISK_PRICE_BAND,
                null, from, until, 1L, 1L);
        assertThat(exactlyOne.evaluate(f).passed()).as("only the one at 20 s is inside [15 s, 40 s)").isTrue();
        final ExpectationOutcome all = new Expectation.EventCount(Expectation.Counted.DENIED, null, null, null, null, null, 3L)
                .evaluate(f);
        assertThat(all.passed()).isFalse();
        assertThat(all.expected()).isEqualTo("at most 3");
        assertThat(all.actual()).isEqualTo("4");
        assertThat(new Expectation.EventCount(Expectation.Counted.DENIED, ReasonCode.RISK_SLIPPAGE, "s1", null, null, 1L, null)
                .evaluate(f).passed()).isTrue();
        assertThat(new Expectation.EventCount(Expectation.Counted.DENIED, ReasonCode.RISK_SLIPPAGE, "other", null, null, 1L, null)
                .evaluate(f).passed()).as("another strategy's").isFalse();
    }

    @Test
    void aTriggerRestrictsWhichChangesCount() {
        final Facts f = new Facts().halt(T0 + 65 * S); // HALTED by DRAWDOWN
        final Anchor from = new Anchor(T0 + 60 * S, "T+1m");
        assertThat(new Expectation.TradingStateReached(TradingState.HALTED, RiskTrigger.DRAWDOWN, from, 10 * S).evaluate(f).passed())
                .isTrue();
        final ExpectationOutcome wrong = new Expectation.TradingStateReached(TradingState.HALTED, RiskTrigger.DAILY_LOSS, from, 10 * S)
                .evaluate(f);
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.expected()).isEqualTo("HALTED by DAILY_LOSS within 10s of T+1m");
        assertThat(wrong.actual()).isEqualTo("never reached HALTED by DAILY_LOSS; it was ACTIVE at T+1m and then became"
                + " HALTED (DRAWDOWN) at T+1m5s (2024-01-01T00:01:05Z)");
        // already in the state when the window opens: the change that put it there must have had the trigger
        final Anchor later = new Anchor(T0 + 90 * S, "T+1m30s");
        assertThat(new Expectation.TradingStateReached(TradingState.HALTED, RiskTrigger.DRAWDOWN, later, S).evaluate(f).passed()).isTrue();
        assertThat(new Expectation.TradingStateReached(TradingState.HALTED, RiskTrigger.KILL_SWITCH, later, S).evaluate(f).passed())
                .isFalse();
    }

    @Test
    void aStrategyStateTriggerIsNamedInItsDescription() {
        assertThat(new Expectation.StrategyStateReached("s1", StrategyState.RUNNING, RiskTrigger.DATA_FRESH,
                new Anchor(T0 + 15 * S, "T+15s"), 10 * S).describe())
                .isEqualTo("strategy 's1' reaches RUNNING by DATA_FRESH within 10s of T+15s");
    }

    @Test
    void resubmitsAreSubmitsOfAClientIdAlreadySentAndQueriesAreCountedFromTheSentCommands() {
        final Facts f = new Facts();
        final ClientOrderId a = new ClientOrderId("a");
        f.sent.add(new RunFacts.SentCommand(T0 + S, submit(1, a, 1), TradingState.ACTIVE));
        f.sent.add(new RunFacts.SentCommand(T0 + 2 * S, new QueryOrder(2, T0 + 2 * S, a, BTC), TradingState.ACTIVE));
        f.sent.add(new RunFacts.SentCommand(T0 + 3 * S, submit(3, new ClientOrderId("b"), 1), TradingState.ACTIVE));
        f.sent.add(new RunFacts.SentCommand(T0 + 4 * S, submit(4, a, 2), TradingState.ACTIVE));
        final ExpectationOutcome none = new Expectation.EventCount(Expectation.Counted.RESUBMITS, null, null, null, null, 0L, 0L)
                .evaluate(f);
        assertThat(none.passed()).isFalse();
        assertThat(none.actual()).isEqualTo("1");
        assertThat(none.when()).isEqualTo("first at T+4s (2024-01-01T00:00:04Z)");
        assertThat(new Expectation.EventCount(Expectation.Counted.ORDERS_SENT, null, null, null, null, 3L, 3L).evaluate(f).passed())
                .isTrue();
        assertThat(new Expectation.EventCount(Expectation.Counted.QUERIES_SENT, null, null, new Anchor(T0 + 2 * S, "T+2s"), null,
                1L, 1L).evaluate(f).passed()).isTrue();
        assertThat(new Expectation.EventCount(Expectation.Counted.QUERIES_SENT, null, null, new Anchor(T0 + 3 * S, "T+3s"), null,
                1L, null).evaluate(f).passed()).as("the query was before the window").isFalse();
    }

    private static SubmitOrder submit(final long commandId, final ClientOrderId id, final int attempt) {
        return new SubmitOrder(commandId, T0, id, S1, BTC, Side.BUY, OrderType.MARKET, TimeInForce.GTC, 0, 0, 1, false, attempt);
    }

    @Test
    void strategyStateNamesTheStrategyInItsDescription() {
        assertThat(new Expectation.StrategyStateReached("s1", StrategyState.DISABLED, null, 5 * S).describe())
                .isEqualTo("strategy 's1' reaches DISABLED within 5s of the start");
    }
}
