package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Side;
import dev.tandem.scenarios.expect.RunFacts;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.fault.FaultPhase;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner is deterministic, wires what the file says, and tells its observers. */
class ScenarioRunnerTest {
    static final Path OUTAGE = Path.of("library", "api-outage-5min.yaml");

    static Scenario load(final Path file) throws Exception {
        return ScenarioLoader.defaults().load(file);
    }

    static Scenario withSeed(final Path file, final long seed) throws Exception {
        final String text = Files.readString(file).replaceFirst("(?m)^seed: .*$", "seed: " + seed);
        return ScenarioLoader.defaults().parse(text, file);
    }

    @Test
    void theSameScenarioTwiceGivesTheSameTraceHashStateAndVenueDigest() throws Exception {
        final ScenarioResult a = ScenarioRunner.defaults().run(load(OUTAGE));
        final ScenarioResult b = ScenarioRunner.defaults().run(load(OUTAGE));
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(b.stateDigest()).isEqualTo(a.stateDigest());
        assertThat(b.venueDigest()).isEqualTo(a.venueDigest());
        assertThat(b.runDigest()).isEqualTo(a.runDigest());
        assertThat(b.faultLog()).isEqualTo(a.faultLog());
        assertThat(b.equity()).isEqualTo(a.equity());
        assertThat(b.counters()).isEqualTo(a.counters());
    }

    @Test
    void anotherSeedGivesAnotherRun() throws Exception {
        final ScenarioResult a = ScenarioRunner.defaults().run(withSeed(OUTAGE, 1));
        final ScenarioResult b = ScenarioRunner.defaults().run(withSeed(OUTAGE, 2));
        assertThat(b.traceHash()).isNotEqualTo(a.traceHash());
        assertThat(b.venueDigest()).isNotEqualTo(a.venueDigest());
    }

    @Test
    void observersSeeTheStartEveryStepTheFaultsAndTheFinish() throws Exception {
        final Scenario s = load(OUTAGE);
        final List<String> calls = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<FaultRecord> faults = new ArrayList<>();
        final List<KernelEvent> heard = new ArrayList<>();
        final ScenarioResult[] finished = new ScenarioResult[1];
        final ScenarioRunner runner = ScenarioRunner.defaults().observe(new RunObserver() {
            @Override
            public void onStart(final Kernel kernel, final SimVenue venue) {
                calls.add("start");
                kernel.addListener(heard::add);
            }

            @Override
            public void onStep(final long nanos) {
                steps.add(nanos);
            }

            @Override
            public void onFault(final FaultRecord record) {
                faults.add(record);
            }

            @Override
            public void onFinish(final ScenarioResult result) {
                calls.add("finish");
                finished[0] = result;
            }
        });
        final ScenarioRunner.Run run = runner.runFull(s);
        assertThat(calls).containsExactly("start", "finish");
        assertThat(finished[0]).isSameAs(run.result());
        assertThat(heard.get(0)).as("a listener added in onStart hears everything").isInstanceOf(KernelStarted.class);
        assertThat(heard).hasSameSizeAs(run.record().events());
        assertThat(steps).isSorted().doesNotHaveDuplicates();
        assertThat(steps.get(steps.size() - 1)).isEqualTo(s.run().endNanos());
        assertThat(steps).hasSize((int) (s.run().lengthNanos() / s.run().sampleEveryNanos()));
        assertThat(faults).extracting(FaultRecord::type).containsOnly(FaultType.OUTAGE);
        assertThat(faults.get(0).phase()).isEqualTo(FaultPhase.START);
        assertThat(faults.get(faults.size() - 1).phase()).isEqualTo(FaultPhase.END);
        assertThat(faults.get(0).timeNanos()).isEqualTo(s.faults().get(0).fault().atNanos());
    }

    @Test
    void theResultAgreesWithWhatTheRunRecorded() throws Exception {
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(load(OUTAGE));
        final ScenarioResult r = run.result();
        long submits = 0;
        for (final RunFacts.SentCommand c : run.record().sent()) {
            submits += c.command() instanceof SubmitOrder ? 1 : 0;
        }
        assertThat(r.venue().ordersSent()).isEqualTo(submits).isPositive();
        assertThat(r.counters().get("command.SubmitOrder")).isEqualTo(submits);
        long position = 0;
        for (final KernelEvent e : run.record().events()) {
            if (e instanceof OrderFilled f) {
                position += f.side() == Side.BUY ? f.lastQty() : -f.lastQty();
            }
        }
        final Kernel k = run.record().kernel();
        assertThat(k.portfolio().positionQty(load(OUTAGE).instruments().get(0).id())).isEqualTo(position);
        assertThat(r.traceHash()).isEqualTo(k.traceHash());
        assertThat(r.finalState().invariantViolations()).isEmpty();
        assertThat(run.journal().entries()).hasSize((int) k.inboundSeq());
        assertThat(r.equity().get(0).equity()).isEqualTo("10000.00000000");
        assertThat(r.breakerStates()).extracting(ScenarioResult.StateChange::to).contains("OPEN", "CLOSED");
        assertThat(r.passed()).isTrue();
    }
}
