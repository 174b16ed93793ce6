package dev.tandem.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.Property;
import dev.tandem.testkit.RecordingExecutionPort;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The loop's schedule dispatches items in (time, scheduling order), exactly as the reference model here does (a plain
 * queue of (time, sequence) keys). Actions schedule further actions while they run, at the same time (ties broken by
 * scheduling order) or later.
 */
class SimulationLoopOrderTest {
    private static final long START = SimulationLoopReplaceKernelTest.START;

    /** Delays of the actions scheduled before the run, and per action id the delays of the actions it schedules. */
    private record Plan(List<Long> initial, List<List<Long>> spawns) {}

    /** What ran: action id and the loop's time when it ran. */
    private record Ran(int id, long at) {}

    private static final Gen<Long> DELAYS = Gen.frequency(Gen.weighted(2, Gen.constant(0L)), Gen.weighted(3, Gen.longs(0, 5)),
            Gen.weighted(1, Gen.longs(0, 1_000)));

    @Test
    void itemsLeaveInTimeThenSchedulingOrder() {
        final Gen<Plan> plans = Gen.zip(Gen.listOf(DELAYS, 0, 40), Gen.listOf(Gen.listOf(DELAYS, 0, 3), 0, 60), Plan::new);
        Property.forAll(plans).tries(300).check(plan -> assertThat(run(plan)).isEqualTo(model(plan)));
    }

    private static List<Ran> run(final Plan plan) {
        final Kernel k = new Kernel(KernelConfig.defaults(7L, START, Fixed.money("1000"), List.of(Instruments.btcUsdtPerp())),
                List.of(new RecordingExecutionPort(Instruments.VENUE)), EventJournal.NONE);
        k.start();
        final SimulationLoop loop = new SimulationLoop(k);
        final List<Ran> ran = new ArrayList<>();
        final int[] nextId = {0};
        final class Act implements Runnable {
            final int id = nextId[0]++;

            @Override
            public void run() {
                ran.add(new Ran(id, loop.nowNanos()));
                if (id < plan.spawns().size()) {
                    for (final long d : plan.spawns().get(id)) {
                        loop.scheduleAction(loop.nowNanos() + d, new Act());
                    }
                }
            }
        }
        for (final long d : plan.initial()) {
            loop.scheduleAction(START + d, new Act());
        }
        loop.runUntil(START + 100_000);
        assertThat(loop.pending()).isZero();
        return ran;
    }

    private static List<Ran> model(final Plan plan) {
        // {time, sequence, id}
        final PriorityQueue<long[]> q = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long seq = 0;
        int nextId = 0;
        for (final long d : plan.initial()) {
            q.add(new long[] {START + d, seq++, nextId++});
        }
        final List<Ran> ran = new ArrayList<>();
        long[] item;
        while ((item = q.poll()) != null) {
            final int id = (int) item[2];
            ran.add(new Ran(id, item[0]));
            if (id < plan.spawns().size()) {
                for (final long d : plan.spawns().get(id)) {
                    q.add(new long[] {item[0] + d, seq++, nextId++});
                }
            }
        }
        return ran;
    }
}
