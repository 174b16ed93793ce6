package dev.tandem.scenarios.golden;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden replay of {@code mvn verify}: every scenario file under {@code scenarios/library/} and
 * {@code src/test/resources/scenarios/} is run; a failed expectation, a missing golden or a trace hash that differs
 * from its golden ({@code expected/<name>.digest}) fails the build. Goldens change only through
 * {@code tandem verify --update-golden}. Judged by the same {@link Verifier} as the CLI.
 */
class ScenarioReplayTest {
    /** The directories replayed, relative to the module directory (Surefire's working directory). */
    static final List<Path> ROOTS = List.of(Path.of("library"), Path.of("src", "test", "resources", "scenarios"));

    @TestFactory
    Stream<DynamicTest> everyScenarioMeetsItsExpectationsAndGoldenTraceHash() throws IOException {
        final List<Path> roots = new ArrayList<>();
        for (final Path r : ROOTS) {
            if (Files.isDirectory(r)) {
                roots.add(r);
            }
        }
        final List<Path> files = GoldenFiles.find(roots);
        if (files.size() < 3) {
            fail("expected the scenario library under " + ROOTS + ", found only " + files);
        }
        final Verifier verifier = Verifier.defaults();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            final Verifier.Entry e = verifier.verify(f, false);
            if (!e.status().ok()) {
                fail(f + ": " + e.status() + "\n  " + String.join("\n  ", e.details()));
            }
        }));
    }
}
