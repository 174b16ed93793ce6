package dev.tandem.kernel.event;

import dev.tandem.kernel.model.InstrumentId;

/** A funding settlement on a perpetual: the kernel charges or credits funding on its position at this rate and mark price. */
public record FundingSettled(String venue, InstrumentId instrumentId, long fundingRate, long markPrice, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
}
