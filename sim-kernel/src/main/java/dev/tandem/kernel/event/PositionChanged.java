package dev.tandem.kernel.event;

import dev.tandem.kernel.model.InstrumentId;

/** A position changed after a fill, funding or reconciliation. Quantities and prices scaled; money in money units. */
public record PositionChanged(InstrumentId instrumentId, long signedQty, long avgEntryPrice, long realizedPnlMoney, long feesMoney, long fundingMoney, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
