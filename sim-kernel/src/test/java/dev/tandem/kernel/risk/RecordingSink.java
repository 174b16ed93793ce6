package dev.tandem.kernel.risk;

import dev.tandem.kernel.event.EventSink;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import java.util.ArrayList;
import java.util.List;

/** Keeps every emitted event in order. */
final class RecordingSink implements EventSink {
    final List<KernelEvent> events = new ArrayList<>();

    @Override
    public void emit(final KernelEvent event) {
        events.add(event);
    }

    List<TradingStateChanged> trading() {
        final List<TradingStateChanged> out = new ArrayList<>();
        events.forEach(e -> {
            if (e instanceof TradingStateChanged) {
                out.add((TradingStateChanged) e);
            }
        });
        return out;
    }

    List<StrategyStateChanged> strategy() {
        final List<StrategyStateChanged> out = new ArrayList<>();
        events.forEach(e -> {
            if (e instanceof StrategyStateChanged) {
                out.add((StrategyStateChanged) e);
            }
        });
        return out;
    }

    void clear() {
        events.clear();
    }
}
