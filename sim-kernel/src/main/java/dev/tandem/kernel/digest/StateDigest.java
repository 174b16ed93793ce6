package dev.tandem.kernel.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 digest over a canonical, field-by-field description of state. Components write their state in a
 * fixed order (sorted keys, never hash-map order) with {@link #putLong}, {@link #putString}, ...; two states are
 * equal for determinism purposes iff their digests are equal. Each value is tagged and length-prefixed so that
 * different field sequences cannot collide by concatenation.
 */
public final class StateDigest {
    private final MessageDigest sha;
    private final byte[] buf = new byte[9];

    /** A fresh digest. */
    public StateDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds a section label (readability and separation). */
    public StateDigest section(final String name) {
        return putTagged((byte) 'S', name);
    }

    /** Adds a long. */
    public StateDigest putLong(final long v) {
        buf[0] = 'L';
        for (int i = 0; i < 8; i++) {
            buf[1 + i] = (byte) (v >>> (56 - 8 * i));
        }
        sha.update(buf, 0, 9);
        return this;
    }

    /** Adds an int. */
    public StateDigest putInt(final int v) {
        return putLong(v);
    }

    /** Adds a boolean. */
    public StateDigest putBoolean(final boolean v) {
        return putLong(v ? 1 : 0);
    }

    /** Adds a string (null is distinct from empty). */
    public StateDigest putString(final String s) {
        if (s == null) {
            sha.update((byte) 'N');
            return this;
        }
        return putTagged((byte) 'T', s);
    }

    /** Adds an enum constant by name (never by ordinal or hash). */
    public StateDigest putEnum(final Enum<?> e) {
        return putString(e == null ? null : e.name());
    }

    /** Adds raw bytes. */
    public StateDigest putBytes(final byte[] bytes) {
        putLong(bytes.length);
        sha.update(bytes);
        return this;
    }

    private StateDigest putTagged(final byte tag, final String s) {
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(tag);
        putLong(b.length);
        sha.update(b);
        return this;
    }

    /** Finishes and returns the lower-case hex digest. The digest cannot be used afterwards. */
    public String hex() {
        final byte[] d = sha.digest();
        final StringBuilder sb = new StringBuilder(64);
        for (final byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
