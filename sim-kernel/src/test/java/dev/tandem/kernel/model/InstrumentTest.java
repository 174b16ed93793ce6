package dev.tandem.kernel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testkit.Instruments;
import org.junit.jupiter.api.Test;

class InstrumentTest {
    private final Instrument btc = Instruments.btcUsdtPerp();

    @Test
    void filtersFollowTickAndLot() {
        assertThat(btc.isValidPrice(btc.price("60000.10"))).isTrue();
        assertThat(btc.isValidPrice(btc.price("60000.15"))).isFalse();
        assertThat(btc.isValidPrice(0)).isFalse();
        assertThat(btc.isValidQty(btc.qty("0.001"))).isTrue();
        assertThat(btc.isValidQty(0)).isFalse();
        assertThat(btc.isValidQty(btc.qty("100.001"))).isFalse();
    }

    @Test
    void feesAtMakerAndTakerRates() {
        final long notional = btc.notional(btc.price("60000"), btc.qty("1"));
        assertThat(btc.fee(notional, Liquidity.MAKER)).isEqualTo(Fixed.money("12"));
        assertThat(btc.fee(notional, Liquidity.TAKER)).isEqualTo(Fixed.money("33"));
    }

    @Test
    void rounding() {
        assertThat(btc.roundQtyDown(1_234)).isEqualTo(btc.qty("1.234"));
        assertThat(Instruments.ethUsdtPerp().roundQtyDown(1_234)).isEqualTo(1_234);
        assertThat(btc.roundPrice(btc.price("60000.16"))).isEqualTo(btc.price("60000.20"));
    }

    @Test
    void invalidDefinitionsAreRefused() {
        assertThatThrownBy(() -> new Instrument(new InstrumentId("X", "V"), InstrumentKind.SPOT, "X", "USDT", 2, 2, 0, 1, 1, 10, 0, 0, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tick");
        assertThatThrownBy(() -> new Instrument(new InstrumentId("X", "V"), InstrumentKind.SPOT, "X", "USDT", 2, 2, 1, 1, 1, 10, 0, 0, 0, 5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLeverage");
    }

    @Test
    void idsAreValidated() {
        assertThat(new ClientOrderId("a".repeat(32)).value()).hasSize(32);
        assertThatThrownBy(() -> new ClientOrderId("a".repeat(33))).hasMessageContaining("32");
        assertThatThrownBy(() -> new ClientOrderId("a b")).hasMessageContaining("[A-Za-z0-9_-]");
        assertThat(InstrumentId.parse("BTCUSDT.BYBIT")).isEqualTo(new InstrumentId("BTCUSDT", "BYBIT"));
        assertThatThrownBy(() -> InstrumentId.parse("BTCUSDT")).hasMessageContaining("SYMBOL.VENUE");
    }
}
