package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The venue's mark price per symbol, either <b>set directly</b> from data ({@link #setMark}) or <b>smoothed</b> from an
 * index or last-price series ({@link #onIndexPrice}) by exponential smoothing, computed <b>exactly in integers</b> (no
 * {@code double}):
 * <pre>
 *   s_0 = x_0 · 10^8                                    (first observation)
 *   s_k = s_{k−1} + round_half_even(α · (x_k · 10^8 − s_{k−1}))      α at RATE_SCALE, 0 &lt; α ≤ 1
 *   mark_k = max(tick, round_half_even(s_k / 10^8) to a multiple of the tick)
 * </pre>
 * {@code s} keeps 8 more decimals than the price so small moves are not lost to tick rounding; the mark itself is on
 * the tick grid. The smoothing is per observation, not per unit of time (the caller decides the sampling, e.g. one
 * index price per second); {@code α = 1} makes the mark follow the series exactly. A {@link #setMark} overrides the
 * smoothed state (the next observation smooths from the set mark).
 *
 * <p>It also remembers the last index price per symbol for the premium funding-rate generator
 * ({@link FundingRateSource#premium}).
 */
public final class MarkPriceModel implements MarkPrices {

    private static final long EXTRA = Fixed.pow10(8);

    private static final class State {
        final long tick;
        final long alpha;
        long smoothed;
        long mark;
        long index;

        State(final long tick, final long alpha) {
            this.tick = tick;
            this.alpha = alpha;
        }
    }

    private final Map<String, State> states = new TreeMap<>();

    /**
     * Configures a symbol.
     *
     * @param tickSize the instrument's tick (prices are in its raw units)
     * @param alpha    smoothing weight of a new observation at {@link Fixed#RATE_SCALE}, in (0, RATE_ONE]
     */
    public MarkPriceModel configure(final String symbol, final long tickSize, final long alpha) {
        if (tickSize <= 0) {
            throw new IllegalArgumentException(symbol + ": tick size must be positive");
        }
        if (alpha <= 0 || alpha > Fixed.RATE_ONE) {
            throw new IllegalArgumentException(symbol + ": smoothing alpha must be in (0, 1]: " + alpha);
        }
        states.put(symbol, new State(tickSize, alpha));
        return this;
    }

    /** Sets the mark directly (from recorded mark prices); must be positive and on the tick grid. */
    public void setMark(final String symbol, final long price) {
        final State st = state(symbol);
        if (price <= 0 || price % st.tick != 0) {
            throw new IllegalArgumentException(symbol + ": mark " + price + " must be a positive multiple of " + st.tick);
        }
        st.mark = price;
        st.smoothed = Math.multiplyExact(price, EXTRA);
    }

    /**
     * Feeds one observation of the index (or last-price) series and returns the new mark.
     *
     * @param price positive, in price units (need not be on the tick grid)
     */
    public long onIndexPrice(final String symbol, final long price) {
        final State st = state(symbol);
        if (price <= 0) {
            throw new IllegalArgumentException(symbol + ": index price must be positive: " + price);
        }
        st.index = price;
        final long x = Math.multiplyExact(price, EXTRA);
        if (st.mark == 0) {
            st.smoothed = x;
        } else {
            st.smoothed = Math.addExact(st.smoothed,
                    Fixed.mulDiv(Math.subtractExact(x, st.smoothed), st.alpha, Fixed.RATE_ONE, RoundingMode.HALF_EVEN));
        }
        final long ticks = Fixed.divide(st.smoothed, Math.multiplyExact(st.tick, EXTRA), RoundingMode.HALF_EVEN);
        st.mark = Math.max(st.tick, Math.multiplyExact(ticks, st.tick));
        return st.mark;
    }

    @Override
    public long mark(final String symbol) {
        final State st = states.get(symbol);
        return st == null ? NONE : st.mark;
    }

    /** The last index observation of the symbol, or 0. */
    public long index(final String symbol) {
        final State st = states.get(symbol);
        return st == null ? 0 : st.index;
    }

    private State state(final String symbol) {
        final State st = states.get(symbol);
        if (st == null) {
            throw new IllegalArgumentException("mark price model: unknown symbol " + symbol);
        }
        return st;
    }
}
