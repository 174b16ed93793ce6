package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures full chaos runs per minute on this machine (a benchmark behind a flag, not a timed unit test): each run
 * generates a scenario, runs it on the kernel and the simulated venue with the standard checkers, and collects the
 * violations, exactly as {@link ScenarioChaosProperties} does for one case (without the occasional second run).
 *
 * <pre>
 * mvn -B -q verify -pl scenarios -Dtest=ChaosThroughputTest -Dtandem.chaos.bench=true \
 *     [-Dtandem.chaos.bench.seconds=60] [-Dtandem.chaos.bench.threads=1]
 * </pre>
 * It warms up for 15 s, then runs for the given seconds on the given number of threads (one run per thread at a
 * time; runs share nothing) and prints runs per minute, simulated minutes per run and the violations seen.
 */
@EnabledIfSystemProperty(named = "tandem.chaos.bench", matches = "true")
class ChaosThroughputTest {

    @Test
    void fullChaosRunsPerMinute() throws Exception {
        final long seconds = Long.getLong("tandem.chaos.bench.seconds", 60);
        final int threads = Integer.getInteger("tandem.chaos.bench.threads", 1);
        final Gen<Scenario> gen = ChaosScenarios.scenarios();
        final AtomicLong next = new AtomicLong();
        measure(gen, next, 15, threads); // warm-up
        final long[] r = measure(gen, next, seconds, threads);
        final double perMinute = r[0] * 60_000.0 / r[1];
        System.out.printf("chaos throughput: %d runs in %.1f s on %d thread(s) = %.0f runs/min; %.1f simulated minutes per run; "
                + "%d violations%n", r[0], r[1] / 1000.0, threads, perMinute, r[2] / 60e9 / r[0], r[3]);
        assertThat(r[0]).isPositive();
    }

    /** {runs, wall millis, simulated nanos, violations}. */
    private static long[] measure(final Gen<Scenario> gen, final AtomicLong next, final long seconds, final int threads)
            throws InterruptedException {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        final AtomicLong runs = new AtomicLong();
        final AtomicLong simulated = new AtomicLong();
        final AtomicLong violations = new AtomicLong();
        final long start = System.nanoTime();
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final Thread w = new Thread(() -> {
                final ScenarioRunner runner = ScenarioRunner.defaults();
                while (System.nanoTime() < deadline) {
                    final Scenario s = gen.sample(SplitMix64.derive(7, next.getAndIncrement()));
                    try {
                        final ScenarioRunner.Run run = runner.runFull(s);
                        violations.addAndGet(run.record().violations().size());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    runs.incrementAndGet();
                    simulated.addAndGet(s.run().lengthNanos());
                }
            });
            workers.add(w);
            w.start();
        }
        for (final Thread w : workers) {
            w.join();
        }
        return new long[] {runs.get(), (System.nanoTime() - start) / 1_000_000, simulated.get(), violations.get()};
    }
}
