package dev.tandem.scenarios.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.FillModel;
import dev.tandem.scenarios.model.InstrumentPresets;
import dev.tandem.sim.fault.FaultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed JSON Schema is a valid draft 2020-12 schema and names exactly what the Java side knows. */
class SchemaConsistencyTest {
    private static final JsonNode SCHEMA = SchemaCheck.schema();

    private static List<String> strings(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theSchemaIsValidAgainstTheDraft202012MetaSchema() {
        final var meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        final Set<ValidationMessage> errors = meta.validate(SCHEMA);
        assertThat(errors).isEmpty();
        // the check can fail: a schema with a non-string type is rejected
        final JsonNode broken = ((com.fasterxml.jackson.databind.node.ObjectNode) SCHEMA.deepCopy()).put("type", 5);
        assertThat(meta.validate(broken)).isNotEmpty();
        assertThat(SCHEMA.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void faultTypesAreTheSimulatorsFaultTypes() {
        final List<String> expected = new ArrayList<>();
        for (final FaultType t : FaultType.values()) {
            expected.add(t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        assertThat(strings(SCHEMA.at("/$defs/fault/properties/type/enum"))).containsExactlyElementsOf(expected);
        // and an instant fault has no duration key, a windowed one requires it
        for (final JsonNode branch : SCHEMA.at("/$defs/fault/allOf")) {
            final String type = branch.at("/if/properties/type/const").asText();
            final boolean windowed = FaultType.valueOf(type.toUpperCase(Locale.ROOT).replace('-', '_')).windowed();
            assertThat(branch.at("/then/properties").has("duration")).as(type).isEqualTo(windowed);
            assertThat(strings(branch.at("/then/required")).contains("duration")).as(type).isEqualTo(windowed);
        }
    }

    @Test
    void theDriftKindsOfCountAreTheKernelsInKebabCase() {
        final List<String> kinds = new ArrayList<>();
        for (final DriftKind k : DriftKind.values()) {
            kinds.add(k.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        JsonNode kindEnum = null;
        for (final JsonNode branch : SCHEMA.at("/$defs/expectation/allOf")) {
            final String expect = branch.at("/if/properties/expect/const").asText();
            if (expect.equals("count")) {
                kindEnum = branch.at("/then/properties/kind/enum");
            } else {
                assertThat(branch.at("/then/properties").has("kind")).as(expect).isFalse();
            }
        }
        assertThat(kindEnum).isNotNull();
        assertThat(strings(kindEnum)).containsExactlyElementsOf(kinds);
    }

    @Test
    void presetsFillModelsAndExpectationKindsMatch() {
        assertThat(strings(SCHEMA.at("/$defs/instrument/properties/preset/enum")))
                .containsExactlyInAnyOrderElementsOf(InstrumentPresets.names());
        final List<String> fills = new ArrayList<>();
        for (final FillModel m : FillModel.values()) {
            fills.add(m.text());
        }
        assertThat(strings(SCHEMA.at("/properties/fill-model/enum"))).containsExactlyElementsOf(fills);
        final List<String> kinds = new ArrayList<>();
        for (final Class<?> c : Expectation.class.getPermittedSubclasses()) {
            kinds.add(c.getSimpleName());
        }
        assertThat(strings(SCHEMA.at("/$defs/expectation/properties/expect/enum"))).hasSameSizeAs(kinds);
        final List<String> counted = new ArrayList<>();
        for (final Expectation.Counted c : Expectation.Counted.values()) {
            counted.add(c.text());
        }
        JsonNode countBranch = null;
        for (final JsonNode branch : SCHEMA.at("/$defs/expectation/allOf")) {
            if (branch.at("/if/properties/expect/const").asText().equals("count")) {
                countBranch = branch.at("/then/properties/of/enum");
            }
        }
        assertThat(countBranch).isNotNull();
        assertThat(strings(countBranch)).containsExactlyElementsOf(counted);
        final List<String> triggers = new ArrayList<>();
        for (final RiskTrigger t : RiskTrigger.values()) {
            triggers.add(t.name());
        }
        int withTrigger = 0;
        for (final JsonNode branch : SCHEMA.at("/$defs/expectation/allOf")) {
            final JsonNode trigger = branch.at("/then/properties/trigger/enum");
            if (!trigger.isMissingNode()) {
                assertThat(strings(trigger)).containsExactlyElementsOf(triggers);
                withTrigger++;
            }
        }
        assertThat(withTrigger).as("trading-state and strategy-state").isEqualTo(2);
    }
}
