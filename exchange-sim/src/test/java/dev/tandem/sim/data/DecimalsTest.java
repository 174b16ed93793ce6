package dev.tandem.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void parsesPlainDecimalsExactly() {
        assertThat(Decimals.parse("p", "800.01", 2, DecimalPolicy.EXACT)).isEqualTo(80_001);
        assertThat(Decimals.parse("p", "808", 2, DecimalPolicy.EXACT)).isEqualTo(80_800);
        assertThat(Decimals.parse("p", "-0.5", 2, DecimalPolicy.EXACT)).isEqualTo(-50);
        assertThat(Decimals.parse("p", " 7.25 ", 2, DecimalPolicy.EXACT)).isEqualTo(725);
        assertThat(Decimals.parse("p", "0", 0, DecimalPolicy.EXACT)).isZero();
    }

    @Test
    void trailingZerosDoNotCountAsDecimals() {
        assertThat(Decimals.parse("amount", "0.100000000000", 1, DecimalPolicy.EXACT)).isEqualTo(1);
        assertThat(Decimals.parse("amount", "0.278380490000", 8, DecimalPolicy.EXACT)).isEqualTo(27_838_049);
        assertThat(Decimals.parse("price", "800.010000000000", 2, DecimalPolicy.EXACT)).isEqualTo(80_001);
        assertThat(Decimals.parse("t", "1385337600.000", 0, DecimalPolicy.EXACT)).isEqualTo(1_385_337_600L);
    }

    @Test
    void rejectsExcessPrecisionUnlessRounding() {
        assertThatThrownBy(() -> Decimals.parse("price", "800.015", 2, DecimalPolicy.EXACT))
                .isInstanceOf(BadRow.class)
                .hasMessage("price '800.015' has 3 decimals, more than the 2 allowed");
        assertThat(Decimals.parse("price", "800.015", 2, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(80_002);
        assertThat(Decimals.parse("price", "800.025", 2, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(80_002);
        assertThat(Decimals.parse("price", "800.0251", 2, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(80_003);
    }

    @Test
    void rejectsWhatIsNotAPlainDecimal() {
        for (final String bad : new String[] {"abc", "1e5", "1.", ".5", "+1", "1,5", "1.2.3", "--1", "-", "0x10",
                "NaN", "1 000"}) {
            assertThatThrownBy(() -> Decimals.parse("price", bad, 2, DecimalPolicy.EXACT))
                    .as(bad)
                    .hasMessage("price '" + bad + "' is not a number");
        }
        assertThatThrownBy(() -> Decimals.parse("price", "", 2, DecimalPolicy.EXACT)).hasMessage("price is empty");
        assertThatThrownBy(() -> Decimals.parse("price", "   ", 2, DecimalPolicy.EXACT)).hasMessage("price is empty");
    }

    @Test
    void rejectsOverflow() {
        assertThatThrownBy(() -> Decimals.parse("price", "99999999999999999999", 2, DecimalPolicy.EXACT))
                .hasMessage("price '99999999999999999999' is too large");
        assertThatThrownBy(() -> Decimals.parse("price", "92233720368547758.08", 2, DecimalPolicy.EXACT))
                .hasMessage("price '92233720368547758.08' is too large");
        assertThat(Decimals.parse("price", "92233720368547758.07", 2, DecimalPolicy.EXACT)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Decimals.parse("price", "99999999999999999999.001", 2, DecimalPolicy.ROUND_HALF_EVEN))
                .hasMessage("price '99999999999999999999.001' is too large");
    }

    @Test
    void pricesArePositiveAndOnTheTickGrid() {
        final var btc = dev.tandem.testkit.Instruments.btcUsdtPerp(); // tick 0.10
        assertThat(Decimals.price("price", "16493.50", btc, DecimalPolicy.EXACT)).isEqualTo(1_649_350);
        assertThatThrownBy(() -> Decimals.price("price", "16493.55", btc, DecimalPolicy.EXACT))
                .hasMessage("price '16493.55' is not a multiple of the tick size 0.10");
        assertThat(Decimals.price("price", "16493.55", btc, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(1_649_360);
        // rounded once to the tick: 16493.549 is nearer 16493.50 (no double rounding via 16493.55)
        assertThat(Decimals.price("price", "16493.549", btc, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(1_649_350);
        assertThat(Decimals.price("price", "16493.65", btc, DecimalPolicy.ROUND_HALF_EVEN)).isEqualTo(1_649_360);
        assertThatThrownBy(() -> Decimals.price("price", "1e3", btc, DecimalPolicy.ROUND_HALF_EVEN))
                .hasMessage("price '1e3' is not a number");
        assertThatThrownBy(() -> Decimals.price("price", "1e999999999", btc, DecimalPolicy.ROUND_HALF_EVEN))
                .hasMessage("price '1e999999999' is not a number");
        assertThatThrownBy(() -> Decimals.price("price", "99999999999999999999", btc, DecimalPolicy.ROUND_HALF_EVEN))
                .hasMessage("price '99999999999999999999' is too large");
        assertThatThrownBy(() -> Decimals.price("price", "0", btc, DecimalPolicy.EXACT))
                .hasMessage("price '0' must be positive");
        assertThatThrownBy(() -> Decimals.price("price", "0.04", btc, DecimalPolicy.ROUND_HALF_EVEN))
                .hasMessage("price '0.04' must be positive");
        assertThatThrownBy(() -> Decimals.qty("size", "-0.001", btc, DecimalPolicy.EXACT))
                .hasMessage("size '-0.001' must not be negative");
    }

    @Test
    void timestamps() {
        assertThat(Decimals.wholeSecondsToNanos("time", "1385337600")).isEqualTo(1_385_337_600_000_000_000L);
        assertThatThrownBy(() -> Decimals.wholeSecondsToNanos("time", "1385337600.5"))
                .hasMessage("time '1385337600.5' has 1 decimals, more than the 0 allowed");
        assertThatThrownBy(() -> Decimals.wholeSecondsToNanos("time", "-1")).hasMessage("time '-1' must not be negative");
        assertThatThrownBy(() -> Decimals.wholeSecondsToNanos("time", "9300000000"))
                .hasMessage("time '9300000000' is too large for nanoseconds since the epoch");
        assertThat(Decimals.fractionalSecondsToNanos("timestamp", "1585180700.0647")).isEqualTo(1_585_180_700_064_700_000L);
        assertThat(Decimals.fractionalSecondsToNanos("timestamp", "1704067200.5")).isEqualTo(1_704_067_200_500_000_000L);
        assertThat(Decimals.fractionalSecondsToNanos("timestamp", "1651449601")).isEqualTo(1_651_449_601_000_000_000L);
        assertThat(Decimals.fractionalSecondsToNanos("timestamp", "1.000000001")).isEqualTo(1_000_000_001L);
        assertThatThrownBy(() -> Decimals.fractionalSecondsToNanos("timestamp", "1.0000000001"))
                .hasMessage("timestamp '1.0000000001' has 10 decimals, more than the 9 allowed");
    }
}
