package dev.tandem.scenarios.chaos;

import dev.tandem.scenarios.check.Checkers;
import dev.tandem.scenarios.check.Violation;
import dev.tandem.scenarios.load.ScenarioWriter;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.testkit.Property;
import dev.tandem.testkit.PropertyFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One chaos case and the campaign around it: run a generated scenario with the invariant checkers, fail on any
 * violation, and (on some cases) run it again and compare trace hash, state digest and venue digest. When the
 * property fails, the harness has already shrunk the case (fewer faults, fewer actions, a shorter run); the minimal
 * scenario is written with {@link ScenarioWriter} under {@code target/chaos-failures/} with the seeds in its header,
 * and its path is printed, so {@code tandem run <file>} reproduces it.
 */
public final class ChaosCampaign {
    /** Where minimal failing cases are written (relative to the module, where Surefire runs). */
    public static final Path FAILURES = Path.of("target", "chaos-failures");

    private final Function<Scenario, Checkers> checkers;
    private final int determinismEvery;

    /**
     * @param checkers         the checkers of each run (the runner's standard set in the real properties)
     * @param determinismEvery run every n-th case (by scenario seed) twice; 1 = every case
     */
    public ChaosCampaign(final Function<Scenario, Checkers> checkers, final int determinismEvery) {
        this.checkers = checkers;
        this.determinismEvery = determinismEvery;
    }

    /** A runner watched by this campaign's checkers. */
    public ScenarioRunner runner() {
        return ScenarioRunner.defaults().withCheckers(checkers);
    }

    /** Runs one case; throws an {@link AssertionError} listing the violations, or on a different second run. */
    public void check(final Scenario s) throws IOException {
        final ScenarioRunner.Run run = runner().runFull(s);
        final List<Violation> found = run.record().violations();
        if (!found.isEmpty()) {
            final StringBuilder b = new StringBuilder(found.size() + " invariant violation(s) in " + s.name() + ":");
            for (final Violation v : found) {
                b.append("\n  ").append(v.describe(s.run().startNanos()));
            }
            throw new AssertionError(b.toString());
        }
        if (Math.floorMod(s.seed(), determinismEvery) == 0) {
            final ScenarioRunner.Run again = runner().runFull(s);
            if (!again.result().traceHash().equals(run.result().traceHash())
                    || !again.result().stateDigest().equals(run.result().stateDigest())
                    || !again.result().venueDigest().equals(run.result().venueDigest())) {
                throw new AssertionError("the same scenario twice gave different runs: trace " + run.result().traceHash() + " vs "
                        + again.result().traceHash() + ", state " + run.result().stateDigest() + " vs " + again.result().stateDigest()
                        + ", venue " + run.result().venueDigest() + " vs " + again.result().venueDigest());
            }
        }
    }

    /**
     * Checks the property; on failure writes the shrunk scenario, prints where and how to reproduce it, and rethrows
     * with the file's path added.
     */
    public void run(final Property<Scenario> property) {
        try {
            property.check(this::check);
        } catch (PropertyFailure f) {
            if (!(f.shrunkValue() instanceof Scenario)) {
                throw f; // the failure happened while generating: there is no scenario to write
            }
            final Path file = write(f);
            System.out.println("chaos: minimal failing scenario written to " + file.toAbsolutePath() + "\n" + f.reproduction()
                    + "\nreplay it with: ./tandem run " + file.toAbsolutePath());
            throw new AssertionError("chaos property failed; minimal scenario: " + file.toAbsolutePath() + "\n" + f.getMessage(), f);
        }
    }

    /** Writes the failure's shrunk scenario; returns the file. */
    public static Path write(final PropertyFailure f) {
        final Scenario s = (Scenario) f.shrunkValue();
        final String header = "Minimal failing case of the chaos property " + f.label() + ", shrunk in " + f.shrinkSteps() + " steps.\n"
                + "Master seed " + (f.masterSeed().isPresent() ? f.masterSeed().getAsLong() : "(try seed only)") + ", try seed "
                + f.trySeed() + ".\n" + f.reproduction() + "\nReplay: ./tandem run <this file>\n\nFailure:\n"
                + String.valueOf(f.shrunkFailure() == null ? "" : f.shrunkFailure().getMessage());
        try {
            Files.createDirectories(FAILURES);
            final Path file = FAILURES.resolve(s.name() + "-try-" + Long.toUnsignedString(f.trySeed(), 16) + ".yaml");
            Files.writeString(file, ScenarioWriter.write(s, header), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
