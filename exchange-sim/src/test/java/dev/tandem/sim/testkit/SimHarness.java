package dev.tandem.sim.testkit;

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
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.sim.BarFill;
import dev.tandem.sim.SimAccount;
import dev.tandem.sim.SimExecutionPort;
import dev.tandem.sim.SimMarketDataPort;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.SimVenueConfig;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.LatencyProfile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The kernel on the simulated venue, wired for end-to-end tests (and, through exchange-sim's test-jar, for the
 * scenarios module): a {@link Kernel} whose only execution port is a {@link SimExecutionPort} of a {@link SimVenue}
 * (account {@link #KERNEL_ACCOUNT}, starting with the kernel's initial balances, plus an unchecked agent account
 * {@link #AGENT_ACCOUNT} for liquidity), a {@link SimulationLoop} driving both, the venue's market data subscribed
 * for every instrument, an {@link InMemoryJournal} of every inbound event, and a record of every outbound event and
 * of every command with the kernel time it was sent.
 *
 * <pre>{@code
 * SimHarness h = SimHarness.builder(kernelConfig)
 *         .venue(v -> v.withFaults(FaultPlan.of(Fault.lostAck(t0, SECOND, 1.0))).withLatency(LatencyProfile.fixed(MILLI)))
 *         .strategy(StrategySpec.of("s1", btc.id(), strategy))
 *         .build().start();
 * h.replay(Feeds.flatBars(btc.id(), h.at(60), 60 * SimHarness.SECOND, px...));
 * h.runUntil(h.at(600));
 * h.events(OrderFilled.class); h.commands(QueryOrder.class); h.faultLog(FaultType.LOST_ACK); h.runDigest();
 * }</pre>
 */
public final class SimHarness {
    /** The kernel's account at the venue. */
    public static final long KERNEL_ACCOUNT = 1;
    /** An unchecked account for liquidity (agents, {@link #agentOrder}). */
    public static final long AGENT_ACCOUNT = 100;
    /** One second in nanoseconds. */
    public static final long SECOND = 1_000_000_000L;
    /** One millisecond in nanoseconds. */
    public static final long MILLI = 1_000_000L;

    /** A command and the kernel time it was sent. */
    public record Sent(long sentNanos, Command command) {}

    private final KernelConfig config;
    private final SimVenue venue;
    private final SimExecutionPort port;
    private final Kernel kernel;
    private final SimulationLoop loop;
    private final InMemoryJournal journal = new InMemoryJournal();
    private final List<KernelEvent> events = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private boolean started;

    /** Builds a harness. */
    public static final class Builder {
        private final KernelConfig config;
        private UnaryOperator<SimVenueConfig> venue = UnaryOperator.identity();
        private final List<StrategySpec> strategies = new ArrayList<>();
        private EnumSet<DataKind> kinds = EnumSet.of(DataKind.BARS, DataKind.TRADES, DataKind.QUOTES, DataKind.MARK_PRICE,
                DataKind.FUNDING);

        private Builder(final KernelConfig config) {
            this.config = config;
        }

        /** Changes the venue's configuration (applied to the defaults: fixed 1 ms latency, no faults, bar fill CLOSE). */
        public Builder venue(final UnaryOperator<SimVenueConfig> change) {
            final UnaryOperator<SimVenueConfig> before = venue;
            this.venue = c -> change.apply(before.apply(c));
            return this;
        }

        /** The venue's fault plan. */
        public Builder faults(final FaultPlan plan) {
            return venue(c -> c.withFaults(plan));
        }

        /** The venue's latencies. */
        public Builder latency(final LatencyProfile latency) {
            return venue(c -> c.withLatency(latency));
        }

        /** The venue's bar fill model. */
        public Builder barFill(final BarFill fill) {
            return venue(c -> c.withBarFill(fill));
        }

        /** A strategy (registered in this order). */
        public Builder strategy(final StrategySpec spec) {
            strategies.add(spec);
            return this;
        }

        /** The data kinds subscribed for every instrument (default: everything but BOOK). */
        public Builder subscribe(final EnumSet<DataKind> dataKinds) {
            this.kinds = EnumSet.copyOf(dataKinds);
            return this;
        }

        /** The harness, not started. */
        public SimHarness build() {
            return new SimHarness(config, venue, strategies, kinds);
        }
    }

    /** A builder for a kernel with this configuration (all instruments on one venue). */
    public static Builder builder(final KernelConfig config) {
        return new Builder(config);
    }

    private SimHarness(final KernelConfig config, final UnaryOperator<SimVenueConfig> change, final List<StrategySpec> strategies,
                       final EnumSet<DataKind> kinds) {
        this.config = config;
        final List<String> venues = new ArrayList<>(InstrumentRegistry.of(config.instruments()).venues());
        if (venues.size() != 1) {
            throw new IllegalArgumentException("SimHarness runs one venue; the instruments trade on " + venues);
        }
        final SimVenueConfig base = SimVenueConfig.defaults(venues.get(0), config.seed(), config.instruments())
                .withLatency(LatencyProfile.fixed(MILLI))
                .withAccount(SimAccount.trading(KERNEL_ACCOUNT, config.initialBalances()))
                .withAccount(SimAccount.agent(AGENT_ACCOUNT));
        this.venue = new SimVenue(change.apply(base));
        this.port = venue.executionPort(KERNEL_ACCOUNT);
        this.kernel = new Kernel(config, List.of(new Observed(port)), journal);
        this.loop = new SimulationLoop(kernel);
        venue.attach(loop);
        kernel.addListener(events::add);
        for (final StrategySpec s : strategies) {
            kernel.addStrategy(s);
        }
        for (final Instrument i : config.instruments()) {
            venue.marketDataPort().subscribe(i.id(), kinds);
        }
    }

    /** Starts the kernel. */
    public SimHarness start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        kernel.start();
        return this;
    }

    /** The port the kernel talks to: records each command with its send time, then passes it on. */
    private final class Observed implements ExecutionPort {
        private final ExecutionPort target;

        Observed(final ExecutionPort target) {
            this.target = target;
        }

        private void seen(final Command c) {
            sent.add(new Sent(kernel.nowNanos(), c));
        }

        @Override
        public String venue() {
            return target.venue();
        }

        @Override
        public void submit(final SubmitOrder c) {
            seen(c);
            target.submit(c);
        }

        @Override
        public void cancel(final CancelOrder c) {
            seen(c);
            target.cancel(c);
        }

        @Override
        public void amend(final AmendOrder c) {
            seen(c);
            target.amend(c);
        }

        @Override
        public void cancelAll(final CancelAllOrders c) {
            seen(c);
            target.cancelAll(c);
        }

        @Override
        public void queryOrder(final QueryOrder c) {
            seen(c);
            target.queryOrder(c);
        }

        @Override
        public void queryOpenOrders(final QueryOpenOrders c) {
            seen(c);
            target.queryOpenOrders(c);
        }

        @Override
        public void queryPositions(final QueryPositions c) {
            seen(c);
            target.queryPositions(c);
        }

        @Override
        public void queryBalances(final QueryBalances c) {
            seen(c);
            target.queryBalances(c);
        }
    }

    // ------------------------------------------------------------------ time and inputs

    /** The configuration's start time plus whole or fractional seconds. */
    public long at(final double seconds) {
        return config.startTimeNanos() + Math.round(seconds * SECOND);
    }

    /** Kernel (= venue) time now. */
    public long nowNanos() {
        return kernel.nowNanos();
    }

    /** Runs everything due at or before {@code nanos}. */
    public SimHarness runUntil(final long nanos) {
        loop.runUntil(nanos);
        return this;
    }

    /** Runs for {@code nanos} from now. */
    public SimHarness runFor(final long nanos) {
        return runUntil(Math.addExact(nowNanos(), nanos));
    }

    /** Replays market data through the venue (time-ordered). */
    public SimHarness replay(final List<? extends MarketData> data) {
        return replay(data.iterator());
    }

    /** Replays market data through the venue (time-ordered, read lazily). */
    public SimHarness replay(final Iterator<? extends MarketData> data) {
        venue.addReplay(data);
        return this;
    }

    /** Venue-side work at a time (an agent order, a fault injection). */
    public SimHarness atTime(final long nanos, final Runnable action) {
        loop.scheduleAction(nanos, action);
        return this;
    }

    /** Schedules any inbound event (operator commands) at its {@code tsInitNanos}. */
    public SimHarness publish(final InboundEvent event) {
        loop.publish(event);
        return this;
    }

    /** Liquidity from the agent account, now: a GTC limit order at the venue; returns its venue order id. */
    public long agentOrder(final Instrument instrument, final Side side, final long price, final long qty) {
        return venue.placeOrder(AGENT_ACCOUNT, instrument.id().symbol(), side, OrderType.LIMIT, TimeInForce.GTC, price, qty);
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

    /** The venue. */
    public SimVenue venue() {
        return venue;
    }

    /** The kernel account's execution port. */
    public SimExecutionPort port() {
        return port;
    }

    /** The venue's market-data port. */
    public SimMarketDataPort marketData() {
        return venue.marketDataPort();
    }

    /** The kernel configuration. */
    public KernelConfig config() {
        return config;
    }

    /** The journal of every inbound event the kernel handled. */
    public InMemoryJournal journal() {
        return journal;
    }

    /** Every outbound event so far. */
    public List<KernelEvent> events() {
        return new ArrayList<>(events);
    }

    /** Outbound events of one type. */
    public <T extends KernelEvent> List<T> events(final Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (final KernelEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The outbound events of one order. */
    public List<OrderEvent> orderEvents(final ClientOrderId id) {
        final List<OrderEvent> out = new ArrayList<>();
        for (final KernelEvent e : events) {
            if (e instanceof OrderEvent oe && oe.clientOrderId().equals(id)) {
                out.add(oe);
            }
        }
        return out;
    }

    /** Every command sent, with its send time. */
    public List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** Commands of one type, in order. */
    public <T extends Command> List<T> commands(final Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (final Sent s : sent) {
            if (type.isInstance(s.command())) {
                out.add(type.cast(s.command()));
            }
        }
        return out;
    }

    /** The venue's fault log. */
    public List<FaultRecord> faultLog() {
        return venue.faultLog();
    }

    /** The venue's fault log entries of one type. */
    public List<FaultRecord> faultLog(final FaultType type) {
        final List<FaultRecord> out = new ArrayList<>();
        for (final FaultRecord r : venue.faultLog()) {
            if (r.type() == type) {
                out.add(r);
            }
        }
        return out;
    }

    /** The kernel's trace hash. */
    public String traceHash() {
        return kernel.traceHash();
    }

    /** The venue's state digest (books, orders, ledger, latency and fault streams, fault log). */
    public String venueDigest() {
        return venue.digest();
    }

    /** One digest of the whole run: the kernel's trace hash and state digest, and the venue's state. */
    public String runDigest() {
        final StateDigest d = new StateDigest();
        d.section("run").putString(kernel.traceHash()).putString(kernel.stateDigest());
        venue.digest(d);
        return d.hex();
    }

    @Override
    public String toString() {
        return "SimHarness[" + Objects.toString(venue.name()) + " at " + nowNanos() + "]";
    }
}
