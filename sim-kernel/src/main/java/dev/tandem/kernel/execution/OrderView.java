package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;

/** Read-only view of our orders, for the risk engine and strategies. */
public interface OrderView {
    /** Sum of leaves quantity (scaled) of our open (non-terminal) orders on an instrument and side. */
    long openLeavesQty(InstrumentId instrumentId, Side side);

    /** Number of open (non-terminal) orders of a strategy. */
    int openOrderCount(StrategyId strategyId);

    /** Number of open (non-terminal) orders in total. */
    int openOrderCount();

    /** The circuit-breaker state of a venue. */
    BreakerState breakerState(String venue);
}
