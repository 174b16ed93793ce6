package dev.tandem.scenarios.golden;

import dev.tandem.scenarios.expect.ExpectationOutcome;
import dev.tandem.scenarios.load.Problem;
import dev.tandem.scenarios.load.ScenarioException;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.ScenarioResult;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays scenario files and checks them: every expectation must pass and the trace hash must equal the golden one.
 * Shared by {@code tandem verify} and the {@code ScenarioReplayTest} of {@code mvn verify}, so both judge alike.
 */
public final class Verifier {

    /** How one scenario fared. */
    public enum Status {
        /** Expectations passed and the trace hash equals the golden. */
        PASS(true),
        /** Expectations passed; the golden was written or changed ({@code --update-golden}). */
        UPDATED(true),
        /** An expectation failed. */
        EXPECTATION_FAILED(false),
        /** Expectations passed but the trace hash differs from the golden. */
        GOLDEN_MISMATCH(false),
        /** Expectations passed but there is no golden file. */
        NO_GOLDEN(false),
        /** The file is not a valid scenario. */
        INVALID(false),
        /** The run failed with an error (a bug, or unreadable data). */
        ERROR(false);

        private final boolean ok;

        Status(final boolean ok) {
            this.ok = ok;
        }

        /** True for PASS and UPDATED. */
        public boolean ok() {
            return ok;
        }
    }

    /**
     * One scenario's verdict.
     *
     * @param file      the scenario file
     * @param name      the scenario's name (the file name when invalid)
     * @param status    the verdict
     * @param traceHash the run's trace hash (empty when it did not run)
     * @param golden    the golden trace hash (empty when none)
     * @param details   what went wrong, one line each (empty when fine)
     * @param wallMillis how long the run took
     */
    public record Entry(Path file, String name, Status status, String traceHash, String golden, List<String> details,
                        long wallMillis) {}

    private final ScenarioLoader loader;
    private final ScenarioRunner runner;

    /** A verifier with this loader and runner. */
    public Verifier(final ScenarioLoader loader, final ScenarioRunner runner) {
        this.loader = loader;
        this.runner = runner;
    }

    /** A verifier with the default loader and runner. */
    public static Verifier defaults() {
        final ScenarioLoader l = ScenarioLoader.defaults();
        return new Verifier(l, new ScenarioRunner(l.strategies()));
    }

    /**
     * Verifies one file. With {@code updateGolden}, a scenario whose expectations pass gets its golden written (or
     * rewritten when the hash changed); a failing or invalid one never does.
     */
    public Entry verify(final Path file, final boolean updateGolden) {
        final String fallbackName = file.getFileName().toString();
        final Scenario s;
        try {
            s = loader.load(file);
        } catch (ScenarioException e) {
            final List<String> details = new ArrayList<>();
            for (final Problem p : e.problems()) {
                details.add(p.toString());
            }
            return new Entry(file, fallbackName, Status.INVALID, "", "", details, 0);
        } catch (RuntimeException e) {
            // a bug in the loader must not stop the other scenarios of a verify run
            return new Entry(file, fallbackName, Status.ERROR, "", "", List.of(describe(e)), 0);
        }
        final ScenarioResult r;
        try {
            r = runner.run(s);
        } catch (IOException | RuntimeException e) {
            return new Entry(file, s.name(), Status.ERROR, "", "", List.of(describe(e)), 0);
        }
        String golden;
        try {
            golden = GoldenFiles.read(file);
        } catch (IOException e) {
            return new Entry(file, s.name(), Status.ERROR, r.traceHash(), "", List.of(e.getMessage()), r.wallMillis());
        }
        final List<String> failed = new ArrayList<>();
        for (final ExpectationOutcome o : r.expectations()) {
            if (!o.passed()) {
                failed.add(o.line());
            }
        }
        if (!failed.isEmpty()) {
            return new Entry(file, s.name(), Status.EXPECTATION_FAILED, r.traceHash(), golden == null ? "" : golden, failed,
                    r.wallMillis());
        }
        if (updateGolden) {
            try {
                final boolean changed = GoldenFiles.write(file, r.traceHash());
                return new Entry(file, s.name(), changed ? Status.UPDATED : Status.PASS, r.traceHash(), r.traceHash(),
                        changed ? List.of(golden == null ? "golden written" : "golden changed from " + golden) : List.of(),
                        r.wallMillis());
            } catch (IOException e) {
                return new Entry(file, s.name(), Status.ERROR, r.traceHash(), golden == null ? "" : golden,
                        List.of("cannot write the golden: " + e.getMessage()), r.wallMillis());
            }
        }
        if (golden == null) {
            return new Entry(file, s.name(), Status.NO_GOLDEN, r.traceHash(), "", List.of("no golden file "
                    + GoldenFiles.goldenOf(file) + "; create it with `tandem verify --update-golden " + file + "`"), r.wallMillis());
        }
        if (!golden.equals(r.traceHash())) {
            return new Entry(file, s.name(), Status.GOLDEN_MISMATCH, r.traceHash(), golden, List.of("trace hash "
                    + r.traceHash() + " differs from the golden " + golden + " (" + GoldenFiles.goldenOf(file) + "); if the "
                    + "change is deliberate, run `tandem verify --update-golden " + file + "`"), r.wallMillis());
        }
        return new Entry(file, s.name(), Status.PASS, r.traceHash(), golden, List.of(), r.wallMillis());
    }

    private static String describe(final Throwable e) {
        final StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        final String[] lines = w.toString().split("\n");
        final StringBuilder sb = new StringBuilder("the run failed: ").append(e);
        for (int i = 1; i < Math.min(lines.length, 6); i++) {
            sb.append("\n    ").append(lines[i].strip());
        }
        return sb.toString();
    }
}
