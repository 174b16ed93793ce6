package dev.tandem.kernel.command;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;

/** Ask the venue for the current state of one order (used to resolve an unknown outcome). */
public record QueryOrder(long commandId, long tsInitNanos, ClientOrderId clientOrderId, InstrumentId instrumentId)
        implements Command {
    @Override
    public String venue() {
        return instrumentId.venue();
    }
}
