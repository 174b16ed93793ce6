package dev.tandem.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.execution.LifecycleScripts.Advance;
import dev.tandem.kernel.execution.LifecycleScripts.Amend;
import dev.tandem.kernel.execution.LifecycleScripts.Cancel;
import dev.tandem.kernel.execution.LifecycleScripts.CancelAll;
import dev.tandem.kernel.execution.LifecycleScripts.Deliver;
import dev.tandem.kernel.execution.LifecycleScripts.FailLatest;
import dev.tandem.kernel.execution.LifecycleScripts.NewOrder;
import dev.tandem.kernel.execution.LifecycleScripts.Outage;
import dev.tandem.kernel.execution.LifecycleScripts.Setup;
import dev.tandem.kernel.execution.LifecycleScripts.Step;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.time.SimClock;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.ManualScheduler;
import dev.tandem.testkit.RecordingExecutionPort;
import dev.tandem.testkit.StatefulProperty;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stateful properties of the {@link OrderManager} on the {@code dev.tandem.testkit} harness: random step sequences
 * ({@link LifecycleScripts}: new orders, local cancels/amends, plausible, duplicated, reordered, late, contradictory
 * and failed venue reports, time passing) must never drive an order into a state the table does not allow, never
 * into two terminal states, never fill more than the quantity, and emit each applied fill exactly once. Every
 * invariant is checked after every callback into the manager (each report, each fired timer); a failure shrinks
 * to a minimal step sequence and prints {@code -Dtandem.seed/-Dtandem.tries} to reproduce it.
 *
 * <p>Tries follow the harness precedence ({@code -Dtandem.tries}, 200 in the build).
 */
class OrderLifecycleProperties {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final EnumSet<OrderState> PRE_CANCEL =
            EnumSet.of(OrderState.PENDING_NEW, OrderState.NEW, OrderState.PARTIALLY_FILLED, OrderState.UNKNOWN);
    /** Random steps per run (the harness draws the length; mean about 50), between the setup and the settling. */
    private static final int MAX_STEPS = 120;

    @Test
    void randomReportSequencesKeepEveryOrderLegal() {
        property(1).check();
    }

    /** Two managers fed the same steps in lockstep emit the same events and have the same digest after every step. */
    @Test
    void sameStepsGiveTheSameEventsAndDigest() {
        property(2).check();
    }

    private static StatefulProperty<Lifecycle, Step> property(final int managers) {
        return StatefulProperty.<Lifecycle, Step>stateDependent(() -> new Lifecycle(managers),
                        l -> LifecycleScripts.next(l.script), Lifecycle::step)
                .startWith(LifecycleScripts.setup())
                .endWith(Gen.constant(LifecycleScripts.SETTLE))
                .length(0, MAX_STEPS);
    }

    // ======================================================================= the runner

    /** The state of one try: what the script knows, and one manager (or two twins) driven by the same steps. */
    private static final class Lifecycle {
        final int managers;
        final LifecycleScripts.Script script = new LifecycleScripts.Script(Instruments.btcUsdtPerp(), START);
        final List<Run> runs = new ArrayList<>();
        int applied;
        int compared; // events already found equal between the twins

        Lifecycle(final int managers) {
            this.managers = managers;
        }

        void step(final Step s) {
            applied++;
            final String where = "action " + applied + " " + s;
            if (s instanceof Setup setup) {
                for (int k = 0; k < managers; k++) {
                    runs.add(new Run(setup));
                }
            } else {
                for (final Run r : runs) {
                    r.play(s, where);
                }
            }
            if (runs.size() == 2) {
                final Run a = runs.get(0);
                final Run b = runs.get(1);
                assertThat(b.events.size()).as("%s: the twins' event counts", where).isEqualTo(a.events.size());
                assertThat(b.events.subList(compared, b.events.size())).as("%s: the twins' events", where)
                        .isEqualTo(a.events.subList(compared, a.events.size()));
                compared = a.events.size();
                assertThat(b.digest()).as("%s: the twins' digests", where).isEqualTo(a.digest());
            }
            script.applied(s);
        }
    }

    /** One manager whose port only records commands, driven step by step. */
    private static final class Run {
        final Instrument btc = Instruments.btcUsdtPerp();
        final ManualScheduler scheduler = new ManualScheduler(START);
        final SimClock clock = scheduler.clock();
        final RecordingExecutionPort port = new RecordingExecutionPort(Instruments.VENUE);
        final List<KernelEvent> events = new ArrayList<>();
        final TreeSet<ClientOrderId> deniedOnRecheck = new TreeSet<>();
        final OrderManager manager;
        final Checker checker;
        String where = "start";

        Run(final Setup setup) {
            final TreeMap<String, ExecutionPort> ports = new TreeMap<>();
            ports.put(Instruments.VENUE, port);
            // the risk re-check denies the orders the script marked (a quarter) when they leave the queue
            this.manager = new OrderManager(ExecutionConfig.defaults(), InstrumentRegistry.of(List.of(btc)), ports, scheduler,
                    RandomSource.seeded(setup.jitterSeed()), events::add,
                    o -> deniedOnRecheck.contains(o.clientOrderId()) ? ReasonCode.RISK_PRICE_BAND : ReasonCode.NONE,
                    new ClientOrderIdGenerator(LifecycleScripts.RUN_TAG));
            this.checker = new Checker(manager, events);
        }

        void play(final Step s, final String at) {
            where = at;
            if (s instanceof Outage o) {
                for (int k = 0; k < LifecycleScripts.OUTAGE_FAILURES; k++) {
                    where = at + " / failure " + (k + 1);
                    apply(new FailLatest(null, RequestKind.QUERY_OPEN_ORDERS, FailureKind.TRANSIENT, 0, false, o.tsNanos()));
                }
                where = at + " / order";
                apply(o.order());
            } else {
                apply(s);
            }
        }

        private void apply(final Step s) {
            if (s instanceof NewOrder n) {
                if (n.deniedOnRecheck()) {
                    deniedOnRecheck.add(n.id());
                }
                final OrderIntent intent = OrderIntent.limit(LifecycleScripts.STRATEGY, btc.id(), n.side(), n.price(), n.qty());
                final Order o = manager.create(intent);
                assertThat(o.clientOrderId()).as("%s", where).isEqualTo(n.id());
                checked(() -> manager.send(o));
            } else if (s instanceof Deliver d) {
                clock.advanceTo(Math.max(clock.nowNanos(), d.report().tsInitNanos()));
                checked(() -> manager.onReport(d.report()));
            } else if (s instanceof FailLatest f) {
                clock.advanceTo(Math.max(clock.nowNanos(), f.tsNanos()));
                final long commandId = latestCommand(f.id(), f.kind()) - (f.stale() ? 1 : 0);
                final VenueRequestFailed r = new VenueRequestFailed(Instruments.VENUE, f.kind(), f.id(), commandId, f.failure(),
                        f.retryAfterNanos(), "random", f.tsNanos(), clock.nowNanos());
                checked(() -> manager.onReport(r));
            } else if (s instanceof Cancel c) {
                checked(() -> manager.cancel(c.id()));
            } else if (s instanceof Amend a) {
                checked(() -> manager.amend(a.id(), a.price(), a.qty()));
            } else if (s instanceof CancelAll) {
                checked(() -> manager.cancelAll(btc.id()));
            } else if (s instanceof Advance a) {
                final long until = clock.nowNanos() + a.nanos();
                final String at = where;
                final boolean settled = scheduler.advanceTo(until, (name, deadline) -> {
                    where = at + " / timer " + name + " @" + deadline;
                    checked(() -> manager.onTimer(name, deadline));
                }, 100_000);
                if (!settled) {
                    throw new AssertionError(where + ": timers never settle");
                }
            } else {
                throw new IllegalStateException("unknown step " + s);
            }
        }

        private void checked(final Runnable callback) {
            final Checker.Before before = checker.before();
            try {
                callback.run();
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": the order manager threw", e);
            }
            checker.after(before, where);
        }

        private long latestCommand(final ClientOrderId id, final RequestKind kind) {
            final List<Command> commands = port.commands();
            for (int i = commands.size() - 1; i >= 0; i--) {
                final Command c = commands.get(i);
                final boolean match = switch (kind) {
                    case SUBMIT -> c instanceof SubmitOrder x && x.clientOrderId().equals(id);
                    case CANCEL -> c instanceof CancelOrder x && x.clientOrderId().equals(id);
                    case AMEND -> c instanceof AmendOrder x && x.clientOrderId().equals(id);
                    case QUERY_ORDER -> c instanceof QueryOrder x && x.clientOrderId().equals(id);
                    case CANCEL_ALL -> c instanceof CancelAllOrders;
                    case QUERY_OPEN_ORDERS -> c instanceof QueryOpenOrders;
                    case QUERY_POSITIONS -> c instanceof QueryPositions;
                    case QUERY_BALANCES -> c instanceof QueryBalances;
                };
                if (match) {
                    return c.commandId();
                }
            }
            return 0;
        }

        String digest() {
            final StateDigest d = new StateDigest();
            manager.digest(d);
            return d.hex();
        }
    }

    // ======================================================================= the invariants

    /** Invariant checks run after every callback into the manager (TigerBeetle-style state checker). */
    private static final class Checker {
        /** An order's state and remembered pre-cancel state. */
        record Pair(OrderState state, OrderState previous) {}

        /** Per-order snapshot before a callback. */
        record Before(TreeMap<ClientOrderId, Pair> states, int eventCount) {}

        private static final TreeMap<String, TreeSet<String>> REACHABLE = new TreeMap<>();

        private final OrderManager manager;
        private final List<KernelEvent> events;
        private final TreeMap<ClientOrderId, OrderState> firstTerminal = new TreeMap<>();
        private final TreeMap<ClientOrderId, Integer> terminalEvents = new TreeMap<>();
        private final TreeMap<ClientOrderId, Long> filledFromEvents = new TreeMap<>();
        private final TreeMap<ClientOrderId, TreeSet<String>> tradeIdsFromEvents = new TreeMap<>();

        Checker(final OrderManager manager, final List<KernelEvent> events) {
            this.manager = manager;
            this.events = events;
        }

        Before before() {
            final TreeMap<ClientOrderId, Pair> states = new TreeMap<>();
            for (final Order o : manager.orders()) {
                states.put(o.clientOrderId(), new Pair(o.state(), o.previousState()));
            }
            return new Before(states, events.size());
        }

        void after(final Before before, final String where) {
            final String ctx = where;
            // events of this callback, applied to the event-side bookkeeping
            for (int i = before.eventCount(); i < events.size(); i++) {
                if (events.get(i) instanceof OrderEvent e) {
                    onEvent(e, ctx);
                }
            }
            int open = 0;
            for (final Order o : manager.orders()) {
                final ClientOrderId id = o.clientOrderId();
                final String octx = ctx + " " + o;
                final Pair was = before.states().getOrDefault(id, new Pair(OrderState.PENDING_NEW, null));
                final Pair now = new Pair(o.state(), o.previousState());
                if (!now.equals(was)) {
                    assertThat(reachable(was)).as("%s: %s -> %s is not a legal transition", octx, was, now).contains(key(now));
                    assertThat(events.size()).as("%s: state changed without an event", octx).isGreaterThan(before.eventCount());
                }
                if (o.state() == OrderState.PENDING_CANCEL) {
                    assertThat(o.previousState()).as(octx).isIn(PRE_CANCEL.toArray());
                    assertThat(o.requestStatus(RequestKind.CANCEL)).as("%s: a pending cancel is never forgotten", octx)
                            .isNotEqualTo(RequestStatus.IDLE);
                } else {
                    assertThat(o.previousState()).as(octx).isNull();
                }
                if (o.state() == OrderState.UNKNOWN
                        || (o.state() == OrderState.PENDING_CANCEL && o.previousState() == OrderState.UNKNOWN)) {
                    assertThat(o.requestStatus(RequestKind.QUERY_ORDER)).as("%s: an unknown order is never forgotten", octx)
                            .isIn(RequestStatus.IN_FLIGHT, RequestStatus.SCHEDULED);
                }
                if (o.state().isTerminal()) {
                    final OrderState first = firstTerminal.putIfAbsent(id, o.state());
                    assertThat(o.state()).as("%s: one terminal state only", octx).isEqualTo(first == null ? o.state() : first);
                    for (final RequestKind k : List.of(RequestKind.SUBMIT, RequestKind.CANCEL, RequestKind.AMEND, RequestKind.QUERY_ORDER)) {
                        assertThat(o.requestStatus(k)).as("%s: terminal orders have no requests", octx).isEqualTo(RequestStatus.IDLE);
                    }
                    assertThat(o.isQueued()).as(octx).isFalse();
                } else {
                    assertThat(firstTerminal).as("%s: left a terminal state", octx).doesNotContainKey(id);
                    open++;
                }
                assertThat(o.filledQty()).as("%s: overfilled", octx).isBetween(0L, o.qty());
                assertThat(o.filledQty()).as("%s: fills applied == fills emitted", octx).isEqualTo(filledFromEvents.getOrDefault(id, 0L));
                assertThat(o.leavesQty()).as(octx).isEqualTo(o.state().isTerminal() ? 0 : o.qty() - o.filledQty());
                if (o.state() == OrderState.DENIED) {
                    assertThat(o.filledQty()).as("%s: a denied order never fills", octx).isZero();
                }
                if (o.state() == OrderState.FILLED) {
                    assertThat(o.filledQty()).as(octx).isEqualTo(o.qty());
                }
                assertThat(terminalEvents.getOrDefault(id, 0)).as("%s: at most one terminal event", octx).isLessThanOrEqualTo(1);
            }
            assertThat(manager.openOrderCount()).as(ctx).isEqualTo(open);
            assertThat(manager.openOrders()).as(ctx).allSatisfy(o -> assertThat(o.state().isTerminal()).isFalse());
        }

        private void onEvent(final OrderEvent e, final String ctx) {
            final ClientOrderId id = e.clientOrderId();
            final boolean terminalBefore = terminalEvents.getOrDefault(id, 0) > 0;
            boolean terminal = e instanceof OrderCanceled || e instanceof OrderRejected || e instanceof OrderExpired
                    || e instanceof OrderDenied;
            if (e instanceof OrderFilled f) {
                assertThat(tradeIdsFromEvents.computeIfAbsent(id, k -> new TreeSet<>()).add(f.tradeId()))
                        .as("%s: fill %s emitted twice", ctx, f.tradeId()).isTrue();
                final long cum = filledFromEvents.merge(id, f.lastQty(), Long::sum);
                assertThat(f.cumQty()).as("%s: cumQty", ctx).isEqualTo(cum);
                assertThat(f.late()).as("%s: a fill after the terminal state is late, and only then", ctx).isEqualTo(terminalBefore);
                terminal = !f.late() && f.leavesQty() == 0;
            }
            if (terminal) {
                terminalEvents.merge(id, 1, Integer::sum);
            }
        }

        private static String key(final Pair p) {
            return p.state() + "/" + p.previous();
        }

        /** Pairs reachable from {@code from} in one to three applications of the table (one callback's worth). */
        private static synchronized TreeSet<String> reachable(final Pair from) {
            return REACHABLE.computeIfAbsent(key(from), k -> {
                final TreeSet<String> out = new TreeSet<>();
                List<Pair> frontier = List.of(from);
                for (int depth = 0; depth < 3; depth++) {
                    final List<Pair> next = new ArrayList<>();
                    for (final Pair p : frontier) {
                        for (final OrderTrigger t : OrderTrigger.values()) {
                            final OrderStateMachine.Step s = OrderStateMachine.apply(p.state(), p.previous(), t);
                            if (s.applied()) {
                                final Pair q = new Pair(s.state(), s.previousState());
                                if (out.add(key(q))) {
                                    next.add(q);
                                }
                            }
                        }
                    }
                    frontier = next;
                }
                return out;
            });
        }
    }
}
