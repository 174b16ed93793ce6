package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;

/** A fill (partial or full). {@code tradeId} is unique per venue and makes duplicates detectable. {@code clientOrderId} is null for fills of orders this process did not place (e.g. the venue's liquidation orders). {@code feeMoney} positive is paid, negative is a rebate. */
public record VenueFill(String venue, ClientOrderId clientOrderId, String venueOrderId, InstrumentId instrumentId, String tradeId, Side side, long price, long qty, long feeMoney, Liquidity liquidity, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
