package dev.tandem.scenarios.model;

import dev.tandem.kernel.model.InstrumentId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A strategy the scenario runs.
 *
 * @param id          the strategy id (≤ 12 letters or digits; in every client order id)
 * @param reference   the built-in name ({@code sma-cross}) or the fully-qualified class name
 * @param byClass     true when {@code reference} is a class name ({@code class:} in the file)
 * @param instruments what it trades (default: every instrument)
 * @param marketMaker true if the risk engine's inventory-edge check applies to it
 * @param params      its parameters as text
 */
public record StrategyConfig(String id, String reference, boolean byClass, List<InstrumentId> instruments,
                             boolean marketMaker, SortedMap<String, String> params) {
    public StrategyConfig {
        instruments = List.copyOf(instruments);
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }
}
