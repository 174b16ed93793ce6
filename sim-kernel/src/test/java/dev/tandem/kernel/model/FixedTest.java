package dev.tandem.kernel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class FixedTest {
    @Test
    void parsesAndFormatsExactly() {
        assertThat(Fixed.parse("60000.5", 2)).isEqualTo(6_000_050L);
        assertThat(Fixed.parse("-0.001", 3)).isEqualTo(-1L);
        assertThat(Fixed.format(6_000_050L, 2)).isEqualTo("60000.50");
        assertThat(Fixed.money("1000.25")).isEqualTo(100_025_000_000L);
    }

    @Test
    void refusesInputWithMoreDecimalsThanTheScale() {
        assertThatThrownBy(() -> Fixed.parse("1.234", 2)).isInstanceOf(ArithmeticException.class).hasMessageContaining("1.234");
        assertThatThrownBy(() -> Fixed.parse("abc", 2)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void overflowFailsFast() {
        assertThatThrownBy(() -> Fixed.add(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.mul(Long.MAX_VALUE / 2, 3)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.parse("100000000000000000000", 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 1, RoundingMode.DOWN))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void notionalIsExactWhenScalesFitMoney() {
        // 60000.10 USDT x 0.123 BTC = 7380.0123 USDT
        final long n = Fixed.notional(6_000_010L, 2, 123L, 3, RoundingMode.UNNECESSARY);
        assertThat(Fixed.formatMoney(n)).isEqualTo("7380.01230000");
    }

    @Test
    void notionalRoundsAsAskedBeyondMoneyScale() {
        // price 0.123456 (6 dp) x qty 0.001 (3 dp) = 0.000123456 -> 8 dp
        assertThat(Fixed.notional(123_456L, 6, 1L, 3, RoundingMode.HALF_EVEN)).isEqualTo(12_346L);
        assertThat(Fixed.notional(123_456L, 6, 1L, 3, RoundingMode.DOWN)).isEqualTo(12_345L);
    }

    @Test
    void mulDivUses128BitIntermediate() {
        // (2^62 * 6) / 3 = 2^63 would overflow; (2^62 * 4) / 8 = 2^61 fits although the product does not
        assertThat(Fixed.mulDiv(1L << 62, 4, 8, RoundingMode.UNNECESSARY)).isEqualTo(1L << 61);
        assertThat(Fixed.mulDiv(7, 3, 2, RoundingMode.HALF_EVEN)).isEqualTo(10); // 10.5 -> 10
        assertThat(Fixed.mulDiv(9, 3, 2, RoundingMode.HALF_EVEN)).isEqualTo(14); // 13.5 -> 14
        assertThat(Fixed.mulDiv(-7, 3, 2, RoundingMode.HALF_UP)).isEqualTo(-11);
    }

    @Test
    void divideRoundsInEveryMode() {
        assertThat(Fixed.divide(7, 2, RoundingMode.DOWN)).isEqualTo(3);
        assertThat(Fixed.divide(7, 2, RoundingMode.UP)).isEqualTo(4);
        assertThat(Fixed.divide(-7, 2, RoundingMode.FLOOR)).isEqualTo(-4);
        assertThat(Fixed.divide(-7, 2, RoundingMode.CEILING)).isEqualTo(-3);
        assertThat(Fixed.divide(5, 2, RoundingMode.HALF_EVEN)).isEqualTo(2);
        assertThat(Fixed.divide(7, 2, RoundingMode.HALF_EVEN)).isEqualTo(4);
        assertThat(Fixed.divide(5, 2, RoundingMode.HALF_DOWN)).isEqualTo(2);
        assertThat(Fixed.divide(6, 2, RoundingMode.UNNECESSARY)).isEqualTo(3);
        assertThatThrownBy(() -> Fixed.divide(7, 2, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.divide(7, 0, RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ratesApplyExactly() {
        // 0.055 % of 10000 USDT = 5.5 USDT
        assertThat(Fixed.applyRate(Fixed.money("10000"), Fixed.rate("0.00055"), RoundingMode.HALF_EVEN))
                .isEqualTo(Fixed.money("5.5"));
    }

    @Test
    void rescaleUpIsExactAndDownRounds() {
        assertThat(Fixed.rescale(123, 3, 8, RoundingMode.UNNECESSARY)).isEqualTo(12_300_000L);
        assertThat(Fixed.rescale(12_345_678L, 8, 3, RoundingMode.DOWN)).isEqualTo(123);
    }
}
