package dev.tandem.kernel.journal;

import dev.tandem.kernel.model.AuditMetadata;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * The growable byte buffer the binary trace encoding ({@link TraceEncoding}) writes into, with one method per value
 * kind of the encoding. Integers are little-endian; strings are a 32-bit byte length (−1 for null) and their UTF-8
 * bytes. Not thread-safe; one per {@link TraceHash}.
 */
final class TraceWriter {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int NULL_LENGTH = -1;

    private byte[] buf;
    private int pos;

    TraceWriter(final int capacity) {
        this.buf = new byte[capacity];
    }

    /** The bytes written so far are {@code buffer()[0, position())}. */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    /** Forgets everything written (the caller has consumed it). */
    void reset() {
        pos = 0;
    }

    /** Drops what was written after {@code position} (an event that failed half-way must leave no bytes behind). */
    void truncate(final int position) {
        if (position < 0 || position > pos) {
            throw new IllegalArgumentException("cannot truncate to " + position + " of " + pos);
        }
        pos = position;
    }

    /** A copy of the bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(final int n) {
        if (n > buf.length - pos) {
            // grows for one long string; the trace hash resets the buffer after every batch, so it stays small
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(pos, n)));
        }
    }

    void putByte(final int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void putBytes(final byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void putBoolean(final boolean b) {
        putByte(b ? 1 : 0);
    }

    void putInt(final int v) {
        ensure(4);
        INT_LE.set(buf, pos, v);
        pos += 4;
    }

    void putLong(final long v) {
        ensure(8);
        LONG_LE.set(buf, pos, v);
        pos += 8;
    }

    /** A string: byte length, then UTF-8 (as {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes '?'); null is length −1. */
    void putString(final String s) {
        if (s == null) {
            putInt(NULL_LENGTH);
            return;
        }
        final int n = s.length();
        ensure(4 + 3 * n); // at most three bytes per UTF-16 unit (a pair's two units take four)
        final byte[] b = buf;
        final int start = pos + 4;
        int p = start;
        int i = 0;
        // ids, enum names and most texts are ASCII: one byte per char, no branches beyond the test
        for (; i < n; i++) {
            final char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        for (; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                final int cp = i + 1 < n && Character.isHighSurrogate(c) && Character.isLowSurrogate(s.charAt(i + 1))
                        ? Character.toCodePoint(c, s.charAt(++i))
                        : -1;
                if (cp < 0) {
                    b[p++] = '?'; // what the JDK's UTF-8 encoder writes for an unpaired surrogate
                } else {
                    b[p++] = (byte) (0xf0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[p++] = (byte) (0x80 | (cp & 0x3f));
                }
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        INT_LE.set(b, pos, p - start);
        pos = p;
    }

    /** The string {@code Long.toString(v)}, written without building it. */
    void putDecimal(final long v) {
        if (v == Long.MIN_VALUE) {
            putString(Long.toString(v));
            return;
        }
        long u = Math.abs(v);
        int digits = 1;
        for (long t = u; t >= 10; t /= 10) {
            digits++;
        }
        final int len = v < 0 ? digits + 1 : digits;
        ensure(4 + len);
        INT_LE.set(buf, pos, len);
        pos += 4;
        if (v < 0) {
            buf[pos] = '-';
        }
        int p = pos + len;
        do {
            buf[--p] = (byte) ('0' + (int) (u % 10));
            u /= 10;
        } while (u != 0);
        pos += len;
    }

    /** An enum constant by name; null is length −1. */
    void putEnum(final Enum<?> e) {
        putString(e == null ? null : e.name());
    }

    void putId(final ClientOrderId id) {
        putString(id == null ? null : id.value());
    }

    void putId(final StrategyId id) {
        putString(id == null ? null : id.value());
    }

    /** An instrument id as the string {@code SYMBOL.VENUE}, written without building it. */
    void putId(final InstrumentId id) {
        if (id == null) {
            putInt(NULL_LENGTH);
            return;
        }
        final String symbol = id.symbol();
        final String venue = id.venue();
        // both parts are [A-Za-z0-9_-] tokens (InstrumentId checks), so one byte per char
        final int len = symbol.length() + 1 + venue.length();
        ensure(4 + len);
        INT_LE.set(buf, pos, len);
        int p = pos + 4;
        for (int i = 0; i < symbol.length(); i++) {
            buf[p++] = (byte) symbol.charAt(i);
        }
        buf[p++] = '.';
        for (int i = 0; i < venue.length(); i++) {
            buf[p++] = (byte) venue.charAt(i);
        }
        pos = p;
    }

    /** A sorted string map: entry count (−1 for null), then key and value strings in key order. */
    void putStringMap(final SortedMap<String, String> map) {
        if (map == null) {
            putInt(NULL_LENGTH);
            return;
        }
        if (map instanceof AuditMetadata m) {
            final int n = m.size();
            putInt(n);
            for (int i = 0; i < n; i++) {
                putString(m.keyAt(i));
                if (m.isNumberAt(i)) {
                    putDecimal(m.numberAt(i));
                } else {
                    putString(m.textAt(i));
                }
            }
            return;
        }
        putInt(map.size());
        for (final Map.Entry<String, String> e : map.entrySet()) {
            putString(e.getKey());
            putString(e.getValue());
        }
    }
}
