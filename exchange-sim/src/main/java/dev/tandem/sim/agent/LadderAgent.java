package dev.tandem.sim.agent;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.AgentContext;
import dev.tandem.sim.VenueAgent;

/**
 * A background market maker: every {@code periodNanos} it cancels its orders and posts {@code levels}
 * bids and asks, {@code spacingTicks} apart (default one tick; wide spacing makes a thin book in which a large
 * market order slips far), around a mid price that takes a seeded random step of up to {@code stepTicks}
 * ticks. Pair it with a {@link NoiseTaker} on another account so the book trades. The step is drawn from the
 * venue's seeded {@code RandomSource} ({@link AgentContext#random()}); nothing else is random.
 */
public final class LadderAgent implements VenueAgent {
    private final String symbol;
    private final long startMid;
    private final int levels;
    private final long qty;
    private final long periodNanos;
    private final long stepTicks;
    private final long spacingTicks;
    private final long untilNanos;
    private long mid;

    /**
     * @param symbol      the instrument's symbol at the venue
     * @param startMid    the first mid price (raw price units)
     * @param levels      price levels per side
     * @param qty         quantity per order (raw units)
     * @param periodNanos time between re-quotes
     * @param stepTicks   the mid's largest step per re-quote, in ticks (drawn uniformly from {@code -stepTicks..stepTicks})
     * @param untilNanos  no re-quote is scheduled at or after this time
     */
    public LadderAgent(final String symbol, final long startMid, final int levels, final long qty, final long periodNanos,
                       final long stepTicks, final long untilNanos) {
        this(symbol, startMid, levels, qty, periodNanos, stepTicks, 1, untilNanos);
    }

    /**
     * As above, with the levels {@code spacingTicks} ticks apart (the first {@code spacingTicks} from the mid).
     *
     * @param spacingTicks ticks between neighbouring levels, at least 1
     */
    public LadderAgent(final String symbol, final long startMid, final int levels, final long qty, final long periodNanos,
                       final long stepTicks, final long spacingTicks, final long untilNanos) {
        if (spacingTicks < 1) {
            throw new IllegalArgumentException("spacingTicks must be at least 1, got " + spacingTicks);
        }
        this.spacingTicks = spacingTicks;
        this.symbol = symbol;
        this.startMid = startMid;
        this.levels = levels;
        this.qty = qty;
        this.periodNanos = periodNanos;
        this.stepTicks = stepTicks;
        this.untilNanos = untilNanos;
    }

    @Override
    public String name() {
        return "ladder-" + symbol;
    }

    @Override
    public void start(final AgentContext ctx) {
        mid = startMid;
        ctx.at(ctx.nowNanos(), () -> requote(ctx));
    }

    private void requote(final AgentContext ctx) {
        final Instrument i = ctx.instrument(symbol);
        final long tick = i.tickSize();
        final long gap = Math.multiplyExact(spacingTicks, tick);
        mid = Math.max(Math.multiplyExact(10L * levels, gap), mid + ctx.random().nextLong(-stepTicks, stepTicks) * tick);
        ctx.cancelAll(symbol);
        for (int k = 1; k <= levels; k++) {
            ctx.place(symbol, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, i.roundPrice(mid - k * gap), qty);
            ctx.place(symbol, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, i.roundPrice(mid + k * gap), qty);
        }
        final long next = ctx.nowNanos() + periodNanos;
        if (next < untilNanos) {
            ctx.at(next, () -> requote(ctx));
        }
    }
}
