package dev.tandem.testkit;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders generated values for failure reports: strings and characters quoted and escaped, arrays
 * and collections element by element (recursively), everything else via {@code toString()}. Give
 * actions and other generated types a readable {@code toString()} (records already have one).
 */
public final class Show {

    /** Reports cut each rendered value at this many characters. */
    public static final int DEFAULT_MAX_CHARS = 4_000;

    /** {@link #steps} shows this many steps at each end of a longer sequence. */
    private static final int STEPS_KEPT = 100;

    private Show() {
    }

    /**
     * @param value any value, possibly {@code null} or an array
     * @return a readable, unabridged rendering
     */
    public static String show(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /**
     * @param value any value
     * @param maxChars cut-off; longer renderings end in {@code "... (N more chars)"}
     * @return a readable rendering of at most about {@code maxChars} characters
     */
    public static String show(Object value, int maxChars) {
        return abbreviate(show(value), maxChars);
    }

    /**
     * Renders a sequence of steps (e.g. stateful actions) one per line, numbered from 1, marking the
     * last one as the step that failed when {@code lastFailed} is set. Sequences of more than 200
     * steps show the first and last 100.
     *
     * @param steps the executed steps in order
     * @param lastFailed whether the last step is the one that threw
     * @param indent prefix of every line
     * @return the rendering; {@code "(no steps)"} for an empty list
     */
    public static String steps(List<?> steps, boolean lastFailed, String indent) {
        if (steps.isEmpty()) {
            return indent + "(no steps)";
        }
        StringBuilder out = new StringBuilder();
        int width = String.valueOf(steps.size()).length();
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (steps.size() > 2 * STEPS_KEPT && i == STEPS_KEPT) {
                out.append(indent).append("... (").append(steps.size() - 2 * STEPS_KEPT).append(" steps omitted)");
                i = steps.size() - STEPS_KEPT - 1;
                continue;
            }
            String number = String.valueOf(i + 1);
            out.append(indent).append(" ".repeat(width - number.length())).append(number).append(". ");
            out.append(abbreviate(show(steps.get(i)), 500));
            if (lastFailed && i == steps.size() - 1) {
                out.append("   <-- failed here");
            }
        }
        return out.toString();
    }

    static String abbreviate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "... (" + (text.length() - maxChars) + " more chars)";
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence) {
            quote(out, value.toString(), '"');
        } else if (value instanceof Character) {
            quote(out, value.toString(), '\'');
        } else if (value instanceof Object[]) {
            appendAll(out, Arrays.asList((Object[]) value).iterator(), "[", "]");
        } else if (value.getClass().isArray()) {
            out.append(primitiveArray(value));
        } else if (value instanceof Collection) {
            appendAll(out, ((Collection<?>) value).iterator(), "[", "]");
        } else if (value instanceof Map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                append(out, e.getKey());
                out.append('=');
                append(out, e.getValue());
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (value instanceof Optional) {
            Optional<?> optional = (Optional<?>) value;
            if (optional.isPresent()) {
                out.append("Optional[");
                append(out, optional.get());
                out.append(']');
            } else {
                out.append("Optional.empty");
            }
        } else {
            try {
                out.append(value);
            } catch (RuntimeException e) {
                out.append('<').append(value.getClass().getName()).append(".toString() threw ")
                        .append(e).append('>');
            }
        }
    }

    private static void appendAll(StringBuilder out, Iterator<?> it, String open, String close) {
        out.append(open);
        while (it.hasNext()) {
            append(out, it.next());
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    private static String primitiveArray(Object array) {
        if (array instanceof long[]) {
            return Arrays.toString((long[]) array);
        } else if (array instanceof int[]) {
            return Arrays.toString((int[]) array);
        } else if (array instanceof double[]) {
            return Arrays.toString((double[]) array);
        } else if (array instanceof boolean[]) {
            return Arrays.toString((boolean[]) array);
        } else if (array instanceof byte[]) {
            return Arrays.toString((byte[]) array);
        } else if (array instanceof short[]) {
            return Arrays.toString((short[]) array);
        } else if (array instanceof float[]) {
            return Arrays.toString((float[]) array);
        } else {
            return Arrays.toString((char[]) array);
        }
    }

    private static void quote(StringBuilder out, String text, char quote) {
        out.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\\': out.append("\\\\"); break;
                default:
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append(quote);
    }
}
