package dev.tandem.kernel;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.ClosePosition;
import dev.tandem.kernel.event.DisengageKillSwitch;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PauseStrategy;
import dev.tandem.kernel.event.ReconcileNow;
import dev.tandem.kernel.event.ResumeStrategy;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.BreakerOpenPolicy;
import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.execution.RateLimit;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.OpenOrder;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.KernelHarness;
import dev.tandem.testkit.Rng;
import dev.tandem.testkit.ScriptedExecutionPort;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Generated end-to-end kernel scenarios for {@link KernelProperties}: a random setup (risk limits through the
 * builder, execution config, balances, leverage), random strategies, and a random sequence of timed steps — market
 * data on a random price path (on the tick grid), strategy intents attached to market data, venue fault scripts,
 * venue-side actions, operator commands, external fills, funding and idle time.
 *
 * <p>Everything is a value: a {@link Scenario} fully determines a run, so the same scenario can be run twice
 * (determinism) and its strategies rebuilt for a journal replay. Strategies draw their reactions from the kernel's
 * per-strategy seeded stream ({@link StrategyContext#random()}), their intents from the {@link Plan}.
 */
final class KernelScenarios {
    private KernelScenarios() {}

    static final String ALT = "ALT";
    static final Instrument BTC = Instruments.btcUsdtPerp();
    static final Instrument ETH = Instruments.ethUsdtPerp();
    /** Coarse filters so off-tick prices and off-lot quantities exist: tick 0.010, lot = min 0.10. */
    static final Instrument SOL = new Instrument(new InstrumentId("SOLUSDT", Instruments.VENUE), InstrumentKind.LINEAR_PERPETUAL,
            "SOL", "USDT", 3, 2, 10, 10, 10, 100_000, Fixed.money("5"), Fixed.rate("0.0002"), Fixed.rate("0.00055"), 50,
            Fixed.rate("0.01"));
    /** BTCUSDT on a second venue: its own port, breaker, limiter, faults and reconciliation. */
    static final Instrument BTC_ALT = Instruments.btcUsdtPerp(ALT);
    static final List<Instrument> INSTRUMENTS = List.of(BTC, ETH, SOL, BTC_ALT);
    static final List<String> VENUES = List.of(Instruments.VENUE, ALT);
    static final long[] BASE_PRICE = {BTC.price("60000.00"), ETH.price("3000.00"), SOL.price("150.000"), BTC_ALT.price("60000.00")};
    /** Lots worth about 3 000 USDT at the base price: around the default max order notional. */
    static final long[] MAX_LOTS = {50, 100, 20, 50};
    static final long SECOND = KernelHarness.SECOND;
    static final long MILLI = KernelHarness.MILLI;

    // ================================================================================================ values

    enum DataKind { BAR, QUOTE, MARK, BOOK, TRADE }

    enum IntentKind { LIMIT, MARKET, POST_ONLY, IOC, FOK, STOP_MARKET, STOP_LIMIT }

    /**
     * An intent a strategy submits when it sees the market event it is attached to. {@code strategy} and
     * {@code instrument} are indices (the strategy index modulo the number of strategies; instrument -1 is the market
     * event's own; an instrument the strategy did not register for is denied). Prices are {@code offsetBps} away
     * from the reference price.
     */
    record Intent(int strategy, int instrument, Side side, IntentKind kind, int offsetBps, boolean offTick, long lots,
            boolean offLot, boolean reduceOnly, int copies) {}

    /** A strategy's behaviour: what it trades, how it reacts (percent chances), whether it is a rogue loop. */
    record Program(int instrumentMask, boolean marketMaker, int cancelPct, int amendPct, int closePct, boolean rogue,
            long timerNanos) {
        List<Integer> instrumentIndices() {
            final List<Integer> out = new ArrayList<>();
            for (int i = 0; i < INSTRUMENTS.size(); i++) {
                if ((instrumentMask & (1 << i)) != 0) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    /** Everything about a run that is not a step; runs start at {@code startNanos} (sometimes just before a UTC midnight). */
    record Setup(long seed, long startNanos, long balanceUsdt, List<Integer> leverage, RiskLimits limits, BreakerOpenPolicy policy,
            int queueCapacity, long queueTtlNanos, RateLimit rateLimit, boolean jitter, long latencyNanos,
            long reconcileNanos, int callbackBound, int fillChunks) {}

    /** One timed thing that happens; {@code dtNanos} after the previous step. */
    sealed interface Step permits Market, Fault, VenueAct, Operator, External, Funding, Idle {
        long dtNanos();
    }

    /** Market data for one instrument, the price moved by {@code moveBps}; strategies react with {@code intents}. */
    record Market(long dtNanos, int instrument, DataKind kind, int moveBps, int spreadTicks, long depthLots, List<Intent> intents)
            implements Step {}

    /**
     * OUTAGE: the next {@code count} requests of every kind fail (transiently, or with the given failure); DELAY: the
     * next {@code count} reports are {@code retryAfterNanos} late, so later reports overtake them.
     */
    enum FaultKind { FAIL_NEXT, LOSE_NEXT, DUPLICATES_ON, DUPLICATES_OFF, REJECT_NEXT, REJECT_NEXT_CANCEL, OUTAGE, DELAY }

    /** A fault scripted on a venue (index into {@link #VENUES}), {@code count} times. */
    record Fault(long dtNanos, int venue, FaultKind kind, RequestKind request, FailureKind failure, long retryAfterNanos, int count)
            implements Step {}

    /** LATE_FILL: a passive fill whose report is delayed past the venue's unsolicited cancel of the rest. */
    enum VenueKind { FILL_RESTING, UNSOLICITED_CANCEL, EXPIRE, CLOSE_BEHIND_BACK, LATE_FILL }

    /** A venue acts on its own: on the {@code pick}-th open order (modulo), or on an instrument's position. */
    record VenueAct(long dtNanos, int venue, VenueKind kind, int pick, int percent) implements Step {}

    enum OperatorKind { ENGAGE, ENGAGE_AND_FLATTEN, DISENGAGE, RECONCILE, PAUSE, RESUME, CLOSE_POSITION }

    /** An operator command; {@code target} picks the strategy or instrument (modulo). */
    record Operator(long dtNanos, OperatorKind kind, int target) implements Step {}

    /** A fill of an order this process did not place (liquidation engine or another client). */
    record External(long dtNanos, int instrument, Side side, long lots, int priceBps, boolean liquidation) implements Step {}

    /** The venue settles funding. */
    record Funding(long dtNanos, int instrument, long rate) implements Step {}

    /** Time passes. */
    record Idle(long dtNanos) implements Step {}

    /** A whole run. */
    record Scenario(Setup setup, List<Program> programs, List<Step> steps) {}

    // ================================================================================================ generators

    /** True with {@code percent} % probability; shrinks to false. */
    private static boolean chance(final Rng r, final int percent) {
        return r.choose(0, 99) >= 100 - percent;
    }

    private static long money(final long usdt) {
        return usdt * Fixed.MONEY_ONE;
    }

    /** Permille as a rate. */
    private static long permille(final long p) {
        return p * (Fixed.RATE_ONE / 1000);
    }

    /** One of: off (0), the default, or a random value from {@code random}. Shrinks to off. */
    private static long offDefaultOr(final Rng r, final long deflt, final Gen<Long> random) {
        final int c = r.chooseInt(0, 2);
        return c == 0 ? 0 : c == 1 ? deflt : random.generate(r);
    }

    static final Gen<RiskLimits> LIMITS = r -> {
        final RiskLimits d = RiskLimits.defaults();
        final RiskLimits.Builder b = RiskLimits.builder();
        b.orderNotionalMoneyMax(offDefaultOr(r, d.orderNotionalMoneyMax(), Gen.longs(100, 3_000).map(KernelScenarios::money)));
        b.positionNotionalMoneyMax(offDefaultOr(r, d.positionNotionalMoneyMax(), Gen.longs(300, 8_000).map(KernelScenarios::money)));
        b.totalNotionalMoneyMax(offDefaultOr(r, d.totalNotionalMoneyMax(), Gen.longs(500, 15_000).map(KernelScenarios::money)));
        b.openPositionsMax((int) offDefaultOr(r, d.openPositionsMax(), Gen.longs(1, 2)));
        b.concentrationRateMax(offDefaultOr(r, d.concentrationRateMax(), Gen.longs(20, 1_000).map(KernelScenarios::permille)));
        b.leverageRateMax(offDefaultOr(r, d.leverageRateMax(), Gen.longs(200, 5_000).map(KernelScenarios::permille)));
        b.priceBandRate(offDefaultOr(r, d.priceBandRate(), Gen.longs(2, 100).map(KernelScenarios::permille)));
        b.slippageRateMax(offDefaultOr(r, d.slippageRateMax(), Gen.longs(1, 20).map(p -> p * (Fixed.RATE_ONE / 10_000))));
        switch (r.chooseInt(0, 2)) {
            case 0 -> b.strategyOrderRate(0, 0);
            case 1 -> { } // default 10 per second
            default -> b.strategyOrderRate(r.chooseInt(1, 5), r.choose(100, 2_000) * MILLI);
        }
        switch (r.chooseInt(0, 2)) {
            case 0 -> b.globalOrderRate(0, 0);
            case 1 -> { } // default 100 per minute
            default -> b.globalOrderRate(r.chooseInt(2, 10), r.choose(1, 10) * SECOND);
        }
        switch (r.chooseInt(0, 2)) {
            case 0 -> b.rateAbuse(0, 0);
            case 1 -> { } // default 20 in 10 s
            default -> b.rateAbuse(r.chooseInt(1, 5), r.choose(1, 10) * SECOND);
        }
        b.venueFailuresMax((int) offDefaultOr(r, d.venueFailuresMax(), Gen.longs(2, 5)));
        b.dailyLossRateMax(offDefaultOr(r, d.dailyLossRateMax(), Gen.longs(2, 30).map(KernelScenarios::permille)));
        b.drawdownRateMax(offDefaultOr(r, d.drawdownRateMax(), Gen.longs(2, 50).map(KernelScenarios::permille)));
        switch (r.chooseInt(0, 2)) {
            case 0 -> b.marginRatio(0, 0);
            case 1 -> { } // default 70 % / 85 %
            default -> {
                // maintenance margin is 0.5-1 % of notional: ratios of a few permille are reachable
                final long reducing = r.choose(1, 50) * (Fixed.RATE_ONE / 10_000);
                b.marginRatio(reducing, chance(r, 50) ? reducing * r.choose(1, 3) : 0);
            }
        }
        b.dataStaleNanos(offDefaultOr(r, d.dataStaleNanos(), Gen.longs(5, 60).map(s -> s * SECOND)));
        b.pauseOnBreakerOpen(!chance(r, 20));
        b.edgeCollapseRate(offDefaultOr(r, d.edgeCollapseRate(), Gen.longs(1, 10).map(KernelScenarios::permille)));
        return b.build();
    };

    /** The first UTC midnight after the harness's default start. */
    private static final long MIDNIGHT = Math.floorDiv(KernelHarness.START_NANOS, 86_400 * SECOND) * 86_400 * SECOND + 86_400 * SECOND;

    static final Gen<Setup> SETUPS = r -> new Setup(
            r.choose(1, 1_000_000),
            chance(r, 30) ? MIDNIGHT - r.choose(0, 300) * SECOND : KernelHarness.START_NANOS,
            r.choose(2_000, 50_000),
            List.of(r.chooseInt(1, 20), r.chooseInt(1, 20), r.chooseInt(1, 20), r.chooseInt(1, 20)),
            LIMITS.generate(r),
            chance(r, 50) ? BreakerOpenPolicy.DENY : BreakerOpenPolicy.QUEUE,
            r.chooseInt(0, 20),
            r.choose(1, 300) * SECOND,
            new RateLimit(r.chooseInt(1, 10), r.choose(20, 1_000) * MILLI),
            chance(r, 50),
            chance(r, 30) ? r.choose(0, 50) * MILLI : MILLI,
            chance(r, 40) ? r.choose(10, 120) * SECOND : 0,
            r.chooseInt(20, 300),
            r.chooseInt(1, 3));

    static final Gen<Program> PROGRAMS = r -> new Program(
            r.chooseInt(1, (1 << INSTRUMENTS.size()) - 1),
            chance(r, 30),
            r.chooseInt(0, 50),
            r.chooseInt(0, 30),
            r.chooseInt(0, 50),
            chance(r, 5),
            chance(r, 40) ? r.choose(1, 20) * SECOND : 0);

    static final Gen<Intent> INTENTS = r -> {
        final int strategy = r.chooseInt(0, 2);
        final int instrument = chance(r, 20) ? r.chooseInt(0, INSTRUMENTS.size() - 1) : -1;
        final int sized = instrument < 0 ? 0 : instrument; // sizes of the event's own instrument follow BTC's (wide enough)
        final Side side = r.choose(0, 1) == 0 ? Side.BUY : Side.SELL;
        final IntentKind kind = chance(r, 25) ? IntentKind.values()[r.chooseInt(2, IntentKind.values().length - 1)]
                : r.choose(0, 1) == 0 ? IntentKind.LIMIT : IntentKind.MARKET;
        final int offset = chance(r, 15) ? r.chooseInt(-2_000, 2_000) : r.chooseInt(-150, 150);
        final boolean offTick = chance(r, 5);
        final long lots;
        switch (chance(r, 10) ? r.chooseInt(0, 2) : 3) {
            case 0 -> lots = 0;
            case 1 -> lots = -r.choose(1, 10);
            case 2 -> lots = INSTRUMENTS.get(sized).maxQty() / INSTRUMENTS.get(sized).lotSize() + r.choose(0, 2);
            default -> lots = r.choose(1, MAX_LOTS[sized]);
        }
        final boolean offLot = chance(r, 5);
        final boolean reduceOnly = chance(r, 10);
        final int copies = chance(r, 5) ? r.chooseInt(5, 30) : 1; // a burst beyond the rate limits
        return new Intent(strategy, instrument, side, kind, offset, offTick, lots, offLot, reduceOnly, copies);
    };

    private static long marketDt(final Rng r) {
        return chance(r, 20) ? r.choose(1, 20) * MILLI : r.choose(100, 4_000) * MILLI;
    }

    private static long otherDt(final Rng r) {
        return chance(r, 30) ? 0 : r.choose(1, 3_000) * MILLI;
    }

    static final Gen<Market> MARKETS = r -> new Market(
            marketDt(r),
            r.chooseInt(0, INSTRUMENTS.size() - 1),
            DataKind.values()[r.chooseInt(0, DataKind.values().length - 1)],
            chance(r, 5) ? r.chooseInt(-1_500, 1_500) : r.chooseInt(-60, 60),
            r.chooseInt(1, 20),
            chance(r, 20) ? r.choose(1, 3) : r.choose(5, 200),
            Gen.listOf(INTENTS, 0, 4).generate(r));

    static final Gen<Fault> FAULTS = r -> {
        final FaultKind kind = FaultKind.values()[r.chooseInt(0, FaultKind.values().length - 1)];
        final RequestKind request = chance(r, 50) ? RequestKind.SUBMIT : RequestKind.values()[r.chooseInt(0, RequestKind.values().length - 1)];
        final FailureKind failure = FailureKind.values()[r.chooseInt(0, FailureKind.values().length - 1)];
        final long retryAfter = chance(r, 50) ? 0 : r.choose(50, 3_000) * MILLI;
        final int count = kind == FaultKind.OUTAGE ? r.chooseInt(3, 10) : chance(r, 30) ? r.chooseInt(2, 7) : 1; // 5 in a row open the breaker
        return new Fault(otherDt(r), chance(r, 30) ? 1 : 0, kind, request, failure, retryAfter, count);
    };

    static final Gen<VenueAct> VENUE_ACTS = r -> new VenueAct(otherDt(r), chance(r, 30) ? 1 : 0,
            VenueKind.values()[r.chooseInt(0, VenueKind.values().length - 1)], r.chooseInt(0, 50), r.chooseInt(1, 100));

    /** Halts are released more often than engaged, so runs do not spend most of their time HALTED. */
    private static final Gen<OperatorKind> OPERATOR_KINDS = Gen.frequency(
            Gen.weighted(2, Gen.constant(OperatorKind.RECONCILE)),
            Gen.weighted(1, Gen.constant(OperatorKind.ENGAGE)),
            Gen.weighted(1, Gen.constant(OperatorKind.ENGAGE_AND_FLATTEN)),
            Gen.weighted(3, Gen.constant(OperatorKind.DISENGAGE)),
            Gen.weighted(1, Gen.constant(OperatorKind.PAUSE)),
            Gen.weighted(2, Gen.constant(OperatorKind.RESUME)),
            Gen.weighted(1, Gen.constant(OperatorKind.CLOSE_POSITION)));

    static final Gen<Operator> OPERATORS = r -> new Operator(otherDt(r), OPERATOR_KINDS.generate(r), r.chooseInt(0, 5));

    static final Gen<External> EXTERNALS = r -> {
        final int instrument = r.chooseInt(0, INSTRUMENTS.size() - 1);
        return new External(otherDt(r), instrument, r.choose(0, 1) == 0 ? Side.SELL : Side.BUY, r.choose(1, MAX_LOTS[instrument]),
                r.chooseInt(-500, 500), r.choose(0, 1) == 0);
    };

    static final Gen<Funding> FUNDINGS = r -> new Funding(otherDt(r), r.chooseInt(0, INSTRUMENTS.size() - 1),
            r.choose(-100, 100) * (Fixed.RATE_ONE / 100_000));

    static final Gen<Idle> IDLES = r -> new Idle(r.choose(1, 90) * SECOND);

    static final Gen<Step> STEPS = Gen.frequency(
            Gen.weighted(50, MARKETS),
            Gen.weighted(12, FAULTS),
            Gen.weighted(9, VENUE_ACTS),
            Gen.weighted(6, OPERATORS),
            Gen.weighted(3, EXTERNALS),
            Gen.weighted(3, FUNDINGS),
            Gen.weighted(5, IDLES));

    static final Gen<Scenario> SCENARIOS = r -> new Scenario(
            SETUPS.generate(r),
            Gen.listOf(PROGRAMS, 1, 3).generate(r),
            Gen.listOf(STEPS, 1, 120).generate(r));

    // ================================================================================================ plan

    /** Absolute times and prices of a scenario's steps, and the intents keyed by the market event they ride on. */
    static final class Plan {
        final Scenario scenario;
        final long[] times;
        /** Price of each instrument after each step (market steps move one instrument). */
        final long[][] prices;
        private final TreeMap<String, List<Intent>> intents = new TreeMap<>();

        Plan(final Scenario scenario) {
            this.scenario = scenario;
            final int n = scenario.steps().size();
            times = new long[n];
            prices = new long[n][];
            long t = scenario.setup().startNanos();
            long[] px = BASE_PRICE.clone();
            for (int i = 0; i < n; i++) {
                final Step s = scenario.steps().get(i);
                t += s.dtNanos();
                times[i] = t;
                if (s instanceof Market m) {
                    px = px.clone();
                    px[m.instrument()] = move(m.instrument(), px[m.instrument()], m.moveBps());
                    intents.put(key(INSTRUMENTS.get(m.instrument()).id(), t), m.intents());
                }
                prices[i] = px;
            }
        }

        static long move(final int instrument, final long price, final int bps) {
            final Instrument inst = INSTRUMENTS.get(instrument);
            final long moved = inst.roundPrice(Math.addExact(price, Math.multiplyExact(price, bps) / 10_000));
            return Math.max(BASE_PRICE[instrument] / 5, Math.min(BASE_PRICE[instrument] * 5, moved));
        }

        private static String key(final InstrumentId id, final long t) {
            return id + "@" + t;
        }

        List<Intent> intentsFor(final MarketData md) {
            return intents.getOrDefault(key(md.instrumentId(), md.tsInitNanos()), List.of());
        }

        long endNanos() {
            return (times.length == 0 ? scenario.setup().startNanos() : times[times.length - 1]) + 400 * SECOND;
        }

        long priceAt(final int step, final int instrument) {
            return step < 0 ? BASE_PRICE[instrument] : prices[step][instrument];
        }
    }

    // ================================================================================================ strategies

    static StrategyId strategyId(final int index) {
        return new StrategyId("s" + (index + 1));
    }

    /** Fresh strategy instances for a scenario (a run, or a replay of it). */
    static List<StrategySpec> specs(final Plan plan) {
        final List<StrategySpec> out = new ArrayList<>();
        final List<Program> programs = plan.scenario.programs();
        for (int i = 0; i < programs.size(); i++) {
            final List<InstrumentId> ids = new ArrayList<>();
            programs.get(i).instrumentIndices().forEach(k -> ids.add(INSTRUMENTS.get(k).id()));
            out.add(new StrategySpec(strategyId(i), ids, programs.get(i).marketMaker(), new TreeMap<>(),
                    new PlannedStrategy(i, programs.get(i), plan)));
        }
        return out;
    }

    /**
     * Submits the intents the plan attaches to the market events it sees; reacts to its order events with its
     * program's chances, drawn from the kernel's seeded per-strategy stream; a rogue one resubmits on every submit
     * and denial. Records the order events it got, in order.
     */
    static final class PlannedStrategy implements Strategy {
        final int index;
        final Program program;
        final Plan plan;
        final List<OrderEvent> seen = new ArrayList<>();
        StrategyContext ctx;

        PlannedStrategy(final int index, final Program program, final Plan plan) {
            this.index = index;
            this.program = program;
            this.plan = plan;
        }

        @Override
        public void onStart(final StrategyContext context) {
            this.ctx = context;
            if (program.timerNanos() > 0) {
                ctx.setTimer("tick", ctx.nowNanos() + program.timerNanos());
            }
        }

        @Override
        public void onBar(final dev.tandem.kernel.data.Bar bar) {
            onData(bar);
        }

        @Override
        public void onQuote(final dev.tandem.kernel.data.QuoteTick quote) {
            onData(quote);
        }

        @Override
        public void onBook(final dev.tandem.kernel.data.BookSnapshot book) {
            onData(book);
        }

        @Override
        public void onMarkPrice(final dev.tandem.kernel.data.MarkPrice mark) {
            onData(mark);
        }

        @Override
        public void onTrade(final dev.tandem.kernel.data.TradeTick trade) {
            onData(trade);
        }

        private void onData(final MarketData md) {
            if (ctx.tradingState() == dev.tandem.kernel.model.TradingState.REDUCING) {
                // reduce while the account must: some of the position, at market, reduce-only or not
                final long pos = ctx.portfolio().positionQty(md.instrumentId());
                final RandomSource r = ctx.random();
                if (pos != 0 && r.nextInt(100) < 50) {
                    final Instrument inst = ctx.instrument(md.instrumentId());
                    final long qty = Math.max(inst.lotSize(), inst.roundQtyDown(Math.abs(pos) * (1 + r.nextInt(120)) / 100));
                    submit(new OrderIntent(strategyId(index), md.instrumentId(), Side.reducing(pos), OrderType.MARKET, TimeInForce.IOC,
                            0, 0, qty, r.nextBoolean(0.5)));
                }
            }
            final int n = plan.scenario.programs().size();
            for (final Intent it : plan.intentsFor(md)) {
                if (it.strategy() % n == index) {
                    for (int c = 0; c < it.copies(); c++) {
                        submit(build(it, INSTRUMENTS.indexOf(instrument(md.instrumentId()))));
                    }
                }
            }
        }

        /** Client ids of intents that could not even become orders (quantity not positive). */
        final List<ClientOrderId> malformed = new ArrayList<>();

        private void submit(final OrderIntent intent) {
            final SubmitResult r = ctx.submit(intent);
            if (intent.qty() <= 0) {
                malformed.add(r.clientOrderId());
            }
        }

        OrderIntent build(final Intent it, final int eventInstrument) {
            final int index = it.instrument() < 0 ? eventInstrument : it.instrument();
            final Instrument inst = INSTRUMENTS.get(index);
            long ref = ctx.market().referencePrice(inst.id());
            if (ref <= 0) {
                ref = BASE_PRICE[index];
            }
            long px = Math.max(inst.tickSize(), inst.roundPrice(ref + ref / 10_000 * it.offsetBps()));
            if (it.offTick() && inst.tickSize() > 1) {
                px += inst.tickSize() / 2;
            }
            long qty = it.lots() * inst.lotSize();
            if (it.offLot() && inst.lotSize() > 1) {
                qty += inst.lotSize() / 2;
            }
            final StrategyId id = strategyId(this.index);
            return switch (it.kind()) {
                case LIMIT -> new OrderIntent(id, inst.id(), it.side(), OrderType.LIMIT, TimeInForce.GTC, px, 0, qty, it.reduceOnly());
                case MARKET -> new OrderIntent(id, inst.id(), it.side(), OrderType.MARKET, TimeInForce.IOC, 0, 0, qty, it.reduceOnly());
                case POST_ONLY -> new OrderIntent(id, inst.id(), it.side(), OrderType.LIMIT, TimeInForce.POST_ONLY, px, 0, qty, it.reduceOnly());
                case IOC -> new OrderIntent(id, inst.id(), it.side(), OrderType.LIMIT, TimeInForce.IOC, px, 0, qty, it.reduceOnly());
                case FOK -> new OrderIntent(id, inst.id(), it.side(), OrderType.LIMIT, TimeInForce.FOK, px, 0, qty, it.reduceOnly());
                case STOP_MARKET -> new OrderIntent(id, inst.id(), it.side(), OrderType.STOP_MARKET, TimeInForce.GTC, 0, px, qty, it.reduceOnly());
                case STOP_LIMIT -> new OrderIntent(id, inst.id(), it.side(), OrderType.STOP_LIMIT, TimeInForce.GTC, px, px, qty, it.reduceOnly());
            };
        }

        @Override
        public void onOrderEvent(final OrderEvent e) {
            seen.add(e);
            final RandomSource r = ctx.random();
            if (e instanceof OrderAccepted a) {
                if (r.nextInt(100) < program.cancelPct()) {
                    ctx.cancel(a.clientOrderId());
                } else if (r.nextInt(100) < program.amendPct()) {
                    for (final OpenOrder o : ctx.openOrders()) {
                        if (o.clientOrderId().equals(a.clientOrderId()) && o.price() > 0) {
                            final Instrument inst = ctx.instrument(o.instrumentId());
                            final long price = Math.max(inst.tickSize(), o.price() + (r.nextInt(11) - 5) * inst.tickSize());
                            final long qty = Math.max(inst.minQty(), o.qty() + (r.nextInt(5) - 2) * inst.lotSize());
                            ctx.amend(o.clientOrderId(), price, qty);
                        }
                    }
                }
            }
            if (e instanceof OrderFilled f && r.nextInt(100) < program.closePct()) {
                submit(new OrderIntent(strategyId(index), f.instrumentId(), f.side().opposite(), OrderType.MARKET, TimeInForce.IOC,
                        0, 0, f.lastQty(), true));
            }
            if (program.rogue() && (e instanceof OrderSubmitted || e instanceof OrderDenied || e instanceof OrderRejected)) {
                final int k = program.instrumentIndices().get(0);
                submit(build(new Intent(index, k, Side.BUY, IntentKind.LIMIT, -50, false, 1, false, false, 1), k));
            }
        }

        @Override
        public void onTimer(final TimeEvent timer) {
            final List<OpenOrder> open = ctx.openOrders();
            if (!open.isEmpty()) {
                ctx.cancel(open.get(ctx.random().nextInt(open.size())).clientOrderId());
            }
            ctx.setTimer("tick", ctx.nowNanos() + program.timerNanos());
        }
    }

    // ================================================================================================ running

    /** The kernel configuration of a scenario. */
    static KernelConfig config(final Setup s) {
        ExecutionConfig exec = ExecutionConfig.defaults()
                .withBreakerOpenPolicy(s.policy())
                .withQueue(s.queueCapacity(), s.queueTtlNanos())
                .withRateLimits(s.rateLimit(), new TreeMap<>());
        if (!s.jitter()) {
            exec = exec.withRetryJitterFraction(0);
        }
        final TreeMap<String, Long> balances = new TreeMap<>();
        balances.put("USDT", money(s.balanceUsdt()));
        final TreeMap<InstrumentId, Integer> leverage = new TreeMap<>();
        for (int i = 0; i < INSTRUMENTS.size(); i++) {
            leverage.put(INSTRUMENTS.get(i).id(), s.leverage().get(i));
        }
        return new KernelConfig(s.seed(), null, s.startNanos(), "USDT", balances, INSTRUMENTS, leverage, s.limits(), exec,
                s.reconcileNanos(), s.callbackBound());
    }

    /** Called after each step has run (and once more after the final settling run, with {@code step == steps}). */
    @FunctionalInterface
    interface AfterStep {
        void check(int step) throws Exception;
    }

    /** A harness for the scenario with these (fresh) strategies, not started: add listeners, then {@link #run}. */
    static KernelHarness harness(final Plan plan, final List<StrategySpec> specs) {
        final KernelHarness h = new KernelHarness(config(plan.scenario.setup()), plan.scenario.setup().latencyNanos(), specs);
        h.ports().values().forEach(p -> p.setFillChunks(plan.scenario.setup().fillChunks()));
        return h;
    }

    /** Starts the harness and runs every step at its time, then the settling time; checks after each. */
    static void run(final Plan plan, final KernelHarness h, final AfterStep after) throws Exception {
        h.start();
        final List<Step> steps = plan.scenario.steps();
        for (int i = 0; i < steps.size(); i++) {
            schedule(plan, h, i);
            h.runUntil(plan.times[i]);
            after.check(i);
        }
        h.runUntil(plan.endNanos());
        after.check(steps.size());
    }

    private static void schedule(final Plan plan, final KernelHarness h, final int i) {
        final Step step = plan.scenario.steps().get(i);
        final long t = plan.times[i];
        if (step instanceof Market m) {
            final Instrument inst = INSTRUMENTS.get(m.instrument());
            final InstrumentId id = inst.id();
            final long before = plan.priceAt(i - 1, m.instrument());
            final long p = plan.priceAt(i, m.instrument());
            final long spread = m.spreadTicks() * inst.tickSize();
            final long depth = m.depthLots() * inst.lotSize();
            switch (m.kind()) {
                case BAR -> h.bar(id, t, before, Math.max(before, p) + spread, Math.max(inst.tickSize(), Math.min(before, p) - spread), p, depth);
                case QUOTE -> h.quote(id, t, Math.max(inst.tickSize(), p - spread), depth, p + spread, depth);
                case MARK -> h.mark(id, t, p);
                case TRADE -> h.trade(id, t, p, depth, Side.BUY, "P" + i);
                case BOOK -> {
                    final List<BookLevel> bids = new ArrayList<>();
                    final List<BookLevel> asks = new ArrayList<>();
                    for (int k = 1; k <= 3; k++) {
                        if (p - k * spread > 0) {
                            bids.add(new BookLevel(p - k * spread, depth * k));
                        }
                        asks.add(new BookLevel(p + k * spread, depth * k));
                    }
                    h.book(id, t, bids, asks);
                }
                default -> throw new IllegalStateException("unknown data kind " + m.kind());
            }
        } else if (step instanceof Fault f) {
            final ScriptedExecutionPort port = h.port(VENUES.get(f.venue()));
            h.atTime(t, () -> {
                for (int c = 0; c < f.count(); c++) {
                    switch (f.kind()) {
                        case FAIL_NEXT -> port.failNext(f.request(), f.failure(), f.retryAfterNanos());
                        case LOSE_NEXT -> port.loseNextRequest(f.request());
                        case DUPLICATES_ON -> port.duplicateReports(true);
                        case DUPLICATES_OFF -> port.duplicateReports(false);
                        case REJECT_NEXT -> port.rejectNext(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
                        case REJECT_NEXT_CANCEL -> port.rejectNextCancel(ReasonCode.VENUE_OTHER);
                        case DELAY -> port.delayNextReports(f.count(), Math.max(MILLI, f.retryAfterNanos()));
                        case OUTAGE -> {
                            for (final RequestKind k : RequestKind.values()) {
                                port.failNext(k, f.request() == RequestKind.SUBMIT ? f.failure() : FailureKind.TRANSIENT, f.retryAfterNanos());
                            }
                        }
                        default -> throw new IllegalStateException("unknown fault " + f.kind());
                    }
                }
            });
        } else if (step instanceof VenueAct v) {
            h.atTime(t, () -> venueAct(h.port(VENUES.get(v.venue())), v, i));
        } else if (step instanceof Operator o) {
            final List<Program> programs = plan.scenario.programs();
            final StrategyId sid = strategyId(o.target() % programs.size());
            final InstrumentId iid = INSTRUMENTS.get(o.target() % INSTRUMENTS.size()).id();
            switch (o.kind()) {
                case ENGAGE -> h.publish(new EngageKillSwitch("ops", "generated", false, t, t));
                case ENGAGE_AND_FLATTEN -> h.publish(new EngageKillSwitch("ops", "generated", true, t, t));
                case DISENGAGE -> h.publish(new DisengageKillSwitch("ops", "generated", t, t));
                case RECONCILE -> h.publish(new ReconcileNow("ops", VENUES.get(o.target() % VENUES.size()), "generated", t, t));
                case PAUSE -> h.publish(new PauseStrategy("ops", sid, "generated", t, t));
                case RESUME -> h.publish(new ResumeStrategy("ops", sid, "generated", t, t));
                case CLOSE_POSITION -> h.publish(new ClosePosition("ops", iid, "generated", t, t));
                default -> throw new IllegalStateException("unknown operator command " + o.kind());
            }
        } else if (step instanceof External x) {
            final Instrument inst = INSTRUMENTS.get(x.instrument());
            final long p = plan.priceAt(i, x.instrument());
            final long price = Math.max(inst.tickSize(), inst.roundPrice(p + p / 10_000 * x.priceBps()));
            h.externalFill(inst.id(), t, x.side(), price, x.lots() * inst.lotSize(), 0,
                    x.liquidation() ? Liquidity.LIQUIDATION : Liquidity.TAKER, "X" + i);
        } else if (step instanceof Funding f) {
            final Instrument inst = INSTRUMENTS.get(f.instrument());
            h.fundingSettled(inst.id(), t, f.rate(), plan.priceAt(i, f.instrument()));
        } else if (!(step instanceof Idle)) {
            throw new IllegalStateException("unknown step " + step);
        }
    }

    private static void venueAct(final ScriptedExecutionPort port, final VenueAct v, final int step) {
        if (v.kind() == VenueKind.CLOSE_BEHIND_BACK) {
            for (final Instrument i : INSTRUMENTS) {
                if (i.id().venue().equals(port.venue()) && port.positionQty(i.id()) != 0) {
                    port.setPosition(i.id(), 0, 0);
                    return;
                }
            }
            return;
        }
        final List<VenueOrder> open = new ArrayList<>();
        for (final VenueOrder o : port.openOrders()) {
            if (o.price() > 0) {
                open.add(o);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        final VenueOrder o = open.get(v.pick() % open.size());
        final Instrument inst = instrument(o.instrumentId());
        final long leaves = o.qty() - o.filledQty();
        final long qty = Math.min(leaves, Math.max(inst.lotSize(), inst.roundQtyDown(leaves * v.percent() / 100)));
        switch (v.kind()) {
            case FILL_RESTING -> port.fillRestingOrder(o.clientOrderId(), qty);
            case LATE_FILL -> {
                port.delayNextReports(1, (1 + v.percent()) * 10 * MILLI);
                port.fillRestingOrder(o.clientOrderId(), qty);
                port.delayNextReports(0, 0);
                if (qty < leaves) {
                    port.unsolicitedCancel(o.clientOrderId());
                }
            }
            case UNSOLICITED_CANCEL -> port.unsolicitedCancel(o.clientOrderId());
            case EXPIRE -> port.expireRestingOrder(o.clientOrderId());
            default -> throw new IllegalStateException("unknown venue action " + v.kind() + " at step " + step);
        }
    }

    static Instrument instrument(final InstrumentId id) {
        for (final Instrument i : INSTRUMENTS) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown instrument " + id);
    }
}
