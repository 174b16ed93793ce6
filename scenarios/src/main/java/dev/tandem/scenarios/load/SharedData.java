package dev.tandem.scenarios.load;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves data paths in scenario files. A path starting with {@code ${shared}/} names the shared directory beside
 * the repository (the one holding {@code data/}, e.g. {@code ../shared} of a checkout); it is found, in this order,
 * from the system property {@code tandem.shared}, the environment variable {@code TANDEM_SHARED}, or the nearest
 * directory named {@code shared} with a {@code data} sub-directory next to the scenario file's directory or any of
 * its parents. Other relative paths are resolved beside the scenario file.
 */
public final class SharedData {
    /** The prefix of shared paths. */
    public static final String PREFIX = "${shared}";
    /** How the shared directory is found, for messages. */
    public static final String HOW = "${shared} is the directory named by -Dtandem.shared or TANDEM_SHARED, else the nearest "
            + "'shared' directory with a 'data' folder beside the scenario's directory or one of its parents";

    private final Path explicit;

    private SharedData(final Path explicit) {
        this.explicit = explicit;
    }

    /** The lookup described in the class comment. */
    public static SharedData defaults() {
        final String prop = System.getProperty("tandem.shared");
        final String env = System.getenv("TANDEM_SHARED");
        final String given = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : null;
        return new SharedData(given == null ? null : Path.of(given).toAbsolutePath());
    }

    /** A lookup that only searches beside the scenario file (ignores the property and the environment). */
    public static SharedData searching() {
        return new SharedData(null);
    }

    /** A lookup with a fixed shared directory (tests). */
    public static SharedData at(final Path dir) {
        return new SharedData(dir.toAbsolutePath());
    }

    /**
     * The file a written path means.
     *
     * @param written      the path as written in the scenario
     * @param scenarioDir  the scenario file's directory (absolute)
     * @throws IllegalArgumentException if {@code ${shared}} cannot be found
     */
    public Path resolve(final String written, final Path scenarioDir) {
        if (written.startsWith(PREFIX)) {
            String rest = written.substring(PREFIX.length());
            while (rest.startsWith("/")) {
                rest = rest.substring(1);
            }
            final Path dir = sharedDir(scenarioDir);
            if (dir == null) {
                throw new IllegalArgumentException("cannot find the shared directory for '" + written + "': " + HOW);
            }
            return dir.resolve(rest).normalize();
        }
        final Path p = Path.of(written);
        return p.isAbsolute() ? p.normalize() : scenarioDir.resolve(p).normalize();
    }

    private Path sharedDir(final Path scenarioDir) {
        if (explicit != null) {
            return explicit;
        }
        for (Path d = scenarioDir; d != null; d = d.getParent()) {
            final Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return null;
    }
}
