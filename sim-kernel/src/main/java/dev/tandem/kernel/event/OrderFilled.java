package dev.tandem.kernel.event;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;

/** A fill was applied. {@code late} marks a fill that arrived after the order reached a terminal state (a race with a cancel); it is still applied to positions. */
public record OrderFilled(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, String tradeId, Side side, long lastPrice, long lastQty, long cumQty, long leavesQty, long feeMoney, Liquidity liquidity, boolean late, long tsEventNanos, long tsInitNanos) implements OrderEvent {}
