package dev.tandem.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the real market data: the repository's own copy in {@code data/} (see {@code data/SOURCES.md}),
 * so a clean clone needs nothing beside it, else {@code shared/data} beside the repository. Surefire runs in a module
 * directory, so the first ancestor holding either wins; {@code -Dtandem.sharedData=DIR} overrides both.
 */
public final class DataFiles {
    private static final String MARKER = "SOURCES.md";

    private DataFiles() {}

    /** The data directory, or empty when there is none (tests then skip or fail, as they choose). */
    public static Optional<Path> dir() {
        final String override = System.getProperty("tandem.sharedData");
        if (override != null) {
            return Optional.of(Path.of(override)).filter(p -> Files.isRegularFile(p.resolve(MARKER)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("data").resolve(MARKER))) {
                return Optional.of(dir.resolve("data"));
            }
            final Path shared = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(shared.resolve(MARKER))) {
                return Optional.of(shared);
            }
        }
        return Optional.empty();
    }
}
