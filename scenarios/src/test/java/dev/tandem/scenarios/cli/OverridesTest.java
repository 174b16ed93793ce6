package dev.tandem.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command-line overrides of scenario keys. */
class OverridesTest {
    static final String FILE = """
            seed: 1
            strategy:
              name: sma-cross
              params: {fast: 10, qty: "0.010"}
            strategies2:
              - {id: a, params: {qty: "1"}}
              - {id: b}
            fill-model: bar-close
            """;

    static JsonNode apply(final String... settings) throws Exception {
        final List<Overrides.Setting> list = java.util.Arrays.stream(settings).map(Overrides.Setting::parse).toList();
        return new YAMLMapper().readTree(Overrides.apply(FILE, list));
    }

    @Test
    void setsNestedKeysAndListElementsWithYamlTypes() throws Exception {
        final JsonNode n = apply("strategy.params.fast=12", "seed=9", "strategies2[1].params.qty=0.5", "strategies2.0.id=z",
                "risk.drawdown-max=10%", "strategy.market-maker=true");
        assertThat(n.get("strategy").get("params").get("fast").isIntegralNumber()).isTrue();
        assertThat(n.get("strategy").get("params").get("fast").asInt()).isEqualTo(12);
        assertThat(n.get("strategy").get("params").get("qty").asText()).as("untouched").isEqualTo("0.010");
        assertThat(n.get("seed").asLong()).isEqualTo(9);
        assertThat(n.get("strategies2").get(1).get("params").get("qty").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(n.get("strategies2").get(0).get("id").asText()).isEqualTo("z");
        assertThat(n.get("risk").get("drawdown-max").asText()).as("a missing map is created").isEqualTo("10%");
        assertThat(n.get("strategy").get("market-maker").isBoolean()).isTrue();
        assertThat(n.get("fill-model").asText()).isEqualTo("bar-close");
    }

    @Test
    void namesThatAddressNoKeyAreRefusedWithTheReason() {
        assertThatThrownBy(() -> apply("fill-model.x=1")).hasMessageContaining("'fill-model' is not a map of keys");
        assertThatThrownBy(() -> apply("strategies2[5].id=q")).hasMessageContaining("'strategies2' has 2 element(s), no [5]");
        assertThatThrownBy(() -> apply("strategy[0].id=q")).hasMessageContaining("'strategy' is not a list");
        assertThatThrownBy(() -> apply("nothing[0].id=q")).hasMessageContaining("there is no list 'nothing'");
        assertThatThrownBy(() -> Overrides.Setting.parse("=3")).hasMessageContaining("is not name=value");
        assertThatThrownBy(() -> Overrides.steps("a..b")).hasMessageContaining("is not a key path");
        assertThatThrownBy(() -> Overrides.steps("a.")).hasMessageContaining("is not a key path");
    }
}
