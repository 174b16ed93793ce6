package dev.tandem.kernel.model;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The immutable, sorted metadata of an audit event ({@code StrategyStateChanged}, {@code TradingStateChanged}):
 * string keys in natural order, string values. It equals every other map with the same entries (a {@code TreeMap}
 * decoded from the journal's text form, for instance).
 *
 * <p>Why not a {@code TreeMap}: the risk engine pauses and resumes strategies on stale data, on a sparse trade tape
 * every few trades, and each change carries metadata holding clock readings. Building a tree of decimal strings for
 * each of them, only for the trace encoder to read them back, was most of the cost of a pause. Here keys and values
 * sit in arrays in key order; a value given as a number stays a {@code long} until someone reads it as a string (the
 * binary trace encoder writes its decimal digits straight into its buffer, see {@link #numberAt}). A {@link Layout}
 * shares one sorted key array between all metadata with the same keys. The map view ({@link #get},
 * {@link #entrySet}...) is built on first use.
 */
public final class AuditMetadata extends AbstractMap<String, String> implements SortedMap<String, String> {
    /** Marks a value held in {@code numbers} (compared by identity; no caller can pass this instance). */
    private static final String NUMBER = new String("<number>");
    private static final AuditMetadata EMPTY = new AuditMetadata(new String[0], new String[0], new long[0]);

    /** Sorted, distinct; possibly shared with other instances (a {@link Layout}'s), never modified. */
    private final String[] keys;
    /** The text values; {@link #NUMBER} where the value is {@code numbers[i]}. */
    private final String[] texts;
    private final long[] numbers;
    /** The map view, built on first use (single-threaded kernel; it is immutable, so a rebuild would be equal). */
    private SortedMap<String, String> view;

    private AuditMetadata(final String[] keys, final String[] texts, final long[] numbers) {
        this.keys = keys;
        this.texts = texts;
        this.numbers = numbers;
    }

    /** No entries. */
    public static AuditMetadata empty() {
        return EMPTY;
    }

    /** A builder; keys may come in any order, a repeated key replaces the earlier value (as {@code Map.put}). */
    public static Builder builder() {
        return new Builder();
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

    /** Collects entries, kept in key order as they come. Reusable: each build takes a copy. */
    public static final class Builder {
        private String[] keys = new String[6];
        private String[] texts = new String[6];
        private long[] numbers = new long[6];
        private int size;

        private Builder() {}

        /** A text value (may be null). */
        public Builder text(final String key, final String value) {
            final int i = slot(key); // first: slot may replace the arrays
            texts[i] = value;
            return this;
        }

        /** A number, shown as its decimal form ({@code Long.toString}). */
        public Builder number(final String key, final long value) {
            final int i = slot(key);
            texts[i] = NUMBER;
            numbers[i] = value;
            return this;
        }

        /** The index of {@code key}, inserted at its sorted position if new. */
        private int slot(final String key) {
            Objects.requireNonNull(key, "metadata key");
            int i = size;
            while (i > 0) {
                final int c = keys[i - 1].compareTo(key);
                if (c == 0) {
                    return i - 1;
                }
                if (c < 0) {
                    break;
                }
                i--;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                texts = Arrays.copyOf(texts, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            System.arraycopy(keys, i, keys, i + 1, size - i);
            System.arraycopy(texts, i, texts, i + 1, size - i);
            System.arraycopy(numbers, i, numbers, i + 1, size - i);
            keys[i] = key;
            size++;
            return i;
        }

        /** The metadata so far. */
        public AuditMetadata build() {
            if (size == 0) {
                return EMPTY;
            }
            return new AuditMetadata(Arrays.copyOf(keys, size), Arrays.copyOf(texts, size), Arrays.copyOf(numbers, size));
        }

        /**
         * The metadata so far plus one more text entry (replacing an entry with that key), leaving this builder as it
         * was: one base shared by several events that differ in one entry.
         */
        public AuditMetadata buildWith(final String key, final String value) {
            Objects.requireNonNull(key, "metadata key");
            int at = 0;
            while (at < size && keys[at].compareTo(key) < 0) {
                at++;
            }
            final boolean replace = at < size && keys[at].equals(key);
            final int n = replace ? size : size + 1;
            final String[] k = new String[n];
            final String[] t = new String[n];
            final long[] v = new long[n];
            System.arraycopy(keys, 0, k, 0, at);
            System.arraycopy(texts, 0, t, 0, at);
            System.arraycopy(numbers, 0, v, 0, at);
            k[at] = key;
            t[at] = value;
            final int from = replace ? at + 1 : at;
            System.arraycopy(keys, from, k, at + 1, size - from);
            System.arraycopy(texts, from, t, at + 1, size - from);
            System.arraycopy(numbers, from, v, at + 1, size - from);
            return new AuditMetadata(k, t, v);
        }
    }

    /**
     * A fixed set of keys, sorted once and shared by every metadata made from it: for metadata built again and again
     * with the same keys (a stale-data pause), only the values are allocated.
     */
    public static final class Layout {
        private final String[] keys;

        private Layout(final String[] keys) {
            this.keys = keys;
        }

        /** The layout of these keys (any order; no null, no repeats; at most 31). */
        public static Layout of(final String... keys) {
            if (keys.length > 31) {
                throw new IllegalArgumentException("a layout holds at most 31 keys, got " + keys.length);
            }
            final String[] k = keys.clone();
            Arrays.sort(k); // throws on null
            for (int i = 1; i < k.length; i++) {
                if (k[i].equals(k[i - 1])) {
                    throw new IllegalArgumentException("metadata key repeated: " + k[i]);
                }
            }
            return new Layout(k);
        }

        /** The position of {@code key}, for {@link Values}; look it up once and keep it. */
        public int indexOf(final String key) {
            final int i = Arrays.binarySearch(keys, key);
            if (i < 0) {
                throw new IllegalArgumentException("no key '" + key + "' in " + Arrays.toString(keys));
            }
            return i;
        }

        /** Fresh values for one metadata of this layout; every key must be given a value before {@link Values#build}. */
        public Values values() {
            return new Values(this);
        }
    }

    /** The values of one metadata of a {@link Layout}, set by key position; built once. */
    public static final class Values {
        private final Layout layout;
        private String[] texts;
        private long[] numbers;
        private int given;

        private Values(final Layout layout) {
            this.layout = layout;
            this.texts = new String[layout.keys.length];
            this.numbers = new long[layout.keys.length];
        }

        /** A text value (may be null) for the key at {@code index}. */
        public Values text(final int index, final String value) {
            mark(index);
            texts[index] = value;
            return this;
        }

        /** A number for the key at {@code index}. */
        public Values number(final int index, final long value) {
            mark(index);
            texts[index] = NUMBER;
            numbers[index] = value;
            return this;
        }

        private void mark(final int index) {
            if (texts == null) {
                throw new IllegalStateException("these values were built already");
            }
            if (index < 0 || index >= layout.keys.length || (given & (1 << index)) != 0) {
                throw new IllegalArgumentException("value " + index + " given twice or out of range");
            }
            given |= 1 << index;
        }

        /** The metadata; every key must have had a value. */
        public AuditMetadata build() {
            if (texts == null) {
                throw new IllegalStateException("these values were built already");
            }
            final int all = (1 << layout.keys.length) - 1;
            if (given != all) {
                throw new IllegalStateException("no value for some keys of " + Arrays.toString(layout.keys));
            }
            final AuditMetadata m = new AuditMetadata(layout.keys, texts, numbers);
            texts = null; // the arrays now belong to the metadata
            numbers = null;
            return m;
        }
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
        return texts[i] == NUMBER;
    }

    /** The {@code i}-th value as the number it was given as; its string form is {@code Long.toString} of it. */
    public long numberAt(final int i) {
        if (texts[i] != NUMBER) {
            throw new IllegalStateException("metadata value '" + keys[i] + "' is text, not a number");
        }
        return numbers[i];
    }

    /** The {@code i}-th value as text (numbers in decimal). */
    public String textAt(final int i) {
        return texts[i] == NUMBER ? Long.toString(numbers[i]) : texts[i];
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
    public Collection<String> values() {
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
