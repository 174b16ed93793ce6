package dev.tandem.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the elements of one type out of a recorded list (commands a port received, events a kernel emitted, reports
 * a venue sent), e.g. {@code ofType(port.commands(), SubmitOrder.class)}.
 */
public final class TypeFilter {
    private TypeFilter() {}

    /** The elements of {@code items} that are instances of {@code type}, in order, as that type. */
    public static <T> List<T> ofType(final Iterable<?> items, final Class<T> type) {
        final List<T> out = new ArrayList<>();
        for (final Object item : items) {
            if (type.isInstance(item)) {
                out.add(type.cast(item));
            }
        }
        return out;
    }
}
