package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import java.math.BigInteger;
import java.math.RoundingMode;

/** The venue's rounding rules in one place (money at 1e-8, rates at 1e-8). */
final class Money {
    private Money() {}

    /**
     * Value of {@code qty} at {@code price} in money, <b>rounded down</b>; exact whenever
     * {@code priceScale + qtyScale ≤ 8} (every instrument the project ships). Computed once per trade and used for both
     * sides, so it never creates or destroys money.
     */
    static long notional(final Instrument ins, final long price, final long qty) {
        return Fixed.notional(price, ins.priceScale(), qty, ins.qtyScale(), RoundingMode.DOWN);
    }

    /** Notional rounded up (for reservations: a lock may be a little large, never too small). */
    static long notionalCeil(final Instrument ins, final long price, final long qty) {
        return Fixed.notional(price, ins.priceScale(), qty, ins.qtyScale(), RoundingMode.CEILING);
    }

    /**
     * A trading fee: {@code rate × notional} rounded <b>toward zero</b> (a fee is never more than exact, a rebate never
     * more than exact). Rounding down is what makes a spot lock computed at the limit price always cover every fill.
     */
    static long fee(final long notionalMoney, final long rate) {
        return Fixed.applyRate(notionalMoney, rate, RoundingMode.DOWN);
    }

    /** {@code ceil(rate × notional)} when the rate is positive, else 0: the fee part of a reservation. */
    static long feeReserve(final long notionalMoney, final long rate) {
        return rate <= 0 ? 0 : Fixed.applyRate(notionalMoney, rate, RoundingMode.CEILING);
    }

    /** Base-asset quantity as money units (8 decimals); the instrument's qty scale must be at most 8. */
    static long qtyAsMoney(final Instrument ins, final long qty) {
        return Fixed.rescale(qty, ins.qtyScale(), Fixed.MONEY_SCALE, RoundingMode.UNNECESSARY);
    }

    /**
     * {@code floor(−signedQty × price × rate)} in money: the funding amount credited to a position (negative = paid),
     * one exact product rounded toward −∞ (in the venue's favour for payer and receiver alike).
     */
    static long funding(final Instrument ins, final long signedQty, final long price, final long rate) {
        final BigInteger num = BigInteger.valueOf(signedQty).negate().multiply(BigInteger.valueOf(price))
                .multiply(BigInteger.valueOf(rate));
        // money = qty·price·10^(8−ps−qs), rate at 10^8: amount = num / 10^(ps+qs)
        final BigInteger den = BigInteger.TEN.pow(ins.priceScale() + ins.qtyScale());
        return floorDiv(num, den).longValueExact();
    }

    static BigInteger floorDiv(final BigInteger a, final BigInteger b) {
        final BigInteger[] qr = a.divideAndRemainder(b);
        if (qr[1].signum() != 0 && (qr[1].signum() != b.signum())) {
            return qr[0].subtract(BigInteger.ONE);
        }
        return qr[0];
    }

    static BigInteger ceilDiv(final BigInteger a, final BigInteger b) {
        return floorDiv(a.negate(), b).negate();
    }
}
