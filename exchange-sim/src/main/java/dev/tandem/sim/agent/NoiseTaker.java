package dev.tandem.sim.agent;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.AgentContext;
import dev.tandem.sim.VenueAgent;

/**
 * A background taker: at random intervals (uniform in {@code 1..2 × meanGapNanos}) it sends an IOC market order of
 * random side and a random size of 1 to {@code maxLots} lots (at least the minimum quantity). Every draw comes
 * from the venue's seeded {@code RandomSource} ({@link AgentContext#random()}).
 */
public final class NoiseTaker implements VenueAgent {
    private final String symbol;
    private final long meanGapNanos;
    private final long maxLots;
    private final long untilNanos;

    /**
     * @param symbol       the instrument's symbol at the venue
     * @param meanGapNanos mean time between orders
     * @param maxLots      the largest order size in lots
     * @param untilNanos   no order is scheduled at or after this time
     */
    public NoiseTaker(final String symbol, final long meanGapNanos, final long maxLots, final long untilNanos) {
        this.symbol = symbol;
        this.meanGapNanos = meanGapNanos;
        this.maxLots = maxLots;
        this.untilNanos = untilNanos;
    }

    @Override
    public String name() {
        return "noise-" + symbol;
    }

    @Override
    public void start(final AgentContext ctx) {
        schedule(ctx);
    }

    private void schedule(final AgentContext ctx) {
        final long next = ctx.nowNanos() + 1 + ctx.random().nextLong(2 * meanGapNanos);
        if (next < untilNanos) {
            ctx.at(next, () -> {
                final long lot = ctx.instrument(symbol).lotSize();
                ctx.place(symbol, ctx.random().nextInt(2) == 0 ? Side.BUY : Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0,
                        Math.max(ctx.instrument(symbol).minQty(), lot * ctx.random().nextLong(1, maxLots)));
                schedule(ctx);
            });
        }
    }
}
