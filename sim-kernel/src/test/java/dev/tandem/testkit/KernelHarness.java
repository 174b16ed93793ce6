package dev.tandem.testkit;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.SimulationLoop;
import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.FundingRate;
import dev.tandem.kernel.data.MarkPrice;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.FundingSettled;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.port.InboundSink;
import dev.tandem.kernel.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A whole kernel wired for end-to-end tests: a {@link Kernel} with one {@link ScriptedExecutionPort} per venue of its
 * instruments, a {@link SimulationLoop} driving it, an {@link InMemoryJournal} of every inbound event and a record of
 * every outbound event and of every command the ports received.
 *
 * <pre>{@code
 * KernelHarness h = KernelHarness.started(config, KernelHarness.MILLI, StrategySpec.of("s1", btc.id(), strategy));
 * h.bar(btc.id(), h.at(1), btc.price("60000.00"));     // also moves the venue's market price
 * h.runFor(KernelHarness.SECOND);
 * assertThat(h.events(OrderFilled.class)).hasSize(1);
 * assertThat(h.commands(SubmitOrder.class)).hasSize(1);
 * }</pre>
 *
 * <p>Wiring: the ports deliver their reports through a forwarding {@link InboundSink} into the loop (the loop needs
 * the kernel, the kernel needs the ports, the ports need the sink), and read time from the kernel's clock. Market
 * data, operator commands and venue pushes are scheduled on the loop at their {@code tsInitNanos}, so everything
 * the kernel sees passes through {@link Kernel#onEvent} and is journaled: {@link #replay} reproduces the run from
 * the journal alone. Venue scripting ({@link #port()}, {@link #atTime}) acts on the port, never on the kernel.
 *
 * <p>Market-data helpers also move the venue's market price (bar close, quote mid, book mid, mark, trade price) at
 * the same time, just before the kernel sees the data, unless {@link #followMarket(boolean)} turned that off.
 */
public final class KernelHarness {
    /** 2023-11-14T22:13:20Z, the default start of harness runs. */
    public static final long START_NANOS = 1_700_000_000_000_000_000L;
    /** One second in nanoseconds. */
    public static final long SECOND = 1_000_000_000L;
    /** One millisecond in nanoseconds. */
    public static final long MILLI = 1_000_000L;
    /** Interval of bars made by {@link #bar(InstrumentId, long, long)}. */
    public static final long BAR_INTERVAL_NANOS = 60 * SECOND;

    /** A kernel rebuilt from a journal (see {@link #replay}). */
    public record Replayed(Kernel kernel, List<RecordingExecutionPort> ports, List<KernelEvent> events, InMemoryJournal journal) {}

    private final KernelConfig config;
    private final long latencyNanos;
    private final Kernel kernel;
    private final SimulationLoop loop;
    private final TreeMap<String, ScriptedExecutionPort> ports = new TreeMap<>();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final List<KernelEvent> events = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<Consumer<Command>> commandObservers = new ArrayList<>();
    private final List<Consumer<InboundEvent>> inboundObservers = new ArrayList<>();
    private InboundEvent currentInbound;
    private boolean followMarket = true;
    private boolean started;

    /** Forwards reports to the loop once it exists. */
    private static final class ForwardingSink implements InboundSink {
        private InboundSink target;

        @Override
        public void publish(final InboundEvent event) {
            if (target == null) {
                throw new IllegalStateException("a port published before the simulation loop was wired");
            }
            target.publish(event);
        }
    }

    /** The port the kernel talks to: records the command, tells observers, then lets the scripted venue answer. */
    private final class ObservedPort implements ExecutionPort {
        private final ScriptedExecutionPort venue;

        ObservedPort(final ScriptedExecutionPort venue) {
            this.venue = venue;
        }

        private void seen(final Command c) {
            commands.add(c);
            for (final Consumer<Command> o : commandObservers) {
                o.accept(c);
            }
        }

        @Override
        public String venue() {
            return venue.venue();
        }

        @Override
        public void submit(final SubmitOrder c) {
            seen(c);
            venue.submit(c);
        }

        @Override
        public void cancel(final CancelOrder c) {
            seen(c);
            venue.cancel(c);
        }

        @Override
        public void amend(final AmendOrder c) {
            seen(c);
            venue.amend(c);
        }

        @Override
        public void cancelAll(final CancelAllOrders c) {
            seen(c);
            venue.cancelAll(c);
        }

        @Override
        public void queryOrder(final QueryOrder c) {
            seen(c);
            venue.queryOrder(c);
        }

        @Override
        public void queryOpenOrders(final QueryOpenOrders c) {
            seen(c);
            venue.queryOpenOrders(c);
        }

        @Override
        public void queryPositions(final QueryPositions c) {
            seen(c);
            venue.queryPositions(c);
        }

        @Override
        public void queryBalances(final QueryBalances c) {
            seen(c);
            venue.queryBalances(c);
        }
    }

    /**
     * A harness around a new kernel (not started: add listeners first if they must see {@code KernelStarted}, then
     * {@link #start()}). Every venue's balances start at the configuration's initial balances.
     *
     * @param config       the kernel configuration
     * @param latencyNanos the ports' report latency
     * @param strategies   registered in this order
     */
    public KernelHarness(final KernelConfig config, final long latencyNanos, final List<StrategySpec> strategies) {
        this.config = config;
        this.latencyNanos = latencyNanos;
        final ForwardingSink sink = new ForwardingSink();
        final Kernel[] self = new Kernel[1];
        final InstrumentRegistry registry = InstrumentRegistry.of(config.instruments());
        final List<ExecutionPort> observed = new ArrayList<>();
        for (final String venue : registry.venues()) {
            final ScriptedExecutionPort p = new ScriptedExecutionPort(venue, registry, () -> self[0].nowNanos(), sink, latencyNanos);
            config.initialBalances().forEach(p::setBalance);
            ports.put(venue, p);
            observed.add(new ObservedPort(p));
        }
        final EventJournal journaling = (seq, event) -> {
            journal.append(seq, event);
            currentInbound = event;
            for (final Consumer<InboundEvent> o : inboundObservers) {
                o.accept(event);
            }
        };
        this.kernel = new Kernel(config, observed, journaling);
        self[0] = kernel;
        this.loop = new SimulationLoop(kernel);
        sink.target = loop;
        kernel.addListener(events::add);
        for (final StrategySpec s : strategies) {
            kernel.addStrategy(s);
        }
    }

    /** A started harness. */
    public static KernelHarness started(final KernelConfig config, final long latencyNanos, final StrategySpec... strategies) {
        return new KernelHarness(config, latencyNanos, List.of(strategies)).start();
    }

    /** Starts the kernel (strategies' {@code onStart}, {@code KernelStarted}). */
    public KernelHarness start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        kernel.start();
        return this;
    }

    /** Adds a kernel listener; call before {@link #start()} to see {@code KernelStarted}. */
    public KernelHarness addListener(final Kernel.Listener listener) {
        kernel.addListener(listener);
        return this;
    }

    /** Observes every command the kernel sends to a port, before the port handles it. */
    public KernelHarness onCommand(final Consumer<Command> observer) {
        commandObservers.add(observer);
        return this;
    }

    /** Observes every inbound event when it is journaled, just before the kernel handles it. */
    public KernelHarness onInbound(final Consumer<InboundEvent> observer) {
        inboundObservers.add(observer);
        return this;
    }

    /** Whether market-data helpers move the venue's market price (default true). */
    public KernelHarness followMarket(final boolean on) {
        this.followMarket = on;
        return this;
    }

    // ------------------------------------------------------------------ time

    /** The configuration's start time plus {@code seconds} (exact to the nanosecond for short decimals). */
    public long at(final double seconds) {
        return config.startTimeNanos() + Math.round(seconds * SECOND);
    }

    /** Kernel time now. */
    public long nowNanos() {
        return kernel.nowNanos();
    }

    /** Runs every event, venue action and timer due at or before {@code nanos}; the clock ends at {@code nanos}. */
    public KernelHarness runUntil(final long nanos) {
        loop.runUntil(nanos);
        return this;
    }

    /** Runs for {@code nanos} from now. */
    public KernelHarness runFor(final long nanos) {
        return runUntil(Math.addExact(nowNanos(), nanos));
    }

    /** Schedules venue-side work (scripting the port, e.g. a passive fill) at a time not before now. */
    public KernelHarness atTime(final long nanos, final Runnable action) {
        loop.scheduleAction(nanos, action);
        return this;
    }

    // ------------------------------------------------------------------ inputs

    /** Schedules any inbound event at its {@code tsInitNanos}. */
    public KernelHarness publish(final InboundEvent event) {
        loop.publish(event);
        return this;
    }

    /** A flat one-minute bar closing at {@code atNanos} at {@code close}. */
    public KernelHarness bar(final InstrumentId id, final long atNanos, final long close) {
        return bar(id, atNanos, close, close, close, close, 0);
    }

    /** A one-minute bar closing at {@code atNanos}. */
    public KernelHarness bar(final InstrumentId id, final long atNanos, final long open, final long high, final long low, final long close,
            final long volume) {
        follow(id, atNanos, close);
        return publish(new Bar(id, atNanos - BAR_INTERVAL_NANOS, BAR_INTERVAL_NANOS, open, high, low, close, volume, atNanos, atNanos));
    }

    /** A best bid/offer. */
    public KernelHarness quote(final InstrumentId id, final long atNanos, final long bid, final long bidQty, final long ask, final long askQty) {
        follow(id, atNanos, (bid + ask) / 2);
        return publish(new QuoteTick(id, bid, bidQty, ask, askQty, atNanos, atNanos));
    }

    /** An order-book snapshot (bids best first, asks best first). */
    public KernelHarness book(final InstrumentId id, final long atNanos, final List<BookLevel> bids, final List<BookLevel> asks) {
        if (!bids.isEmpty() && !asks.isEmpty()) {
            follow(id, atNanos, (bids.get(0).price() + asks.get(0).price()) / 2);
        }
        return publish(new BookSnapshot(id, bids, asks, atNanos, atNanos));
    }

    /** A mark price. */
    public KernelHarness mark(final InstrumentId id, final long atNanos, final long price) {
        follow(id, atNanos, price);
        return publish(new MarkPrice(id, price, 0, atNanos, atNanos));
    }

    /** A public trade. */
    public KernelHarness trade(final InstrumentId id, final long atNanos, final long price, final long qty, final Side aggressor, final String tradeId) {
        follow(id, atNanos, price);
        return publish(new TradeTick(id, price, qty, aggressor, tradeId, atNanos, atNanos));
    }

    /** A funding-rate announcement (market data; the payment itself is {@link #fundingSettled}). */
    public KernelHarness fundingRate(final InstrumentId id, final long atNanos, final long rate, final long nextFundingNanos) {
        return publish(new FundingRate(id, rate, nextFundingNanos, atNanos, atNanos));
    }

    /** The venue settles funding on a perpetual position. */
    public KernelHarness fundingSettled(final InstrumentId id, final long atNanos, final long rate, final long markPrice) {
        return publish(new FundingSettled(id.venue(), id, rate, markPrice, atNanos, atNanos));
    }

    /**
     * A fill of an order this process did not place (no client id), e.g. the venue's liquidation engine. Also books it
     * on the venue's own position, so a later reconciliation agrees with the kernel.
     */
    public KernelHarness externalFill(final InstrumentId id, final long atNanos, final Side side, final long price, final long qty,
            final long feeMoney, final Liquidity liquidity, final String tradeId) {
        atTime(atNanos, () -> {
            final ScriptedExecutionPort p = port(id.venue());
            final long before = p.positionQty(id);
            final long after = before + side.sign() * qty;
            p.setPosition(id, after, after == 0 ? 0 : price);
        });
        return publish(new VenueFill(id.venue(), null, null, id, tradeId, side, price, qty, feeMoney, liquidity, atNanos, atNanos));
    }

    private void follow(final InstrumentId id, final long atNanos, final long price) {
        if (followMarket && price > 0) {
            final ScriptedExecutionPort p = ports.get(id.venue());
            if (p != null) {
                atTime(atNanos, () -> p.setMarketPrice(id, price));
            }
        }
    }

    // ------------------------------------------------------------------ inspection

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** The loop. */
    public SimulationLoop loop() {
        return loop;
    }

    /** The configuration. */
    public KernelConfig config() {
        return config;
    }

    /** The ports' report latency. */
    public long latencyNanos() {
        return latencyNanos;
    }

    /** The scripted venue (the only one, or the first by name). */
    public ScriptedExecutionPort port() {
        return ports.firstEntry().getValue();
    }

    /** The scripted venue of that name. */
    public ScriptedExecutionPort port(final String venue) {
        final ScriptedExecutionPort p = ports.get(venue);
        if (p == null) {
            throw new IllegalArgumentException("no venue " + venue);
        }
        return p;
    }

    /** Every scripted venue by name. */
    public Map<String, ScriptedExecutionPort> ports() {
        return new TreeMap<>(ports);
    }

    /** Every outbound event so far, in order. */
    public List<KernelEvent> events() {
        return new ArrayList<>(events);
    }

    /** Outbound events of one type, in order. */
    public <T extends KernelEvent> List<T> events(final Class<T> type) {
        return TypeFilter.ofType(events, type);
    }

    /** The last outbound event of a type, or null. */
    public <T extends KernelEvent> T lastEvent(final Class<T> type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i))) {
                return type.cast(events.get(i));
            }
        }
        return null;
    }

    /** Every command the ports received (all venues), in order. */
    public List<Command> commands() {
        return new ArrayList<>(commands);
    }

    /** Commands of one type the ports received (all venues), in order. */
    public <T extends Command> List<T> commands(final Class<T> type) {
        return TypeFilter.ofType(commands, type);
    }

    /** The outbound events of one order, in order. */
    public List<OrderEvent> orderEvents(final ClientOrderId id) {
        final List<OrderEvent> out = new ArrayList<>();
        for (final KernelEvent e : events) {
            if (e instanceof OrderEvent oe && oe.clientOrderId().equals(id)) {
                out.add(oe);
            }
        }
        return out;
    }

    /** The commands about one order (submits, cancels, amends, queries), in order. */
    public List<Command> commands(final ClientOrderId id) {
        final List<Command> out = new ArrayList<>();
        for (final Command c : commands) {
            final ClientOrderId about = c instanceof SubmitOrder x ? x.clientOrderId()
                    : c instanceof CancelOrder x ? x.clientOrderId()
                    : c instanceof AmendOrder x ? x.clientOrderId()
                    : c instanceof QueryOrder x ? x.clientOrderId()
                    : null;
            if (id.equals(about)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The journal of every inbound event handled. */
    public InMemoryJournal journal() {
        return journal;
    }

    /** The inbound event being handled (or last handled). */
    public InboundEvent currentInbound() {
        return currentInbound;
    }

    /** The trace hash of the outbound events so far. */
    public String traceHash() {
        return kernel.traceHash();
    }

    /** The kernel's state digest. */
    public String stateDigest() {
        return kernel.stateDigest();
    }

    // ------------------------------------------------------------------ replay

    /**
     * Rebuilds a kernel from a journal: a fresh kernel with the same configuration and (fresh) strategies, silent
     * {@link RecordingExecutionPort}s, every journaled event fed through {@link Kernel#onEvent} in order, then the
     * clock advanced to {@code endNanos} (firing the timers due by then, as the original run did).
     */
    public static Replayed replay(final KernelConfig config, final List<StrategySpec> strategies, final InMemoryJournal journal,
            final long endNanos) {
        final List<RecordingExecutionPort> ports = new ArrayList<>();
        for (final String venue : InstrumentRegistry.of(config.instruments()).venues()) {
            ports.add(new RecordingExecutionPort(venue));
        }
        final InMemoryJournal again = new InMemoryJournal();
        final Kernel k = new Kernel(config, new ArrayList<>(ports), again);
        final List<KernelEvent> out = new ArrayList<>();
        k.addListener(out::add);
        strategies.forEach(k::addStrategy);
        k.start();
        for (final InMemoryJournal.Entry e : journal.entries()) {
            k.onEvent(e.event());
        }
        k.advanceTo(endNanos);
        return new Replayed(k, ports, out, again);
    }
}
