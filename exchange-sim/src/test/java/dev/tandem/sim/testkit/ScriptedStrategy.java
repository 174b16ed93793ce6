package dev.tandem.sim.testkit;

import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A strategy that does what it is told at given kernel times (its own timers), and records what it hears. For
 * end-to-end tests of the kernel on the simulated venue: {@code strategy.at(t, ctx -> ctx.marketOrder(...))}.
 * Actions returning a {@link SubmitResult} are remembered ({@link #submitted()}).
 */
public final class ScriptedStrategy implements Strategy {
    private final TreeMap<String, Function<StrategyContext, Object>> actions = new TreeMap<>();
    private final TreeMap<String, Long> times = new TreeMap<>();
    private final List<OrderEvent> orderEvents = new ArrayList<>();
    private final List<SubmitResult> submitted = new ArrayList<>();
    private StrategyContext ctx;
    private int count;

    /** Runs {@code action} at {@code nanos} (kernel time). Register before the kernel starts. */
    public ScriptedStrategy at(final long nanos, final Function<StrategyContext, Object> action) {
        final String name = String.format("a%06d", count++);
        actions.put(name, action);
        times.put(name, nanos);
        if (ctx != null) {
            ctx.setTimer(name, nanos);
        }
        return this;
    }

    /** Runs {@code action} {@code n} times, every {@code periodNanos} from {@code startNanos}. */
    public ScriptedStrategy every(final long startNanos, final long periodNanos, final int n, final Function<StrategyContext, Object> action) {
        for (int i = 0; i < n; i++) {
            at(startNanos + i * periodNanos, action);
        }
        return this;
    }

    @Override
    public void onStart(final StrategyContext context) {
        this.ctx = context;
        times.forEach(context::setTimer);
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        final Function<StrategyContext, Object> a = actions.get(timer.name());
        if (a != null) {
            final Object result = a.apply(ctx);
            if (result instanceof SubmitResult r) {
                submitted.add(r);
            }
        }
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        orderEvents.add(event);
    }

    /** The context (after start). */
    public StrategyContext context() {
        return ctx;
    }

    /** The results of the submits its actions made, in order. */
    public List<SubmitResult> submitted() {
        return new ArrayList<>(submitted);
    }

    /** The order events it heard, in order. */
    public List<OrderEvent> orderEvents() {
        return new ArrayList<>(orderEvents);
    }
}
