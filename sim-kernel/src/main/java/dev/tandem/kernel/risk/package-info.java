/**
 * The risk engine (DESIGN §2.5): pre-trade checks that pass or deny every
 * {@link dev.tandem.kernel.model.OrderIntent} before it becomes an order, the account-wide trading state
 * (ACTIVE / REDUCING / HALTED) and per-strategy state (RUNNING / PAUSED / DISABLED), and the triggers that move
 * them (daily loss, drawdown, margin ratio, stale data, venue breaker, order-rate abuse, venue failures, market
 * maker edge collapse, kill switch). {@link dev.tandem.kernel.risk.RiskLimits} holds every limit (money at
 * {@code MONEY_SCALE}, ratios as rates at {@code RATE_SCALE}, 0 disables);
 * {@link dev.tandem.kernel.risk.RiskEngine} documents the check order and the precise definitions; the kernel
 * carries out cancels and flattens through {@link dev.tandem.kernel.risk.RiskActions}. Everything runs on kernel
 * time and exact fixed-point arithmetic, and every state change is an audit event, so a replay reproduces the
 * same decisions and the same trail.
 */
package dev.tandem.kernel.risk;
