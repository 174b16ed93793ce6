package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import java.util.ArrayList;
import java.util.List;

/** Records the actions the risk engine asked for, as readable strings. */
final class RecordingActions implements RiskActions {
    final List<String> calls = new ArrayList<>();

    @Override
    public void cancelAll() {
        calls.add("cancelAll");
    }

    @Override
    public void cancelAllForStrategy(final StrategyId strategyId) {
        calls.add("cancelAllForStrategy:" + strategyId);
    }

    @Override
    public void flatten(final InstrumentId instrumentId) {
        calls.add("flatten:" + instrumentId);
    }

    @Override
    public void flattenAll() {
        calls.add("flattenAll");
    }
}
