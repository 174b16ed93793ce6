package dev.tandem.sim.account;

import dev.tandem.kernel.model.Side;

/**
 * An auto-deleveraging fill: a profitable (by rank) opposite position reduced at the liquidated position's bankruptcy
 * price, against the venue's liquidation account, without fee (Bybit's {@code AdlTrade}).
 *
 * @param account     the deleveraged account
 * @param symbol      the perpetual
 * @param side        the side of the deleveraged account's fill (BUY reduces a short)
 * @param price       the bankruptcy price
 * @param qty         the quantity reduced
 * @param realizedPnl the deleveraged account's realized PnL of this fill
 */
public record AdlFill(long account, String symbol, Side side, long price, long qty, long realizedPnl) {
}
