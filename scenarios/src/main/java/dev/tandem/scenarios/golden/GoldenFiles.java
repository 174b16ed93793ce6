package dev.tandem.scenarios.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden trace hashes: for a scenario {@code <dir>/<name>.yaml}, the file {@code <dir>/expected/<name>.digest} holds
 * the trace hash its run must produce, as a line {@code trace-hash: <hex>} (lines starting with {@code #} are
 * comments). Only {@code tandem verify --update-golden} writes them.
 */
public final class GoldenFiles {
    /** The directory beside scenario files that holds their goldens (never searched for scenarios). */
    public static final String DIR = "expected";
    /** The golden file's extension. */
    public static final String EXTENSION = ".digest";
    private static final String KEY = "trace-hash:";

    private GoldenFiles() {}

    /** The golden file of a scenario file. */
    public static Path goldenOf(final Path scenario) {
        final String name = scenario.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        final Path parent = scenario.toAbsolutePath().getParent();
        return parent.resolve(DIR).resolve((dot > 0 ? name.substring(0, dot) : name) + EXTENSION);
    }

    /** The golden trace hash of a scenario, or null if it has none. */
    public static String read(final Path scenario) throws IOException {
        final Path g = goldenOf(scenario);
        if (!Files.isRegularFile(g)) {
            return null;
        }
        for (final String line : Files.readAllLines(g, StandardCharsets.UTF_8)) {
            final String t = line.strip();
            if (t.startsWith(KEY)) {
                return t.substring(KEY.length()).strip();
            }
        }
        throw new IOException(g + ": no line 'trace-hash: <hex>'");
    }

    /**
     * Writes a scenario's golden trace hash, atomically where the file system allows. Returns true if the file changed
     * (a golden that already holds this hash is not rewritten).
     */
    public static boolean write(final Path scenario, final String traceHash) throws IOException {
        // the kernel's trace hash: 128 bits as 32 lower-case hex digits (trace encoding v1, docs/DETERMINISM.md)
        if (!traceHash.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a 32-digit lower-case hex trace hash: " + traceHash);
        }
        final String existing = Files.isRegularFile(goldenOf(scenario)) ? read(scenario) : null;
        if (traceHash.equals(existing)) {
            return false;
        }
        final Path g = goldenOf(scenario);
        Files.createDirectories(g.getParent());
        final String text = "# Golden trace hash of " + scenario.getFileName() + ".\n"
                + "# Written by `tandem verify --update-golden`; never edit by hand (scenarios/README.md).\n"
                + KEY + " " + traceHash + "\n";
        final Path tmp = g.resolveSibling(g.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, g, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, g, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /**
     * Every scenario file ({@code *.yaml}, {@code *.yml}) under these paths (a file is taken as is), skipping
     * {@value #DIR} directories; sorted, without duplicates.
     */
    public static List<Path> find(final List<Path> roots) throws IOException {
        final java.util.TreeSet<Path> out = new java.util.TreeSet<>();
        for (final Path root : roots) {
            if (Files.isRegularFile(root)) {
                out.add(root.normalize());
                continue;
            }
            if (!Files.isDirectory(root)) {
                throw new IOException(root + ": no such file or directory");
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> {
                            final String n = p.getFileName().toString();
                            return n.endsWith(".yaml") || n.endsWith(".yml");
                        })
                        .filter(p -> {
                            for (final Path part : root.relativize(p)) {
                                if (part.toString().equals(DIR)) {
                                    return false;
                                }
                            }
                            return true;
                        })
                        .forEach(p -> out.add(p.normalize()));
            }
        }
        return new ArrayList<>(out);
    }
}
