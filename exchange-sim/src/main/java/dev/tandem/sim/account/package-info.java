/**
 * The simulated venue's accounts: spot balances with order locks, linear perpetual positions with cross margin and a
 * tiered risk-limit table ({@link dev.tandem.sim.account.SimLedger}, {@link dev.tandem.sim.account.SimAccount},
 * {@link dev.tandem.sim.account.RiskLimitTable}), the mark price ({@link dev.tandem.sim.account.MarkPriceModel}),
 * funding every 8 h ({@link dev.tandem.sim.account.FundingEngine}), liquidation with an insurance fund and
 * auto-deleveraging ({@link dev.tandem.sim.account.LiquidationEngine}) and the conservation laws as checks
 * ({@link dev.tandem.sim.account.Conservation}). Exact {@code long} money at 1e-8 throughout; no wall clock, no
 * randomness, no hash-order iteration. This is the venue's truth, independent of the kernel's client-side portfolio.
 */
package dev.tandem.sim.account;
