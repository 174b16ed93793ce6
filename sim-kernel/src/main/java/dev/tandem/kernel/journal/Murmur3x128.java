package dev.tandem.kernel.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streaming MurmurHash3, the x64 128-bit variant (Austin Appleby's public-domain algorithm, {@code MurmurHash3_x64_128}
 * of SMHasher), written here from its published description. Feeding the same bytes in any split gives the same
 * result as hashing them in one piece, so the trace can absorb its byte stream in batches.
 *
 * <p>Why this hash for the trace ({@link TraceHash}) and not SHA-256: the trace hash detects accidental divergence
 * between runs of our own code (another JVM, another machine, a code change). Nobody chooses the events to forge a
 * collision, so resistance against an adversary buys nothing, while the trace is computed for every outbound event
 * on the order path. MurmurHash3-128 is well specified, stable, has published test vectors, spreads every input bit
 * over both 64-bit halves, and costs about a cycle per byte (SHA-256 is several times that even with SHA-NI). It is
 * not a MAC or a signature; see docs/DETERMINISM.md.
 */
public final class Murmur3x128 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long h1;
    private long h2;
    /** Bytes absorbed so far (including the pending tail). */
    private long length;
    /** Bytes of an incomplete 16-byte block, waiting for more input. */
    private final byte[] tail = new byte[16];
    private int tailLength;

    /** A hash with seed 0 (the trace's). */
    public Murmur3x128() {
        this(0);
    }

    /** A hash with the given seed (both halves start at it, as in the reference, where the seed is 32 bits). */
    public Murmur3x128(final int seed) {
        this.h1 = seed & 0xffffffffL;
        this.h2 = seed & 0xffffffffL;
    }

    /** A copy with the same state: {@link #finish} on it leaves this hash free to continue. */
    public Murmur3x128 copy() {
        final Murmur3x128 c = new Murmur3x128();
        c.h1 = h1;
        c.h2 = h2;
        c.length = length;
        System.arraycopy(tail, 0, c.tail, 0, tailLength);
        c.tailLength = tailLength;
        return c;
    }

    /** Absorbs {@code len} bytes of {@code b} from {@code off}. */
    public void update(final byte[] b, final int off, final int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside an array of " + b.length);
        }
        length += len;
        int i = off;
        final int end = off + len;
        if (tailLength > 0) {
            final int take = Math.min(16 - tailLength, len);
            System.arraycopy(b, i, tail, tailLength, take);
            tailLength += take;
            i += take;
            if (tailLength < 16) {
                return;
            }
            block((long) LONG_LE.get(tail, 0), (long) LONG_LE.get(tail, 8));
            tailLength = 0;
        }
        long a = h1;
        long c = h2;
        for (; i + 16 <= end; i += 16) {
            long k1 = (long) LONG_LE.get(b, i);
            long k2 = (long) LONG_LE.get(b, i + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            a ^= k1;
            a = Long.rotateLeft(a, 27);
            a += c;
            a = a * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            c ^= k2;
            c = Long.rotateLeft(c, 31);
            c += a;
            c = c * 5 + 0x38495ab5;
        }
        h1 = a;
        h2 = c;
        if (i < end) {
            System.arraycopy(b, i, tail, 0, end - i);
            tailLength = end - i;
        }
    }

    private void block(long k1, long k2) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        k1 *= C2;
        h1 ^= k1;
        h1 = Long.rotateLeft(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        k2 *= C1;
        h2 ^= k2;
        h2 = Long.rotateLeft(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    /** Bytes absorbed so far. */
    public long length() {
        return length;
    }

    /**
     * The 128-bit result {@code {h1, h2}} of everything absorbed. Leaves this object's state unchanged (the tail and
     * finalization run on local copies), so hashing may continue afterwards.
     */
    public long[] finish() {
        long a = h1;
        long c = h2;
        long k1 = 0;
        long k2 = 0;
        for (int j = tailLength - 1; j >= 8; j--) {
            k2 ^= (tail[j] & 0xffL) << ((j - 8) * 8);
        }
        if (tailLength > 8) {
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            c ^= k2;
        }
        for (int j = Math.min(tailLength, 8) - 1; j >= 0; j--) {
            k1 ^= (tail[j] & 0xffL) << (j * 8);
        }
        if (tailLength > 0) {
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            a ^= k1;
        }
        a ^= length;
        c ^= length;
        a += c;
        c += a;
        a = fmix64(a);
        c = fmix64(c);
        a += c;
        c += a;
        return new long[] {a, c};
    }

    /** {@link #finish} as 32 lower-case hex digits: {@code h1} then {@code h2}, each as a 64-bit unsigned number. */
    public String hex() {
        final long[] h = finish();
        final StringBuilder sb = new StringBuilder(32);
        appendHex(sb, h[0]);
        appendHex(sb, h[1]);
        return sb.toString();
    }

    private static void appendHex(final StringBuilder sb, final long v) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
        }
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
