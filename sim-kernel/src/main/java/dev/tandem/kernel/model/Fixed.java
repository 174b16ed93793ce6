package dev.tandem.kernel.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact fixed-point arithmetic on {@code long}s. Every operation either returns the exact result,
 * rounds in an explicitly named direction, or throws {@link ArithmeticException} on overflow (fail fast:
 * a silently wrapped price is worse than a crash).
 *
 * <p>Scales: a price is {@code price * 10^priceScale}, a quantity {@code qty * 10^qtyScale} (both per
 * instrument); money is always {@code amount * 10^MONEY_SCALE}; rates (fees, funding) are
 * {@code rate * 10^RATE_SCALE}, so 0.055 % is {@code 55_000}.
 */
public final class Fixed {
    /** Decimals of every amount of money (quote or settlement currency). 1e-8 covers every venue's precision. */
    public static final int MONEY_SCALE = 8;
    /** Decimals of every rate (fee rates, funding rates, margin rates). */
    public static final int RATE_SCALE = 8;
    /** One whole unit of money, i.e. 1 USDT. */
    public static final long MONEY_ONE = 100_000_000L;
    /** A rate of 100 %. */
    public static final long RATE_ONE = 100_000_000L;

    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p = p * 10;
        }
    }

    private Fixed() {}

    /** 10^n for 0 ≤ n ≤ 18. */
    public static long pow10(final int n) {
        if (n < 0 || n >= POW10.length) {
            throw new ArithmeticException("10^" + n + " does not fit a long");
        }
        return POW10[n];
    }

    /** a + b, failing on overflow. */
    public static long add(final long a, final long b) {
        return Math.addExact(a, b);
    }

    /** a - b, failing on overflow. */
    public static long sub(final long a, final long b) {
        return Math.subtractExact(a, b);
    }

    /** a * b, failing on overflow. */
    public static long mul(final long a, final long b) {
        return Math.multiplyExact(a, b);
    }

    /**
     * a * b / c with an exact 128-bit intermediate, rounded as asked. The result must fit a long.
     * {@code RoundingMode.UNNECESSARY} fails if the division is not exact.
     */
    public static long mulDiv(final long a, final long b, final long c, final RoundingMode mode) {
        if (c == 0) {
            throw new ArithmeticException("division by zero");
        }
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return divide(lo, c, mode);
        }
        // The product needs 128 bits, as with equity × a risk rate on every pre-trade check: divide the 128-bit
        // magnitude by hand (no BigInteger garbage), rounding the exact quotient like BigDecimal does. Every case this
        // does not settle exactly (a factor of Long.MIN_VALUE, a quotient of 2^63 or more, an inexact UNNECESSARY)
        // goes on to the BigInteger code below, which keeps its result or exception.
        if (a != Long.MIN_VALUE && b != Long.MIN_VALUE && c != Long.MIN_VALUE) {
            final long ua = Math.abs(a);
            final long ub = Math.abs(b);
            final long uc = Math.abs(c);
            final long phi = Math.multiplyHigh(ua, ub); // both < 2^63: the product's high half, >= 0
            final long plo = ua * ub;
            if (phi < uc) {
                final long q = divideUnsigned128(phi, plo, uc);
                final long r = plo - q * uc; // exact remainder, 0 <= r < uc
                if (q >= 0) {
                    final long magnitude = roundMagnitude(q, r, uc, (a ^ b ^ c) < 0, mode);
                    if (magnitude >= 0) {
                        return (a ^ b ^ c) < 0 ? -magnitude : magnitude;
                    }
                }
            }
        }
        final BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        final BigDecimal exact = new BigDecimal(qr[0]).add(new BigDecimal(qr[1]).divide(BigDecimal.valueOf(c), 40, RoundingMode.DOWN));
        return exact.setScale(0, mode).longValueExact();
    }

    /**
     * |quotient| rounded as asked, from the truncated magnitude {@code q} and remainder {@code r} of a division by
     * {@code d > r}; -1 when that needs the slow path (an inexact UNNECESSARY, or q + 1 overflowing).
     */
    private static long roundMagnitude(final long q, final long r, final long d, final boolean negative, final RoundingMode mode) {
        if (r == 0) {
            return q;
        }
        final boolean away;
        switch (mode) {
            case UNNECESSARY:
                return -1;
            case DOWN:
                away = false;
                break;
            case UP:
                away = true;
                break;
            case FLOOR:
                away = negative;
                break;
            case CEILING:
                away = !negative;
                break;
            default:
                // HALF_UP, HALF_DOWN, HALF_EVEN: 2r against d (2r < 2^64, compared unsigned)
                final int cmp = Long.compareUnsigned(r << 1, d);
                if (cmp != 0) {
                    away = cmp > 0;
                } else {
                    away = mode == RoundingMode.HALF_UP || (mode == RoundingMode.HALF_EVEN && (q & 1) != 0);
                }
        }
        return away ? q + 1 : q; // q + 1 == 2^63 wraps negative: slow path
    }

    /**
     * The unsigned 128-by-64 division {@code (hi:lo) / d} for unsigned {@code hi < d}, so the quotient fits 64 bits
     * (Knuth's algorithm D with 32-bit digits, as in Hacker's Delight, divlu).
     */
    private static long divideUnsigned128(final long hi, final long lo, final long divisor) {
        final long base = 1L << 32;
        final int shift = Long.numberOfLeadingZeros(divisor);
        final long d = divisor << shift;
        final long dHigh = d >>> 32;
        final long dLow = d & 0xFFFF_FFFFL;
        final long n32 = shift == 0 ? hi : (hi << shift) | (lo >>> (64 - shift));
        final long n10 = lo << shift;
        final long n1 = n10 >>> 32;
        final long n0 = n10 & 0xFFFF_FFFFL;

        long q1 = Long.divideUnsigned(n32, dHigh);
        long rhat = Long.remainderUnsigned(n32, dHigh);
        while (q1 >= base || Long.compareUnsigned(q1 * dLow, (rhat << 32) | n1) > 0) {
            q1--;
            rhat += dHigh;
            if (rhat >= base) {
                break;
            }
        }
        final long n21 = (n32 << 32) + n1 - q1 * d;

        long q0 = Long.divideUnsigned(n21, dHigh);
        rhat = Long.remainderUnsigned(n21, dHigh);
        while (q0 >= base || Long.compareUnsigned(q0 * dLow, (rhat << 32) | n0) > 0) {
            q0--;
            rhat += dHigh;
            if (rhat >= base) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }

    /** a / b rounded as asked. */
    public static long divide(final long a, final long b, final RoundingMode mode) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        final long q = a / b;
        final long r = a % b;
        if (r == 0) {
            return q;
        }
        final boolean positive = (a ^ b) >= 0;
        switch (mode) {
            case UNNECESSARY:
                throw new ArithmeticException(a + " / " + b + " is not exact");
            case DOWN:
                return q;
            case UP:
                return positive ? q + 1 : q - 1;
            case FLOOR:
                return positive ? q : q - 1;
            case CEILING:
                return positive ? q + 1 : q;
            default:
                // HALF_UP, HALF_DOWN, HALF_EVEN: compare twice the remainder with the divisor
                final long twiceR = Math.abs(r) * 2;
                final long absB = Math.abs(b);
                final int cmp = twiceR < 0 ? 1 : Long.compare(twiceR, absB); // twiceR overflow means > absB
                final boolean away;
                if (cmp > 0) {
                    away = true;
                } else if (cmp < 0) {
                    away = false;
                } else if (mode == RoundingMode.HALF_UP) {
                    away = true;
                } else if (mode == RoundingMode.HALF_DOWN) {
                    away = false;
                } else {
                    away = (q & 1) != 0;
                }
                return away ? (positive ? q + 1 : q - 1) : q;
        }
    }

    /**
     * Rescales a value from one number of decimals to another. Going to fewer decimals rounds as asked.
     */
    public static long rescale(final long value, final int fromScale, final int toScale, final RoundingMode mode) {
        if (fromScale == toScale) {
            return value;
        }
        if (toScale > fromScale) {
            return Math.multiplyExact(value, pow10(toScale - fromScale));
        }
        return divide(value, pow10(fromScale - toScale), mode);
    }

    /**
     * Notional value in money units of {@code qty} at {@code price}: price * qty rescaled from
     * (priceScale + qtyScale) decimals to {@link #MONEY_SCALE}. Exact when priceScale + qtyScale ≤ 8,
     * otherwise rounded as asked.
     */
    public static long notional(
            final long price, final int priceScale, final long qty, final int qtyScale, final RoundingMode mode) {
        final int scale = priceScale + qtyScale;
        if (scale <= MONEY_SCALE) {
            return Math.multiplyExact(Math.multiplyExact(price, qty), pow10(MONEY_SCALE - scale));
        }
        return mulDiv(price, qty, pow10(scale - MONEY_SCALE), mode);
    }

    /** amount * rate, with the rate at {@link #RATE_SCALE}, rounded as asked. */
    public static long applyRate(final long amount, final long rate, final RoundingMode mode) {
        return mulDiv(amount, rate, RATE_ONE, mode);
    }

    /**
     * Parses a plain decimal string ("60000.5", "-0.001") at the given scale. Fails if the text has more
     * decimals than the scale allows (no silent rounding of input) or does not fit a long.
     */
    public static long parse(final String text, final int scale) {
        final BigDecimal d;
        try {
            d = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal number: '" + text + "'");
        }
        try {
            return d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("'" + text + "' does not fit " + scale + " decimals in a long");
        }
    }

    /** Formats a scaled long as a plain decimal string with exactly {@code scale} decimals. */
    public static String format(final long value, final int scale) {
        return BigDecimal.valueOf(value, scale).toPlainString();
    }

    /** Converts a scaled long to a double for display and strategy math only (never for accounting). */
    public static double toDouble(final long value, final int scale) {
        return value / (double) pow10(scale);
    }

    /** Money as a decimal string. */
    public static String formatMoney(final long money) {
        return format(money, MONEY_SCALE);
    }

    /** Parses an amount of money ("1000.25"). */
    public static long money(final String text) {
        return parse(text, MONEY_SCALE);
    }

    /** Parses a rate ("0.00055" = 0.055 %). */
    public static long rate(final String text) {
        return parse(text, RATE_SCALE);
    }
}
