package dev.tandem.kernel.strategy;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a strategy is registered with a kernel.
 *
 * @param id          unique id (≤ 12 chars; embedded in client order ids)
 * @param instruments instruments it trades and receives data for
 * @param marketMaker true if the risk engine's inventory-edge-collapse check applies to it
 * @param parameters  its parameters, as text (typed access through {@link StrategyParams})
 * @param strategy    the implementation
 */
public record StrategySpec(
        StrategyId id, List<InstrumentId> instruments, boolean marketMaker, SortedMap<String, String> parameters, Strategy strategy) {
    public StrategySpec {
        instruments = List.copyOf(instruments);
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("strategy " + id + " must trade at least one instrument");
        }
    }

    /** A non-market-making strategy without parameters. */
    public static StrategySpec of(final String id, final InstrumentId instrument, final Strategy strategy) {
        return new StrategySpec(new StrategyId(id), List.of(instrument), false, new TreeMap<>(), strategy);
    }
}
