package dev.tandem.reports;

import dev.tandem.kernel.model.Fixed;
import java.math.BigDecimal;

/** Exact conversions of the kernel's fixed-point {@code long}s to decimals, normalised so equal values compare equal. */
final class Dec {
    private Dec() {}

    /** {@code value × 10^-scale}, without trailing zeros (and never in exponent form for whole numbers). */
    static BigDecimal of(final long value, final int scale) {
        return normal(BigDecimal.valueOf(value, scale));
    }

    /** Money units (8 decimals) as a decimal. */
    static BigDecimal money(final long money) {
        return of(money, Fixed.MONEY_SCALE);
    }

    /** Strips trailing zeros; whole numbers keep scale 0 so that a JSON round trip gives an equal value. */
    static BigDecimal normal(final BigDecimal d) {
        if (d == null) {
            return null;
        }
        final BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** The value as a double, NaN for null. */
    static double d(final BigDecimal d) {
        return d == null ? Double.NaN : d.doubleValue();
    }
}
