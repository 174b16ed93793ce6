package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/**
 * What the risk engine asks the kernel to do when a trigger fires. The kernel implements it: cancels become
 * {@code CancelOrder}/{@code CancelAllOrders} commands, flattens become reduce-only market intents from
 * {@link StrategyId#RISK}, which {@link RiskEngine#check} lets through even while HALTED. Calls happen on the
 * kernel thread, after the audit event for the state change that caused them has been emitted.
 */
public interface RiskActions {
    /** Cancel every open order on every instrument (HALTED by any trigger, kill switch). */
    void cancelAll();

    /**
     * Cancel every open order of one strategy (the strategy was DISABLED: rate abuse or repeated venue
     * failures). Its resting orders were placed by logic we no longer trust.
     */
    void cancelAllForStrategy(StrategyId strategyId);

    /** Close the position on one instrument with a reduce-only market order. */
    void flatten(InstrumentId instrumentId);

    /** Close every open position with reduce-only market orders (margin ratio flatten, kill switch with flatten). */
    void flattenAll();
}
