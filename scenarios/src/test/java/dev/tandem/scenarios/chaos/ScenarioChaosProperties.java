package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.load.ScenarioWriter;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.testkit.Property;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Property-based chaos: generated scenarios ({@link ChaosScenarios}: market paths, fault schedules, random-action and
 * rogue strategies, risk limits) run on the kernel and the simulated venue under the standard invariant checkers
 * ({@code dev.tandem.scenarios.check}: legal order lifecycles with one terminal state, positions from fills and exact
 * accounting, risk limits of every order reaching the venue, nothing new while HALTED, REDUCING never increasing
 * |position|, order rates, an uncrossed book, liveness after the faults heal), and one case in four runs twice and
 * must give the same trace hash, state digest and venue digest.
 *
 * <p>Tries come from {@code -Dtandem.tries} (the build passes 200); a campaign: {@code mvn -B verify -pl scenarios
 * -Dtest=ScenarioChaosProperties -Dtandem.tries=100000}. A failure is shrunk and written as a scenario file under
 * {@code scenarios/target/chaos-failures/}; the seed to rerun it is printed ({@code -Dtandem.seed=}).
 */
class ScenarioChaosProperties {

    @Test
    void generatedChaosKeepsEveryInvariantAndIsDeterministic() {
        new ChaosCampaign(ScenarioRunner::standardCheckers, 4).run(Property.forAll(ChaosScenarios.scenarios()));
    }

    @Test
    void everyGeneratedScenarioSurvivesTheFileFormat() {
        final ScenarioLoader loader = ScenarioLoader.defaults();
        Property.forAll(ChaosScenarios.scenarios()).tries(50).check(s -> {
            final String text = ScenarioWriter.write(s, "round trip");
            final Scenario back = loader.parse(text, Path.of("chaos.yaml"));
            assertThat(withoutSource(back)).isEqualTo(s);
        });
    }

    private static Scenario withoutSource(final Scenario s) {
        return new Scenario(s.name(), s.description(), s.seed(), null, s.instruments(), s.account(), s.marketData(), s.agents(),
                s.strategies(), s.risk(), s.execution(), s.faults(), s.latency(), s.fillModel(), s.run(), s.expectations());
    }
}
