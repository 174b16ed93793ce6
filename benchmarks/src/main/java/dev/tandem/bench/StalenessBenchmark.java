package dev.tandem.bench;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.strategy.StrategySpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel alone (default risk limits, 10 s data-staleness limit, {@link NullExecutionPort}) receiving one trade per
 * operation, {@code gap} of simulated time after the previous one. With {@code gap=1s} the data never goes stale;
 * with {@code gap=11s} every operation is a full stale-data cycle: the staleness timer fires (the strategy is paused:
 * a {@code StrategyStateChanged} with its metadata, through the trace hash), then the trade arrives (resumed: a second
 * one) and re-arms the timer. The difference of the two scores is the cost of one pause plus one resume, the work
 * that dominates {@code ReplayBenchmark} with default limits on a sparse trade tape, without the venue and the loop.
 * Each operation builds its {@code TradeTick} (48 bytes, in both variants).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StalenessBenchmark {
    /** Simulated time between trades: below or above the 10 s staleness limit. */
    @Param({"1s", "11s"})
    public String gap;

    private Kernel kernel;
    private Instrument btc;
    private QuoteStrategy strategy;
    private long gapNanos;
    private long t;
    private long price;
    private long startEvents;

    @Setup(Level.Trial)
    public void setUp() {
        btc = BenchFixtures.btcUsdtPerp();
        kernel = BenchFixtures.kernel(BenchFixtures.config(btc), new NullExecutionPort(BenchFixtures.VENUE));
        strategy = new QuoteStrategy(btc.priceScale());
        kernel.addStrategy(StrategySpec.of("s", btc.id(), strategy));
        kernel.start();
        startEvents = kernel.outboundEvents();
        gapNanos = switch (gap) {
            case "1s" -> 1_000_000_000L;
            case "11s" -> 11_000_000_000L;
            default -> throw new IllegalArgumentException("gap is 1s or 11s, got " + gap);
        };
        if (kernel.risk().limits().dataStaleNanos() != 10_000_000_000L) {
            throw new IllegalStateException("the default staleness limit is no longer 10 s: adjust the gaps");
        }
        t = kernel.nowNanos();
        price = BenchFixtures.MID;
    }

    /** One trade, {@code gap} after the previous one (and, for 11 s, the staleness timer firing before it). */
    @Benchmark
    public long trade() {
        t += gapNanos;
        price += (t & 2) == 0 ? btc.tickSize() : -btc.tickSize();
        kernel.onEvent(new TradeTick(btc.id(), price, 1, Side.BUY, null, t, t));
        return kernel.outboundEvents();
    }

    @TearDown(Level.Trial)
    public void check() {
        // no listener (it would add to every event's cost): count the outbound events instead, a pause and a resume
        // per trade at 11 s, none at 1 s
        final long ops = (t - kernel.config().startTimeNanos()) / gapNanos;
        final long events = kernel.outboundEvents() - startEvents;
        if ("11s".equals(gap) ? events < 2 * ops - 2 : events > 2) {
            throw new IllegalStateException("expected " + ("11s".equals(gap) ? "a pause and a resume per trade" : "no pauses")
                    + ", got " + events + " outbound events in " + ops + " trades");
        }
        if (kernel.risk().strategyState(strategy.context.strategyId()) == StrategyState.DISABLED) {
            throw new IllegalStateException("the strategy was disabled");
        }
    }
}
