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

    /**
     * Strings at least this long go through {@link #putRepeating}: the events' long strings (reasons, metadata keys,
     * client order ids, which appear in every event of their order) mostly repeat, and copying their cached bytes is
     * cheaper than encoding them again.
     */
    private static final int CACHE_MIN_LENGTH = 8;
    private static final int CACHE_SLOTS = 64;
    /** A direct-mapped cache of encoded strings (length prefix and UTF-8), by {@code String.hashCode}. Speed only. */
    private final String[] cachedStrings = new String[CACHE_SLOTS];
    private final byte[][] cachedBytes = new byte[CACHE_SLOTS][];

    /** A string: byte length, then UTF-8 (as {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes '?'); null is length −1. */
    void putString(final String s) {
        if (s == null) {
            putInt(NULL_LENGTH);
        } else if (s.length() >= CACHE_MIN_LENGTH) {
            putRepeating(s);
        } else {
            encode(s);
        }
    }

    /**
     * {@link #putString} for a string that is likely to come again (enum names, ids, fixed texts): its encoding is
     * cached by content, so the bytes written are exactly those of {@link #encode}.
     */
    private void putRepeating(final String s) {
        final int h = s.hashCode();
        final int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
        final String cached = cachedStrings[slot];
        if (cached == s || s.equals(cached)) {
            putBytes(cachedBytes[slot]);
            return;
        }
        final int start = pos;
        encode(s);
        cachedStrings[slot] = s;
        cachedBytes[slot] = Arrays.copyOfRange(buf, start, pos);
    }

    /** Writes the length-prefixed UTF-8 of a non-null string. */
    private void encode(final String s) {
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

    /** "00".."99" as two ASCII digits per entry, tens first. */
    private static final byte[] DIGIT_PAIRS = digitPairs();

    private static byte[] digitPairs() {
        final byte[] d = new byte[200];
        for (int i = 0; i < 100; i++) {
            d[2 * i] = (byte) ('0' + i / 10);
            d[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return d;
    }

    /** 10^0 .. 10^18. */
    private static final long[] POW10 = powersOfTen();

    private static long[] powersOfTen() {
        final long[] p = new long[19];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }

    /** Decimal digits of {@code u >= 0}, without a loop: log10 from the bit length, corrected by one comparison. */
    static int decimalDigits(final long u) {
        final int t = ((64 - Long.numberOfLeadingZeros(u)) * 1233) >>> 12; // floor(bits * log10(2)), at most 18
        return Math.max(1, t + (u >= POW10[t] ? 1 : 0));
    }

    /**
     * The string {@code Long.toString(v)}, written without building it. Timestamps have 19 digits, and a division per
     * digit was most of a stale-data pause's encoding: here at most two long divisions split the number into chunks of
     * eight digits, written two at a time with int arithmetic.
     */
    void putDecimal(final long v) {
        if (v == Long.MIN_VALUE) {
            putString(Long.toString(v));
            return;
        }
        // numbers in audit metadata repeat across events: a pause carries the last data time that the resume before
        // it carried, and the same limit every time; their encodings are kept in a few slots chosen by value
        final int slot = (int) (v ^ (v >>> 29) ^ (v >>> 47)) & (DECIMAL_SLOTS - 1);
        final int cachedLength = decimalLengths[slot];
        if (cachedLength != 0 && decimalValues[slot] == v) {
            ensure(cachedLength);
            System.arraycopy(decimalBytes[slot], 0, buf, pos, cachedLength);
            pos += cachedLength;
            return;
        }
        final int start = pos;
        writeDecimal(v);
        decimalValues[slot] = v;
        decimalLengths[slot] = pos - start; // at most 4 + 20 bytes: fits the slot, no allocation
        System.arraycopy(buf, start, decimalBytes[slot], 0, pos - start);
    }

    private static final int DECIMAL_SLOTS = 8;
    private final long[] decimalValues = new long[DECIMAL_SLOTS];
    /** Encoded length per slot; 0 for an empty slot (an encoding is at least five bytes). */
    private final int[] decimalLengths = new int[DECIMAL_SLOTS];
    private final byte[][] decimalBytes = new byte[DECIMAL_SLOTS][24];

    /** {@link #putDecimal} without the cache, for {@code v != Long.MIN_VALUE}. */
    private void writeDecimal(final long v) {
        long u = Math.abs(v);
        final int digits = decimalDigits(u);
        final int len = v < 0 ? digits + 1 : digits;
        ensure(4 + len);
        final byte[] b = buf;
        INT_LE.set(b, pos, len);
        pos += 4;
        if (v < 0) {
            b[pos] = '-';
        }
        int p = pos + len;
        // up to two chunks of exactly eight digits, split off by independent divisions of u, then the leading part
        if (u >= 100_000_000L) {
            final long upper = u / 100_000_000L;
            put8(b, p, (int) (u - upper * 100_000_000L));
            p -= 8;
            if (upper >= 100_000_000L) {
                final long top = u / 10_000_000_000_000_000L;
                put8(b, p, (int) (upper - top * 100_000_000L));
                p -= 8;
                u = top;
            } else {
                u = upper;
            }
        }
        int w = (int) u;
        while (w >= 100) {
            final int q = w / 100;
            final int d = (w - q * 100) * 2;
            w = q;
            b[--p] = DIGIT_PAIRS[d + 1];
            b[--p] = DIGIT_PAIRS[d];
        }
        if (w >= 10) {
            b[--p] = DIGIT_PAIRS[w * 2 + 1];
            b[--p] = DIGIT_PAIRS[w * 2];
        } else {
            b[--p] = (byte) ('0' + w);
        }
        pos += len;
    }

    /** Exactly eight digits of {@code 0 <= r < 10^8} (leading zeros included) in {@code b[end - 8, end)}. */
    private static void put8(final byte[] b, final int end, final int r) {
        // two independent halves of four digits, each two pairs: short dependency chains
        final int hi = r / 10_000;
        final int lo = r - hi * 10_000;
        final int hh = hi / 100;
        final int lh = lo / 100;
        final int d1 = hh * 2;
        final int d2 = (hi - hh * 100) * 2;
        final int d3 = lh * 2;
        final int d4 = (lo - lh * 100) * 2;
        b[end - 8] = DIGIT_PAIRS[d1];
        b[end - 7] = DIGIT_PAIRS[d1 + 1];
        b[end - 6] = DIGIT_PAIRS[d2];
        b[end - 5] = DIGIT_PAIRS[d2 + 1];
        b[end - 4] = DIGIT_PAIRS[d3];
        b[end - 3] = DIGIT_PAIRS[d3 + 1];
        b[end - 2] = DIGIT_PAIRS[d4];
        b[end - 1] = DIGIT_PAIRS[d4 + 1];
    }

    /** An enum constant by name; null is length −1. */
    void putEnum(final Enum<?> e) {
        if (e == null) {
            putInt(NULL_LENGTH);
        } else {
            putRepeating(e.name()); // the same few names again and again
        }
    }

    void putId(final ClientOrderId id) {
        putString(id == null ? null : id.value());
    }

    void putId(final StrategyId id) {
        putString(id == null ? null : id.value());
    }

    /** The last instrument id written and its encoding: nearly every event names the same one or two. */
    private InstrumentId lastInstrument;
    private byte[] lastInstrumentBytes;

    /** An instrument id as the string {@code SYMBOL.VENUE}, written without building it. */
    void putId(final InstrumentId id) {
        if (id == null) {
            putInt(NULL_LENGTH);
            return;
        }
        if (id == lastInstrument || id.equals(lastInstrument)) {
            putBytes(lastInstrumentBytes);
            return;
        }
        final int at = pos;
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
        lastInstrument = id;
        lastInstrumentBytes = Arrays.copyOfRange(buf, at, pos);
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
