package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.scenarios.expect.RunFacts;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.RunSpec;
import dev.tandem.scenarios.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code run.crash-at}: the kernel dies, a new one rebuilds its state (journal or snapshot) and reconciles. */
class KernelCrashRestartTest {
    static final Path CRASH = Path.of("library", "crash-restart-from-journal.yaml");

    private static Scenario variant(final String from, final String to) throws Exception {
        final String text = Files.readString(CRASH);
        assertThat(text).contains(from);
        return ScenarioLoader.defaults().parse(text.replace(from, to), CRASH);
    }

    private static void assertRestartedCleanly(final ScenarioRunner.Run run) {
        assertThat(run.result().passed()).as(run.result().expectations().toString()).isTrue();
        // the final kernel is the restarted one, and it holds orders submitted before the crash (rebuilt, not re-sent)
        final Set<String> sentIds = new HashSet<>();
        for (final RunFacts.SentCommand c : run.record().sent()) {
            if (c.command() instanceof SubmitOrder o && o.attempt() == 1) {
                assertThat(sentIds.add(o.clientOrderId().value())).as("sent twice: " + o.clientOrderId()).isTrue();
            }
        }
        long submitted = run.record().events().stream().filter(e -> e instanceof OrderSubmitted).count();
        assertThat(sentIds).hasSizeGreaterThan(10);
        assertThat(submitted).isGreaterThanOrEqualTo(sentIds.size());
    }

    @Test
    void journalRestartRebuildsTheStateAndSendsNothingTwice() throws Exception {
        final Scenario s = ScenarioLoader.defaults().load(CRASH);
        assertThat(s.run().crash()).isNotNull();
        assertThat(s.run().crash().restore()).isEqualTo(RunSpec.Restore.JOURNAL);
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(s);
        assertRestartedCleanly(run);
        // the restarted kernel's journal holds the whole run: the replayed part and what came after the restart
        assertThat(run.journal().entries().get(0).seq()).isEqualTo(1);
        assertThat(run.record().kernel().inboundSeq()).isEqualTo(run.journal().entries().get(run.journal().entries().size() - 1).seq());
    }

    @Test
    void snapshotRestartAlsoReconcilesCleanly() throws Exception {
        final Scenario s = variant("restore-from: journal", "restore-from: snapshot");
        assertThat(s.run().crash().restore()).isEqualTo(RunSpec.Restore.SNAPSHOT);
        final ScenarioRunner.Run run = ScenarioRunner.defaults().runFull(s);
        assertRestartedCleanly(run);
        assertThat(run.record().kernel().isRestored()).isTrue();
    }

    @Test
    void aCrashChangesTheRunAndIsDeterministic() throws Exception {
        final ScenarioResult a = ScenarioRunner.defaults().run(ScenarioLoader.defaults().load(CRASH));
        final ScenarioResult b = ScenarioRunner.defaults().run(ScenarioLoader.defaults().load(CRASH));
        final ScenarioResult none = ScenarioRunner.defaults().run(variant("  crash-at: 4m2s\n  restart-after: 10s\n  restore-from: journal\n", ""));
        assertThat(a.traceHash()).isEqualTo(b.traceHash());
        assertThat(a.venueDigest()).isEqualTo(b.venueDigest());
        assertThat(none.traceHash()).isNotEqualTo(a.traceHash());
    }

    @Test
    void restartKeysWithoutACrashOrAfterTheEndAreErrors() {
        assertThatThrownBy(() -> variant("  crash-at: 4m2s\n", ""))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("need 'run.crash-at'");
        assertThatThrownBy(() -> variant("crash-at: 4m2s", "crash-at: 5m55s"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("restart ('restart-after') before its end");
        assertThatThrownBy(() -> variant("restore-from: journal", "restore-from: disk"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("restore-from");
    }
}
