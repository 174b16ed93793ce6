package dev.tandem.kernel.command;

import dev.tandem.kernel.model.InstrumentId;

/** Cancel every open order of this account on one instrument. */
public record CancelAllOrders(long commandId, long tsInitNanos, InstrumentId instrumentId) implements Command {
    @Override
    public String venue() {
        return instrumentId.venue();
    }
}
