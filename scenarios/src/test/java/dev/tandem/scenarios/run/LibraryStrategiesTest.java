package dev.tandem.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.strategy.library.RsiReversion;
import dev.tandem.testkit.Instruments;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LibraryStrategiesTest {
    private final Instrument btc = Instruments.btcUsdtPerp();

    @Test
    void theKernelLibraryIsAskedBeforeTheScenarioHelpers() {
        final StrategyResolver resolver = StrategyResolver.defaults();
        final StrategyResolver.Resolved rsi = resolver.resolve("rsi-reversion", false);
        assertThat(rsi).isNotNull();
        assertThat(rsi.parameters()).contains("period", "lower", "upper");
        assertThat(rsi.maker().apply(new TreeMap<>(), btc)).isInstanceOf(RsiReversion.class);
        assertThat(resolver.resolve("interval-trader", false)).isNotNull();
        assertThat(resolver.names()).contains("sma-cross", "market-maker", "rogue-loop", "interval-trader");
        assertThat(resolver.names()).containsOnlyOnce("sma-cross");
    }

    @Test
    void parameterProblemsAreTheLibrarysSentences() {
        final StrategyResolver.Resolved rsi = new LibraryStrategies().resolve("rsi-reversion", false);
        final TreeMap<String, String> params = new TreeMap<>();
        params.put("period", "0");
        final List<String> problems = rsi.check().apply(params, btc);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("period");
        assertThat(rsi.check().apply(new TreeMap<>(), btc)).isEmpty();
    }

    @Test
    void theMarketMakerIsOneByNatureAndClassReferencesAreNotTheLibrarys() {
        assertThat(new LibraryStrategies().resolve("market-maker", false).marketMaker()).isTrue();
        assertThat(new LibraryStrategies().resolve("sma-cross", false).marketMaker()).isFalse();
        assertThat(new LibraryStrategies().resolve("sma-cross", true)).isNull();
        assertThat(new LibraryStrategies().resolve("no-such", false)).isNull();
    }
}
