package dev.tandem.kernel.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Fixed#mulDiv} against its former implementation (BigInteger whenever the product overflows a long), value for
 * value and exception message for exception message, for factors of every magnitude and every rounding mode: its
 * 128-bit long division must not change a single result, since risk decisions and their messages feed the trace.
 */
final class FixedMulDivProperties {
    private record Case(long a, long b, long c, RoundingMode mode) {}

    private static Gen<Long> anyMagnitude() {
        return Gen.ints(0, 63).flatMap(bits -> bits == 63 ? Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE) : Gen.longs(-(1L << bits), 1L << bits));
    }

    /**
     * The reference, {@code mulDiv} as it was before the 128-bit long division: {@link Fixed#divide} when the product
     * fits a long, otherwise exact quotient and remainder in BigInteger and one rounding.
     */
    private static String reference(final Case k) {
        try {
            if (k.c() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (!overflows(k.a(), k.b())) {
                return Long.toString(Fixed.divide(k.a() * k.b(), k.c(), k.mode()));
            }
            final BigInteger[] qr = BigInteger.valueOf(k.a()).multiply(BigInteger.valueOf(k.b())).divideAndRemainder(BigInteger.valueOf(k.c()));
            final BigDecimal exact = new BigDecimal(qr[0]).add(new BigDecimal(qr[1]).divide(BigDecimal.valueOf(k.c()), 40, RoundingMode.DOWN));
            return Long.toString(exact.setScale(0, k.mode()).longValueExact());
        } catch (ArithmeticException e) {
            return "throws " + e.getMessage();
        }
    }

    private static String actual(final Case k) {
        try {
            return Long.toString(Fixed.mulDiv(k.a(), k.b(), k.c(), k.mode()));
        } catch (ArithmeticException e) {
            return "throws " + e.getMessage();
        }
    }

    /** True when a × b needs more than 64 bits (the 128-bit path). */
    private static boolean overflows(final long a, final long b) {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return !((hi == 0 && lo >= 0) || (hi == -1 && lo < 0));
    }

    @Test
    void mulDivIsTheExactlyRoundedQuotient() {
        final Gen<long[]> factors = Gen.zip(anyMagnitude(), anyMagnitude(), anyMagnitude(), (a, b, c) -> new long[] {a, b, c});
        final Gen<Case> cases = Gen.zip(factors, Gen.elements(List.of(RoundingMode.values())), (f, m) -> new Case(f[0], f[1], f[2], m));
        Property.forAll(cases).tries(5_000).check(k -> assertThat(actual(k)).as(k.toString()).isEqualTo(reference(k)));
    }

    @Test
    void overflowingProductsWithRiskSizedFactors() {
        // equity (money) × rate / RATE_ONE, as in the concentration and leverage caps: always the 128-bit path
        final Gen<Case> cases = Gen.zip(Gen.longs(Fixed.MONEY_ONE, Long.MAX_VALUE / 2), Gen.longs(Fixed.RATE_ONE / 1_000_000, 1_000 * Fixed.RATE_ONE),
                (equity, rate) -> new long[] {equity, rate})
                .flatMap(f -> Gen.elements(List.of(RoundingMode.values())).map(m -> new Case(f[0], f[1], Fixed.RATE_ONE, m)));
        Property.forAll(cases).tries(5_000).check(k -> assertThat(actual(k)).as(k.toString()).isEqualTo(reference(k)));
    }

    @Test
    void edgesOfThe128BitPath() {
        final long[] values = {1, -1, 3, -7, 10, (1L << 32) - 1, 1L << 32, 1L << 62, -(1L << 62), Long.MAX_VALUE,
            -Long.MAX_VALUE, Long.MIN_VALUE, 3_037_000_500L, Fixed.RATE_ONE, 0x7FFF_FFFF_0000_0001L};
        final List<String> mismatches = new ArrayList<>();
        for (final long a : values) {
            for (final long b : values) {
                for (final long c : values) {
                    for (final RoundingMode mode : RoundingMode.values()) {
                        final Case k = new Case(a, b, c, mode);
                        final String got = actual(k);
                        final String want = reference(k);
                        if (!got.equals(want)) {
                            mismatches.add(k + ": " + got + " instead of " + want);
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void exactHalvesInThe128BitPathRoundLikeBigDecimal() {
        // odd a × odd b in [2^63, 2^64) divided by 2: the product overflows a long, the quotient fits, and the
        // fraction is exactly one half, with quotients of both parities (HALF_EVEN) and both signs
        final Gen<Case> ties = Gen.zip(Gen.longs(1L << 30, (1L << 31) - 1), Gen.longs(0, Long.MAX_VALUE), Gen.pairs(Gen.booleans(),
                Gen.elements(List.of(RoundingMode.values()))), (halfA, r, p) -> {
                    final long a = 2 * halfA + 1; // odd, in [2^31, 2^32)
                    final long lo = Long.divideUnsigned(Long.MIN_VALUE, a) + 1; // a × lo >= 2^63
                    final long hi = Long.divideUnsigned(-1L, a); // a × hi < 2^64
                    long b = lo + Long.remainderUnsigned(r, hi - lo + 1);
                    b = (b & 1) == 0 ? (b + 1 <= hi ? b + 1 : b - 1) : b; // odd
                    return new Case(p.first() ? -a : a, b, 2, p.second());
                });
        Property.forAll(ties).tries(2_000).check(k -> assertThat(actual(k)).as(k.toString()).isEqualTo(reference(k)));
    }
}
