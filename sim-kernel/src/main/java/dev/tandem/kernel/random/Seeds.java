package dev.tandem.kernel.random;

import java.nio.charset.StandardCharsets;

/** Derivation of child seeds from a master seed and a stable component name. */
public final class Seeds {
    private Seeds() {}

    /**
     * The child seed for {@code componentName}: the SplitMix64 finalizer applied to the master seed mixed with
     * the 64-bit FNV-1a hash of the name's UTF-8 bytes. Pure, platform-independent, and different names give
     * unrelated streams.
     */
    public static long derive(final long masterSeed, final String componentName) {
        long h = 0xcbf29ce484222325L;
        for (final byte b : componentName.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return RandomSource.mix(masterSeed ^ RandomSource.mix(h));
    }
}
