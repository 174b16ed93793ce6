package dev.tandem.kernel.strategy;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.ReasonCode;

/**
 * The immediate outcome of an intent: the order's client id and, if the risk engine denied it, why. A passed
 * intent may still be queued, rejected by the venue, or fail later; watch {@link Strategy#onOrderEvent}.
 */
public record SubmitResult(ClientOrderId clientOrderId, ReasonCode denial, String message) {
    /** True when the intent passed risk and became a live order. */
    public boolean passed() {
        return denial == ReasonCode.NONE;
    }
}
