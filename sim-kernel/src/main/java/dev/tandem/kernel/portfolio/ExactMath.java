package dev.tandem.kernel.portfolio;

import dev.tandem.kernel.model.Fixed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Products of three scaled longs with a single rounding. {@link Fixed#mulDiv} covers two factors; funding
 * (qty × mark × rate), maintenance margin (qty × mark × rate) and the liquidation price need three, and rounding
 * after each pair would make the result depend on the order of operations. The intermediate is a
 * {@link BigInteger} (exact, no {@code double}); the result must fit a long or {@link ArithmeticException} is thrown.
 */
final class ExactMath {
    private ExactMath() {}

    /** {@code a × b × c / 10^pow10}, rounded once as asked. */
    static long productDivPow10(final long a, final long b, final long c, final int pow10, final RoundingMode mode) {
        // Fast path: the maintenance margin is valued here on every quote while a position is open, and a × b × c
        // nearly always fits a long. Then the exact quotient rounded by Fixed.divide is the BigDecimal result (the
        // same contract Fixed.mulDiv relies on); UNNECESSARY keeps the BigDecimal path for its exception message.
        if (pow10 >= 0 && pow10 <= 18 && mode != RoundingMode.UNNECESSARY) {
            final long ab = a * b;
            if (Math.multiplyHigh(a, b) == (ab >> 63)) {
                final long abc = ab * c;
                if (Math.multiplyHigh(ab, c) == (abc >> 63)) {
                    return Fixed.divide(abc, Fixed.pow10(pow10), mode);
                }
            }
        }
        final BigInteger num = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).multiply(BigInteger.valueOf(c));
        return divide(num, BigInteger.TEN.pow(pow10), mode);
    }

    /** {@code num / den}, rounded once as asked, failing if the result does not fit a long. */
    static long divide(final BigInteger num, final BigInteger den, final RoundingMode mode) {
        if (den.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new BigDecimal(num).divide(new BigDecimal(den), 0, mode).longValueExact();
    }

    /**
     * The exact average price, at the instrument's price scale, of a cost basis in money units over a quantity:
     * {@code cost × 10^(priceScale + qtyScale) / (10^MONEY_SCALE × qty)}, rounded as asked.
     */
    static long costToPrice(
            final long costMoney, final long qty, final int priceScale, final int qtyScale, final RoundingMode mode) {
        final BigInteger num = BigInteger.valueOf(costMoney).multiply(BigInteger.TEN.pow(priceScale + qtyScale));
        final BigInteger den = BigInteger.valueOf(qty).multiply(BigInteger.TEN.pow(Fixed.MONEY_SCALE));
        return divide(num, den, mode);
    }
}
