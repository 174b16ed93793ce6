package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.StrategyId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deterministic client order ids: {@code <runTag>-<strategyId>-<counter>}, the counter per strategy starting at 1,
 * in lower-case base 36 left-padded to {@value #COUNTER_WIDTH} characters so ids of one strategy sort in creation
 * order (up to 36^6 ≈ 2.2 billion orders; beyond that the counter grows wider). With the longest run tag (8) and
 * strategy id (12) ten counter characters remain within the 32 of {@link ClientOrderId}: 36^10 ≈ 3.7e15 orders per
 * strategy and run. Running out fails loudly instead of producing an id a venue would refuse.
 *
 * <p>The run tag separates runs against the same venue account (a venue rejects a client id it has already
 * seen), so a live runner derives it from the run, not from the seed alone. Same run tag and same sequence of
 * calls give the same ids; the counters are part of the kernel's snapshot.
 */
public final class ClientOrderIdGenerator {
    /** Longest run tag. */
    public static final int MAX_RUN_TAG_LENGTH = 8;
    /** Minimum width of the base-36 counter. */
    public static final int COUNTER_WIDTH = 6;

    private final String runTag;
    private final TreeMap<StrategyId, Counter> counters = new TreeMap<>();

    /** One strategy's counter and the fixed part of its ids, {@code <runTag>-<strategyId>-}, built once. */
    private static final class Counter {
        final String prefix;
        long last;

        Counter(final String prefix, final long last) {
            this.prefix = prefix;
            this.last = last;
        }
    }

    /** A generator for a run; the tag is 1..8 characters of {@code [A-Za-z0-9_]}. */
    public ClientOrderIdGenerator(final String runTag) {
        if (runTag == null || runTag.isEmpty() || runTag.length() > MAX_RUN_TAG_LENGTH) {
            throw new IllegalArgumentException("run tag must have 1.." + MAX_RUN_TAG_LENGTH + " characters: '" + runTag + "'");
        }
        for (int i = 0; i < runTag.length(); i++) {
            final char c = runTag.charAt(i);
            // no '-': it separates the parts of the id
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                throw new IllegalArgumentException("run tag may contain only [A-Za-z0-9_]: '" + runTag + "'");
            }
        }
        this.runTag = runTag;
    }

    /** The run tag. */
    public String runTag() {
        return runTag;
    }

    /** The next id of a strategy; fails if the counter no longer fits the 32 characters. */
    public ClientOrderId next(final StrategyId strategy) {
        Counter c = counters.get(strategy);
        final boolean fresh = c == null;
        if (fresh) {
            c = new Counter(runTag + "-" + strategy.value() + "-", 0);
        }
        final long n = Math.addExact(c.last, 1);
        final String id = withCounter(c.prefix, n);
        if (id.length() > ClientOrderId.MAX_LENGTH) {
            throw new IllegalStateException("client order ids of " + strategy + " exhausted in run " + runTag + " at " + n);
        }
        c.last = n;
        if (fresh) {
            counters.put(strategy, c);
        }
        return new ClientOrderId(id);
    }

    /** {@code prefix + counter(n)}, built in one buffer (on the order path: no intermediate strings). */
    private static String withCounter(final String prefix, final long n) {
        int digits = 1;
        for (long rest = n / 36; rest > 0; rest /= 36) {
            digits++;
        }
        final int width = Math.max(digits, COUNTER_WIDTH);
        final char[] out = new char[prefix.length() + width];
        prefix.getChars(0, prefix.length(), out, 0);
        int p = out.length;
        long rest = n;
        for (int i = 0; i < width; i++) {
            out[--p] = Character.forDigit((int) (rest % 36), 36); // lower-case, as Long.toString(n, 36)
            rest /= 36;
        }
        return new String(out);
    }

    static String counter(final long n) {
        final String s = Long.toString(n, 36);
        if (s.length() >= COUNTER_WIDTH) {
            return s;
        }
        return "0".repeat(COUNTER_WIDTH - s.length()) + s;
    }

    /** The last counter value issued per strategy, by strategy id value (snapshot). */
    public SortedMap<String, Long> counters() {
        final TreeMap<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k.value(), v.last));
        return Collections.unmodifiableSortedMap(out);
    }

    /** Restores counters taken with {@link #counters()}; existing counters are replaced. */
    public void restore(final Map<String, Long> snapshot) {
        counters.clear();
        new TreeMap<>(snapshot).forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("negative counter for " + k);
            }
            final StrategyId id = new StrategyId(k);
            counters.put(id, new Counter(runTag + "-" + id.value() + "-", v));
        });
    }
}
