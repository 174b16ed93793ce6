package dev.tandem.scenarios.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expectations that read the final kernel and venue, on real runs that make them pass and fail. */
class ExpectationOnRunsTest {
    static final Path EXTERNAL_CLOSE = Path.of("src", "test", "resources", "scenarios", "faults", "external-close-reconciled.yaml");

    private static ScenarioRunner.Run run(final String text, final Path as) throws Exception {
        final Scenario s = ScenarioLoader.defaults().parse(text, as);
        return ScenarioRunner.defaults().runFull(s);
    }

    @Test
    void withoutReconciliationAnExternalCloseLeavesTheKernelDisagreeingWithTheVenue() throws Exception {
        final String text = Files.readString(EXTERNAL_CLOSE).replace("run: {length: 10m, reconcile-every: 1m}", "run: {length: 10m}");
        final ScenarioRunner.Run r = run(text, EXTERNAL_CLOSE);
        final List<ExpectationOutcome> o = r.result().expectations();
        // drifts: none found (nobody asked the venue)
        assertThat(o.get(0).passed()).isFalse();
        assertThat(o.get(0).actual()).isEqualTo("0");
        // final-position 0: the kernel still believes in its 0.010
        assertThat(o.get(1).passed()).isFalse();
        assertThat(o.get(1).expected()).isEqualTo("0.000");
        assertThat(o.get(1).actual()).isEqualTo("0.010 (the venue's: 0.000)");
        // orders-consistent: the position differs
        assertThat(o.get(2).passed()).isFalse();
        assertThat(o.get(2).actual()).isEqualTo("BTCUSDT position 0.010 in the kernel but 0.000 at the venue");
        assertThat(r.result().passed()).isFalse();
    }

    @Test
    void withReconciliationTheSameRunPasses() throws Exception {
        final ScenarioRunner.Run r = run(Files.readString(EXTERNAL_CLOSE), EXTERNAL_CLOSE);
        assertThat(r.result().expectations()).allMatch(ExpectationOutcome::passed);
    }

    @Test
    void theTraceHashExpectationComparesWithTheRun() throws Exception {
        final ScenarioRunner.Run r = run(Files.readString(EXTERNAL_CLOSE), EXTERNAL_CLOSE);
        final String actual = r.result().traceHash();
        assertThat(new Expectation.TraceHashEquals(actual).evaluate(r.record()).passed()).isTrue();
        final ExpectationOutcome wrong = new Expectation.TraceHashEquals("0".repeat(64)).evaluate(r.record());
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.actual()).isEqualTo(actual);
        assertThat(new Expectation.NoInvariantViolations().evaluate(r.record()).passed()).isTrue();
    }

    @Test
    void triggersAndTheVenueCountsReadTheRealRun() throws Exception {
        final Path ws = Path.of("library", "ws-disconnect-stale-data.yaml");
        final ScenarioRunner.Run r = run(Files.readString(ws), ws);
        final Anchor feedBack = new Anchor(r.record().startNanos() + 5 * 60 * 1_000_000_000L, "T+5m");
        assertThat(new Expectation.StrategyStateReached("pinger", StrategyState.RUNNING, RiskTrigger.DATA_FRESH, feedBack,
                2_000_000_000L).evaluate(r.record()).passed()).isTrue();
        assertThat(new Expectation.StrategyStateReached("pinger", StrategyState.RUNNING, RiskTrigger.BREAKER_CLOSED, feedBack,
                2_000_000_000L).evaluate(r.record()).passed()).as("resumed by fresh data, not by a breaker").isFalse();

        final Path storm = Path.of("library", "rate-limit-storm.yaml");
        final ScenarioRunner.Run s = run(Files.readString(storm), storm);
        assertThat(s.record().venue().faultLog()).as("the storm refused requests").isNotEmpty();
        assertThat(new Expectation.EventCount(Expectation.Counted.RETRY_AFTER_VIOLATIONS, null, null, null, null, 0L, 0L)
                .evaluate(s.record()).passed()).isTrue();
        assertThat(new Expectation.EventCount(Expectation.Counted.RESUBMITS, null, null, null, null, 1L, null)
                .evaluate(s.record()).passed()).as("the refused orders went out again, same client id").isTrue();
    }
}
