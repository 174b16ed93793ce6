package dev.tandem.scenarios.strategies;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import java.math.RoundingMode;

/**
 * Simple moving-average crossover on bar closes, long only, all-in (an interim built-in until the kernel's strategy
 * library lands; see the module README). Parameters: {@code fast} (bars, default 10), {@code slow} (bars, default 30).
 *
 * <p>When the fast average crosses above the slow one and the strategy is flat it buys {@code equity × (1 − taker
 * fee) ÷ close}, rounded down to the lot, with a market order; when it crosses below and the strategy is long it sells
 * the whole position. Averages are exact: sums of scaled longs compared by cross-multiplication, no doubles.
 */
public final class SmaCross implements Strategy {
    private StrategyContext ctx;
    private Instrument instrument;
    private long[] fastRing;
    private long[] slowRing;
    private long fastSum;
    private long slowSum;
    private long bars;
    private int lastSign;
    private boolean pending;

    @Override
    public void onStart(final StrategyContext context) {
        this.ctx = context;
        final int fast = context.params().integer("fast", 10);
        final int slow = context.params().integer("slow", 30);
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("sma-cross needs 1 <= fast < slow, got fast=" + fast + " slow=" + slow);
        }
        fastRing = new long[fast];
        slowRing = new long[slow];
    }

    @Override
    public void onBar(final Bar bar) {
        if (instrument == null) {
            instrument = ctx.instrument(bar.instrumentId());
        }
        final long close = bar.close();
        final int fi = (int) (bars % fastRing.length);
        final int si = (int) (bars % slowRing.length);
        fastSum = Math.addExact(fastSum - fastRing[fi], close);
        slowSum = Math.addExact(slowSum - slowRing[si], close);
        fastRing[fi] = close;
        slowRing[si] = close;
        bars++;
        if (bars < slowRing.length) {
            return;
        }
        // fast average vs slow average without division: fastSum / f  vs  slowSum / s
        final int sign = Long.signum(Math.subtractExact(Math.multiplyExact(fastSum, slowRing.length),
                Math.multiplyExact(slowSum, fastRing.length)));
        final int previous = lastSign;
        lastSign = sign;
        if (pending || previous == 0) {
            return;
        }
        final InstrumentId id = instrument.id();
        final long position = ctx.portfolio().positionQty(id);
        if (previous < 0 && sign > 0 && position == 0) {
            final long qty = allIn(close);
            if (qty >= instrument.minQty()) {
                pending = ctx.marketOrder(id, Side.BUY, qty).passed();
            }
        } else if (previous > 0 && sign < 0 && position > 0) {
            pending = ctx.marketOrder(id, Side.SELL, position).passed();
        }
    }

    private long allIn(final long price) {
        final long equity = ctx.portfolio().equityMoney();
        final long afterFee = Fixed.applyRate(equity, Fixed.RATE_ONE - instrument.takerFeeRate(), RoundingMode.DOWN);
        final long scaled = Fixed.mulDiv(afterFee, Fixed.pow10(instrument.priceScale() + instrument.qtyScale()), price,
                RoundingMode.DOWN);
        return instrument.roundQtyDown(scaled / Fixed.MONEY_ONE);
    }

    @Override
    public void onOrderEvent(final OrderEvent event) {
        if (ctx.openOrders().isEmpty()) {
            pending = false;
        }
    }
}
