package dev.tandem.bench;

import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
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
 * The order path: one intent through {@link StrategyContext#submit} → risk pre-trade check → order manager (client
 * id, order record, breaker, token bucket, request tracker, {@code OrderSubmitted} and {@code OrderSent} through the
 * trace hash) → {@link NullExecutionPort#submit}.
 *
 * <ul>
 *   <li>{@link #submit}: the outbound path alone. The venue's answers that close the previous order run in a
 *   {@code Level.Invocation} set-up, outside the timed region (so are the strategy's callbacks for the order's own
 *   events, which the kernel runs when it next handles an inbound event). Timing each call separately costs two
 *   {@code System.nanoTime()} calls per op, part of which shows in the score (about 10–20 ns here).</li>
 *   <li>{@link #submitAndSettle}: the whole lifecycle of an order in one op, with no per-call fixture: submit, then
 *   {@code VenueAccepted} and {@code VenueCanceled} through {@code Kernel.onEvent} (journal, order manager,
 *   {@code OrderAccepted}/{@code OrderCanceled}, strategy callbacks). An upper bound of the order path.</li>
 * </ul>
 *
 * <p>Five warm-up seconds: the path is long (codec, risk, order manager) and the first iterations run far slower
 * while it compiles.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderPathBenchmark {

    /** The rig, plus the untimed venue answers that close the previous op's order before each {@link #submit}. */
    @State(Scope.Thread)
    public static class SettledRig extends OrderRig {
        @Setup(Level.Invocation)
        public void settleBefore() {
            settle();
        }
    }

    /** Intent → risk → order manager → port; nothing else in the timed region. */
    @Benchmark
    public SubmitResult submit(final SettledRig rig) {
        return rig.strategy.context.submit(rig.intent);
    }

    /** Intent → risk → order manager → port, then the venue's accept and cancel through the kernel. */
    @Benchmark
    public SubmitResult submitAndSettle(final OrderRig rig) {
        final SubmitResult r = rig.strategy.context.submit(rig.intent);
        rig.settle();
        return r;
    }
}
