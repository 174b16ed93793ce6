package dev.tandem.sim.account;

import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;

/**
 * One liquidated position: the account's fill at the bankruptcy price ({@code Liquidity.LIQUIDATION}, no client order
 * id; Bybit's {@code BustTrade}) and what the venue then did with the position.
 *
 * @param account          the liquidated account
 * @param symbol           the perpetual
 * @param side             the side of the account's closing fill (SELL closes a long)
 * @param qty              the quantity taken over (the whole position)
 * @param markPrice        the mark price at liquidation
 * @param bankruptcyPrice  the price of the takeover fill
 * @param allocatedEquity  the part of the account's margin balance allotted to this position
 * @param liquidationFee   charged to the account on this fill, paid into the insurance fund
 * @param realizedPnl      the account's realized PnL of the takeover fill
 * @param closeLimitPrice  the limit of the venue's immediate-or-cancel close in the book
 * @param closedInBook     how much the venue closed in the book
 * @param deleveraged      how much was auto-deleveraged at the bankruptcy price
 */
public record Takeover(long account, String symbol, Side side, long qty, long markPrice, long bankruptcyPrice,
                       long allocatedEquity, long liquidationFee, long realizedPnl, long closeLimitPrice,
                       long closedInBook, long deleveraged) {

    /** The account's takeover fill is reported as a liquidation fill. */
    public Liquidity liquidity() {
        return Liquidity.LIQUIDATION;
    }
}
