package dev.tandem.kernel.portfolio;

import dev.tandem.kernel.model.InstrumentId;

/**
 * Read-only view of the account for the risk engine and strategies. Money in money units of the account
 * currency (see {@link dev.tandem.kernel.model.Fixed#MONEY_SCALE}); quantities and prices scaled per instrument.
 */
public interface PortfolioView {
    /** The currency equity is measured in (e.g. USDT). */
    String accountCurrency();

    /** Signed position (long > 0); for spot, the base-asset balance. 0 if none. */
    long positionQty(InstrumentId instrumentId);

    /** VWAP entry price of the open position (scaled), 0 if flat. */
    long avgEntryPrice(InstrumentId instrumentId);

    /** |position| valued at the latest mark (or reference) price, in money units. */
    long positionNotionalMoney(InstrumentId instrumentId);

    /** Sum of {@link #positionNotionalMoney} over all instruments. */
    long totalPositionNotionalMoney();

    /** Number of instruments with a non-zero perpetual position or non-zero spot base holding. */
    int openPositionCount();

    /** Unrealized PnL of one position at the latest mark price. */
    long unrealizedPnlMoney(InstrumentId instrumentId);

    /** Realized PnL of one instrument since start (before fees and funding). */
    long realizedPnlMoney(InstrumentId instrumentId);

    /** Wallet balance of an asset (total, including locked). */
    long balanceMoney(String asset);

    /** Free balance of an asset (total minus locked by resting orders / used as margin). */
    long freeBalanceMoney(String asset);

    /** Account equity: wallet balances valued in the account currency plus unrealized PnL. */
    long equityMoney();

    /** Initial margin used by perpetual positions. */
    long marginUsedMoney();

    /** Maintenance margin required by perpetual positions at the latest mark prices. */
    long maintenanceMarginMoney();
}
