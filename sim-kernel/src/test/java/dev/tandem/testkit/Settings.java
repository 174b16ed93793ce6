package dev.tandem.testkit;

import java.util.List;

/**
 * Immutable run settings shared by {@link Property} and {@link StatefulProperty}, and the one place
 * that reads the {@code tandem.*} system properties (see the package documentation for the
 * precedence rules).
 */
record Settings(String label, Integer tries, Long seed, Long trySeed, int maxShrinkRuns) {

    private static final List<String> HARNESS_CLASSES = List.of(
            Settings.class.getName(), Property.class.getName(), StatefulProperty.class.getName(),
            Engine.class.getName());

    static Settings defaults() {
        return new Settings(null, null, null, null, Property.DEFAULT_MAX_SHRINK_RUNS);
    }

    Settings withLabel(String newLabel) {
        if (newLabel == null || newLabel.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        return new Settings(newLabel, tries, seed, trySeed, maxShrinkRuns);
    }

    Settings withTries(int newTries) {
        if (newTries < 1) {
            throw new IllegalArgumentException("tries must be >= 1: " + newTries);
        }
        return new Settings(label, newTries, seed, trySeed, maxShrinkRuns);
    }

    Settings withSeed(long newSeed) {
        return new Settings(label, tries, newSeed, trySeed, maxShrinkRuns);
    }

    Settings withTrySeed(long newTrySeed) {
        return new Settings(label, tries, seed, newTrySeed, maxShrinkRuns);
    }

    Settings withMaxShrinkRuns(int runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("maxShrinkRuns must be >= 0: " + runs);
        }
        return new Settings(label, tries, seed, trySeed, runs);
    }

    /** Explicit {@code .tries(n)}, else {@code -Dtandem.tries}, else {@link Property#DEFAULT_TRIES}. */
    int effectiveTries() {
        if (tries != null) {
            return tries;
        }
        String raw = System.getProperty(Property.TRIES_PROPERTY);
        if (raw == null || raw.isBlank()) {
            return Property.DEFAULT_TRIES;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "system property " + Property.TRIES_PROPERTY + " must be a positive int, got '" + raw + "'", e);
        }
        if (parsed < 1) {
            throw new IllegalArgumentException(
                    "system property " + Property.TRIES_PROPERTY + " must be a positive int, got '" + raw + "'");
        }
        return parsed;
    }

    /** {@code -Dtandem.seed}, else explicit {@code .seed(s)}, else a stable hash of the label. */
    long effectiveMasterSeed(String effectiveLabel) {
        String raw = System.getProperty(Property.SEED_PROPERTY);
        if (raw != null && !raw.isBlank()) {
            return parseSeed(raw.trim());
        }
        if (seed != null) {
            return seed;
        }
        return SplitMix64.hash(effectiveLabel);
    }

    /** The explicit label, else {@code SimpleClassName.method} of the code that called the harness. */
    String effectiveLabel() {
        if (label != null) {
            return label;
        }
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !HARNESS_CLASSES.contains(f.getClassName()))
                .findFirst()
                .map(f -> {
                    String cls = f.getClassName();
                    return cls.substring(cls.lastIndexOf('.') + 1) + "." + enclosingMethod(f.getMethodName());
                })
                .orElse("property"));
    }

    /** {@code lambda$check$3} becomes {@code check}: labels (and default seeds) survive lambda renumbering. */
    static String enclosingMethod(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', "lambda$".length());
            if (end > "lambda$".length()) {
                return method.substring("lambda$".length(), end);
            }
        }
        return method;
    }

    /** Parses a seed as printed by the harness (signed decimal), also accepting {@code 0x} hex. */
    static long parseSeed(String raw) {
        try {
            if (raw.startsWith("0x") || raw.startsWith("0X")) {
                return Long.parseUnsignedLong(raw.substring(2).replace("_", ""), 16);
            }
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + Property.SEED_PROPERTY
                    + " must be a long (decimal or 0x-hex), got '" + raw + "'", e);
        }
    }
}
