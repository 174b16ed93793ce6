package dev.tandem.scenarios.check;

/**
 * One broken invariant.
 *
 * @param checker the checker's name ({@link InvariantChecker#name()})
 * @param nanos   the simulated time it was seen (epoch nanoseconds)
 * @param detail  what is wrong, with the order, values and limits involved
 */
public record Violation(String checker, long nanos, String detail) {
    /** {@code checker: detail} with the time relative to {@code startNanos} ({@code +12.5s}). */
    public String describe(final long startNanos) {
        return checker + " at +" + java.math.BigDecimal.valueOf(nanos - startNanos, 9).stripTrailingZeros().toPlainString()
                + "s: " + detail;
    }
}
