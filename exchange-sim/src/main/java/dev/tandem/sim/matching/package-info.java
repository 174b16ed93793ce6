/**
 * One symbol's order book and matching engine: price-time priority, trades at the maker's price, limit
 * GTC/IOC/FOK/post-only, market orders with a protection bound, reduce-only, stop-market and stop-limit orders
 * triggered by last or mark price, amend, cancel, cancel-all and self-trade prevention, with venue filters (tick,
 * lot, min/max quantity, min notional) that reject with {@link dev.tandem.sim.matching.RejectReason}s.
 * {@link dev.tandem.sim.matching.OrderBook} is the contract, {@link dev.tandem.sim.matching.MatchingEngine} the
 * fast implementation, {@link dev.tandem.sim.matching.MatchListener} the output; the engine knows nothing of
 * balances, fees or I/O (accounts reach it only through {@link dev.tandem.sim.matching.ReduceOnlyGuard}).
 */
package dev.tandem.sim.matching;
