package dev.tandem.kernel.execution;

import static dev.tandem.kernel.execution.OrderState.CANCELED;
import static dev.tandem.kernel.execution.OrderState.DENIED;
import static dev.tandem.kernel.execution.OrderState.EXPIRED;
import static dev.tandem.kernel.execution.OrderState.FILLED;
import static dev.tandem.kernel.execution.OrderState.NEW;
import static dev.tandem.kernel.execution.OrderState.PARTIALLY_FILLED;
import static dev.tandem.kernel.execution.OrderState.PENDING_CANCEL;
import static dev.tandem.kernel.execution.OrderState.PENDING_NEW;
import static dev.tandem.kernel.execution.OrderState.REJECTED;
import static dev.tandem.kernel.execution.OrderState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.execution.OrderStateMachine.Action;
import dev.tandem.kernel.execution.OrderStateMachine.Step;
import dev.tandem.kernel.execution.OrderStateMachine.Transition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderStateMachineTest {

    /** States that can sit underneath PENDING_CANCEL. */
    private static final EnumSet<OrderState> PRE_CANCEL = EnumSet.of(PENDING_NEW, NEW, PARTIALLY_FILLED, UNKNOWN);

    /**
     * Every APPLY cell of the table, restated independently from DESIGN §2.4 (from, trigger, target). The table must
     * contain exactly these and nothing else; this is the "every legal transition is tested" list.
     */
    private static final Object[][] LEGAL = {
        // the happy path and its out-of-order variants
        {PENDING_NEW, OrderTrigger.DENY, DENIED},
        {PENDING_NEW, OrderTrigger.ACCEPT, NEW},
        {PENDING_NEW, OrderTrigger.REJECT, REJECTED},
        {PENDING_NEW, OrderTrigger.FILL_PARTIAL, PARTIALLY_FILLED},
        {PENDING_NEW, OrderTrigger.FILL_FULL, FILLED},
        {PENDING_NEW, OrderTrigger.CANCEL_REQUEST, PENDING_CANCEL},
        {PENDING_NEW, OrderTrigger.CANCEL_ACK, CANCELED},
        {PENDING_NEW, OrderTrigger.EXPIRE, EXPIRED},
        {PENDING_NEW, OrderTrigger.UNKNOWN_OUTCOME, UNKNOWN},
        {PENDING_NEW, OrderTrigger.QUERY_NEW, NEW},
        {PENDING_NEW, OrderTrigger.QUERY_PARTIALLY_FILLED, PARTIALLY_FILLED},
        {PENDING_NEW, OrderTrigger.QUERY_FILLED, FILLED},
        {PENDING_NEW, OrderTrigger.QUERY_CANCELED, CANCELED},
        {PENDING_NEW, OrderTrigger.QUERY_REJECTED, REJECTED},
        {PENDING_NEW, OrderTrigger.QUERY_EXPIRED, EXPIRED},
        {NEW, OrderTrigger.FILL_PARTIAL, PARTIALLY_FILLED},
        {NEW, OrderTrigger.FILL_FULL, FILLED},
        {NEW, OrderTrigger.CANCEL_REQUEST, PENDING_CANCEL},
        {NEW, OrderTrigger.CANCEL_ACK, CANCELED},
        {NEW, OrderTrigger.AMEND_ACK, NEW},
        {NEW, OrderTrigger.AMEND_REJECT, NEW},
        {NEW, OrderTrigger.EXPIRE, EXPIRED},
        {NEW, OrderTrigger.QUERY_PARTIALLY_FILLED, PARTIALLY_FILLED},
        {NEW, OrderTrigger.QUERY_FILLED, FILLED},
        {NEW, OrderTrigger.QUERY_CANCELED, CANCELED},
        {NEW, OrderTrigger.QUERY_EXPIRED, EXPIRED},
        {PARTIALLY_FILLED, OrderTrigger.FILL_PARTIAL, PARTIALLY_FILLED},
        {PARTIALLY_FILLED, OrderTrigger.FILL_FULL, FILLED},
        {PARTIALLY_FILLED, OrderTrigger.CANCEL_REQUEST, PENDING_CANCEL},
        {PARTIALLY_FILLED, OrderTrigger.CANCEL_ACK, CANCELED},
        {PARTIALLY_FILLED, OrderTrigger.AMEND_ACK, PARTIALLY_FILLED},
        {PARTIALLY_FILLED, OrderTrigger.AMEND_REJECT, PARTIALLY_FILLED},
        {PARTIALLY_FILLED, OrderTrigger.EXPIRE, EXPIRED},
        {PARTIALLY_FILLED, OrderTrigger.QUERY_FILLED, FILLED},
        {PARTIALLY_FILLED, OrderTrigger.QUERY_CANCELED, CANCELED},
        {PARTIALLY_FILLED, OrderTrigger.QUERY_EXPIRED, EXPIRED},
        // pending cancel: terminal outcomes directly, the rest through the remembered state
        {PENDING_CANCEL, OrderTrigger.FILL_FULL, FILLED},
        {PENDING_CANCEL, OrderTrigger.CANCEL_ACK, CANCELED},
        {PENDING_CANCEL, OrderTrigger.EXPIRE, EXPIRED},
        {PENDING_CANCEL, OrderTrigger.QUERY_FILLED, FILLED},
        {PENDING_CANCEL, OrderTrigger.QUERY_CANCELED, CANCELED},
        {PENDING_CANCEL, OrderTrigger.QUERY_EXPIRED, EXPIRED},
        // late fills: applied, terminal state kept
        {CANCELED, OrderTrigger.FILL_PARTIAL, CANCELED},
        {CANCELED, OrderTrigger.FILL_FULL, CANCELED},
        {REJECTED, OrderTrigger.FILL_PARTIAL, REJECTED},
        {REJECTED, OrderTrigger.FILL_FULL, REJECTED},
        {EXPIRED, OrderTrigger.FILL_PARTIAL, EXPIRED},
        {EXPIRED, OrderTrigger.FILL_FULL, EXPIRED},
        // unknown outcome: resolved by reports or queries, never by a resubmit
        {UNKNOWN, OrderTrigger.ACCEPT, NEW},
        {UNKNOWN, OrderTrigger.REJECT, REJECTED},
        {UNKNOWN, OrderTrigger.FILL_PARTIAL, PARTIALLY_FILLED},
        {UNKNOWN, OrderTrigger.FILL_FULL, FILLED},
        {UNKNOWN, OrderTrigger.CANCEL_REQUEST, PENDING_CANCEL},
        {UNKNOWN, OrderTrigger.CANCEL_ACK, CANCELED},
        {UNKNOWN, OrderTrigger.EXPIRE, EXPIRED},
        {UNKNOWN, OrderTrigger.QUERY_NEW, NEW},
        {UNKNOWN, OrderTrigger.QUERY_PARTIALLY_FILLED, PARTIALLY_FILLED},
        {UNKNOWN, OrderTrigger.QUERY_FILLED, FILLED},
        {UNKNOWN, OrderTrigger.QUERY_CANCELED, CANCELED},
        {UNKNOWN, OrderTrigger.QUERY_REJECTED, REJECTED},
        {UNKNOWN, OrderTrigger.QUERY_EXPIRED, EXPIRED},
        {UNKNOWN, OrderTrigger.QUERY_NOT_FOUND, REJECTED},
    };

    static Stream<Arguments> allPairs() {
        final List<Arguments> out = new ArrayList<>();
        for (final OrderState s : OrderState.values()) {
            for (final OrderTrigger t : OrderTrigger.values()) {
                out.add(Arguments.of(s, t));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> legalTransitions() {
        return Stream.of(LEGAL).map(Arguments::of);
    }

    private static String key(final OrderState s, final OrderTrigger t) {
        return s + " x " + t;
    }

    @Test
    void tableIsTotal() {
        int cells = 0;
        for (final OrderState s : OrderState.values()) {
            for (final OrderTrigger t : OrderTrigger.values()) {
                final Transition tr = OrderStateMachine.next(s, t);
                assertThat(tr).as(key(s, t)).isNotNull();
                assertThat(tr.action()).as(key(s, t)).isNotNull();
                assertThat(tr.target()).as(key(s, t)).isNotNull();
                cells++;
            }
        }
        assertThat(cells).isEqualTo(OrderState.values().length * OrderTrigger.values().length);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("allPairs")
    void everyCellIsWellFormed(final OrderState from, final OrderTrigger trigger) {
        final Transition t = OrderStateMachine.next(from, trigger);
        switch (t.action()) {
            case APPLY:
                if (from.isTerminal()) {
                    assertThat(t.target()).as("a terminal state is never left").isEqualTo(from);
                    assertThat(trigger.isFill()).as("only late fills apply to terminal orders").isTrue();
                }
                if (t.target() == DENIED) {
                    assertThat(from).as("DENIED only from PENDING_NEW").isEqualTo(PENDING_NEW);
                }
                break;
            case RESTORE_PREVIOUS:
            case APPLY_TO_PREVIOUS:
                assertThat(from).as("markers only in PENDING_CANCEL").isEqualTo(PENDING_CANCEL);
                assertThat(t.target()).isEqualTo(from);
                break;
            default:
                assertThat(t.target()).as("ignored and illegal cells keep the state").isEqualTo(from);
        }
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @MethodSource("legalTransitions")
    void legalTransitionIsApplied(final OrderState from, final OrderTrigger trigger, final OrderState to) {
        final Transition t = OrderStateMachine.next(from, trigger);
        assertThat(t.action()).isEqualTo(Action.APPLY);
        assertThat(t.target()).isEqualTo(to);
        final Step s = OrderStateMachine.apply(from, from == PENDING_CANCEL ? NEW : null, trigger);
        assertThat(s.applied()).isTrue();
        assertThat(s.state()).isEqualTo(to);
        if (to == PENDING_CANCEL) {
            assertThat(s.previousState()).as("entering PENDING_CANCEL remembers where from").isEqualTo(from);
        }
    }

    @Test
    void theTableAppliesExactlyTheListedTransitions() {
        final TreeMap<String, OrderState> expected = new TreeMap<>();
        for (final Object[] row : LEGAL) {
            expected.put(key((OrderState) row[0], (OrderTrigger) row[1]), (OrderState) row[2]);
        }
        final TreeMap<String, OrderState> actual = new TreeMap<>();
        for (final OrderState s : OrderState.values()) {
            for (final OrderTrigger t : OrderTrigger.values()) {
                final Transition tr = OrderStateMachine.next(s, t);
                if (tr.action() == Action.APPLY) {
                    actual.put(key(s, t), tr.target());
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void deniedIsReachableOnlyFromPendingNew() {
        for (final OrderState s : OrderState.values()) {
            for (final OrderTrigger t : OrderTrigger.values()) {
                for (final OrderState prev : s == PENDING_CANCEL ? PRE_CANCEL : EnumSet.of(PENDING_NEW)) {
                    final Step step = OrderStateMachine.apply(s, s == PENDING_CANCEL ? prev : null, t);
                    if (step.applied() && step.state() == DENIED) {
                        assertThat(s).as(key(s, t)).isEqualTo(PENDING_NEW);
                        assertThat(t).isEqualTo(OrderTrigger.DENY);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = OrderTrigger.class)
    void resolvedStepsAreWellFormedForEveryPreCancelState(final OrderTrigger trigger) {
        for (final OrderState prev : PRE_CANCEL) {
            final Step s = OrderStateMachine.apply(PENDING_CANCEL, prev, trigger);
            assertThat(s.action()).as("%s under PENDING_CANCEL(%s)", trigger, prev)
                    .isIn(Action.APPLY, Action.IGNORE_DUPLICATE_OR_STALE, Action.ILLEGAL);
            if (s.state() == PENDING_CANCEL) {
                assertThat(s.previousState()).as("%s under PENDING_CANCEL(%s)", trigger, prev).isIn(PRE_CANCEL.toArray());
            } else {
                assertThat(s.previousState()).isNull();
            }
            if (s.applied() && s.state() != PENDING_CANCEL) {
                assertThat(s.state().isTerminal() || trigger == OrderTrigger.CANCEL_REJECT)
                        .as("PENDING_CANCEL ends in a terminal state or by a cancel reject").isTrue();
            }
        }
    }

    @Test
    void cancelRejectRestoresThePreviousState() {
        for (final OrderState prev : PRE_CANCEL) {
            final Step s = OrderStateMachine.apply(PENDING_CANCEL, prev, OrderTrigger.CANCEL_REJECT);
            assertThat(s.applied()).isTrue();
            assertThat(s.state()).isEqualTo(prev);
            assertThat(s.previousState()).isNull();
        }
    }

    @Test
    void reportsUnderAPendingCancelUpdateTheRememberedState() {
        final Step partial = OrderStateMachine.apply(PENDING_CANCEL, NEW, OrderTrigger.FILL_PARTIAL);
        assertThat(partial).isEqualTo(new Step(Action.APPLY, PENDING_CANCEL, PARTIALLY_FILLED));
        final Step ack = OrderStateMachine.apply(PENDING_CANCEL, PENDING_NEW, OrderTrigger.ACCEPT);
        assertThat(ack).isEqualTo(new Step(Action.APPLY, PENDING_CANCEL, NEW));
        final Step staleAck = OrderStateMachine.apply(PENDING_CANCEL, NEW, OrderTrigger.ACCEPT);
        assertThat(staleAck.action()).isEqualTo(Action.IGNORE_DUPLICATE_OR_STALE);
        final Step rejectBeforeAck = OrderStateMachine.apply(PENDING_CANCEL, PENDING_NEW, OrderTrigger.REJECT);
        assertThat(rejectBeforeAck).isEqualTo(new Step(Action.APPLY, REJECTED, null));
        final Step unknownBeforeAck = OrderStateMachine.apply(PENDING_CANCEL, PENDING_NEW, OrderTrigger.UNKNOWN_OUTCOME);
        assertThat(unknownBeforeAck).isEqualTo(new Step(Action.APPLY, PENDING_CANCEL, UNKNOWN));
        final Step notFound = OrderStateMachine.apply(PENDING_CANCEL, UNKNOWN, OrderTrigger.QUERY_NOT_FOUND);
        assertThat(notFound).isEqualTo(new Step(Action.APPLY, REJECTED, null));
        final Step amended = OrderStateMachine.apply(PENDING_CANCEL, PARTIALLY_FILLED, OrderTrigger.AMEND_ACK);
        assertThat(amended).isEqualTo(new Step(Action.APPLY, PENDING_CANCEL, PARTIALLY_FILLED));
        final Step full = OrderStateMachine.apply(PENDING_CANCEL, NEW, OrderTrigger.FILL_FULL);
        assertThat(full).isEqualTo(new Step(Action.APPLY, FILLED, null));
    }

    @Test
    void noTransitionLeadsFromOneTerminalStateToAnother() {
        for (final OrderState s : OrderState.values()) {
            if (!s.isTerminal()) {
                continue;
            }
            for (final OrderTrigger t : OrderTrigger.values()) {
                final Step step = OrderStateMachine.apply(s, null, t);
                assertThat(step.state()).as(key(s, t)).isEqualTo(s);
            }
        }
    }

    @Test
    void lateFillsKeepTheTerminalStateExceptOnDeniedAndFilled() {
        for (final OrderState s : EnumSet.of(CANCELED, EXPIRED, REJECTED)) {
            for (final OrderTrigger t : EnumSet.of(OrderTrigger.FILL_PARTIAL, OrderTrigger.FILL_FULL)) {
                assertThat(OrderStateMachine.apply(s, null, t)).as(key(s, t)).isEqualTo(new Step(Action.APPLY, s, null));
            }
        }
        assertThat(OrderStateMachine.next(DENIED, OrderTrigger.FILL_PARTIAL).action()).isEqualTo(Action.ILLEGAL);
        assertThat(OrderStateMachine.next(DENIED, OrderTrigger.FILL_FULL).action()).isEqualTo(Action.ILLEGAL);
        assertThat(OrderStateMachine.next(FILLED, OrderTrigger.FILL_PARTIAL).action()).isEqualTo(Action.ILLEGAL);
    }

    @Test
    void deniedNeverAcceptsAnything() {
        for (final OrderTrigger t : OrderTrigger.values()) {
            assertThat(OrderStateMachine.next(DENIED, t).action()).as(key(DENIED, t)).isEqualTo(Action.ILLEGAL);
        }
    }

    @Test
    void duplicatesAndStaleReportsAreIgnored() {
        final Object[][] ignored = {
            {NEW, OrderTrigger.ACCEPT},
            {PARTIALLY_FILLED, OrderTrigger.ACCEPT},
            {FILLED, OrderTrigger.ACCEPT},
            {CANCELED, OrderTrigger.CANCEL_ACK},
            {EXPIRED, OrderTrigger.EXPIRE},
            {REJECTED, OrderTrigger.REJECT},
            {FILLED, OrderTrigger.QUERY_FILLED},
            {UNKNOWN, OrderTrigger.UNKNOWN_OUTCOME},
            {NEW, OrderTrigger.UNKNOWN_OUTCOME},
            {PENDING_CANCEL, OrderTrigger.CANCEL_REQUEST},
            {FILLED, OrderTrigger.CANCEL_REJECT},
            {PENDING_NEW, OrderTrigger.QUERY_NOT_FOUND},
            {CANCELED, OrderTrigger.QUERY_NEW},
        };
        for (final Object[] row : ignored) {
            final OrderState s = (OrderState) row[0];
            final OrderTrigger t = (OrderTrigger) row[1];
            assertThat(OrderStateMachine.next(s, t).action()).as(key(s, t)).isEqualTo(Action.IGNORE_DUPLICATE_OR_STALE);
        }
    }

    @Test
    void contradictionsAreIllegal() {
        final Object[][] illegal = {
            {NEW, OrderTrigger.DENY},
            {FILLED, OrderTrigger.CANCEL_ACK},
            {FILLED, OrderTrigger.EXPIRE},
            {REJECTED, OrderTrigger.ACCEPT},
            {REJECTED, OrderTrigger.QUERY_NEW},
            {NEW, OrderTrigger.QUERY_NOT_FOUND},
            {NEW, OrderTrigger.QUERY_REJECTED},
            {PENDING_NEW, OrderTrigger.AMEND_ACK},
            {UNKNOWN, OrderTrigger.AMEND_ACK},
            {CANCELED, OrderTrigger.QUERY_REJECTED},
            {FILLED, OrderTrigger.CANCEL_REQUEST},
        };
        for (final Object[] row : illegal) {
            final OrderState s = (OrderState) row[0];
            final OrderTrigger t = (OrderTrigger) row[1];
            assertThat(OrderStateMachine.next(s, t).action()).as(key(s, t)).isEqualTo(Action.ILLEGAL);
        }
    }

    @Test
    void terminalStatesAreTheFiveClosedOnes() {
        final EnumSet<OrderState> terminal = EnumSet.noneOf(OrderState.class);
        for (final OrderState s : OrderState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertThat(terminal).containsExactlyInAnyOrder(FILLED, CANCELED, REJECTED, DENIED, EXPIRED);
    }
}
