package dev.tandem.sim.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import org.junit.jupiter.api.Test;

class BookRulesTest {

    @Test
    void unitRulesAreThoseOfTheReplayTool() {
        final BookRules unit = BookRules.unit();
        assertThat(unit.tickSize()).isOne();
        assertThat(unit.lotSize()).isOne();
        assertThat(unit.minQty()).isOne();
        assertThat(unit.maxQty()).isEqualTo(Long.MAX_VALUE);
        assertThat(unit.minNotional()).isZero();
        assertThat(unit.selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_TAKER);
        assertThat(unit.marketProtection()).isEqualTo(MarketProtection.none());
    }

    @Test
    void minNotionalComparesTheRawProductAndTreatsOverflowAsLarge() {
        final BookRules rules = new BookRules(1, 1, 1, Long.MAX_VALUE, 1_000, SelfTradePrevention.NONE,
                MarketProtection.none());
        assertThat(rules.meetsMinNotional(100, 10)).isTrue();
        assertThat(rules.meetsMinNotional(99, 10)).isFalse();
        assertThat(rules.meetsMinNotional(Long.MAX_VALUE, 3)).isTrue();
        assertThat(BookRules.unit().meetsMinNotional(1, 1)).isTrue();
    }

    @Test
    void forInstrumentConvertsTheMoneyMinimumToRawPriceTimesQuantity() {
        // price 2 decimals, qty 3 decimals: raw product has 5 decimals; 5 USDT (8 decimals) = 500_000 raw
        final Instrument btc = new Instrument(new InstrumentId("BTCUSDT", "SIM"), InstrumentKind.SPOT, "BTC", "USDT", 2, 3,
                10, 1, 1, 1_000_000, 500_000_000L, 0, 0, 1, 0);
        final BookRules rules = BookRules.forInstrument(btc, SelfTradePrevention.CANCEL_BOTH, MarketProtection.bps(50));
        assertThat(rules.tickSize()).isEqualTo(10);
        assertThat(rules.lotSize()).isEqualTo(1);
        assertThat(rules.maxQty()).isEqualTo(1_000_000);
        assertThat(rules.minNotional()).isEqualTo(500_000);
        assertThat(rules.selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_BOTH);
    }

    @Test
    void nonsenseRulesAreRefused() {
        assertThatThrownBy(() -> new BookRules(0, 1, 1, 1, 0, SelfTradePrevention.NONE, MarketProtection.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BookRules(1, 1, 5, 4, 0, SelfTradePrevention.NONE, MarketProtection.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BookRules(1, 1, 1, 4, -1, SelfTradePrevention.NONE, MarketProtection.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketProtection(MarketProtection.Kind.NONE, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketProtection.ticks(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
