package dev.tandem.kernel.model;

/** Validation shared by the identifier records. */
final class Ids {
    private Ids() {}

    static void requireToken(final String value, final String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                throw new IllegalArgumentException(
                        what + " may contain only [A-Za-z0-9_-], got '" + value + "' (bad char at " + i + ")");
            }
        }
    }
}
