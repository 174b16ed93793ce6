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

    /** A fresh trace. */
    public TraceHash() {
        this.codec = EventTypes.outboundCodec();
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
