package dev.tandem.kernel.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactMath#productDivPow10} against the plain BigDecimal quotient, for factors of every magnitude (so both
 * its long fast path and its BigInteger path run), every power and every rounding mode.
 */
final class ExactMathProperties {
    private record Case(long a, long b, long c, int pow10, RoundingMode mode) {}

    /** A long of a random bit length, either sign: small values are as likely as ones near overflow. */
    private static Gen<Long> anyMagnitude() {
        return Gen.ints(0, 63).flatMap(bits -> bits == 63 ? Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE) : Gen.longs(-(1L << bits), 1L << bits));
    }

    /** The reference: exact product, one rounding, the result must fit a long (else "throws"). */
    private static String reference(final Case k) {
        final BigInteger num = BigInteger.valueOf(k.a()).multiply(BigInteger.valueOf(k.b())).multiply(BigInteger.valueOf(k.c()));
        try {
            return Long.toString(new BigDecimal(num).divide(new BigDecimal(BigInteger.TEN.pow(k.pow10())), 0, k.mode()).longValueExact());
        } catch (ArithmeticException e) {
            return "throws";
        }
    }

    private static String actual(final Case k) {
        try {
            return Long.toString(ExactMath.productDivPow10(k.a(), k.b(), k.c(), k.pow10(), k.mode()));
        } catch (ArithmeticException e) {
            return "throws";
        }
    }

    @Test
    void productDivPow10IsTheBigDecimalQuotient() {
        final Gen<long[]> factors = Gen.zip(anyMagnitude(), anyMagnitude(), anyMagnitude(), (a, b, c) -> new long[] {a, b, c});
        final Gen<Case> cases = Gen.zip(factors, Gen.pairs(Gen.ints(0, 18), Gen.elements(List.of(RoundingMode.values()))),
                (f, p) -> new Case(f[0], f[1], f[2], p.first(), p.second()));
        Property.forAll(cases).tries(5_000).check(k -> assertThat(actual(k)).as(k.toString()).isEqualTo(reference(k)));
    }

    @Test
    void tiesAndEdgesRoundLikeBigDecimal() {
        final long[][] factors = {
            {5, 1, 1}, {-5, 1, 1}, {15, 1, 1}, {-25, 1, 1}, {1, 1, 1}, {Long.MIN_VALUE, 1, 1}, {Long.MIN_VALUE, -1, 1},
            {Long.MAX_VALUE, 1, 1}, {Long.MAX_VALUE, 2, 1}, {3_037_000_499L, 3_037_000_499L, 1}, {10, 6_000_000, 500_000},
        };
        for (final long[] f : factors) {
            for (int p = 0; p <= 18; p++) {
                for (final RoundingMode mode : RoundingMode.values()) {
                    final Case k = new Case(f[0], f[1], f[2], p, mode);
                    assertThat(actual(k)).as(k.toString()).isEqualTo(reference(k));
                }
            }
        }
    }
}
