package dev.tandem.sim.data;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Strict decimal parsing onto fixed-point longs. Accepted text: an optional leading {@code -}, at least one digit,
 * optionally {@code .} and at least one digit; no exponent, no grouping, no {@code +}. Surrounding spaces are
 * ignored. Trailing zeros of the fraction do not count as decimals.
 */
final class Decimals {
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Decimals() {}

    /** Parses {@code raw} as a decimal with {@code scale} decimals; {@code field} names it in error messages. */
    static long parse(final String field, final String raw, final int scale, final DecimalPolicy policy) {
        final String s = raw.strip();
        final int n = s.length();
        final boolean negative = n > 0 && s.charAt(0) == '-';
        final int intStart = negative ? 1 : 0;
        final int intEnd = digitsEnd(s, intStart);
        final int fracStart = intEnd < n ? intEnd + 1 : intEnd;
        final int fracEnd = checkSyntax(field, raw, s);
        int significantEnd = fracEnd;
        while (significantEnd > fracStart && s.charAt(significantEnd - 1) == '0') {
            significantEnd--;
        }
        final int decimals = significantEnd - fracStart;
        if (decimals > scale) {
            if (policy == DecimalPolicy.EXACT) {
                throw new BadRow(field + " '" + raw + "' has " + decimals + " decimals, more than the " + scale
                        + " allowed");
            }
            try {
                return new BigDecimal(s).setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
            } catch (ArithmeticException e) {
                throw new BadRow(field + " '" + raw + "' is too large");
            }
        }
        try {
            long v = 0;
            for (int k = intStart; k < intEnd; k++) {
                v = Math.addExact(Math.multiplyExact(v, 10L), s.charAt(k) - '0');
            }
            for (int k = fracStart; k < significantEnd; k++) {
                v = Math.addExact(Math.multiplyExact(v, 10L), s.charAt(k) - '0');
            }
            v = Math.multiplyExact(v, Fixed.pow10(scale - decimals));
            return negative ? -v : v;
        } catch (ArithmeticException e) {
            throw new BadRow(field + " '" + raw + "' is too large");
        }
    }

    /**
     * A positive price at the instrument's scale and on its tick grid. Under ROUND_HALF_EVEN the exact decimal is
     * rounded once, half-even, to the nearest tick (no double rounding through the scale).
     */
    static long price(final String field, final String raw, final Instrument instrument, final DecimalPolicy policy) {
        final long p;
        if (policy == DecimalPolicy.ROUND_HALF_EVEN) {
            checkSyntax(field, raw, raw.strip());
            try {
                final long ticks = new BigDecimal(raw.strip()).movePointRight(instrument.priceScale())
                        .divide(BigDecimal.valueOf(instrument.tickSize()), 0, RoundingMode.HALF_EVEN)
                        .longValueExact();
                p = Math.multiplyExact(ticks, instrument.tickSize());
            } catch (ArithmeticException e) {
                throw new BadRow(field + " '" + raw + "' is too large");
            }
        } else {
            p = parse(field, raw, instrument.priceScale(), policy);
            if (p % instrument.tickSize() != 0) {
                throw new BadRow(field + " '" + raw + "' is not a multiple of the tick size "
                        + instrument.formatPrice(instrument.tickSize()));
            }
        }
        if (p <= 0) {
            throw new BadRow(field + " '" + raw + "' must be positive");
        }
        return p;
    }

    /** A non-negative quantity at the instrument's quantity scale (no lot-size check: recorded sizes are facts). */
    static long qty(final String field, final String raw, final Instrument instrument, final DecimalPolicy policy) {
        final long q = parse(field, raw, instrument.qtyScale(), policy);
        if (q < 0) {
            throw new BadRow(field + " '" + raw + "' must not be negative");
        }
        return q;
    }

    /** Epoch seconds (a whole number; {@code 1385337600.000} is accepted) to nanoseconds. */
    static long wholeSecondsToNanos(final String field, final String raw) {
        final long seconds = parse(field, raw, 0, DecimalPolicy.EXACT);
        return secondsToNanos(field, raw, seconds);
    }

    /** Epoch seconds with up to 9 decimals ({@code 1585180700.0647}) to nanoseconds, exactly. */
    static long fractionalSecondsToNanos(final String field, final String raw) {
        final long nanos = parse(field, raw, 9, DecimalPolicy.EXACT);
        if (nanos < 0) {
            throw new BadRow(field + " '" + raw + "' must not be negative");
        }
        return nanos;
    }

    static long secondsToNanos(final String field, final String raw, final long seconds) {
        if (seconds < 0) {
            throw new BadRow(field + " '" + raw + "' must not be negative");
        }
        if (seconds > Long.MAX_VALUE / NANOS_PER_SECOND) {
            throw new BadRow(field + " '" + raw + "' is too large for nanoseconds since the epoch");
        }
        return seconds * NANOS_PER_SECOND;
    }

    /** A JSON-style integer in milliseconds to nanoseconds. */
    static long millisToNanos(final String field, final long millis) {
        if (millis < 0) {
            throw new BadRow(field + " " + millis + " must not be negative");
        }
        if (millis > Long.MAX_VALUE / 1_000_000L) {
            throw new BadRow(field + " " + millis + " is too large for nanoseconds since the epoch");
        }
        return millis * 1_000_000L;
    }

    /**
     * Checks {@code s} (the stripped {@code raw}) is {@code -?digits(.digits)?}; returns the end of the fraction
     * digits (the length).
     */
    private static int checkSyntax(final String field, final String raw, final String s) {
        final int n = s.length();
        if (n == 0) {
            throw new BadRow(field + " is empty");
        }
        final int intStart = s.charAt(0) == '-' ? 1 : 0;
        final int intEnd = digitsEnd(s, intStart);
        boolean ok = intEnd > intStart;
        if (ok && intEnd < n) {
            ok = s.charAt(intEnd) == '.' && digitsEnd(s, intEnd + 1) == n && n > intEnd + 1;
        }
        if (!ok) {
            throw new BadRow(field + " '" + raw + "' is not a number");
        }
        return n;
    }

    private static int digitsEnd(final String s, final int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
