package dev.tandem.kernel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.KernelStarted;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TraceHashTest {
    private static String sha256(final String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTraceIsSha256OverCanonicalLines() throws Exception {
        final KernelStarted e = new KernelStarted(1, "run", "fp", 2, 3);
        final TraceHash t = new TraceHash();
        assertThat(t.hex()).isEqualTo(sha256(""));
        t.accept(e);
        assertThat(t.hex()).isEqualTo(sha256(EventTypes.outboundCodec().encode(e) + "\n"));
        assertThat(t.events()).isEqualTo(1);
    }

    @Test
    void aContinuedTraceChainsFromThePreviousHash() throws Exception {
        final TraceHash before = new TraceHash();
        before.accept(new KernelStarted(1, "run", "fp", 2, 3));
        final KernelStarted later = new KernelStarted(4, "run", "fp", 5, 6);
        final TraceHash t = new TraceHash();
        t.continueFrom(before.hex(), before.events());
        assertThat(t.hex()).isEqualTo(sha256(before.hex() + "\n"));
        assertThat(t.events()).isEqualTo(1);
        t.accept(later);
        assertThat(t.hex()).isEqualTo(sha256(before.hex() + "\n" + EventTypes.outboundCodec().encode(later) + "\n"));
        assertThat(t.events()).isEqualTo(2);
    }

    @Test
    void onlyAFreshTraceContinuesAndOnlyFromAHash() {
        final TraceHash used = new TraceHash();
        used.accept(new KernelStarted(1, "run", "fp", 2, 3));
        assertThatThrownBy(() -> used.continueFrom(new TraceHash().hex(), 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TraceHash().continueFrom("not a hash", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceHash().continueFrom(new TraceHash().hex(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
