/**
 * The domain vocabulary every other package speaks: instruments with their venue filters, sides,
 * order types and time-in-force, validated identifiers, and {@link dev.tandem.kernel.model.Fixed},
 * the exact fixed-point arithmetic used for every price, quantity and amount of money in the kernel.
 * Prices and quantities are {@code long}s scaled by their instrument's decimals; money is a {@code long}
 * with {@link dev.tandem.kernel.model.Fixed#MONEY_SCALE} decimals; rates are {@code long}s with
 * {@link dev.tandem.kernel.model.Fixed#RATE_SCALE} decimals. Overflow throws {@link java.lang.ArithmeticException}.
 */
package dev.tandem.kernel.model;
