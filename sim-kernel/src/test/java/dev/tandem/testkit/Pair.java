package dev.tandem.testkit;

/**
 * Two generated values, see {@link Gen#pairs(Gen, Gen)}.
 *
 * @param first the first component
 * @param second the second component
 * @param <A> type of the first component
 * @param <B> type of the second component
 */
public record Pair<A, B>(A first, B second) {

    @Override
    public String toString() {
        return "(" + Show.show(first) + ", " + Show.show(second) + ")";
    }
}
