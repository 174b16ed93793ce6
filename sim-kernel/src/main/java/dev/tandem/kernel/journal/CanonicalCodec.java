package dev.tandem.kernel.journal;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical text form of events: one JSON object per record, {@code {"@":"TypeName","field":value,...}}, with
 * fields in record-declaration order, no whitespace, integers as decimal, enums by name, ids as strings, lists as
 * arrays and sorted maps in key order. The same event always encodes to the same bytes on every JVM (events hold
 * no floating-point values and nothing hash-ordered), which is what the trace hash and the journal rely on.
 *
 * <p>Decoding reverses it for the registered record types, so a journal written as lines can be replayed.
 */
public final class CanonicalCodec {
    /**
     * How to encode one record type. {@code getters[i]} is the accessor of component {@code i}, adapted once to
     * {@code (Object)long} for integral components, {@code (Object)boolean} for booleans and {@code (Object)Object}
     * otherwise ({@code kinds[i]} says which), so {@link #encodeTo} calls it with {@code invokeExact}: no type
     * adaptation per call and no boxing of primitives. Every outbound event is encoded (the trace hash), two per order.
     */
    private record Shape(String name, Class<?> type, String[] names, Type[] types, MethodHandle[] getters, Constructor<?> ctor,
            byte[] kinds, String head, String[] prefixes) {}

    private static final byte KIND_OBJECT = 0;
    private static final byte KIND_LONG = 1;
    private static final byte KIND_BOOLEAN = 2;
    private static final MethodType GET_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final MethodType GET_LONG = MethodType.methodType(long.class, Object.class);
    private static final MethodType GET_BOOLEAN = MethodType.methodType(boolean.class, Object.class);

    private final Map<Class<?>, Shape> byClass = new LinkedHashMap<>();
    private final Map<String, Shape> byName = new TreeMap<>();

    /** A codec that knows the given record types (and, recursively, the record types of their fields). */
    public CanonicalCodec(final List<Class<?>> recordTypes) {
        recordTypes.forEach(this::register);
    }

    /** Registers a record type, or every permitted record subtype of a sealed interface, recursively. */
    public void register(final Class<?> type) {
        if (type.isSealed()) {
            for (final Class<?> sub : type.getPermittedSubclasses()) {
                register(sub);
            }
            return;
        }
        if (!type.isRecord() || byClass.containsKey(type) || isScalarRecord(type)) {
            return;
        }
        final RecordComponent[] rc = type.getRecordComponents();
        final String[] names = new String[rc.length];
        final Type[] types = new Type[rc.length];
        final MethodHandle[] getters = new MethodHandle[rc.length];
        final Class<?>[] raw = new Class<?>[rc.length];
        final byte[] kinds = new byte[rc.length];
        final String[] prefixes = new String[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                names[i] = rc[i].getName();
                types[i] = rc[i].getGenericType();
                raw[i] = rc[i].getType();
                prefixes[i] = ",\"" + names[i] + "\":";
                final MethodHandle getter = MethodHandles.publicLookup().unreflect(rc[i].getAccessor());
                final Class<?> t = raw[i];
                if (t == long.class || t == int.class || t == short.class || t == byte.class) {
                    kinds[i] = KIND_LONG;
                    getters[i] = getter.asType(GET_LONG);
                } else if (t == boolean.class) {
                    kinds[i] = KIND_BOOLEAN;
                    getters[i] = getter.asType(GET_BOOLEAN);
                } else {
                    kinds[i] = KIND_OBJECT; // other primitives are boxed, as before, and refused by value()
                    getters[i] = getter.asType(GET_OBJECT);
                }
            }
            final String name = type.getSimpleName();
            final Shape s = new Shape(name, type, names, types, getters, type.getDeclaredConstructor(raw), kinds,
                    "{\"@\":\"" + name + "\"", prefixes);
            if (byName.containsKey(s.name) && byName.get(s.name).type != type) {
                throw new IllegalArgumentException("two event types named " + s.name);
            }
            byClass.put(type, s);
            byName.put(s.name, s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot encode " + type + ": " + e.getMessage(), e);
        }
        for (final Type t : types) {
            if (t instanceof Class<?> c && c.isRecord()) {
                register(c);
            } else if (t instanceof ParameterizedType p) {
                // list elements, and sorted-map values
                for (final Type arg : p.getActualTypeArguments()) {
                    if (arg instanceof Class<?> c && c.isRecord()) {
                        register(c);
                    }
                }
            }
        }
    }

    private static boolean isScalarRecord(final Class<?> c) {
        return c == ClientOrderId.class || c == StrategyId.class || c == InstrumentId.class;
    }

    /** Encodes a registered record to its canonical one-line form. */
    public String encode(final Object record) {
        final StringBuilder sb = new StringBuilder(256);
        encodeTo(record, sb);
        return sb.toString();
    }

    /** Appends the canonical form of a registered record. */
    public void encodeTo(final Object record, final StringBuilder sb) {
        final Shape s = byClass.get(record.getClass());
        if (s == null) {
            throw new IllegalArgumentException("type not registered with the codec: " + record.getClass().getName());
        }
        sb.append(s.head);
        for (int i = 0; i < s.names.length; i++) {
            sb.append(s.prefixes[i]);
            final MethodHandle getter = s.getters[i];
            try {
                if (s.kinds[i] == KIND_LONG) {
                    sb.append((long) getter.invokeExact(record));
                    continue;
                }
                if (s.kinds[i] == KIND_BOOLEAN) {
                    sb.append((boolean) getter.invokeExact(record) ? "true" : "false");
                    continue;
                }
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + s.name + "." + s.names[i], t);
            }
            final Object v;
            try {
                v = (Object) getter.invokeExact(record);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + s.name + "." + s.names[i], t);
            }
            value(v, sb);
        }
        sb.append('}');
    }

    private void value(final Object v, final StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof Enum<?> e) {
            string(e.name(), sb);
        } else if (v instanceof ClientOrderId || v instanceof StrategyId || v instanceof InstrumentId) {
            string(v.toString(), sb);
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(list.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof SortedMap<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), sb);
                sb.append(':');
                value(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v.getClass().isRecord()) {
            encodeTo(v, sb);
        } else {
            throw new IllegalArgumentException("no canonical form for " + v.getClass().getName()
                    + " (use longs, strings, enums, ids, records, lists or sorted maps in events)");
        }
    }

    private static void string(final String s, final StringBuilder sb) {
        sb.append('"');
        if (!needsEscape(s)) {
            // the common case (ids, enum names, venues): one bulk append instead of a switch per character
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u");
                        final String hex = Integer.toHexString(c);
                        sb.append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** True if {@link #string} would change any character of {@code s}. */
    private static boolean needsEscape(final String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes one canonical line. Fails with a message naming the column and what was expected when the text is
     * malformed or names an unknown type.
     */
    public Object decode(final String line) {
        final Parser p = new Parser(line);
        final Object o = p.parseValue();
        p.skipWs();
        if (!p.atEnd()) {
            throw p.error("unexpected text after the event");
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("column 1: an event must be a JSON object");
        }
        return build(m, line);
    }

    private Object build(final Map<?, ?> m, final String line) {
        final Object typeName = m.get("@");
        final Shape s = typeName == null ? null : byName.get(typeName.toString());
        if (s == null) {
            throw new IllegalArgumentException("unknown event type '" + typeName + "' in: " + abbreviate(line));
        }
        final Object[] args = new Object[s.names.length];
        for (int i = 0; i < s.names.length; i++) {
            if (!m.containsKey(s.names[i])) {
                throw new IllegalArgumentException(s.name + ": missing field '" + s.names[i] + "' in: " + abbreviate(line));
            }
            args[i] = convert(m.get(s.names[i]), s.types[i], s.name + "." + s.names[i], line);
        }
        try {
            return s.ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(s.name + ": " + cause.getMessage(), cause);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object convert(final Object v, final Type type, final String where, final String line) {
        final Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (v == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException(where + " must not be null");
            }
            return null;
        }
        try {
            if (raw == long.class || raw == Long.class) {
                return ((Number) v).longValue();
            }
            if (raw == int.class || raw == Integer.class) {
                return Math.toIntExact(((Number) v).longValue());
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return (Boolean) v;
            }
            if (raw == String.class) {
                return (String) v;
            }
            if (raw.isEnum()) {
                return Enum.valueOf((Class) raw, (String) v);
            }
            if (raw == ClientOrderId.class) {
                return new ClientOrderId((String) v);
            }
            if (raw == StrategyId.class) {
                return new StrategyId((String) v);
            }
            if (raw == InstrumentId.class) {
                return InstrumentId.parse((String) v);
            }
            if (raw == List.class) {
                final Type elem = ((ParameterizedType) type).getActualTypeArguments()[0];
                final List<Object> out = new ArrayList<>();
                for (final Object o : (List<?>) v) {
                    out.add(convert(o, elem, where + "[]", line));
                }
                return Collections.unmodifiableList(out);
            }
            if (raw == SortedMap.class) {
                if (!(type instanceof ParameterizedType p)) {
                    final TreeMap<String, String> out = new TreeMap<>();
                    ((Map<?, ?>) v).forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
                    return out;
                }
                // keys were written as strings; values keep their declared type (Long, records, ...)
                final Type keyType = p.getActualTypeArguments()[0];
                final Type valueType = p.getActualTypeArguments()[1];
                final TreeMap<Object, Object> out = new TreeMap<>();
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    final String key = String.valueOf(e.getKey());
                    out.put(convertKey(key, keyType, where), convert(e.getValue(), valueType, where + "[" + key + "]", line));
                }
                return Collections.unmodifiableSortedMap(out);
            }
            if (raw.isRecord()) {
                return build((Map<?, ?>) v, line);
            }
        } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": bad value '" + v + "' (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(where + ": unsupported field type " + raw.getName());
    }

    /** A sorted-map key from its string form (keys are encoded with {@code String.valueOf}). */
    private static Object convertKey(final String key, final Type keyType, final String where) {
        if (keyType == String.class) {
            return key;
        }
        if (keyType == Long.class) {
            return Long.parseLong(key);
        }
        if (keyType == Integer.class) {
            return Integer.parseInt(key);
        }
        if (keyType == ClientOrderId.class) {
            return new ClientOrderId(key);
        }
        if (keyType == StrategyId.class) {
            return new StrategyId(key);
        }
        if (keyType == InstrumentId.class) {
            return InstrumentId.parse(key);
        }
        if (keyType instanceof Class<?> c && c.isEnum()) {
            return enumConstant(c, key);
        }
        throw new IllegalArgumentException(where + ": unsupported map key type " + keyType.getTypeName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(final Class<?> c, final String name) {
        return Enum.valueOf((Class) c, name);
    }

    private static String abbreviate(final String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    /** A minimal JSON reader for the canonical form (objects, arrays, strings, integers, true/false/null). */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(final String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipWs() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        IllegalArgumentException error(final String what) {
            return new IllegalArgumentException("column " + (i + 1) + ": " + what + " in: " + abbreviate(s));
        }

        Object parseValue() {
            skipWs();
            if (atEnd()) {
                throw error("unexpected end of line");
            }
            final char c = s.charAt(i);
            if (c == '{') {
                i++;
                final Map<String, Object> m = new LinkedHashMap<>();
                skipWs();
                if (peek('}')) {
                    i++;
                    return m;
                }
                while (true) {
                    skipWs();
                    final String key = parseString();
                    skipWs();
                    expect(':');
                    m.put(key, parseValue());
                    skipWs();
                    if (peek(',')) {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            if (c == '[') {
                i++;
                final List<Object> l = new ArrayList<>();
                skipWs();
                if (peek(']')) {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(parseValue());
                    skipWs();
                    if (peek(',')) {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            if (c == '"') {
                return parseString();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                final int start = i;
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                try {
                    return Long.parseLong(s.substring(start, i));
                } catch (NumberFormatException e) {
                    i = start;
                    throw error("integer out of range");
                }
            }
            throw error("expected a value but found '" + c + "'");
        }

        private boolean peek(final char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(final char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private String parseString() {
            expect('"');
            final StringBuilder sb = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("unterminated string");
                }
                final char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw error("unterminated escape");
                    }
                    final char e = s.charAt(i++);
                    switch (e) {
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case '/' -> sb.append('/');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw error("bad unicode escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> throw error("bad escape \\" + e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
