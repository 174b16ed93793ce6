package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import java.math.RoundingMode;

/**
 * Exact integer arithmetic shared by the built-in strategies. Signals that compare prices (crosses, momentum,
 * spreads) are decided on the scaled {@code long}s, never on doubles, so a backtest here and one elsewhere agree on
 * which bar a signal falls on even when two averages are exactly equal.
 */
final class LibMath {
    /** Decimals of basis-point parameters: "2.5" bps is 250 units. */
    static final int BPS_SCALE = 2;
    /** 100 % in basis-point units (10 000 bps × 10^BPS_SCALE). */
    static final long BPS_ONE = 1_000_000L;
    /** Decimals of factor and allocation parameters ("0.5", "10", "2.5"). */
    static final int FACTOR_SCALE = 4;
    /** A factor of 1 in factor units. */
    static final long FACTOR_ONE = 10_000L;
    /** One second. */
    static final long SECOND_NANOS = 1_000_000_000L;
    /** One millisecond. */
    static final long MILLI_NANOS = 1_000_000L;

    private LibMath() {}

    /** The sign of {@code a·b − c·d}, exactly (128-bit products, no overflow). */
    static int compareProducts(final long a, final long b, final long c, final long d) {
        final long hi1 = Math.multiplyHigh(a, b);
        final long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return hi1 < hi2 ? -1 : 1;
        }
        return Integer.signum(Long.compareUnsigned(a * b, c * d));
    }

    /** {@code value × units / BPS_ONE}, rounded as asked. */
    static long bps(final long value, final long units, final RoundingMode mode) {
        return Fixed.mulDiv(value, units, BPS_ONE, mode);
    }

    /** True when {@code |now − then| ≥ then × units / BPS_ONE} (a move of at least that many basis points). */
    static boolean movedAtLeast(final long then, final long now, final long units) {
        return compareProducts(Math.abs(Fixed.sub(now, then)), BPS_ONE, then, units) >= 0;
    }

    /** The largest tick multiple at or below {@code price}. */
    static long floorToTick(final long price, final long tick) {
        return price - Math.floorMod(price, tick);
    }

    /** The smallest tick multiple at or above {@code price}. */
    static long ceilToTick(final long price, final long tick) {
        final long m = Math.floorMod(price, tick);
        return m == 0 ? price : Fixed.add(price - m, tick);
    }

    /**
     * All-in sizing: the largest quantity, a multiple of the lot size, whose notional at {@code price} does not exceed
     * {@code equity × allocation}, i.e. {@code floor(equity × allocation / price)} rounded down to the lot, capped at
     * the instrument's maximum order quantity. 0 when equity or price is not positive or the result is below the
     * minimum order quantity. Fees are not reserved: that is what an allocation below 1 is for.
     *
     * @param equityMoney     account equity, money units
     * @param price           scaled price
     * @param allocationUnits fraction of equity in factor units ({@link #FACTOR_ONE} = all of it)
     */
    static long allInQty(final Instrument instrument, final long equityMoney, final long price, final long allocationUnits) {
        if (equityMoney <= 0 || price <= 0) {
            return 0;
        }
        final long budget = Fixed.mulDiv(equityMoney, allocationUnits, FACTOR_ONE, RoundingMode.FLOOR);
        // notional(price, qty) = price × qty × 10^(MONEY_SCALE − priceScale − qtyScale), so
        // qty = budget × 10^(priceScale + qtyScale − MONEY_SCALE) / price, floored.
        final int shift = instrument.priceScale() + instrument.qtyScale() - Fixed.MONEY_SCALE;
        long qty;
        try {
            qty = shift >= 0
                    ? Fixed.mulDiv(budget, Fixed.pow10(shift), price, RoundingMode.FLOOR)
                    : Fixed.divide(budget, Fixed.mul(price, Fixed.pow10(-shift)), RoundingMode.FLOOR);
        } catch (ArithmeticException tooLarge) {
            qty = instrument.maxQty(); // more than a long of quantity units: the cap below applies anyway
        }
        qty = Math.min(instrument.roundQtyDown(qty), instrument.roundQtyDown(instrument.maxQty()));
        return qty < instrument.minQty() ? 0 : qty;
    }

    /** Nanoseconds of a whole number of milliseconds. */
    static long millis(final int ms) {
        return ms * MILLI_NANOS;
    }
}
