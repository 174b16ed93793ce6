package dev.tandem.kernel.journal;

import dev.tandem.kernel.event.KernelEvent;

/**
 * The trace hash of a run: MurmurHash3 x64-128 ({@link Murmur3x128}, seed 0) over the binary trace stream of
 * {@link TraceEncoding} (version {@value TraceEncoding#VERSION}): the header, then every outbound event's record in
 * emission order. Identical inputs and seed give an identical hash on any JVM. Written as 32 lower-case hex digits.
 *
 * <p>Events are encoded into a buffer and absorbed in batches of about {@value #BATCH} bytes (the hash does not
 * depend on the batching), so the per-event cost is the encoding plus about a cycle per byte.
 */
public final class TraceHash {
    /** Absorb the buffer once it holds this many bytes. */
    static final int BATCH = 2_048;

    private final Murmur3x128 hash = new Murmur3x128();
    private final TraceWriter buffer = new TraceWriter(BATCH + 512);
    private long events;
    private boolean continued;

    /** A fresh trace: the stream header and no events. */
    public TraceHash() {
        buffer.putBytes(TraceEncoding.header());
    }

    /**
     * Makes this fresh trace the continuation of another one (a kernel restored from a snapshot): after the header
     * the stream holds a continuation record (the previous hash and event count, see {@link TraceEncoding}), then the
     * events accepted from now on; {@link #events()} counts on from {@code previousEvents}. A continued trace
     * therefore does not equal the unbroken trace of the run it continues; it equals every other continuation of the
     * same snapshot given the same events.
     *
     * @param previousHex    the {@link #hex()} of the trace being continued (32 lower-case hex digits)
     * @param previousEvents its {@link #events()}
     */
    public void continueFrom(final String previousHex, final long previousEvents) {
        if (events != 0 || continued) {
            throw new IllegalStateException("only a fresh trace can continue another");
        }
        if (previousHex == null || !previousHex.matches("[0-9a-f]{32}") || previousEvents < 0) {
            throw new IllegalArgumentException("a trace continues from a 32-digit lower-case hex hash (trace encoding version "
                    + TraceEncoding.VERSION + ") and a count >= 0, got '" + previousHex + "' and " + previousEvents);
        }
        final long h1 = Long.parseUnsignedLong(previousHex.substring(0, 16), 16);
        final long h2 = Long.parseUnsignedLong(previousHex.substring(16), 16);
        TraceEncoding.encodeContinuation(h1, h2, previousEvents, buffer);
        events = previousEvents;
        continued = true;
    }

    /** Adds one event. */
    public void accept(final KernelEvent event) {
        final int mark = buffer.begin();
        try {
            TraceEncoding.encodeTo(event, buffer);
        } catch (RuntimeException e) {
            buffer.truncate(mark); // an event that cannot be encoded leaves the trace (bytes and string table) as it was
            throw e;
        }
        events++;
        if (buffer.position() >= BATCH) {
            absorb();
        }
    }

    private void absorb() {
        hash.update(buffer.buffer(), 0, buffer.position());
        buffer.reset();
    }

    /** Number of events hashed so far. */
    public long events() {
        return events;
    }

    /** The hash of the stream so far, 32 lower-case hex digits (the trace can continue afterwards). */
    public String hex() {
        absorb();
        return hash.hex();
    }
}
