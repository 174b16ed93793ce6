package dev.tandem.bench;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.SimulationLoop;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.sim.SimAccount;
import dev.tandem.sim.SimExecutionPort;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.SimVenueConfig;
import dev.tandem.sim.agent.LadderAgent;
import dev.tandem.sim.data.BitstampTradeCsvReader;
import dev.tandem.sim.data.MarketDataSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel on the simulator replaying the 100 000 real Bitstamp BTC/USD trades of
 * {@code shared/data/bitstamp_trades_from_20131125_usd.csv}: a {@link SimVenue} (default latency profile, no
 * faults) replays each trade (moves its last price, publishes it), a {@link Kernel} with default risk limits
 * receives it through the {@link SimulationLoop} and hands it to {@link SmaStrategy}, which keeps a 100-trade simple
 * moving average and now and then sends a small market order. The trades are read into memory in the trial set-up
 * (no file I/O is timed); a fresh venue, kernel and loop are built per invocation in an untimed
 * {@code Level.Invocation} set-up (time only moves forward). Score: replayed trades per second.
 *
 * <p>The data directory is {@code -Dtandem.sharedData=DIR} if given (pass it to the fork with
 * {@code -jvmArgsAppend}), else the first {@code shared/data} above the working directory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReplayBenchmark {
    /** Trades in the file (and the operations per invocation). */
    static final int TRADES = 100_000;
    static final String FILE = "bitstamp_trades_from_20131125_usd.csv";
    private static final long KERNEL_ACCOUNT = 1;
    private static final long LADDER_ACCOUNT = 2;
    static final int LADDER_LEVELS = 5;
    static final String LADDER_QTY_TEXT = "0.050";
    static final int LADDER_STEP_TICKS = 3;
    static final int LADDER_PERIOD_SECONDS = 60;

    /**
     * The kernel's data-staleness limit: {@code 10s} is the default (the 2013 data has 18 673 silences of 10 s or
     * more between trades, so the kernel pauses and resumes the strategy about 35 500 times per run, each a hashed
     * {@code StrategyStateChanged}); {@code 60s} suits this tape's density (596 such silences; see
     * docs/PERFORMANCE.md); {@code off} switches the check off. Every other limit keeps its default.
     */
    @Param({"10s", "60s", "off"})
    public String staleness;

    /**
     * Liquidity in the venue's book: {@code none} (trade replay brings none, so the strategy's market orders are
     * canceled unfilled) or {@code ladder}: a {@link LadderAgent} on its own account re-quotes
     * {@value #LADDER_LEVELS} levels a side of {@value #LADDER_QTY_TEXT} BTC around a mid starting at the first trade's
     * price (a seeded walk of up to {@value #LADDER_STEP_TICKS} ticks per re-quote, every {@value #LADDER_PERIOD_SECONDS}
     * s; it does not follow the tape), so the strategy's orders fill and the fill path runs (fills, positions, the
     * account-level risk checks on every quote and trade while a position is open).
     */
    @Param({"none", "ladder"})
    public String liquidity;

    private Instrument btc;
    private List<TradeTick> trades;
    private SimulationLoop loop;
    private Kernel kernel;
    private long outbound;
    private long inbound;
    private SmaStrategy strategy;
    private long runs;
    private long orders;
    private long fills;

    /**
     * Bitstamp BTC/USD shaped as a USDT-quoted linear perpetual (so the kernel's default USDT account trades it):
     * prices to 0.01, amounts to 1e-8, no min notional.
     */
    static Instrument bitstampBtc() {
        return new Instrument(new InstrumentId("BTCUSDT", BenchFixtures.VENUE), InstrumentKind.LINEAR_PERPETUAL, "BTC",
                "USDT", 2, 8, 1, 1, 1, Long.MAX_VALUE / 4, 0, Fixed.rate("0.0002"), Fixed.rate("0.00055"), 10,
                Fixed.rate("0.005"));
    }

    /**
     * {@code -Dtandem.sharedData}, else the repository's own {@code data/} (a copy of the shared data, see
     * data/SOURCES.md) or a {@code shared/data}, whichever holds SOURCES.md first above the working directory.
     */
    static Path sharedData() {
        final String override = System.getProperty("tandem.sharedData");
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("data").resolve("SOURCES.md"))) {
                return dir.resolve("data");
            }
            final Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/ or shared/data not found above " + Path.of("").toAbsolutePath()
                + "; pass -jvmArgsAppend -Dtandem.sharedData=DIR");
    }

    @Setup(Level.Trial)
    public void readTrades() throws IOException {
        btc = bitstampBtc();
        final Path file = sharedData().resolve(FILE);
        try (BitstampTradeCsvReader reader = new BitstampTradeCsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                file.toString(), btc)) {
            trades = MarketDataSources.toList(reader);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (trades.size() != TRADES) {
            throw new IllegalStateException(file + " has " + trades.size() + " trades, expected " + TRADES);
        }
    }

    @Setup(Level.Invocation)
    public void freshRun() {
        final long start = trades.get(0).tsEventNanos() - 1_000_000_000L;
        KernelConfig config = KernelConfig.defaults(BenchFixtures.SEED, start, Fixed.money("100000"), List.of(btc));
        switch (staleness) {
            case "10s" -> {
                if (config.risk().dataStaleNanos() != 10_000_000_000L) {
                    throw new IllegalStateException("the default staleness limit is no longer 10 s: rename the parameter");
                }
            }
            case "60s" -> config = config.withRisk(config.risk().toBuilder().dataStaleNanos(60_000_000_000L).build());
            case "off" -> config = config.withRisk(config.risk().toBuilder().dataStaleNanos(0).build());
            default -> throw new IllegalArgumentException("staleness is 10s, 60s or off, got " + staleness);
        }
        SimVenueConfig venueConfig = SimVenueConfig.defaults(BenchFixtures.VENUE, BenchFixtures.SEED, List.of(btc))
                .withAccount(SimAccount.trading(KERNEL_ACCOUNT, config.initialBalances()));
        final boolean ladder = ladder();
        if (ladder) {
            venueConfig = venueConfig.withAccount(SimAccount.agent(LADDER_ACCOUNT));
        } else if (!"none".equals(liquidity)) {
            throw new IllegalArgumentException("liquidity is none or ladder, got " + liquidity);
        }
        final SimVenue venue = new SimVenue(venueConfig);
        final SimExecutionPort port = venue.executionPort(KERNEL_ACCOUNT);
        kernel = new Kernel(config, List.of(port), EventJournal.NONE);
        loop = new SimulationLoop(kernel);
        venue.attach(loop);
        strategy = new SmaStrategy(btc);
        kernel.addStrategy(StrategySpec.of("sma", btc.id(), strategy));
        venue.marketDataPort().subscribe(btc.id(), EnumSet.of(DataKind.TRADES, DataKind.QUOTES));
        venue.addReplay(trades.iterator());
        if (ladder) {
            final long end = trades.get(trades.size() - 1).tsEventNanos();
            venue.addAgent(LADDER_ACCOUNT, new LadderAgent(btc.id().symbol(), trades.get(0).price(), LADDER_LEVELS,
                    btc.qty(LADDER_QTY_TEXT), LADDER_PERIOD_SECONDS * 1_000_000_000L, LADDER_STEP_TICKS, end));
        }
        kernel.start();
    }

    private boolean ladder() {
        return "ladder".equals(liquidity);
    }

    /** The whole file through venue and kernel; the score is per replayed trade. */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public long replay() {
        loop.runToCompletion();
        return strategy.trades + strategy.orderEvents;
    }

    @TearDown(Level.Invocation)
    public void count() {
        // with the ladder the strategy also sees the venue's own trades (its fills against the ladder)
        if (ladder() ? strategy.trades < TRADES : strategy.trades != TRADES) {
            throw new IllegalStateException("the strategy saw " + strategy.trades + " trades, expected " + TRADES
                    + (ladder() ? " or more" : ""));
        }
        if (ladder() && strategy.fills == 0) {
            throw new IllegalStateException("with the ladder's liquidity the strategy's orders should fill; none did");
        }
        runs++;
        orders += strategy.orders;
        fills += strategy.fills;
        inbound += kernel.inboundSeq();
        outbound += kernel.outboundEvents();
    }

    @TearDown(Level.Trial)
    public void report() {
        final long n = Math.max(1, runs);
        System.out.printf("%nReplayBenchmark (staleness %s, liquidity %s): %d runs, per run %d trades, %d orders sent, %d fills,"
                + " %d inbound and %d outbound kernel events%n", staleness, liquidity, runs, TRADES, orders / n, fills / n,
                inbound / n, outbound / n);
    }

    /**
     * A 100-trade simple moving average of the trade price (a ring of longs and a running sum); when the price
     * crosses the average, at most once per 1 000 trades, it sends a market order of 0.001 BTC in the direction of
     * the cross.
     */
    static final class SmaStrategy implements Strategy {
        private static final int WINDOW = 100;
        private static final int COOLDOWN = 1_000;
        private final Instrument instrument;
        private final long[] ring = new long[WINDOW];
        private long sum;
        private int n;
        private int above = -1;
        private long lastOrderAt = -COOLDOWN;
        private StrategyContext context;
        long trades;
        long orders;
        long orderEvents;
        long fills;

        SmaStrategy(final Instrument instrument) {
            this.instrument = instrument;
        }

        @Override
        public void onStart(final StrategyContext ctx) {
            this.context = ctx;
        }

        @Override
        public void onTrade(final TradeTick trade) {
            final long price = trade.price();
            final int slot = (int) (trades % WINDOW);
            sum += price - ring[slot];
            ring[slot] = price;
            trades++;
            if (n < WINDOW) {
                n++;
                return;
            }
            final int nowAbove = price * WINDOW > sum ? 1 : 0;
            if (above >= 0 && nowAbove != above && trades - lastOrderAt >= COOLDOWN) {
                lastOrderAt = trades;
                orders++;
                context.marketOrder(instrument.id(), nowAbove == 1 ? Side.BUY : Side.SELL, 100_000);
            }
            above = nowAbove;
        }

        @Override
        public void onOrderEvent(final OrderEvent event) {
            orderEvents++;
        }

        @Override
        public void onFill(final OrderFilled fill) {
            fills++;
        }
    }
}
