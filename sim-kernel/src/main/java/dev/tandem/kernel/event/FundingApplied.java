package dev.tandem.kernel.event;

import dev.tandem.kernel.model.InstrumentId;

/** Funding was charged (negative) or credited (positive) on a position. */
public record FundingApplied(InstrumentId instrumentId, long signedQty, long markPrice, long fundingRate, long amountMoney, long tsEventNanos, long tsInitNanos) implements KernelEvent {
}
