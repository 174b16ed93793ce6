package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;

/**
 * The current funding rate of a perpetual (rate scale, see {@link dev.tandem.kernel.model.Fixed#RATE_SCALE}) and
 * when it next settles. Informational; the payment itself arrives as a
 * {@link dev.tandem.kernel.event.FundingSettled} report.
 */
public record FundingRate(
        InstrumentId instrumentId, long fundingRate, long nextFundingTimeNanos, long tsEventNanos, long tsInitNanos)
        implements MarketData {}
