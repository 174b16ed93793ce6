package dev.tandem.kernel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trace's hash is MurmurHash3 x64-128 exactly: the published test vectors (the values other implementations of
 * {@code MurmurHash3_x64_128} are checked against, covering every tail length class and non-zero seeds), and the
 * streaming property that makes batching invisible.
 */
class Murmur3x128Test {
    private static long[] hash(final int seed, final byte[] data) {
        final Murmur3x128 h = new Murmur3x128(seed);
        h.update(data, 0, data.length);
        return h.finish();
    }

    private static long[] hash(final int seed, final String ascii) {
        return hash(seed, ascii.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publishedTestVectors() {
        assertThat(hash(0, "")).containsExactly(0L, 0L);
        assertThat(hash(2, "hello ")).containsExactly(0x8a486b23f422e826L, 0xf962a2c58947765fL);
        assertThat(hash(3, "hello w")).containsExactly(0x2ea59f466f6bed8cL, 0xc610990acc428a17L);
        assertThat(hash(4, "hello wo")).containsExactly(0x79f6305a386c572cL, 0x46305aed3483b94eL);
        assertThat(hash(5, "hello wor")).containsExactly(0xc2219d213ec1f1b5L, 0xa1d8e2e0a52785bdL);
        assertThat(hash(0, "1234567890123456")).containsExactly(0x4fbe5dc5c0e32cf8L, 0xc0c8e96b60c322c1L);
        assertThat(hash(0, "12345678901234567")).containsExactly(0x748617968026b77eL, 0x291e6386473f7103L);
        assertThat(hash(0, "The quick brown fox jumps over the lazy dog")).containsExactly(0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L);
        assertThat(hash(0, "The quick brown fox jumps over the lazy cog")).containsExactly(0x658ca970ff85269aL, 0x43fee3eaa68e5c3eL);
    }

    @Test
    void hexIsBothHalvesAsUnsignedHex() {
        final Murmur3x128 h = new Murmur3x128();
        final byte[] d = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        h.update(d, 0, d.length);
        assertThat(h.hex()).isEqualTo("e34bbc7bbc071b6c7a433ca9c49a9347");
        assertThat(new Murmur3x128().hex()).isEqualTo("0".repeat(32));
    }

    /** Any split of the input into updates gives the one-piece hash; finishing does not disturb the state. */
    @Test
    void streamingInPiecesEqualsHashingInOnePiece() {
        final Gen<byte[]> bytes = Gen.listOf(Gen.ints(0, 255), 0, 200).map(l -> {
            final byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) l.get(i);
            }
            return b;
        });
        final Gen<List<Integer>> cuts = Gen.listOf(Gen.ints(0, 40), 0, 12);
        Property.forAll(Gen.pairs(bytes, cuts)).tries(500).check(p -> {
            final byte[] data = p.first();
            final Murmur3x128 h = new Murmur3x128(7);
            int at = 0;
            for (final int cut : p.second()) {
                final int n = Math.min(cut, data.length - at);
                h.update(data, at, n);
                at += n;
                h.finish(); // a peek mid-stream changes nothing
            }
            h.update(data, at, data.length - at);
            assertThat(h.finish()).containsExactly(hash(7, data));
            assertThat(h.length()).isEqualTo(data.length);
            final Murmur3x128 copy = h.copy();
            copy.update(new byte[] {1}, 0, 1);
            assertThat(h.finish()).containsExactly(hash(7, data));
        });
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        assertThatThrownBy(() -> new Murmur3x128().update(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Murmur3x128().update(new byte[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
