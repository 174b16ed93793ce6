package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;

/** A change in one order's life, emitted once per change. */
public sealed interface OrderEvent extends KernelEvent
        permits OrderSubmitted, OrderDenied, OrderQueued, OrderSent, OrderRetryScheduled, OrderAccepted, OrderRejected, OrderFilled, OrderPendingCancel, OrderCanceled, OrderExpired, CancelRejected, OrderAmended, AmendRejected, OrderStatusUnknown {
    /** Our id for the order. */
    ClientOrderId clientOrderId();

    /** The strategy that owns it ({@link StrategyId#RISK} for orders the risk engine placed). */
    StrategyId strategyId();

    /** The instrument. */
    InstrumentId instrumentId();
}
