package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.scenarios.check.AbstractChecker;
import dev.tandem.scenarios.check.CheckContext;
import dev.tandem.scenarios.check.Checkers;
import dev.tandem.scenarios.check.Violation;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.testkit.Property;
import dev.tandem.testkit.PropertyFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The shrink → write → reproduce loop of the chaos properties, proven with a deliberately broken checker
 * configuration: a test-only checker that calls a run's third fill a violation. The property must fail, shrink the
 * generated scenario (no more faults than the original, at most as many random-trader actions, no longer a run),
 * write it as a file, and {@link ScenarioLoader} + {@link ScenarioRunner} (what {@code tandem run} does) must reproduce
 * exactly the same violations and trace hash from that file.
 */
class ShrinkAndReproduceTest {

    /** The deliberate "bug": a run may have at most two fills. */
    static final class AtMostTwoFills extends AbstractChecker {
        private int fills;

        AtMostTwoFills() {
            super("test-at-most-two-fills");
        }

        @Override
        public void onEvent(final KernelEvent event, final CheckContext ctx) {
            if (event instanceof OrderFilled f && ++fills == 3) {
                violation(f.tsInitNanos(), "the third fill " + f.clientOrderId() + " (" + f.lastQty() + ")");
            }
        }
    }

    private static final Function<Scenario, Checkers> BROKEN = s -> {
        final List<dev.tandem.scenarios.check.InvariantChecker> all = new ArrayList<>(ScenarioRunner.standardCheckers(s).all());
        all.add(new AtMostTwoFills());
        return new Checkers(all);
    };

    @Test
    void aFailingCaseIsShrunkWrittenAndReproducedFromItsFile() throws Exception {
        final ChaosCampaign campaign = new ChaosCampaign(BROKEN, 1_000_000);
        final Property<Scenario> property = Property.forAll(ChaosScenarios.scenarios()).tries(30).seed(20240101L)
                .maxShrinkRuns(300).label("ShrinkAndReproduceTest");
        final PropertyFailure[] failure = new PropertyFailure[1];
        assertThatThrownBy(() -> {
            try {
                property.check(campaign::check);
            } catch (PropertyFailure f) {
                failure[0] = f;
                throw f;
            }
        }).isInstanceOf(PropertyFailure.class);
        final PropertyFailure f = failure[0];
        final Scenario original = (Scenario) f.originalValue();
        final Scenario shrunk = (Scenario) f.shrunkValue();

        // shrunk: fewer or as many faults and actions, no longer a run
        assertThat(f.shrinkSteps()).isPositive();
        assertThat(shrunk.faults().size()).isLessThanOrEqualTo(original.faults().size());
        assertThat(shrunk.run().lengthNanos()).isLessThanOrEqualTo(original.run().lengthNanos());
        assertThat(actions(shrunk)).isLessThanOrEqualTo(actions(original));
        assertThat(shrunk.faults()).isEmpty(); // fills need no fault: the shrinker drops every one

        // written, with the seeds in its header
        final Path file = ChaosCampaign.write(f);
        assertThat(file).startsWith(ChaosCampaign.FAILURES);
        final String text = Files.readString(file);
        assertThat(text).contains("try seed " + f.trySeed()).contains("-Dtandem.seed=");

        // reproduced from the file by the loader and the runner, exactly
        final Scenario loaded = ScenarioLoader.defaults().load(file);
        final ScenarioRunner.Run direct = new ChaosCampaign(BROKEN, 1).runner().runFull(shrunk);
        final ScenarioRunner.Run fromFile = new ChaosCampaign(BROKEN, 1).runner().runFull(loaded);
        final List<Violation> violations = fromFile.record().violations();
        assertThat(violations).isNotEmpty().isEqualTo(direct.record().violations());
        assertThat(violations).extracting(Violation::checker).containsOnly("test-at-most-two-fills");
        assertThat(fromFile.result().traceHash()).isEqualTo(direct.result().traceHash());
        // the file expects no-invariant-violations, so the run fails it the way `tandem run` reports it (exit code 1)
        assertThat(fromFile.result().passed()).isFalse();
        // and with the standard (unbroken) checkers the same file passes: the failure was the injected one
        assertThat(ScenarioRunner.defaults().run(loaded).passed()).isTrue();
    }

    private static long actions(final Scenario s) {
        return Long.parseLong(s.strategies().get(0).params().get("actions"));
    }
}
