package dev.tandem.kernel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The trace hash is MurmurHash3 x64-128 over the stream of {@link TraceEncoding}: header, [continuation], events. */
class TraceHashTest {
    private static String murmur(final byte[]... parts) {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (final byte[] p : parts) {
            all.writeBytes(p);
        }
        final byte[] b = all.toByteArray();
        final Murmur3x128 h = new Murmur3x128();
        h.update(b, 0, b.length);
        return h.hex();
    }

    @Test
    void aTraceIsTheHashOfTheHeaderAndTheEventRecords() {
        final KernelStarted e = new KernelStarted(1, "run", "fp", 2, 3);
        final TraceHash t = new TraceHash();
        assertThat(t.hex()).isEqualTo(murmur(TraceEncoding.header())).matches("[0-9a-f]{32}");
        t.accept(e);
        assertThat(t.hex()).isEqualTo(murmur(TraceEncoding.header(), TraceEncoding.encode(e)));
        assertThat(t.events()).isEqualTo(1);
    }

    /** Many events cross the internal batch boundary many times; the hash is that of the whole stream in one piece. */
    @Test
    void batchingDoesNotChangeTheHash() {
        final TraceHash t = new TraceHash();
        // the expected stream, encoded by one writer of its own (the string table carries over from event to event)
        final TraceWriter stream = new TraceWriter(64);
        stream.putBytes(TraceEncoding.header());
        final InstrumentId btc = new InstrumentId("BTCUSDT", "SIM");
        for (int i = 0; i < 5_000; i++) {
            final OrderSent e = new OrderSent(new ClientOrderId("r-s-" + Integer.toString(i, 36) + (i % 3 == 0 ? "-long" : "")),
                    new StrategyId("s"), btc, i % 4, i, i + 1);
            t.accept(e);
            TraceEncoding.encodeTo(e, stream);
            if (i % 777 == 0) {
                assertThat(t.hex()).isEqualTo(murmur(stream.toByteArray())); // reading mid-run changes nothing
            }
        }
        assertThat(t.hex()).isEqualTo(murmur(stream.toByteArray()));
        assertThat(t.events()).isEqualTo(5_000);
    }

    @Test
    void aContinuedTraceStartsWithTheContinuationRecord() {
        final TraceHash before = new TraceHash();
        before.accept(new KernelStarted(1, "run", "fp", 2, 3));
        final KernelStarted later = new KernelStarted(4, "run", "fp", 5, 6);
        final TraceHash t = new TraceHash();
        t.continueFrom(before.hex(), before.events());
        // tag 0, the previous hash's halves h1 and h2 (as written in hex, big-endian there), the event count; all LE
        final ByteBuffer cont = ByteBuffer.allocate(25).order(ByteOrder.LITTLE_ENDIAN);
        cont.put((byte) 0)
                .putLong(Long.parseUnsignedLong(before.hex().substring(0, 16), 16))
                .putLong(Long.parseUnsignedLong(before.hex().substring(16), 16))
                .putLong(1);
        assertThat(t.hex()).isEqualTo(murmur(TraceEncoding.header(), cont.array()));
        assertThat(t.events()).isEqualTo(1);
        t.accept(later);
        assertThat(t.hex()).isEqualTo(murmur(TraceEncoding.header(), cont.array(), TraceEncoding.encode(later)));
        assertThat(t.events()).isEqualTo(2);
    }

    @Test
    void onlyAFreshTraceContinuesAndOnlyFromAHash() {
        final TraceHash used = new TraceHash();
        used.accept(new KernelStarted(1, "run", "fp", 2, 3));
        assertThatThrownBy(() -> used.continueFrom(new TraceHash().hex(), 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TraceHash().continueFrom("not a hash", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceHash().continueFrom("ab".repeat(32), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-digit");
        assertThatThrownBy(() -> new TraceHash().continueFrom(new TraceHash().hex(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
