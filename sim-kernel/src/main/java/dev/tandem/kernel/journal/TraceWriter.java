package dev.tandem.kernel.journal;

import dev.tandem.kernel.model.AuditMetadata;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * The growable byte buffer the binary trace encoding ({@link TraceEncoding}) writes into, with one method per value
 * kind of the encoding. Integers are little-endian; strings are a 32-bit byte length (−1 for null) and their UTF-8
 * bytes, or a reference into the string table that this writer keeps for the stream it writes (version 2, see
 * {@link TraceEncoding}). Not thread-safe; one per {@link TraceHash}.
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

    /**
     * Starts an event: from here {@link #truncate} can undo everything written, string table slots included (an
     * event that failed half-way must leave neither bytes nor table entries behind).
     */
    int begin() {
        undoCount = 0;
        return pos;
    }

    /** Drops what was written after {@code position}, the value {@link #begin} returned, and undoes its table changes. */
    void truncate(final int position) {
        if (position < 0 || position > pos) {
            throw new IllegalArgumentException("cannot truncate to " + position + " of " + pos);
        }
        pos = position;
        while (undoCount > 0) {
            undoCount--;
            table[undoSlots[undoCount]] = undoStrings[undoCount];
            undoStrings[undoCount] = null;
        }
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
        // byte by byte: a table reference is the most frequent write, and the VarHandle form was slow wherever the JIT
        // did not inline it (deep in the metadata writer)
        final byte[] b = buf;
        final int p = pos;
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        pos = p + 4;
    }

    void putLong(final long v) {
        ensure(8);
        LONG_LE.set(buf, pos, v);
        pos += 8;
    }

    /** Strings at least this long (in UTF-16 units), and ASCII only, go through the string table. */
    static final int TABLE_MIN_LENGTH = 8;
    /** Slots of the string table. */
    static final int TABLE_SLOTS = 64;
    /** The length field of a reference to table slot {@code k} is {@code REF_BASE - k} (−2 .. −65). */
    static final int REF_BASE = -2;
    /** The length field that announces a metadata value written as a number (8 bytes follow). */
    static final int NUMBER_MARK = -100;
    /**
     * The string table (encoding version 2): slot {@code k} holds the last table string written whose slot is
     * {@code k} (see {@link #slot}). Part of the encoding, not a cache: a reader keeps the same table to parse the
     * stream back. Empty at the start of a stream.
     */
    private final String[] table = new String[TABLE_SLOTS];
    /** Slots replaced since {@link #begin} and what they held before, oldest first (for {@link #truncate}). */
    private int[] undoSlots = new int[16];
    private String[] undoStrings = new String[16];
    private int undoCount;

    /** The table slot of a string: its {@code String.hashCode}, folded, low six bits. */
    static int slot(final String s) {
        final int h = s.hashCode();
        return (h ^ (h >>> 16)) & (TABLE_SLOTS - 1);
    }

    /**
     * A string (version 2): null is length −1; a string its table slot holds is the reference {@code −2 − slot};
     * anything else is written out, its byte length and UTF-8 (as {@code String.getBytes(UTF_8)}: an unpaired surrogate
     * becomes '?'), and when those are at least {@value #TABLE_MIN_LENGTH} bytes, all ASCII, the string they spell
     * takes its slot. (The rule is on the bytes, so a reader can keep the same table.)
     */
    void putString(final String s) {
        if (s == null) {
            putInt(NULL_LENGTH);
        } else if (s.length() >= TABLE_MIN_LENGTH) {
            final int k = slot(s);
            final String held = table[k];
            if (held == s || s.equals(held)) {
                putInt(REF_BASE - k);
                return;
            }
            final int start = pos + 4;
            final int bytes = encode(s);
            if (bytes == ASCII) {
                enter(k, s);
            } else if (bytes == ASCII_BYTES) {
                // unpaired surrogates written as '?' in otherwise ASCII text: the table gets the string the bytes spell
                final String spelled = new String(buf, start, pos - start, StandardCharsets.US_ASCII);
                enter(slot(spelled), spelled);
            }
        } else {
            encode(s);
        }
    }

    private void enter(final int k, final String s) {
        if (undoCount == undoSlots.length) {
            undoSlots = Arrays.copyOf(undoSlots, undoCount * 2);
            undoStrings = Arrays.copyOf(undoStrings, undoCount * 2);
        }
        undoSlots[undoCount] = k;
        undoStrings[undoCount++] = table[k];
        table[k] = s;
    }

    /** {@link #encode}: every unit was ASCII. */
    private static final int ASCII = 0;
    /** {@link #encode}: every byte written is ASCII, but some units were unpaired surrogates (written as '?'). */
    private static final int ASCII_BYTES = 1;
    /** {@link #encode}: some bytes are not ASCII. */
    private static final int NOT_ASCII = 2;

    /** Writes the length-prefixed UTF-8 of a non-null string; returns {@link #ASCII}, {@link #ASCII_BYTES} or {@link #NOT_ASCII}. */
    private int encode(final String s) {
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
        int kind = i == n ? ASCII : ASCII_BYTES;
        for (; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                kind = NOT_ASCII;
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                final int cp = i + 1 < n && Character.isHighSurrogate(c) && Character.isLowSurrogate(s.charAt(i + 1))
                        ? Character.toCodePoint(c, s.charAt(++i))
                        : -1;
                if (cp < 0) {
                    b[p++] = '?'; // what the JDK's UTF-8 encoder writes for an unpaired surrogate
                } else {
                    kind = NOT_ASCII;
                    b[p++] = (byte) (0xf0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[p++] = (byte) (0x80 | (cp & 0x3f));
                }
            } else {
                kind = NOT_ASCII;
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        INT_LE.set(b, pos, p - start);
        pos = p;
        return kind;
    }

    /** An enum constant by name; null is length −1. */
    void putEnum(final Enum<?> e) {
        if (e == null) {
            putInt(NULL_LENGTH);
        } else {
            putString(e.name());
        }
    }

    void putId(final ClientOrderId id) {
        putString(id == null ? null : id.value());
    }

    void putId(final StrategyId id) {
        putString(id == null ? null : id.value());
    }

    /** The last instrument id written and its text: nearly every event names the same one or two. */
    private InstrumentId lastInstrument;
    private String lastInstrumentText;

    /** An instrument id as the string {@code SYMBOL.VENUE} (its text built once per id in a row). */
    void putId(final InstrumentId id) {
        if (id == null) {
            putInt(NULL_LENGTH);
            return;
        }
        if (id != lastInstrument && !id.equals(lastInstrument)) {
            lastInstrument = id;
            lastInstrumentText = id.toString();
        }
        putString(lastInstrumentText);
    }

    /**
     * A sorted string map: entry count (−1 for null), then per entry in key order the key as a string and the value by
     * {@link #putMetadataValue}.
     */
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
                    putNumber(m.numberAt(i)); // Long.toString of it is canonical by definition
                } else {
                    putMetadataValue(m.textAt(i));
                }
            }
            return;
        }
        putInt(map.size());
        for (final Map.Entry<String, String> e : map.entrySet()) {
            putString(e.getKey());
            putMetadataValue(e.getValue());
        }
    }

    /**
     * A metadata value: the canonical decimal text of a long ({@code Long.toString(v)} for some {@code v}) is written
     * as the number, {@link #NUMBER_MARK} then {@code v} as 8 bytes; anything else (null included) as a string.
     */
    void putMetadataValue(final String value) {
        if (value != null && isCanonicalLong(value)) {
            putNumber(Long.parseLong(value));
        } else {
            putString(value);
        }
    }

    private void putNumber(final long v) {
        ensure(12);
        INT_LE.set(buf, pos, NUMBER_MARK);
        LONG_LE.set(buf, pos + 4, v);
        pos += 12;
    }

    /** True if {@code s} is {@code Long.toString(v)} for some long {@code v}: no sign but '-', no leading zero, in range. */
    static boolean isCanonicalLong(final String s) {
        final int n = s.length();
        final int first = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        final int digits = n - first;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = first; i < n; i++) {
            final char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (s.charAt(first) == '0') {
            return n == 1; // "0" only: no "-0", no leading zeros
        }
        if (digits < 19) {
            return true;
        }
        // 19 digits: within range? compare with the extreme's digits (same length, so lexicographic order is numeric)
        return s.substring(first).compareTo(first == 1 ? "9223372036854775808" : "9223372036854775807") <= 0;
    }
}
