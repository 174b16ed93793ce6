package dev.tandem.reports;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a run came from and how to run it again, supplied by whoever ran it (the scenario runner, a test, the live
 * runner). Nothing here is computed by the reports module; it is shown verbatim in the report's provenance table.
 *
 * @param title            a short name of the run, e.g. the scenario name ("btc-sma-outage")
 * @param seed             the run's master seed; must equal the seed of the kernel's {@code KernelStarted}
 * @param scenarioFile     the scenario file as given on the command line, or null when there is none
 * @param scenarioSha256   SHA-256 (hex) of the scenario file's bytes, or null
 * @param dataFiles        every market-data file the run read, with its SHA-256
 * @param tandemVersion    the Tandem version that produced the run (e.g. {@code 0.1.0-SNAPSHOT+g1a2b3c4})
 * @param fillModel        the simulator's fill model (e.g. {@code BarFill.CLOSE}); free text
 * @param traceHash        the kernel's trace hash at the end of the run (hex), or null for a live session
 * @param reproduceCommand the exact command that runs it again, e.g. {@code tandem run scenarios/x.yaml --seed 42}
 * @param parameters       named parameters of the run (strategy parameters, swept values); sorted by name
 */
public record Provenance(
        String title,
        long seed,
        String scenarioFile,
        String scenarioSha256,
        List<DataFile> dataFiles,
        String tandemVersion,
        String fillModel,
        String traceHash,
        String reproduceCommand,
        SortedMap<String, String> parameters) {

    /**
     * One input data file.
     *
     * @param path   as given to the run
     * @param sha256 SHA-256 (hex) of its bytes
     */
    public record DataFile(String path, String sha256) {
        public DataFile {
            Objects.requireNonNull(path, "data file path");
            Objects.requireNonNull(sha256, "data file sha256");
        }
    }

    public Provenance {
        Objects.requireNonNull(title, "title");
        dataFiles = dataFiles == null ? List.of() : List.copyOf(dataFiles);
        parameters = parameters == null ? new TreeMap<>() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** A provenance with only a title and a seed (tests, ad-hoc runs); every other field empty. */
    public static Provenance of(final String title, final long seed) {
        return new Provenance(title, seed, null, null, List.of(), null, null, null, null, new TreeMap<>());
    }

    /** A copy with another trace hash (the runner usually knows it only at the very end). */
    public Provenance withTraceHash(final String hash) {
        return new Provenance(title, seed, scenarioFile, scenarioSha256, dataFiles, tandemVersion, fillModel, hash, reproduceCommand,
                parameters);
    }
}
