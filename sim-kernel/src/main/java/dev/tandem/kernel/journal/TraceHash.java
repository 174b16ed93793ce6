package dev.tandem.kernel.journal;

import dev.tandem.kernel.event.KernelEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The trace hash of a run: SHA-256 over the canonical encoding ({@link CanonicalCodec}) of every outbound event,
 * each followed by a newline, in emission order. Identical inputs and seed give an identical hash on any JVM.
 */
public final class TraceHash {
    private final CanonicalCodec codec;
    private final MessageDigest sha;
    private final StringBuilder line = new StringBuilder(512);
    private long events;
    private boolean continued;

    /** A fresh trace. */
    public TraceHash() {
        this.codec = EventTypes.outboundCodec();
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes this fresh trace the continuation of another one (a kernel restored from a snapshot): the hash becomes
     * SHA-256 over {@code previousHex + "\n"} followed by the events accepted from now on, and {@link #events()}
     * counts on from {@code previousEvents}. A continued trace therefore does not equal the unbroken trace of the
     * run it continues; it equals every other continuation of the same snapshot given the same events.
     *
     * @param previousHex    the {@link #hex()} of the trace being continued (64 lower-case hex digits)
     * @param previousEvents its {@link #events()}
     */
    public void continueFrom(final String previousHex, final long previousEvents) {
        if (events != 0 || continued) {
            throw new IllegalStateException("only a fresh trace can continue another");
        }
        if (previousHex == null || !previousHex.matches("[0-9a-f]{64}") || previousEvents < 0) {
            throw new IllegalArgumentException("a trace continues from a 64-digit lower-case hex hash and a count >= 0, got '"
                    + previousHex + "' and " + previousEvents);
        }
        sha.update((previousHex + "\n").getBytes(StandardCharsets.UTF_8));
        events = previousEvents;
        continued = true;
    }

    /** Adds one event. */
    public void accept(final KernelEvent event) {
        line.setLength(0);
        codec.encodeTo(event, line);
        line.append('\n');
        sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        events++;
    }

    /** Number of events hashed so far. */
    public long events() {
        return events;
    }

    /** The hash of the events so far, lower-case hex (the trace can continue afterwards). */
    public String hex() {
        final byte[] d;
        try {
            d = ((MessageDigest) sha.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable on every Java platform", e);
        }
        final StringBuilder sb = new StringBuilder(64);
        for (final byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
