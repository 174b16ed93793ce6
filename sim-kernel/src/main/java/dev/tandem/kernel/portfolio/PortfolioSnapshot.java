package dev.tandem.kernel.portfolio;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import java.util.List;

/**
 * The complete state of a {@link Portfolio}, immutable, with every list sorted by its key (asset, instrument id,
 * client order id), so that two equal portfolios give equal snapshots. {@link Portfolio#restore} rebuilds a
 * portfolio whose {@link Portfolio#digest} equals the original's. Nothing here is derived: amounts locked per
 * asset are recomputed from the locks on restore.
 *
 * @param accountCurrency     the currency equity is measured in
 * @param defaultPerpLeverage leverage given to a perpetual the first time it is touched
 * @param assets              one entry per asset ledger, sorted by asset
 * @param positions           one entry per instrument the portfolio has state for, sorted by instrument id
 * @param locks               one entry per resting-order lock, sorted by client order id
 */
public record PortfolioSnapshot(
        String accountCurrency,
        int defaultPerpLeverage,
        List<AssetEntry> assets,
        List<PositionEntry> positions,
        List<LockEntry> locks) {

    public PortfolioSnapshot {
        if (accountCurrency == null) {
            throw new IllegalArgumentException("account currency is required");
        }
        assets = List.copyOf(assets);
        positions = List.copyOf(positions);
        locks = List.copyOf(locks);
    }

    /**
     * One asset's ledger. The identity {@code balance == initial + adjustments + flows from fills and funding}
     * holds exactly (see {@link Portfolio#checkIdentities()}).
     *
     * @param asset           asset name (USDT, BTC)
     * @param initialMoney    balance at construction (8 decimals of the asset)
     * @param balanceMoney    current wallet balance (total, including locked)
     * @param adjustmentMoney sum of reconciliation adjustments ({@code venue − local} at each adoption)
     */
    public record AssetEntry(String asset, long initialMoney, long balanceMoney, long adjustmentMoney) {}

    /**
     * One instrument's position and running totals. Money in the instrument's quote asset.
     *
     * @param instrumentId        the instrument
     * @param leverage            leverage (1 for spot)
     * @param markPrice           latest mark/reference price, 0 if none seen
     * @param signedQty           position (perpetual) or PnL position (spot: signed sum of fills)
     * @param costBasisMoney      exact entry notional of the open position, ≥ 0 (0 when flat)
     * @param realizedPnlMoney    realized PnL since start, before fees and funding
     * @param feesMoney           fees since start (rebates negative)
     * @param fundingMoney        funding since start (received positive)
     * @param buyQty              sum of bought quantity
     * @param sellQty             sum of sold quantity
     * @param buyNotionalMoney    sum of bought notional
     * @param sellNotionalMoney   sum of sold notional
     * @param qtyAdjustment       sum of quantity adjustments from adopted venue positions
     * @param costAdjustmentMoney sum of cost-basis adjustments from adopted venue positions
     */
    public record PositionEntry(
            InstrumentId instrumentId,
            int leverage,
            long markPrice,
            long signedQty,
            long costBasisMoney,
            long realizedPnlMoney,
            long feesMoney,
            long fundingMoney,
            long buyQty,
            long sellQty,
            long buyNotionalMoney,
            long sellNotionalMoney,
            long qtyAdjustment,
            long costAdjustmentMoney) {}

    /**
     * The amount of one asset reserved by a resting order.
     *
     * @param clientOrderId       the order
     * @param instrumentId        its instrument
     * @param side                its side
     * @param price               its limit (or worst-case) price
     * @param originalQty         quantity when locked
     * @param remainingQty        quantity not yet filled
     * @param asset               the asset locked (quote for spot buys and all perpetual orders, base for spot sells)
     * @param originalLockedMoney amount locked for {@code originalQty}
     * @param lockedMoney         amount still locked: {@code ceil(originalLocked × remainingQty / originalQty)}
     */
    public record LockEntry(
            ClientOrderId clientOrderId,
            InstrumentId instrumentId,
            Side side,
            long price,
            long originalQty,
            long remainingQty,
            String asset,
            long originalLockedMoney,
            long lockedMoney) {}
}
