package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Defects the chaos properties found, kept as the shrunk scenario files they wrote (scenarios/README.md,
 * "Property-based chaos") and replayed here after the fix: each must now run with no invariant violation.
 */
class ChaosRegressionTest {

    /**
     * An amend storm (108 a second for 19 s) used to push the order manager's token bucket about 1 900 tokens into debt,
     * so a new order 20 s later waited three minutes (liveness). The debt is now bounded by one bucket
     * ({@code TokenBucket.takeDebt}).
     */
    @Test
    void anAmendStormNoLongerStarvesALaterNewOrder() throws Exception {
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(ScenarioLoader.defaults()
                .load(Path.of("src/test/resources/chaos-findings/amend-storm-starves-new-orders.yaml")));
        assertThat(run.record().violations()).isEmpty();
        assertThat(run.result().passed()).isTrue();
    }
}
