package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.ReasonCode;

/**
 * The risk engine's second look at an order that waited in the local queue (breaker open, venue throttle): the
 * market and the account may have moved since the order passed its pre-trade checks. While it is re-checked the
 * order still counts as open in {@link OrderView} (it is PENDING_NEW), so exposure checks must not add it twice.
 */
@FunctionalInterface
public interface RiskRecheck {
    /** {@link ReasonCode#NONE} to let the order go, otherwise why it is denied. Never null. */
    ReasonCode recheck(Order order);

    /** A re-check that lets everything through. */
    static RiskRecheck allowAll() {
        return o -> ReasonCode.NONE;
    }
}
