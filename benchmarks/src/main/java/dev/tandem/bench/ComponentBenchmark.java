package dev.tandem.bench;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.model.AuditMetadata;
import dev.tandem.kernel.execution.ClientOrderIdGenerator;
import dev.tandem.kernel.journal.TraceHash;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.risk.RiskDecision;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pieces of the order path on their own, to show where {@link OrderPathBenchmark}'s time goes: the risk pre-trade
 * check, one event into the trace hash (the order path hashes two: {@code OrderSubmitted} and {@code OrderSent}), and
 * a client order id.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ComponentBenchmark {
    private TraceHash trace;
    private ClientOrderIdGenerator ids;
    private StrategyId strategyId;
    private OrderSubmitted submitted;
    private OrderSent sent;
    private StrategyStateChanged paused;

    @Setup(Level.Trial)
    public void setUp() {
        trace = new TraceHash();
        ids = new ClientOrderIdGenerator(KernelConfig.defaultRunTag(BenchFixtures.SEED));
        strategyId = new StrategyId("maker");
        // the two events the order path emits, with the order path's values
        final ClientOrderId id = new ClientOrderIdGenerator(KernelConfig.defaultRunTag(BenchFixtures.SEED)).next(strategyId);
        final Instrument btc = BenchFixtures.btcUsdtPerp();
        final long t = BenchFixtures.START_NANOS + 1_234_567_000L;
        submitted = new OrderSubmitted(id, strategyId, btc.id(), Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                BenchFixtures.MID - 10 * btc.tickSize(), 0, 1, false, t, t);
        sent = new OrderSent(id, strategyId, btc.id(), 1, t, t);
        // a stale-data pause as the risk engine emits it (35 533 pauses and resumes per ReplayBenchmark run)
        final AuditMetadata metadata = AuditMetadata.builder().text("instrument", btc.id().toString()).number("lastDataNanos", t - 10_000_000_123L)
                .number("staleAfterNanos", 10_000_000_000L).number("nowNanos", t).text("pauseCauses", "DATA_STALE").build();
        paused = new StrategyStateChanged(strategyId, StrategyState.RUNNING, StrategyState.PAUSED, RiskTrigger.DATA_STALE,
                "no market data for " + btc.id() + " within 10000000000 ns", metadata, t, t);
    }

    /** The pre-trade check of the order path's intent, with no open orders (it records nothing that accumulates). */
    @Benchmark
    public RiskDecision riskCheck(final OrderRig rig) {
        return rig.kernel.risk().check(rig.intent);
    }

    /** Binary trace encoding and MurmurHash3 of one {@code OrderSubmitted} (hashed in batches, as in the kernel). */
    @Benchmark
    public long traceHashOrderSubmitted() {
        trace.accept(submitted);
        return trace.events();
    }

    /** Binary trace encoding and MurmurHash3 of one {@code OrderSent}. */
    @Benchmark
    public long traceHashOrderSent() {
        trace.accept(sent);
        return trace.events();
    }

    /** Binary trace encoding and MurmurHash3 of one stale-data {@code StrategyStateChanged} (with its metadata). */
    @Benchmark
    public long traceHashStrategyStateChanged() {
        trace.accept(paused);
        return trace.events();
    }

    /** The next client order id of a strategy. */
    @Benchmark
    public ClientOrderId clientOrderId() {
        return ids.next(strategyId);
    }
}
