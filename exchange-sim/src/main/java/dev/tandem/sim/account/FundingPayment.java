package dev.tandem.sim.account;

/**
 * One account's funding at one settlement.
 *
 * @param account   the account
 * @param symbol    the perpetual
 * @param signedQty the position that paid or received
 * @param amount    money credited (positive) or charged (negative): {@code floor(−q × mark × rate)}
 */
public record FundingPayment(long account, String symbol, long signedQty, long amount) {
}
