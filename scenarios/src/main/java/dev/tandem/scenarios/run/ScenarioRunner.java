package dev.tandem.scenarios.run;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.KernelSnapshot;
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
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.scenarios.check.Checkers;
import dev.tandem.scenarios.check.KernelCheckContext;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.expect.ExpectationOutcome;
import dev.tandem.scenarios.expect.RunFacts;
import dev.tandem.scenarios.model.AgentSpec;
import dev.tandem.scenarios.model.FaultSpec;
import dev.tandem.scenarios.model.MarketDataSpec;
import dev.tandem.scenarios.model.RunSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.model.StrategyConfig;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.MarginSettings;
import dev.tandem.sim.SimAccount;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.SimVenueConfig;
import dev.tandem.sim.agent.LadderAgent;
import dev.tandem.sim.agent.NoiseTaker;
import dev.tandem.sim.data.MarketDataSource;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.FaultRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link Scenario}: wires a {@link Kernel} to a {@link SimVenue} (its {@code SimExecutionPort} for account
 * {@value #KERNEL_ACCOUNT}, its {@code SimMarketDataPort}, latency, the fault plan, background agents on accounts
 * {@value #FIRST_AGENT_ACCOUNT} and up) on one {@link SimulationLoop}, replays the market data, runs single-threaded to
 * the end in simulated time, and evaluates the expectations. The same scenario and seed give the same trace hash,
 * state digest and venue digest on any JVM.
 */
public final class ScenarioRunner {
    /** The kernel's account at the venue. */
    public static final long KERNEL_ACCOUNT = 1;
    /** The first background agent's account (agents get consecutive ids). */
    public static final long FIRST_AGENT_ACCOUNT = 100;
    /** The bound on one strategy's callbacks per inbound event (the kernel's rogue-loop guard). */
    public static final int MAX_STRATEGY_CALLBACKS_PER_EVENT = 10_000;

    private final StrategyResolver strategies;
    private final List<RunObserver> observers = new ArrayList<>();
    private Function<Scenario, Checkers> checkers = ScenarioRunner::standardCheckers;

    /** A runner resolving strategies with this resolver. */
    public ScenarioRunner(final StrategyResolver strategies) {
        this.strategies = strategies;
    }

    /** A runner with the default resolver. */
    public static ScenarioRunner defaults() {
        return new ScenarioRunner(StrategyResolver.defaults());
    }

    /** Adds an observer of every later run. */
    public ScenarioRunner observe(final RunObserver observer) {
        observers.add(observer);
        return this;
    }

    /**
     * Replaces the invariant checkers every later run is watched by (default {@link #standardCheckers}); their
     * violations fail the expectation {@code no-invariant-violations}. A test may pass a deliberately strict set.
     */
    public ScenarioRunner withCheckers(final Function<Scenario, Checkers> factory) {
        this.checkers = java.util.Objects.requireNonNull(factory, "factory");
        return this;
    }

    /**
     * The standard checkers ({@link Checkers#standard}) for a scenario: liveness is judged from the end of its last
     * fault, with the bound {@link #livenessBoundNanos}.
     */
    public static Checkers standardCheckers(final Scenario s) {
        return Checkers.standard(healedAtNanos(s), livenessBoundNanos(s), s.run().endNanos());
    }

    /** When the scenario's last fault ends (an instant fault: its time); the run's start without faults. */
    public static long healedAtNanos(final Scenario s) {
        long healed = s.run().startNanos();
        for (final FaultSpec f : s.faults()) {
            healed = Math.max(healed, f.fault().endNanos());
        }
        return healed;
    }

    /**
     * How long after the faults every order must be settled and agree with the venue: two breaker-open periods (the
     * breaker re-opens once if its first probe meets the tail of an outage), the retries of one request with their
     * timeouts, two reconciliation periods, and a minute of slack.
     */
    public static long livenessBoundNanos(final Scenario s) {
        final long timeout = s.run().requestTimeoutNanos();
        final long retries = (long) (s.execution().maxRetries() + 1) * (timeout + (s.execution().retryBaseNanos() << s.execution().maxRetries()));
        return 2 * s.execution().breakerOpenNanos() + retries + 2 * s.run().reconcileEveryNanos() + 60_000_000_000L;
    }

    /** A finished run: its result, what it recorded (kernel and venue included) and the kernel's input journal. */
    public record Run(ScenarioResult result, RunRecord record, InMemoryJournal journal) {}

    /** Runs the scenario and returns its result. */
    public ScenarioResult run(final Scenario s) throws IOException {
        return runFull(s).result();
    }

    /** The kernel configuration a scenario describes. */
    public static KernelConfig kernelConfig(final Scenario s) {
        return new KernelConfig(s.seed(), null, s.run().startNanos(), s.account().currency(), s.account().balances(),
                s.instruments(), s.account().leverage(), s.risk(), s.execution(), s.run().reconcileEveryNanos(),
                MAX_STRATEGY_CALLBACKS_PER_EVENT);
    }

    /** The venue configuration a scenario describes. */
    public static SimVenueConfig venueConfig(final Scenario s) {
        final List<Fault> faults = new ArrayList<>();
        for (final FaultSpec f : s.faults()) {
            faults.add(f.fault());
        }
        SimVenueConfig c = SimVenueConfig.defaults(s.venue(), s.seed(), s.instruments())
                .withLatency(s.latency())
                .withAccount(SimAccount.trading(KERNEL_ACCOUNT, s.account().balances()))
                .withFaults(FaultPlan.of(faults))
                .withBarFill(s.fillModel().barFill())
                .withRequestTimeout(s.run().requestTimeoutNanos());
        for (int i = 0; i < s.agents().size(); i++) {
            c = c.withAccount(SimAccount.agent(FIRST_AGENT_ACCOUNT + i));
        }
        if (s.account().ledger() == LedgerKind.MARGIN) {
            int lev = 1;
            for (final int l : s.account().leverage().values()) {
                lev = Math.max(lev, l);
            }
            c = c.withMarginLedger(MarginSettings.defaults().withLeverage(lev));
        }
        return c;
    }

    /** Runs the scenario and returns everything. */
    public Run runFull(final Scenario s) throws IOException {
        final long wallStart = System.nanoTime();
        final KernelConfig config = kernelConfig(s);
        final SimVenue venue = new SimVenue(venueConfig(s));
        for (int i = 0; i < s.agents().size(); i++) {
            venue.addAgent(FIRST_AGENT_ACCOUNT + i, agent(s, s.agents().get(i)));
        }
        final RunRecord record = new RunRecord(s.run().startNanos(), s.run().endNanos(), KERNEL_ACCOUNT);
        InMemoryJournal journal = new InMemoryJournal();
        final Kernel[] holder = new Kernel[1];
        final Checkers check = checkers.apply(s);
        final KernelCheckContext[] checkContext = new KernelCheckContext[1];
        final Consumer<Command> onCommand = c -> check.onCommand(c, checkContext[0]);
        final Observed port = new Observed(venue.executionPort(KERNEL_ACCOUNT), record, holder, onCommand);
        Kernel kernel = new Kernel(config, List.of(port), journal);
        holder[0] = kernel;
        checkContext[0] = new KernelCheckContext(kernel, venue, KERNEL_ACCOUNT);
        record.bind(kernel, venue);
        final SimulationLoop loop = new SimulationLoop(kernel);
        venue.attach(loop);
        final boolean[] alive = {true};
        kernel.addListener(e -> {
            if (alive[0]) {
                record.event(e);
                check.onEvent(e, checkContext[0]);
            }
        });
        for (final StrategyConfig sc : s.strategies()) {
            kernel.addStrategy(spec(s, sc));
        }
        final EnumSet<DataKind> kinds = EnumSet.of(DataKind.BARS, DataKind.TRADES, DataKind.QUOTES, DataKind.MARK_PRICE,
                DataKind.FUNDING);
        if (!s.agents().isEmpty()) {
            // a book made by agents is real liquidity: strategies and the slippage check may read it
            kinds.add(DataKind.BOOK);
        }
        for (final Instrument i : s.instruments()) {
            venue.marketDataPort().subscribe(i.id(), kinds);
        }
        final Instrument dataInstrument = instrument(s, s.marketData().instrument());
        try (MarketDataSource<? extends MarketData> data = DataSources.open(s.marketData(), dataInstrument, s.seed(),
                s.run().startNanos())) {
            venue.addReplay(data);
            for (final RunObserver o : observers) {
                o.onStart(kernel, venue);
            }
            kernel.start();
            record.equity(s.run().startNanos(), kernel.portfolio().equityMoney());
            int faultsSeen = 0;
            long t = s.run().startNanos();
            final RunSpec.KernelCrash crash = s.run().crash();
            while (t < s.run().endNanos()) {
                t = Math.min(Math.addExact(t, s.run().sampleEveryNanos()), s.run().endNanos());
                if (crash != null && alive[0] && crash.atNanos() <= t) {
                    loop.runUntil(crash.atNanos());
                    // the process dies: what it would still send or emit goes nowhere; it keeps only its journal
                    alive[0] = false;
                    port.dead = true;
                    final long crashSeq = kernel.inboundSeq();
                    final KernelSnapshot snapshot = crash.restore() == RunSpec.Restore.SNAPSHOT ? kernel.snapshot() : null;
                    final InMemoryJournal upToCrash = new InMemoryJournal();
                    for (final InMemoryJournal.Entry e : journal.entries()) {
                        if (e.seq() <= crashSeq) {
                            upToCrash.append(e.seq(), e.event());
                        }
                    }
                    // while it is down the venue goes on; its reports and market data reach a dead process (lost)
                    loop.runUntil(crash.restartNanos());
                    journal = new InMemoryJournal();
                    kernel = restart(s, config, venue, record, holder, journal, upToCrash, snapshot, crash, onCommand,
                            check, checkContext);
                    loop.replaceKernel(kernel);
                }
                loop.runUntil(t);
                record.equity(t, kernel.portfolio().equityMoney());
                check.onStep(checkContext[0]);
                final List<FaultRecord> log = venue.faultLog();
                for (; faultsSeen < log.size(); faultsSeen++) {
                    for (final RunObserver o : observers) {
                        o.onFault(log.get(faultsSeen));
                    }
                }
                for (final RunObserver o : observers) {
                    o.onStep(t);
                }
            }
            check.onFinish(checkContext[0]);
            record.violations(check.violations());
            kernel.stop();
        }
        final String dataSha = s.marketData() instanceof MarketDataSpec.FileData f ? DataSources.sha256(f.path()) : "";
        final ScenarioResult result = result(s, record, dataSha, (System.nanoTime() - wallStart) / 1_000_000);
        for (final RunObserver o : observers) {
            o.onFinish(result);
        }
        return new Run(result, record, journal);
    }

    /**
     * A new kernel process after a crash: rebuilds the state as of the crash (journal replay into a fresh kernel with
     * fresh strategies, or {@code Kernel.restore} from the snapshot) while its port is silent (those commands were
     * sent before the crash), then goes live at the restart time: timers that fell due while it was down fire, and it
     * asks the venue for its open orders, positions and balances (DESIGN §6: replay, then reconcile, then trade).
     */
    private Kernel restart(final Scenario s, final KernelConfig config, final SimVenue venue, final RunRecord record,
            final Kernel[] holder, final InMemoryJournal journal, final InMemoryJournal upToCrash, final KernelSnapshot snapshot,
            final RunSpec.KernelCrash crash, final Consumer<Command> onCommand, final Checkers check,
            final KernelCheckContext[] checkContext) {
        final Observed port = new Observed(venue.executionPort(KERNEL_ACCOUNT), record, holder, onCommand);
        port.dead = true;
        final List<StrategySpec> specs = new ArrayList<>();
        for (final StrategyConfig sc : s.strategies()) {
            specs.add(spec(s, sc));
        }
        final Kernel k;
        if (snapshot != null) {
            for (final InMemoryJournal.Entry e : upToCrash.entries()) {
                journal.append(e.seq(), e.event());
            }
            k = Kernel.restore(config, List.of(port), journal, specs, snapshot);
            holder[0] = k;
            k.start();
        } else {
            k = new Kernel(config, List.of(port), journal);
            holder[0] = k;
            specs.forEach(k::addStrategy);
            k.start();
            for (final InMemoryJournal.Entry e : upToCrash.entries()) {
                k.onEvent(e.event());
            }
            k.advanceTo(crash.atNanos());
        }
        record.bind(k, venue);
        // the checkers go on with the new process: what it rebuilt from the journal was seen before the crash
        checkContext[0] = new KernelCheckContext(k, venue, KERNEL_ACCOUNT);
        k.addListener(record::event);
        k.addListener(e -> check.onEvent(e, checkContext[0]));
        port.dead = false;
        k.advanceTo(crash.restartNanos());
        k.requestReconciliation(s.venue());
        return k;
    }

    /** Evaluates a scenario's expectations on a finished run. */
    public static List<ExpectationOutcome> evaluate(final Scenario s, final RunFacts run) {
        final List<ExpectationOutcome> out = new ArrayList<>();
        for (int i = 0; i < s.expectations().size(); i++) {
            final Expectation e = s.expectations().get(i);
            out.add(e.evaluate(run).at(i));
        }
        return out;
    }

    private StrategySpec spec(final Scenario scenario, final StrategyConfig sc) {
        final StrategyResolver.Resolved r = strategies.resolve(sc.reference(), sc.byClass());
        if (r == null) {
            throw new IllegalArgumentException("unknown strategy '" + sc.reference() + "'");
        }
        final TreeMap<String, String> given = new TreeMap<>(sc.params());
        final Strategy strategy = r.maker().apply(given, instrument(scenario, sc.instruments().get(0)));
        final TreeMap<String, String> params = new TreeMap<>(given);
        params.putIfAbsent(BuiltinStrategies.INSTRUMENT_PARAM, sc.instruments().get(0).toString());
        return new StrategySpec(new StrategyId(sc.id()), sc.instruments(), sc.marketMaker() || r.marketMaker(), params, strategy);
    }

    private static Instrument instrument(final Scenario s, final InstrumentId id) {
        for (final Instrument i : s.instruments()) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no instrument " + id);
    }

    private static dev.tandem.sim.VenueAgent agent(final Scenario s, final AgentSpec a) {
        final String symbol = a.instrument().symbol();
        if (a instanceof AgentSpec.Ladder l) {
            return new LadderAgent(symbol, l.startMid(), l.levels(), l.qty(), l.periodNanos(), l.stepTicks(), l.spacingTicks(),
                    s.run().endNanos());
        }
        final AgentSpec.NoiseTaker n = (AgentSpec.NoiseTaker) a;
        return new NoiseTaker(symbol, n.meanGapNanos(), n.maxLots(), s.run().endNanos());
    }

    // ------------------------------------------------------------------ the result

    private static ScenarioResult result(final Scenario s, final RunRecord r, final String dataSha, final long wallMillis) {
        final Kernel k = r.kernel();
        final SimVenue v = r.venue();
        final long start = s.run().startNanos();
        final TreeMap<String, Long> counters = new TreeMap<>();
        final List<ScenarioResult.StateChange> trading = new ArrayList<>();
        final List<ScenarioResult.StateChange> strategy = new ArrayList<>();
        final List<ScenarioResult.StateChange> breaker = new ArrayList<>();
        for (final KernelEvent e : r.events()) {
            counters.merge("event." + e.getClass().getSimpleName(), 1L, Long::sum);
            if (e instanceof TradingStateChanged t) {
                trading.add(new ScenarioResult.StateChange(TimeText.formatInstant(t.tsInitNanos()), "", t.from().name(),
                        t.to().name(), t.trigger().name(), t.reason()));
            } else if (e instanceof StrategyStateChanged c) {
                strategy.add(new ScenarioResult.StateChange(TimeText.formatInstant(c.tsInitNanos()), c.strategyId().value(),
                        c.from().name(), c.to().name(), c.trigger().name(), c.reason()));
            } else if (e instanceof CircuitBreakerStateChanged c) {
                breaker.add(new ScenarioResult.StateChange(TimeText.formatInstant(c.tsInitNanos()), c.venue(), c.from().name(),
                        c.to().name(), "", c.reason()));
            }
        }
        long orders = 0;
        long cancels = 0;
        long queries = 0;
        long whileHalted = 0;
        for (final RunFacts.SentCommand c : r.sent()) {
            counters.merge("command." + c.command().getClass().getSimpleName(), 1L, Long::sum);
            if (c.command() instanceof SubmitOrder o) {
                orders++;
                if (c.tradingState() == TradingState.HALTED && !o.strategyId().equals(StrategyId.RISK)) {
                    whileHalted++;
                }
            } else if (c.command() instanceof CancelOrder || c.command() instanceof CancelAllOrders) {
                cancels++;
            } else if (!(c.command() instanceof AmendOrder)) {
                queries++;
            }
        }
        final long[] peak = Expectation.MaxOrdersPerSecond.peak(r);
        final ScenarioResult.VenueCounters venue = new ScenarioResult.VenueCounters(orders, cancels, queries, peak[0],
                peak[0] == 0 ? "" : TimeText.formatInstant(peak[1]), whileHalted, v.tradeCount());

        final List<ScenarioResult.Position> positions = new ArrayList<>();
        for (final Instrument i : s.instruments()) {
            positions.add(new ScenarioResult.Position(i.id().toString(), i.formatQty(k.portfolio().positionQty(i.id())),
                    i.formatQty(v.position(KERNEL_ACCOUNT, i.id())), i.formatPrice(k.portfolio().avgEntryPrice(i.id())),
                    Fixed.formatMoney(k.portfolio().realizedPnlMoney(i.id()))));
        }
        final TreeMap<String, String> venueBalances = new TreeMap<>();
        for (final VenueBalance b : v.balances(KERNEL_ACCOUNT)) {
            venueBalances.put(b.asset(), Fixed.formatMoney(b.totalMoney()));
        }
        final java.util.TreeSet<String> assets = new java.util.TreeSet<>(venueBalances.keySet());
        assets.addAll(s.account().balances().keySet());
        final List<ScenarioResult.Balance> balances = new ArrayList<>();
        for (final String a : assets) {
            balances.add(new ScenarioResult.Balance(a, Fixed.formatMoney(k.portfolio().balanceMoney(a)),
                    venueBalances.getOrDefault(a, Fixed.formatMoney(0))));
        }
        final SortedMap<String, String> strategies = new TreeMap<>();
        for (final StrategyId id : k.risk().strategies()) {
            strategies.put(id.value(), k.risk().strategyState(id).name());
        }
        final ScenarioResult.FinalState fin = new ScenarioResult.FinalState(Fixed.formatMoney(k.portfolio().equityMoney()),
                s.account().currency(), k.risk().tradingState().name(), strategies, positions, balances, k.checkInvariants());

        final List<ScenarioResult.FaultEntry> faults = new ArrayList<>();
        for (final FaultRecord f : v.faultLog()) {
            faults.add(new ScenarioResult.FaultEntry(TimeText.formatInstant(f.timeNanos()), f.type().name(), f.phase().name(),
                    f.detail()));
        }
        final List<ScenarioResult.EquityPoint> equity = new ArrayList<>();
        for (final RunFacts.EquitySample e : r.equity()) {
            equity.add(new ScenarioResult.EquityPoint(TimeText.formatInstant(e.nanos()), Fixed.formatMoney(e.equityMoney())));
        }
        final List<ExpectationOutcome> outcomes = evaluate(s, r);
        boolean passed = true;
        for (final ExpectationOutcome o : outcomes) {
            passed &= o.passed();
        }
        final StateDigest run = new StateDigest();
        run.section("run").putString(k.traceHash()).putString(k.stateDigest());
        v.digest(run);
        return new ScenarioResult(s.name(), s.source() == null ? "" : s.source().toString(), s.description(), s.seed(),
                TimeText.formatInstant(start), TimeText.formatInstant(s.run().endNanos()), dataSha, k.traceHash(),
                k.stateDigest(), v.digest(), run.hex(), counters, fin, trading, strategy, breaker, venue, faults, equity, outcomes,
                passed, wallMillis);
    }

    /** The port the kernel talks to: records each command with the kernel time and trading state, then passes it on. */
    private static final class Observed implements ExecutionPort {
        private final ExecutionPort target;
        private final RunRecord record;
        private final Kernel[] kernel;
        /** A crashed process sends nothing (and a restarted one nothing while it rebuilds its state). */
        boolean dead;
        private final Consumer<Command> checkers;

        Observed(final ExecutionPort target, final RunRecord record, final Kernel[] kernel, final Consumer<Command> checkers) {
            this.target = target;
            this.record = record;
            this.kernel = kernel;
            this.checkers = checkers;
        }

        private void seen(final Command c) {
            record.sent(new RunFacts.SentCommand(kernel[0].nowNanos(), c, kernel[0].risk().tradingState()));
            checkers.accept(c);
        }

        @Override
        public String venue() {
            return target.venue();
        }

        @Override
        public void submit(final SubmitOrder c) {
            if (dead) {
                return;
            }
            seen(c);
            target.submit(c);
        }

        @Override
        public void cancel(final CancelOrder c) {
            if (dead) {
                return;
            }
            seen(c);
            target.cancel(c);
        }

        @Override
        public void amend(final AmendOrder c) {
            if (dead) {
                return;
            }
            seen(c);
            target.amend(c);
        }

        @Override
        public void cancelAll(final CancelAllOrders c) {
            if (dead) {
                return;
            }
            seen(c);
            target.cancelAll(c);
        }

        @Override
        public void queryOrder(final QueryOrder c) {
            if (dead) {
                return;
            }
            seen(c);
            target.queryOrder(c);
        }

        @Override
        public void queryOpenOrders(final QueryOpenOrders c) {
            if (dead) {
                return;
            }
            seen(c);
            target.queryOpenOrders(c);
        }

        @Override
        public void queryPositions(final QueryPositions c) {
            if (dead) {
                return;
            }
            seen(c);
            target.queryPositions(c);
        }

        @Override
        public void queryBalances(final QueryBalances c) {
            if (dead) {
                return;
            }
            seen(c);
            target.queryBalances(c);
        }
    }
}
