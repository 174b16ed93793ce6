package dev.tandem.kernel.risk;

import dev.tandem.kernel.execution.OrderView;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import java.util.TreeMap;

/** Resting leaves and breaker states fixed by the test. */
final class FixedOrders implements OrderView {
    private final TreeMap<String, Long> leaves = new TreeMap<>();
    private final TreeMap<String, BreakerState> breakers = new TreeMap<>();

    FixedOrders leaves(final InstrumentId id, final Side side, final long qty) {
        leaves.put(id + "/" + side, qty);
        return this;
    }

    FixedOrders breaker(final String venue, final BreakerState state) {
        breakers.put(venue, state);
        return this;
    }

    void clear() {
        leaves.clear();
        breakers.clear();
    }

    @Override
    public long openLeavesQty(final InstrumentId id, final Side side) {
        return leaves.getOrDefault(id + "/" + side, 0L);
    }

    @Override
    public int openOrderCount(final StrategyId strategyId) {
        return 0;
    }

    @Override
    public int openOrderCount() {
        return 0;
    }

    @Override
    public BreakerState breakerState(final String venue) {
        return breakers.getOrDefault(venue, BreakerState.CLOSED);
    }
}
