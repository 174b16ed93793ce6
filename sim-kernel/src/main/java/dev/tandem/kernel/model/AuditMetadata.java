package dev.tandem.kernel.model;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The immutable, sorted metadata of an audit event ({@code StrategyStateChanged}, {@code TradingStateChanged}): string
 * keys in natural order, string values. It equals every other map with the same entries (a {@code TreeMap} decoded
 * from the journal's text form, for instance).
 *
 * <p>Why not a {@code TreeMap}: the risk engine pauses and resumes strategies on stale data, on a sparse trade tape
 * every few trades, and each change carries metadata holding clock readings. Building a tree of decimal strings for
 * each of them, only for the trace encoder to read them back, was most of the cost of a pause. Here keys and values
 * sit in sorted arrays; a value given as a number stays a {@code long} until someone reads it as a string (the
 * binary trace encoder writes its decimal digits straight into its buffer, see {@link #numberAt}). The map view
 * ({@link #get}, {@link #entrySet}...) is built on first use.
 */
public final class AuditMetadata extends AbstractMap<String, String> implements SortedMap<String, String> {
    private static final AuditMetadata EMPTY = new AuditMetadata(new String[0], new String[0], new long[0], new boolean[0]);

    private final String[] keys;
    private final String[] texts;
    private final long[] numbers;
    private final boolean[] numeric;
    /** The map view, built on first use (single-threaded kernel: no publication race that matters, it is immutable). */
    private SortedMap<String, String> view;

    private AuditMetadata(final String[] keys, final String[] texts, final long[] numbers, final boolean[] numeric) {
        this.keys = keys;
        this.texts = texts;
        this.numbers = numbers;
        this.numeric = numeric;
    }

    /** No entries. */
    public static AuditMetadata empty() {
        return EMPTY;
    }

    /** A builder; keys may come in any order, a repeated key replaces the earlier value (as {@code Map.put}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects entries; {@link #build} sorts them. Reusable: each build takes a copy. */
    public static final class Builder {
        private String[] keys = new String[8];
        private String[] texts = new String[8];
        private long[] numbers = new long[8];
        private boolean[] numeric = new boolean[8];
        private int size;

        private Builder() {}

        /** A text value (may be null). */
        public Builder text(final String key, final String value) {
            final int i = slot(key);
            texts[i] = value;
            numeric[i] = false;
            return this;
        }

        /** A number, shown as its decimal form ({@code Long.toString}). */
        public Builder number(final String key, final long value) {
            final int i = slot(key);
            texts[i] = null;
            numbers[i] = value;
            numeric[i] = true;
            return this;
        }

        private int slot(final String key) {
            Objects.requireNonNull(key, "metadata key");
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                texts = Arrays.copyOf(texts, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
                numeric = Arrays.copyOf(numeric, size * 2);
            }
            keys[size] = key;
            return size++;
        }

        /** The metadata so far, sorted by key. */
        public AuditMetadata build() {
            if (size == 0) {
                return EMPTY;
            }
            final String[] k = Arrays.copyOf(keys, size);
            final String[] t = Arrays.copyOf(texts, size);
            final long[] n = Arrays.copyOf(numbers, size);
            final boolean[] f = Arrays.copyOf(numeric, size);
            // insertion sort: a handful of keys, usually almost in order
            for (int i = 1; i < size; i++) {
                for (int j = i; j > 0 && k[j - 1].compareTo(k[j]) > 0; j--) {
                    swap(k, j);
                    swap(t, j);
                    final long x = n[j];
                    n[j] = n[j - 1];
                    n[j - 1] = x;
                    final boolean y = f[j];
                    f[j] = f[j - 1];
                    f[j - 1] = y;
                }
            }
            return new AuditMetadata(k, t, n, f);
        }

        private static void swap(final String[] a, final int j) {
            final String x = a[j];
            a[j] = a[j - 1];
            a[j - 1] = x;
        }
    }

    /** Metadata with the same entries as {@code map} (null keys are refused, as by a naturally ordered map). */
    public static AuditMetadata copyOf(final Map<String, String> map) {
        if (map instanceof AuditMetadata m) {
            return m;
        }
        final Builder b = new Builder();
        map.forEach(b::text);
        return b.build();
    }

    // ---- raw access, in key order (for encoders) ----

    /** Number of entries. */
    @Override
    public int size() {
        return keys.length;
    }

    /** The {@code i}-th key in sorted order. */
    public String keyAt(final int i) {
        return keys[i];
    }

    /** Whether the {@code i}-th value was given as a number ({@link #numberAt}); otherwise it is text ({@link #textAt}). */
    public boolean isNumberAt(final int i) {
        return numeric[i];
    }

    /** The {@code i}-th value as the number it was given as; its string form is {@code Long.toString} of it. */
    public long numberAt(final int i) {
        if (!numeric[i]) {
            throw new IllegalStateException("metadata value '" + keys[i] + "' is text, not a number");
        }
        return numbers[i];
    }

    /** The {@code i}-th value as text (numbers in decimal). */
    public String textAt(final int i) {
        return numeric[i] ? Long.toString(numbers[i]) : texts[i];
    }

    // ---- the map view ----

    private SortedMap<String, String> view() {
        SortedMap<String, String> v = view;
        if (v == null) {
            final TreeMap<String, String> m = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], textAt(i));
            }
            v = Collections.unmodifiableSortedMap(m);
            view = v;
        }
        return v;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public String get(final Object key) {
        return view().get(key);
    }

    @Override
    public boolean containsKey(final Object key) {
        return view().containsKey(key);
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return view().entrySet();
    }

    @Override
    public Set<String> keySet() {
        return view().keySet();
    }

    @Override
    public java.util.Collection<String> values() {
        return view().values();
    }

    @Override
    public Comparator<? super String> comparator() {
        return null; // natural order, like a TreeMap without a comparator
    }

    @Override
    public SortedMap<String, String> subMap(final String fromKey, final String toKey) {
        return view().subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, String> headMap(final String toKey) {
        return view().headMap(toKey);
    }

    @Override
    public SortedMap<String, String> tailMap(final String fromKey) {
        return view().tailMap(fromKey);
    }

    @Override
    public String firstKey() {
        return view().firstKey();
    }

    @Override
    public String lastKey() {
        return view().lastKey();
    }

    @Override
    public boolean equals(final Object o) {
        return o == this || view().equals(o);
    }

    @Override
    public int hashCode() {
        return view().hashCode();
    }

    @Override
    public String toString() {
        return view().toString();
    }
}
