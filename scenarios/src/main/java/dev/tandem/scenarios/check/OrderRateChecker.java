package dev.tandem.scenarios.check;

import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.risk.RiskLimits;
import java.util.ArrayDeque;
import java.util.TreeMap;

/**
 * Order rates never exceed their limits: in every sliding window of the risk limits, the orders one strategy got
 * past risk ({@code OrderSubmitted}) and the new orders it sent to the venue (first attempts) are at most the
 * per-strategy limit, and all strategies together at most the global limit. The risk engine's own flattening
 * (strategy {@code risk}) is not rate-limited and not counted.
 */
public final class OrderRateChecker extends AbstractChecker {

    /** Times of one stream (OrderSubmitted, or first attempts at the venue), per strategy and global. */
    private static final class Stream {
        final String what;
        final TreeMap<StrategyId, ArrayDeque<Long>> perStrategy = new TreeMap<>();
        final ArrayDeque<Long> global = new ArrayDeque<>();

        Stream(final String what) {
            this.what = what;
        }
    }

    private final Stream submitted = new Stream("orders past risk");
    private final Stream sent = new Stream("new orders sent to the venue");

    /** A fresh checker. */
    public OrderRateChecker() {
        super("order-rate");
    }

    @Override
    public void onEvent(final KernelEvent event, final CheckContext ctx) {
        if (event instanceof OrderSubmitted s && !s.strategyId().equals(StrategyId.RISK)) {
            count(submitted, s.strategyId(), s.tsInitNanos(), ctx.limits());
        }
    }

    @Override
    public void onCommand(final Command command, final CheckContext ctx) {
        if (command instanceof SubmitOrder s && s.attempt() == 1 && !s.strategyId().equals(StrategyId.RISK)) {
            count(sent, s.strategyId(), ctx.nowNanos(), ctx.limits());
        }
    }

    private void count(final Stream stream, final StrategyId id, final long t, final RiskLimits limits) {
        final ArrayDeque<Long> mine = stream.perStrategy.computeIfAbsent(id, x -> new ArrayDeque<>());
        mine.addLast(t);
        stream.global.addLast(t);
        final int per = inWindow(mine, t, limits.strategyRateWindowNanos());
        if (limits.strategyOrdersPerWindowMax() > 0 && per > limits.strategyOrdersPerWindowMax()) {
            violation(t, per + " " + stream.what + " of " + id + " within " + window(limits.strategyRateWindowNanos())
                    + ", above the limit of " + limits.strategyOrdersPerWindowMax());
        }
        final int all = inWindow(stream.global, t, limits.globalRateWindowNanos());
        if (limits.globalOrdersPerWindowMax() > 0 && all > limits.globalOrdersPerWindowMax()) {
            violation(t, all + " " + stream.what + " within " + window(limits.globalRateWindowNanos())
                    + ", above the global limit of " + limits.globalOrdersPerWindowMax());
        }
    }

    private static String window(final long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
    }

    /** Entries in (t - window, t]; older entries than the window are dropped (times only grow). */
    private static int inWindow(final ArrayDeque<Long> times, final long t, final long window) {
        while (!times.isEmpty() && t - times.peekFirst() >= Math.max(window, 1)) {
            times.pollFirst();
        }
        return times.size();
    }
}
