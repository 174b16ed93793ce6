package dev.tandem.scenarios.strategies;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.strategy.StrategyContext;

/** How the scenario-only helpers learn their instrument: the runner passes it as the parameter {@code instrument}. */
final class Instruments {
    private Instruments() {}

    /** The parameter the runner sets to the strategy's first instrument ({@code SYMBOL.VENUE}). */
    static final String PARAM = "instrument";

    static InstrumentId first(final StrategyContext ctx) {
        final String text = ctx.params().string(PARAM, null);
        if (text == null) {
            throw new IllegalArgumentException(ctx.strategyId() + ": parameter 'instrument' (SYMBOL.VENUE) is required");
        }
        return InstrumentId.parse(text);
    }
}
