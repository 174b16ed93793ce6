package dev.tandem.kernel.strategy.library;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of a built-in strategy's snapshot state ({@code SnapshottableStrategy.saveState}): a format tag
 * then {@code key=value} pairs separated by {@code ;}, written in a fixed order, so equal states give equal text.
 * Values are numbers, tokens (ids, enum names) or comma-separated numbers; doubles are written as the hex of their
 * bits so that they come back exactly.
 */
final class StateText {
    private final String format;
    private final LinkedHashMap<String, String> values;

    private StateText(final String format, final LinkedHashMap<String, String> values) {
        this.format = format;
        this.values = values;
    }

    /** An empty state of this format (e.g. {@code sma-cross/1}). */
    static StateText write(final String format) {
        return new StateText(format, new LinkedHashMap<>());
    }

    /**
     * Reads a state written by {@link #toString()}.
     *
     * @throws IllegalArgumentException if the text is not of this format
     */
    static StateText read(final String format, final String text) {
        final String[] parts = text.split(";", -1);
        if (!parts[0].equals(format)) {
            throw new IllegalArgumentException("state is not of format " + format + ": '" + abbreviate(text) + "'");
        }
        final LinkedHashMap<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            final int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(format + " state: part " + i + " is not key=value: '" + abbreviate(parts[i]) + "'");
            }
            values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new StateText(format, values);
    }

    StateText put(final String key, final long value) {
        return put(key, Long.toString(value));
    }

    StateText put(final String key, final boolean value) {
        return put(key, Boolean.toString(value));
    }

    StateText putDouble(final String key, final double value) {
        return put(key, Long.toHexString(Double.doubleToRawLongBits(value)));
    }

    StateText put(final String key, final long[] value) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length; i++) {
            b.append(i == 0 ? "" : ",").append(value[i]);
        }
        return put(key, b.toString());
    }

    /** A token, or null written as {@code -}. */
    StateText put(final String key, final String value) {
        if (value != null && (value.indexOf(';') >= 0 || value.indexOf('=') >= 0 || value.equals("-"))) {
            throw new IllegalArgumentException(format + " state: value of " + key + " cannot be written: '" + value + "'");
        }
        values.put(key, value == null ? "-" : value);
        return this;
    }

    long getLong(final String key) {
        final String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(format + " state: " + key + " is not an integer: '" + v + "'");
        }
    }

    int getInt(final String key) {
        return Math.toIntExact(getLong(key));
    }

    boolean getBoolean(final String key) {
        final String v = get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(format + " state: " + key + " is not true/false: '" + v + "'");
        }
        return v.equals("true");
    }

    double getDouble(final String key) {
        final String v = get(key);
        try {
            return Double.longBitsToDouble(Long.parseUnsignedLong(v, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(format + " state: " + key + " is not a double's bits: '" + v + "'");
        }
    }

    long[] getLongs(final String key) {
        final String v = get(key);
        if (v.isEmpty()) {
            return new long[0];
        }
        final String[] parts = v.split(",", -1);
        final long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(format + " state: " + key + "[" + i + "] is not an integer: '" + parts[i] + "'");
            }
        }
        return out;
    }

    /** A token, or null when written as {@code -}. */
    String getString(final String key) {
        final String v = get(key);
        return v.equals("-") ? null : v;
    }

    private String get(final String key) {
        final String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(format + " state has no " + key);
        }
        return v;
    }

    /** The keys and values, in writing order (for tests). */
    Map<String, String> values() {
        return new LinkedHashMap<>(values);
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder(format);
        values.forEach((k, v) -> b.append(';').append(k).append('=').append(v));
        return b.toString();
    }

    private static String abbreviate(final String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
