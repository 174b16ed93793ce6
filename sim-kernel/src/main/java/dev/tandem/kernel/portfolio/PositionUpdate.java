package dev.tandem.kernel.portfolio;

import dev.tandem.kernel.model.InstrumentId;

/**
 * The state of one instrument's position right after a fill, with what that fill realized, so that the kernel can
 * emit {@link dev.tandem.kernel.event.PositionChanged}. Money in money units of the instrument's quote (settlement)
 * asset; prices and quantities at the instrument's scales.
 *
 * <p>For a linear perpetual {@code signedQty} is the position (long &gt; 0). For a spot pair it is the
 * <em>PnL position</em>: the signed sum of this instrument's fills since start, which carries the VWAP cost basis
 * (see {@link Portfolio}); the base-asset balance itself is {@link Portfolio#balanceMoney(String)}.
 *
 * @param instrumentId          the instrument
 * @param signedQty             position after the fill (scaled quantity; long &gt; 0, short &lt; 0)
 * @param avgEntryPrice         VWAP entry of the open position, {@code costBasis / |qty|} rounded half-even at the
 *                              price scale (not tick-aligned); 0 when flat
 * @param realizedPnlMoney      PnL realized by this fill (before fees): {@code sign(pos) × (exit notional − released cost)}
 * @param realizedPnlTotalMoney PnL realized on this instrument since start (before fees and funding)
 * @param feesTotalMoney        fees paid on this instrument since start (rebates negative)
 * @param fundingTotalMoney     funding received (positive) or paid (negative) on this instrument since start
 */
public record PositionUpdate(
        InstrumentId instrumentId,
        long signedQty,
        long avgEntryPrice,
        long realizedPnlMoney,
        long realizedPnlTotalMoney,
        long feesTotalMoney,
        long fundingTotalMoney) {}
