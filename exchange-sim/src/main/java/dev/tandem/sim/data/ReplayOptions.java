package dev.tandem.sim.data;

/**
 * Options shared by the replay readers.
 *
 * @param errorPolicy    what to do with a bad row or message (default {@link DataErrorPolicy#FAIL})
 * @param decimalPolicy  exact parsing or rounding onto the instrument's grid (default {@link DecimalPolicy#EXACT})
 * @param initDelayNanos added to each record's {@code tsEventNanos} to give its {@code tsInitNanos}, the time it
 *                       reaches the kernel (default 0; models a fixed feed latency)
 */
public record ReplayOptions(DataErrorPolicy errorPolicy, DecimalPolicy decimalPolicy, long initDelayNanos) {
    private static final ReplayOptions DEFAULTS = new ReplayOptions(DataErrorPolicy.FAIL, DecimalPolicy.EXACT, 0);

    public ReplayOptions {
        if (errorPolicy == null || decimalPolicy == null) {
            throw new IllegalArgumentException("error and decimal policies are required");
        }
        if (initDelayNanos < 0) {
            throw new IllegalArgumentException("initDelayNanos must be >= 0: " + initDelayNanos);
        }
    }

    /** FAIL, EXACT, no delay. */
    public static ReplayOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with another error policy. */
    public ReplayOptions withErrorPolicy(final DataErrorPolicy policy) {
        return new ReplayOptions(policy, decimalPolicy, initDelayNanos);
    }

    /** A copy with another decimal policy. */
    public ReplayOptions withDecimalPolicy(final DecimalPolicy policy) {
        return new ReplayOptions(errorPolicy, policy, initDelayNanos);
    }

    /** A copy with another init delay. */
    public ReplayOptions withInitDelayNanos(final long delayNanos) {
        return new ReplayOptions(errorPolicy, decimalPolicy, delayNanos);
    }
}
