package dev.tandem.kernel.execution;

import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.time.SimClock;
import dev.tandem.kernel.time.TimerQueue;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.ManualScheduler;
import dev.tandem.testkit.ScriptedExecutionPort;
import dev.tandem.testkit.TypeFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A tiny event loop for order-manager tests: a {@link ManualScheduler} (its clock and timers),
 * a {@link ScriptedExecutionPort} whose reports are delivered in (tsInit, arrival) order, and the manager under test.
 * Inbound events due at the same time as a timer are handled first. Records every emitted event.
 */
final class ExecutionRig {
    static final long START = 1_700_000_000_000_000_000L;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final long LATENCY = MS;
    static final StrategyId STRATEGY = new StrategyId("mm1");

    private record Key(long tsInit, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(final Key o) {
            final int c = Long.compare(tsInit, o.tsInit);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    final Instrument btc = Instruments.btcUsdtPerp();
    final InstrumentRegistry registry = InstrumentRegistry.of(List.of(btc));
    final ManualScheduler scheduler = new ManualScheduler(START);
    final SimClock clock = scheduler.clock();
    final TreeMap<Key, InboundEvent> inbound = new TreeMap<>();
    final List<KernelEvent> events = new ArrayList<>();
    final ScriptedExecutionPort port;
    final ClientOrderIdGenerator ids;
    final RandomSource jitter;
    final OrderManager manager;
    ReasonCode recheckAnswer = ReasonCode.NONE;
    /** Inbound events matching this are lost on the way (a report that never comes). */
    Predicate<InboundEvent> lose = e -> false;
    int recheckCalls;
    private long seq;

    ExecutionRig() {
        this(ExecutionConfig.defaults(), 42L);
    }

    ExecutionRig(final ExecutionConfig config, final long seed) {
        this.port = new ScriptedExecutionPort(Instruments.VENUE, registry, clock, this::publish, LATENCY);
        this.ids = new ClientOrderIdGenerator("t1");
        this.jitter = RandomSource.forComponent(seed, "execution.jitter");
        final TreeMap<String, ExecutionPort> ports = new TreeMap<>();
        ports.put(Instruments.VENUE, port);
        this.manager = new OrderManager(config, registry, ports, scheduler, jitter, events::add, o -> {
            recheckCalls++;
            return recheckAnswer;
        }, ids);
    }

    void publish(final InboundEvent e) {
        if (lose.test(e)) {
            return;
        }
        inbound.put(new Key(e.tsInitNanos(), seq++), e);
    }

    /** Delivers a hand-made report at its tsInit. */
    void inject(final ExecutionReport r) {
        publish(r);
    }

    Order limit(final Side side, final String price, final String qty) {
        return send(OrderIntent.limit(STRATEGY, btc.id(), side, btc.price(price), btc.qty(qty)));
    }

    Order market(final Side side, final String qty) {
        return send(OrderIntent.market(STRATEGY, btc.id(), side, btc.qty(qty)));
    }

    Order send(final OrderIntent intent) {
        final Order o = manager.create(intent);
        manager.send(o);
        return o;
    }

    /** Runs until nothing is pending (bounded, so a never-ending timer chain fails loudly). */
    void runUntilQuiet() {
        for (int i = 0; i < 100_000; i++) {
            if (!step(Long.MAX_VALUE)) {
                return;
            }
        }
        throw new AssertionError("rig did not become quiet");
    }

    /** Runs everything due up to and including {@code t}, then moves the clock to {@code t}. */
    void runUntil(final long t) {
        for (int i = 0; i < 1_000_000; i++) {
            if (!step(t)) {
                clock.advanceTo(Math.max(clock.nowNanos(), t));
                return;
            }
        }
        throw new AssertionError("rig did not reach " + t);
    }

    void runFor(final long nanos) {
        runUntil(clock.nowNanos() + nanos);
    }

    private boolean step(final long limit) {
        final long nextInbound = inbound.isEmpty() ? Long.MAX_VALUE : inbound.firstKey().tsInit;
        final long nextTimer = scheduler.nextDeadlineNanos();
        final long t = Math.min(nextInbound, nextTimer);
        if (t == Long.MAX_VALUE || t > limit) {
            return false;
        }
        clock.advanceTo(Math.max(clock.nowNanos(), t));
        if (nextInbound <= nextTimer) {
            final InboundEvent e = inbound.pollFirstEntry().getValue();
            if (e instanceof ExecutionReport r) {
                manager.onReport(r);
            }
        } else {
            final TimerQueue.Due<String> due = scheduler.pollDue(clock.nowNanos());
            manager.onTimer(due.name(), due.deadlineNanos());
        }
        return true;
    }

    <T> List<T> events(final Class<T> type) {
        return TypeFilter.ofType(events, type);
    }

    List<OrderEvent> orderEvents(final ClientOrderId id) {
        final List<OrderEvent> out = new ArrayList<>();
        for (final KernelEvent e : events) {
            if (e instanceof OrderEvent oe && oe.clientOrderId().equals(id)) {
                out.add(oe);
            }
        }
        return out;
    }

    /** Simple names of an order's events, in order. */
    List<String> eventNames(final ClientOrderId id) {
        final List<String> out = new ArrayList<>();
        for (final OrderEvent e : orderEvents(id)) {
            out.add(e.getClass().getSimpleName());
        }
        return out;
    }
}
