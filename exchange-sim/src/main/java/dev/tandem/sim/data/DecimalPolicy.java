package dev.tandem.sim.data;

/**
 * How a replay reader maps decimal text onto the instrument's fixed-point grid (prices at {@code priceScale} and on
 * the tick grid, quantities at {@code qtyScale}). Trailing zeros never count: {@code 0.100000000000} is 0.1 and
 * fits a quantity scale of 1.
 */
public enum DecimalPolicy {
    /**
     * The default: a value with more significant decimals than the scale, or a price that is not a multiple of the
     * tick size, is a {@link DataProblem}. What is read is exactly what the file says.
     */
    EXACT,
    /**
     * Round instead of failing, half-even and once: quantities to the quantity scale, prices straight to the nearest
     * tick (no double rounding through the price scale). A price that rounds to zero is still a problem. Use it only knowingly (e.g. replaying a finer-ticked venue's data on a
     * coarser instrument); the result is no longer the recorded market.
     */
    ROUND_HALF_EVEN
}
