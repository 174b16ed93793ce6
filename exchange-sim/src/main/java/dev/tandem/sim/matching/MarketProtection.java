package dev.tandem.sim.matching;

import dev.tandem.kernel.model.Side;
import java.util.Objects;

/**
 * How far a market order may walk the book: a bound on the worst execution price, measured from the best opposite
 * price when the order starts matching (on arrival, or when a stop-market triggers). The bound is a price limit
 * for that one order: levels beyond it are not touched and the rest of the order is canceled with
 * {@link CancelReason#PRICE_PROTECTION}. A fill-or-kill market order must fill completely within the bound.
 *
 * @param kind  none, a number of ticks, or a rate in basis points
 * @param value ticks or basis points (0 allows the best level only); 0 for {@link Kind#NONE}
 */
public record MarketProtection(Kind kind, long value) {

    /** The unit of the bound. */
    public enum Kind {
        /** No bound: a market order walks the whole opposite side. */
        NONE,
        /** At most {@code value} ticks away from the best opposite price. */
        TICKS,
        /**
         * At most {@code value} basis points away from the best opposite price; the distance is rounded down to a
         * whole number of ticks.
         */
        BPS
    }

    private static final long BPS_ONE = 10_000L;
    private static final MarketProtection NO_BOUND = new MarketProtection(Kind.NONE, 0);

    public MarketProtection {
        Objects.requireNonNull(kind, "kind");
        if (value < 0 || (kind == Kind.NONE && value != 0)) {
            throw new IllegalArgumentException("market protection needs value >= 0 (and 0 for NONE): " + kind + " " + value);
        }
    }

    /** No bound. */
    public static MarketProtection none() {
        return NO_BOUND;
    }

    /** At most {@code ticks} ticks from the best opposite price. */
    public static MarketProtection ticks(final long ticks) {
        return new MarketProtection(Kind.TICKS, ticks);
    }

    /** At most {@code bps} basis points from the best opposite price (rounded down to whole ticks). */
    public static MarketProtection bps(final long bps) {
        return new MarketProtection(Kind.BPS, bps);
    }

    /**
     * The worst price a market order on {@code side} may trade at: a buy's maximum or a sell's minimum. Saturates
     * instead of overflowing; {@link Kind#NONE} gives {@link Long#MAX_VALUE} for a buy, {@link Long#MIN_VALUE} for
     * a sell.
     *
     * @param side         the market order's side
     * @param bestOpposite the best opposite price (best ask for a buy, best bid for a sell), positive
     * @param tickSize     the book's tick size
     * @return the price limit for this market order
     */
    public long worstPrice(final Side side, final long bestOpposite, final long tickSize) {
        final long distance;
        switch (kind) {
            case NONE:
                return side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE;
            case TICKS:
                distance = saturatedMultiply(value, tickSize);
                break;
            case BPS:
                // floor(bestOpposite * bps / 10_000), then down to whole ticks; 128-bit free because both are >= 0
                final long scaled = saturatedMultiply(bestOpposite / BPS_ONE, value)
                        + saturatedMultiply(bestOpposite % BPS_ONE, value) / BPS_ONE;
                distance = scaled < 0 ? Long.MAX_VALUE : scaled - scaled % tickSize;
                break;
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
        if (side == Side.BUY) {
            final long worst = bestOpposite + distance;
            return worst < bestOpposite ? Long.MAX_VALUE : worst;
        }
        final long worst = bestOpposite - distance;
        return worst > bestOpposite ? Long.MIN_VALUE : worst;
    }

    private static long saturatedMultiply(final long a, final long b) {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
