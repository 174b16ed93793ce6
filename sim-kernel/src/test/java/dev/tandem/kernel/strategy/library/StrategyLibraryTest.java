package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Instruments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The registry: names, descriptions, strict parameter checking, and what {@code create} returns. */
class StrategyLibraryTest {
    private static final List<String> NAMES = List.of("cancel-replace-storm", "fat-finger", "market-maker", "pump-detector", "rogue-loop",
            "rsi-reversion", "sma-cross");

    @Test
    void listsEveryBuiltInStrategyByName() {
        assertThat(StrategyLibrary.names()).isEqualTo(NAMES);
        assertThat(StrategyLibrary.descriptors()).extracting(StrategyDescriptor::name).isEqualTo(NAMES);
        assertThat(StrategyLibrary.exists("sma-cross")).isTrue();
        assertThat(StrategyLibrary.exists("sma")).isFalse();
        assertThat(StrategyLibrary.exists(null)).isFalse();
    }

    @Test
    void anUnknownNameIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> StrategyLibrary.create("sma-crossover", null, "s1", BTC))
                .isInstanceOf(StrategyParameterException.class)
                .hasMessage("unknown strategy 'sma-crossover'; valid strategies: " + String.join(", ", NAMES))
                .satisfies(e -> {
                    assertThat(((StrategyParameterException) e).strategy()).isEqualTo("sma-crossover");
                    assertThat(((StrategyParameterException) e).parameter()).isNull();
                });
        assertThatThrownBy(() -> StrategyLibrary.describe(null)).hasMessageStartingWith("unknown strategy 'null'; valid strategies: ");
        assertThatThrownBy(() -> StrategyLibrary.validate("", Map.of())).hasMessageStartingWith("unknown strategy ''; valid strategies: ");
    }

    @Test
    void anUnknownParameterIsRefusedListingTheValidOnesEvenIfOtherValuesAreBad() {
        final LinkedHashMap<String, String> given = new LinkedHashMap<>();
        given.put("slow", "nonsense");
        given.put("speed", "3");
        assertThatThrownBy(() -> StrategyLibrary.validate("sma-cross", given))
                .isInstanceOf(StrategyParameterException.class)
                .hasMessage("strategy 'sma-cross': unknown parameter 'speed'; valid parameters: allocation, fast, slow")
                .satisfies(e -> assertThat(((StrategyParameterException) e).parameter()).isEqualTo("speed"));
        assertThatThrownBy(() -> StrategyLibrary.validate("market-maker", params("spread", "10")))
                .hasMessage("strategy 'market-maker': unknown parameter 'spread'; valid parameters: maxInventory, minRequoteMs, "
                        + "postOnly, requoteBps, size, skewBps, spreadBps, watchdogMs");
    }

    @Test
    void blankValuesAreRefused() {
        assertThatThrownBy(() -> StrategyLibrary.validate("sma-cross", params("fast", " ")))
                .hasMessage("strategy 'sma-cross' parameter 'fast': has no value (expected integer 1..99999), got ' '");
        final LinkedHashMap<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("fast", null);
        assertThatThrownBy(() -> StrategyLibrary.validate("sma-cross", nullValue))
                .hasMessage("strategy 'sma-cross' parameter 'fast': has no value (expected integer 1..99999), got 'null'");
    }

    @Test
    void everyDefaultIsValidAndEveryStrategyCanBeCreatedWithDefaults() {
        for (final StrategyDescriptor d : StrategyLibrary.descriptors()) {
            final SortedMap<String, String> effective = StrategyLibrary.validate(d.name(), null);
            assertThat(effective.keySet()).containsExactlyElementsOf(d.paramNames());
            d.params().forEach(p -> assertThat(effective.get(p.name())).isEqualTo(p.defaultValue()));
            for (final var instrument : List.of(Instruments.btcUsdtPerp(), Instruments.ethUsdtPerp(), Instruments.btcUsdtSpot())) {
                final StrategySpec spec = StrategyLibrary.create(d.name(), Map.of(), "x1", instrument);
                assertThat(spec.strategy()).isInstanceOf(SnapshottableStrategy.class);
                assertThat(spec.instruments()).containsExactly(instrument.id());
                assertThat(spec.marketMaker()).isEqualTo(d.name().equals("market-maker"));
                assertThat(spec.parameters()).isEqualTo(effective);
            }
        }
    }

    @Test
    void createMergesGivenParametersOverDefaultsAndReturnsAFreshInstanceEachTime() {
        final StrategySpec a = StrategyLibrary.create("sma-cross", params("fast", "5", "slow", " 20 "), "sma1", BTC);
        final StrategySpec b = StrategyLibrary.create("sma-cross", params("fast", "5", "slow", "20"), "sma1", BTC);
        assertThat(a.id()).isEqualTo(new StrategyId("sma1"));
        assertThat(a.parameters()).containsExactly(Map.entry("allocation", "1"), Map.entry("fast", "5"), Map.entry("slow", "20"));
        assertThat(((SmaCross) a.strategy()).config()).isEqualTo(new SmaCross.Config(5, 20, 10_000));
        assertThat(a.strategy()).isNotSameAs(b.strategy());
    }

    @Test
    void quantitiesAreCheckedAgainstTheInstrumentOnCreateButNotOnValidate() {
        final Map<String, String> tooFine = params("size", "0.0005");
        assertThat(StrategyLibrary.validate("market-maker", tooFine)).containsEntry("size", "0.0005");
        assertThatThrownBy(() -> StrategyLibrary.create("market-maker", tooFine, "mm", BTC))
                .isInstanceOf(StrategyParameterException.class)
                .hasMessage("strategy 'market-maker' parameter 'size': 0.0005 has more decimals than BTCUSDT.SIM quantities (3) or is too large");
        assertThatThrownBy(() -> StrategyLibrary.create("market-maker", params("size", "0.015"), "mm", Instruments.ethUsdtPerp()))
                .hasMessage("strategy 'market-maker' parameter 'size': 0.015 has more decimals than ETHUSDT.SIM quantities (2) or is too large");
        assertThatThrownBy(() -> StrategyLibrary.create("rogue-loop", params("size", "1000"), "r", BTC))
                .hasMessage("strategy 'rogue-loop' parameter 'size': 1000 is outside BTCUSDT.SIM's order quantity limits 0.001..100.000");
        assertThatThrownBy(() -> StrategyLibrary.validate("fat-finger", params("size", "-1")))
                .hasMessage("strategy 'fat-finger' parameter 'size': must be a positive quantity in base units, or 'min', got '-1'");
        assertThatThrownBy(() -> StrategyLibrary.validate("fat-finger", params("size", "lots")))
                .hasMessage("strategy 'fat-finger' parameter 'size': must be a plain decimal quantity, or 'min', got 'lots'");
        assertThat(StrategyLibrary.create("pump-detector", params("size", "MIN"), "p", BTC).parameters()).containsEntry("size", "MIN");
    }

    @Test
    void choicesAndFlagsAreCaseInsensitiveAndStrict() {
        assertThat(((RogueLoop) StrategyLibrary.create("rogue-loop", params("side", "sell"), "r", BTC).strategy()).config().side())
                .isEqualTo("SELL");
        assertThatThrownBy(() -> StrategyLibrary.validate("rogue-loop", params("side", "long")))
                .hasMessage("strategy 'rogue-loop' parameter 'side': must be one of BUY, SELL, ALTERNATE, got 'long'");
        assertThat(((MarketMaker) StrategyLibrary.create("market-maker", params("postOnly", "TRUE"), "m", BTC).strategy()).config()
                .postOnly()).isTrue();
        assertThatThrownBy(() -> StrategyLibrary.validate("market-maker", params("postOnly", "yes")))
                .hasMessage("strategy 'market-maker' parameter 'postOnly': must be true or false, got 'yes'");
    }

    @Test
    void aBadStrategyIdIsRefusedByTheKernelsIdRules() {
        assertThatThrownBy(() -> StrategyLibrary.create("sma-cross", null, "much-too-long-id", BTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy id is longer than 12 chars");
    }

    @Test
    void usageListsEveryStrategyParameterDefaultAndDescription() {
        final String usage = StrategyLibrary.usage();
        for (final StrategyDescriptor d : StrategyLibrary.descriptors()) {
            assertThat(usage).contains(d.name() + (d.marketMaker() ? " (market maker)" : "") + "\n  " + d.summary());
            for (final ParamSpec p : d.params()) {
                assertThat(usage).contains("  " + p.name() + " = " + p.defaultValue() + "  [" + p.typeText() + "]  " + p.description());
            }
        }
        assertThat(StrategyLibrary.describe("sma-cross").usage()).isEqualTo("""
                sma-cross
                  Long-only SMA crossover on bar closes: all-in market BUY when the fast SMA crosses above the slow one, \
                market SELL of the whole position when it crosses below.
                  fast = 10  [integer 1..99999]  bars in the fast SMA; must be below slow
                  slow = 30  [integer 2..100000]  bars in the slow SMA
                  allocation = 1  [decimal 0.0001..1]  fraction of equity an entry spends (1 = all-in; below 1 leaves room for fees)
                """);
    }
}
