package dev.tandem.kernel.command;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;

/** Cancel one order by client order id. */
public record CancelOrder(long commandId, long tsInitNanos, ClientOrderId clientOrderId, InstrumentId instrumentId, int attempt)
        implements Command {
    @Override
    public String venue() {
        return instrumentId.venue();
    }
}
