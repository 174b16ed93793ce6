package dev.tandem.scenarios.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.scenarios.check.Violation;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Open defects the chaos properties found, kept as the shrunk scenario files they wrote (scenarios/README.md,
 * "Property-based chaos"). Each test pins the violation; when the kernel is fixed it fails, and the file moves to the
 * scenario library as a regression scenario instead.
 */
class KnownFindingsTest {

    @Test
    void anAmendStormStillStarvesALaterNewOrder() throws Exception {
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(ScenarioLoader.defaults()
                .load(Path.of("src/test/resources/chaos-findings/amend-storm-starves-new-orders.yaml")));
        assertThat(run.record().violations()).extracting(Violation::checker).containsExactly("liveness");
        assertThat(run.record().violations().get(0).detail()).contains("is still PENDING_NEW");
        assertThat(run.result().passed()).isFalse();
    }
}
