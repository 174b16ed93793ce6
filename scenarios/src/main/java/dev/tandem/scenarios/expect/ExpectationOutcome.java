package dev.tandem.scenarios.expect;

/**
 * The verdict of one expectation.
 *
 * @param index       its position in the file's {@code expectations} list (0-based)
 * @param kind        its kind as written in the file ({@code strategy-state})
 * @param description what it checks, in words
 * @param passed      true if it held
 * @param expected    what was expected
 * @param actual      what happened
 * @param when        when it happened or was decided (may be empty)
 */
public record ExpectationOutcome(int index, String kind, String description, boolean passed, String expected,
                                 String actual, String when) {

    /** An outcome without index (set by the evaluator). */
    public static ExpectationOutcome of(final Expectation e, final boolean passed, final String expected, final String actual,
                                        final String when) {
        return new ExpectationOutcome(-1, e.kind(), e.describe(), passed, expected, actual, when == null ? "" : when);
    }

    /** A copy with its index. */
    public ExpectationOutcome at(final int i) {
        return new ExpectationOutcome(i, kind, description, passed, expected, actual, when);
    }

    /** One line: {@code PASS strategy-state: ...} or {@code FAIL ...: expected ...; actual ...; when ...}. */
    public String line() {
        final StringBuilder sb = new StringBuilder();
        sb.append(passed ? "PASS " : "FAIL ").append(kind).append(": ").append(description);
        if (!passed) {
            sb.append(" — expected ").append(expected).append("; actual ").append(actual);
            if (!when.isEmpty()) {
                sb.append("; when ").append(when);
            }
        }
        return sb.toString();
    }
}
