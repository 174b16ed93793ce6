package dev.tandem.bench;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategySpec;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Market data → strategy callback, no order: one {@link QuoteTick} through {@link Kernel#onEvent} (clock advance and
 * due timers, journal, data engine, staleness and valuation, risk triggers, the strategy's {@code onQuote}, the
 * strategy-queue drain) with a started kernel and one strategy subscribed to the instrument that updates an EMA.
 *
 * <p><b>Why single-shot batches.</b> Kernel time never goes backwards, so every quote needs a fresh, later
 * timestamp, and quotes are immutable records: a ring that wraps would need new events inside the timed loop, and
 * their allocation (64 B per quote) would hide the kernel's own allocation in {@code gc.alloc.rate.norm}. So every
 * quote of the whole run (warm-up and measurement) is built in the trial set-up, {@value #QUOTES} per call, and each
 * call feeds the next {@value #QUOTES} in time order. The score is per quote ({@link OperationsPerInvocation}), and
 * {@code -prof gc} then reports the kernel's allocation per quote alone. The quotes live in memory (about 68 MB per
 * call), so each quote is a cache miss that the hardware prefetcher hides well (they are read in address order).
 *
 * <p>{@code holding=FLAT}: the account has no position, the path the 100 ns / zero-allocation target is about.
 * {@code holding=LONG}: the account holds 0.010 BTC, so every quote also revalues the position and runs the
 * account-level risk triggers (equity, drawdown, margin ratio, edge).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MarketDataBenchmark {
    /** Quotes per benchmark call. */
    public static final int QUOTES = 1 << 20;
    /** 100 µs between quotes (10 000 quotes per simulated second). */
    static final long STEP_NANOS = 100_000L;

    /** Whether the account holds a position while the quotes arrive. */
    @Param({"FLAT", "LONG"})
    public String holding;

    private Kernel kernel;
    private QuoteStrategy strategy;
    private QuoteTick[] quotes;
    private int next;

    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params) {
        final Instrument btc = BenchFixtures.btcUsdtPerp();
        final NullExecutionPort port = new NullExecutionPort(BenchFixtures.VENUE);
        kernel = BenchFixtures.kernel(BenchFixtures.config(btc), port);
        strategy = new QuoteStrategy(btc.priceScale());
        kernel.addStrategy(StrategySpec.of("quoter", btc.id(), strategy));
        kernel.start();
        long t = kernel.nowNanos();
        final QuoteTick first = BenchFixtures.quotes(btc, 1, t, STEP_NANOS)[0];
        kernel.onEvent(first);
        t = first.tsInitNanos();
        if ("LONG".equals(holding)) {
            // buy 0.010 BTC through the real path: intent → risk → order manager → port, then the venue's answers
            if (!strategy.context.marketOrder(btc.id(), Side.BUY, 10).passed()) {
                throw new IllegalStateException("set-up order was denied");
            }
            final SubmitOrder s = port.lastSubmit;
            t += 1_000;
            kernel.onEvent(new VenueAccepted(BenchFixtures.VENUE, s.clientOrderId(), "V1", t, t));
            t += 1_000;
            kernel.onEvent(new VenueFill(BenchFixtures.VENUE, s.clientOrderId(), "V1", btc.id(), "T1", Side.BUY,
                    first.askPrice(), 10, 0, Liquidity.TAKER, t, t));
            if (kernel.portfolio().positionQty(btc.id()) != 10) {
                throw new IllegalStateException("set-up fill did not open the position");
            }
        } else if (!"FLAT".equals(holding)) {
            throw new IllegalArgumentException("holding must be FLAT or LONG: " + holding);
        }
        final long calls = (long) (params.getWarmup().getCount() + params.getMeasurement().getCount())
                * Math.max(params.getWarmup().getBatchSize(), params.getMeasurement().getBatchSize());
        // about 72 bytes per pre-built quote (the 64-byte record and its slot in the array)
        if (calls * QUOTES > Integer.MAX_VALUE - 8 || calls * QUOTES * 72 > Runtime.getRuntime().maxMemory() * 3 / 4) {
            throw new IllegalArgumentException(calls + " calls of " + QUOTES + " pre-built quotes do not fit the heap;"
                    + " use fewer iterations or a larger heap (-jvmArgsAppend -Xmx...)");
        }
        quotes = BenchFixtures.quotes(btc, (int) (calls * QUOTES), t, STEP_NANOS);
        next = 0;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (strategy.quotes < next || !kernel.checkInvariants().isEmpty()) {
            throw new IllegalStateException("the strategy missed quotes or the books do not balance: "
                    + strategy.quotes + " < " + next + " " + kernel.checkInvariants());
        }
    }

    /** {@value #QUOTES} quotes, one {@link Kernel#onEvent} each; the score is per quote. */
    @Benchmark
    @OperationsPerInvocation(QUOTES)
    public double quote() {
        final QuoteTick[] q = quotes;
        final int end = next + QUOTES;
        if (end > q.length) {
            throw new IllegalStateException("pre-built quotes exhausted; the set-up sizes them from -wi/-i/-bs");
        }
        for (int i = next; i < end; i++) {
            kernel.onEvent(q[i]);
        }
        next = end;
        return strategy.value();
    }
}
