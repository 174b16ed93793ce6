/**
 * The account: spot balances with amounts locked by resting orders, and one-way linear-perpetual positions with
 * VWAP entry, realized and unrealized PnL, fees, funding, leverage, margin, liquidation price and equity, all in
 * exact fixed point. {@link dev.tandem.kernel.portfolio.Portfolio} implements the read-only
 * {@link dev.tandem.kernel.portfolio.PortfolioView} the risk engine and strategies see; it checks its own accounting
 * identities exactly ({@link dev.tandem.kernel.portfolio.Portfolio#checkIdentities()}) and can be snapshotted,
 * restored and digested for the determinism contract.
 */
package dev.tandem.kernel.portfolio;
