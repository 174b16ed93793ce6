package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.ReasonCode;

/**
 * The risk engine's answer to one {@link dev.tandem.kernel.model.OrderIntent}: {@link ReasonCode#NONE} means it
 * passed, anything else is the first check that failed. A denial is a value, never an exception; the kernel
 * turns it into an {@code OrderDenied} event carrying the same reason and message.
 *
 * @param reason  {@link ReasonCode#NONE} on pass, else a {@code RISK_*} code
 * @param message human-readable detail with the numbers that decided (empty on pass)
 */
public record RiskDecision(ReasonCode reason, String message) {
    /** The one passing decision. */
    public static final RiskDecision PASS = new RiskDecision(ReasonCode.NONE, "");

    /** Validates that reason and message are present. */
    public RiskDecision {
        if (reason == null || message == null) {
            throw new IllegalArgumentException("reason and message are required");
        }
    }

    /** A denial. */
    public static RiskDecision deny(final ReasonCode reason, final String message) {
        if (reason == ReasonCode.NONE) {
            throw new IllegalArgumentException("a denial needs a reason other than NONE");
        }
        return new RiskDecision(reason, message);
    }

    /** True when the intent may become an order. */
    public boolean passed() {
        return reason == ReasonCode.NONE;
    }
}
