package dev.tandem.sim.account;

import java.util.List;

/**
 * One funding settlement of one symbol (the venue emits a {@code FundingSettled} per settlement and per account).
 *
 * @param symbol           the perpetual
 * @param fundingTimeNanos the funding timestamp (00:00, 08:00 or 16:00 UTC for the 8-hour schedule)
 * @param rate             the funding rate at RATE_SCALE (positive: longs pay shorts)
 * @param markPrice        the mark price used
 * @param payments         per account, in account order; flat accounts are left out
 * @param roundingResidue  {@code −Σ amount ≥ 0}: what rounding every amount down left over; booked to the venue's
 *                         rounding account so that funding is exactly zero-sum
 */
public record FundingSettlement(String symbol, long fundingTimeNanos, long rate, long markPrice,
                                List<FundingPayment> payments, long roundingResidue) {
    public FundingSettlement {
        payments = List.copyOf(payments);
    }
}
