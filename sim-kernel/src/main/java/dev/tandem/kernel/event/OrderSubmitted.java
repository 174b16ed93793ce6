package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;

/** The strategy's intent passed risk and became an order (state PENDING_NEW). */
public record OrderSubmitted(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, Side side, OrderType type, TimeInForce timeInForce, long price, long triggerPrice, long qty, boolean reduceOnly, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
