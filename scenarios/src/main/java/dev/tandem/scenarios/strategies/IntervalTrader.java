package dev.tandem.scenarios.strategies;

import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.time.TimeEvent;
import dev.tandem.scenarios.time.TimeText;

/**
 * A round-trip trader for chaos scenarios (built-in {@code interval-trader}): every {@code period} it sends one
 * market order — a buy of {@code qty} when its own position is flat, otherwise a sell of its own position — so orders
 * keep flowing while its position stays between 0 and {@code qty}. Its position is the signed sum of its own fills
 * (the account's position may hold other strategies' too). It skips a period while its previous order is still
 * open. After {@code stop-after} (measured from its start; default: never) it closes its position and stops.
 *
 * <p>Parameters: {@code period} (duration, default 10s), {@code qty} (decimal, required), {@code stop-after}
 * (duration). It trades its first instrument.
 */
public final class IntervalTrader implements Strategy {
    private static final String TICK = "tick";
    private static final String STOP = "stop";
    private StrategyContext ctx;
    private InstrumentId id;
    private long period;
    private long qty;
    private boolean stopped;
    private long own;

    @Override
    public void onStart(final StrategyContext context) {
        this.ctx = context;
        this.period = TimeText.parseDuration(context.params().string("period", "10s"));
        if (period <= 0) {
            throw new IllegalArgumentException("interval-trader: period must be positive");
        }
        final String qtyText = context.params().string("qty", null);
        if (qtyText == null) {
            throw new IllegalArgumentException("interval-trader: parameter 'qty' is required");
        }
        final String stopAfter = context.params().string("stop-after", null);
        this.id = Instruments.first(context);
        this.qty = context.instrument(id).qty(qtyText);
        context.setTimer(TICK, context.nowNanos() + period);
        if (stopAfter != null) {
            context.setTimer(STOP, context.nowNanos() + TimeText.parseDuration(stopAfter));
        }
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (stopped) {
            return;
        }
        if (timer.name().equals(STOP)) {
            stopped = true;
            ctx.cancelTimer(TICK);
            ctx.cancelAll(id);
            final long position = own;
            if (position != 0) {
                ctx.marketOrder(id, position > 0 ? Side.SELL : Side.BUY, Math.abs(position));
            }
            return;
        }
        ctx.setTimer(TICK, timer.deadlineNanos() + period);
        if (!ctx.openOrders().isEmpty()) {
            return;
        }
        final long position = own;
        if (position == 0) {
            ctx.marketOrder(id, Side.BUY, qty);
        } else {
            ctx.marketOrder(id, position > 0 ? Side.SELL : Side.BUY, Math.abs(position));
        }
    }

    @Override
    public void onFill(final OrderFilled fill) {
        own = Math.addExact(own, fill.side() == Side.BUY ? fill.lastQty() : -fill.lastQty());
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        // fills come through onFill; the next period looks at open orders
    }
}
