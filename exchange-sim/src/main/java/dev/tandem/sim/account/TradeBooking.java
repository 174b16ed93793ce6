package dev.tandem.sim.account;

/**
 * What one trade did to its two accounts, for the venue's fill reports.
 *
 * @param notional       the trade's value in money (rounded down; exact for price scale + qty scale ≤ 8)
 * @param takerFee       fee paid by the taker (negative: rebate)
 * @param makerFee       fee paid by the maker (negative: rebate)
 * @param takerRealized  realized PnL of the taker's fill (perpetuals; 0 for spot)
 * @param makerRealized  realized PnL of the maker's fill
 */
public record TradeBooking(long notional, long takerFee, long makerFee, long takerRealized, long makerRealized) {
}
