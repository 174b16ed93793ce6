package dev.tandem.scenarios.strategies;

import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.strategy.OpenOrder;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.time.TimeEvent;
import dev.tandem.scenarios.time.TimeText;
import java.util.List;

/**
 * A random-action trader for property-based chaos (built-in {@code random-trader}): at random gaps (uniform in
 * (0, 2 × {@code period}], so {@code period} on average) it takes one random action, drawn from the strategy's own
 * seeded stream ({@link StrategyContext#random()}, so the same run seed gives the same actions): a market order of
 * either side, a limit order near the reference price (passive or crossing), a limit far outside the price band
 * (which risk must deny), a reduce-only market order, a cancel or an amend of one of its open orders, or a cancel of
 * all of them. Quantities are random whole lots up to {@code qty}. It stops after {@code actions} actions (default:
 * never) and at {@code stop-after} (measured from its start; default: never): then it cancels its open orders, closes
 * its own position with a market order and does nothing more, so a run can end in a quiet tail.
 *
 * <p>Parameters: {@code period} (duration, default 2s), {@code qty} (decimal, required: the largest order),
 * {@code actions} (whole number), {@code stop-after} (duration). It trades its first instrument.
 */
public final class RandomTrader implements Strategy {
    private static final String ACT = "act";
    private static final String STOP = "stop";
    private static final int ACTION_KINDS = 8;
    private StrategyContext ctx;
    private RandomSource random;
    private InstrumentId id;
    private Instrument instrument;
    private long period;
    private long maxLots;
    private long actionsLeft;
    private boolean stopped;
    private long own;

    @Override
    public void onStart(final StrategyContext context) {
        this.ctx = context;
        this.random = context.random();
        this.period = TimeText.parseDuration(context.params().string("period", "2s"));
        if (period <= 0) {
            throw new IllegalArgumentException("random-trader: period must be positive");
        }
        final String qtyText = context.params().string("qty", null);
        if (qtyText == null) {
            throw new IllegalArgumentException("random-trader: parameter 'qty' is required");
        }
        this.id = Instruments.first(context);
        this.instrument = context.instrument(id);
        this.maxLots = Math.max(1, instrument.qty(qtyText) / instrument.lotSize());
        final String actions = context.params().string("actions", null);
        this.actionsLeft = actions == null ? Long.MAX_VALUE : Long.parseLong(actions.strip());
        final String stopAfter = context.params().string("stop-after", null);
        if (stopAfter != null) {
            context.setTimer(STOP, context.nowNanos() + TimeText.parseDuration(stopAfter));
        }
        scheduleNext(context.nowNanos());
    }

    private void scheduleNext(final long from) {
        if (actionsLeft <= 0) {
            return;
        }
        ctx.setTimer(ACT, from + 1 + random.nextLong(2 * period));
    }

    @Override
    public void onTimer(final TimeEvent timer) {
        if (stopped) {
            return;
        }
        if (timer.name().equals(STOP)) {
            stop();
            return;
        }
        actionsLeft--;
        act(random.nextInt(ACTION_KINDS));
        scheduleNext(timer.deadlineNanos());
    }

    private void stop() {
        stopped = true;
        ctx.cancelTimer(ACT);
        ctx.cancelAll(id);
        if (own != 0) {
            ctx.submit(OrderIntent.market(ctx.strategyId(), id, own > 0 ? Side.SELL : Side.BUY, Math.abs(own)).asReduceOnly());
        }
    }

    private void act(final int kind) {
        final Side side = random.nextBoolean(0.5) ? Side.BUY : Side.SELL;
        final long qty = (1 + random.nextLong(maxLots)) * instrument.lotSize();
        final long ref = ctx.market().referencePrice(id);
        final List<OpenOrder> open = ctx.openOrders();
        switch (kind) {
            case 0, 1 -> ctx.marketOrder(id, side, qty);
            case 2, 3 -> {
                if (ref > 0) {
                    // within 50 bps either way: passive orders rest, crossing ones take
                    final long offset = ref * random.nextLong(-50, 50) / 10_000;
                    ctx.limitOrder(id, side, tick(ref + offset), qty);
                }
            }
            case 4 -> {
                if (ref > 0) {
                    // 20 % away: outside any sensible price band, so risk must deny it
                    ctx.limitOrder(id, side, tick(side == Side.BUY ? ref * 8 / 10 : ref * 12 / 10), qty);
                }
            }
            case 5 -> {
                if (own != 0) {
                    ctx.submit(new OrderIntent(ctx.strategyId(), id, own > 0 ? Side.SELL : Side.BUY, OrderType.MARKET,
                            TimeInForce.IOC, 0, 0, Math.min(qty, Math.abs(own)), true));
                }
            }
            case 6 -> {
                if (!open.isEmpty()) {
                    final OpenOrder o = open.get(random.nextInt(open.size()));
                    if (random.nextBoolean(0.5) && o.type() == OrderType.LIMIT && ref > 0) {
                        ctx.amend(o.clientOrderId(), tick(ref + ref * random.nextLong(-50, 50) / 10_000),
                                Math.max(o.filledQty() + instrument.lotSize(), qty));
                    } else {
                        ctx.cancel(o.clientOrderId());
                    }
                }
            }
            default -> ctx.cancelAll(id);
        }
    }

    /** A positive price on the tick grid. */
    private long tick(final long price) {
        final long t = instrument.tickSize();
        return Math.max(t, price - Math.floorMod(price, t));
    }

    @Override
    public void onFill(final OrderFilled fill) {
        own = Math.addExact(own, fill.side() == Side.BUY ? fill.lastQty() : -fill.lastQty());
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        // open orders are read from the context when acting
    }
}
