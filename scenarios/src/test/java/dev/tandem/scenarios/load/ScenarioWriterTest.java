package dev.tandem.scenarios.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.DriftKind;
import dev.tandem.scenarios.expect.Expectation;
import dev.tandem.scenarios.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ScenarioWriter} → {@link ScenarioLoader} gives back the same {@link Scenario}: for every file the build replays
 * (every expectation kind the library uses, file and generated market data, faults, agents) and for a file with every
 * optional key of the expectations the writer has to say (triggers, drift kinds, windows of max-position).
 */
class ScenarioWriterTest {

    private static Scenario withoutSource(final Scenario s) {
        return new Scenario(s.name(), s.description(), s.seed(), null, s.instruments(), s.account(), s.marketData(), s.agents(),
                s.strategies(), s.risk(), s.execution(), s.faults(), s.latency(), s.fillModel(), s.run(), s.expectations());
    }

    /** Writes and reads back as if the text were {@code as} (relative data paths resolve the same). */
    private static Scenario roundTrip(final Scenario s, final Path as) throws ScenarioException {
        return ScenarioLoader.defaults().parse(ScenarioWriter.write(s, "round trip"), as);
    }

    private static List<Path> replayedFiles() throws IOException {
        final List<Path> out = new ArrayList<>();
        for (final Path dir : List.of(Path.of("library"), Path.of("src", "test", "resources", "scenarios"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyReplayedScenarioSurvivesTheFileFormat() throws Exception {
        final List<Path> files = replayedFiles();
        assertThat(files).as("the library and the test scenarios").hasSizeGreaterThanOrEqualTo(25);
        boolean sawDriftKind = false;
        boolean sawMaxPosition = false;
        for (final Path f : files) {
            final Scenario s = ScenarioLoader.defaults().load(f);
            final Scenario back = roundTrip(s, f);
            assertThat(back.agents()).as(f + " agents").isEqualTo(s.agents());
            assertThat(back.expectations()).as(f + " expectations").isEqualTo(s.expectations());
            assertThat(back.run()).as(f + " run").isEqualTo(s.run());
            assertThat(withoutSource(back)).as(f.toString()).isEqualTo(withoutSource(s));
            for (final Expectation e : s.expectations()) {
                sawDriftKind |= e instanceof Expectation.EventCount c && c.driftKind() != null;
                sawMaxPosition |= e instanceof Expectation.MaxPosition;
            }
        }
        assertThat(sawDriftKind).as("a library file counts drifts by kind").isTrue();
        assertThat(sawMaxPosition).as("a library file bounds the position").isTrue();
    }

    @Test
    void everyOptionalKeyOfTheExpectationsIsWritten() throws Exception {
        final Path f = Path.of("keys.yaml");
        final Scenario s = ScenarioLoader.defaults().parse("""
                seed: 3
                instruments: [{preset: bybit-btcusdt-linear}]
                market-data: {generator: {process: gbm, initial-price: "60000.00"}}
                strategy: {id: s1, name: interval-trader, params: {period: 5s, qty: "0.001"}}
                faults:
                  - {id: out, type: outage, at: 2m, duration: 1m}
                  - {id: close, type: external-close, at: 5m}
                run: {length: 10m}
                expectations:
                  - {expect: trading-state, state: HALTED, trigger: DAILY_LOSS, after: 1m, within: 30s}
                  - {expect: strategy-state, strategy: s1, state: PAUSED, trigger: BREAKER_OPEN, after-fault: out}
                  - {expect: count, of: drifts, kind: external-close, after-fault: close, before: 6m, equals: 1}
                  - {expect: count, of: drifts, kind: order-status, at-most: 3}
                  - {expect: max-position, max: "0.083"}
                  - {expect: max-position, instrument: BTCUSDT, max: "0.010", after-fault-end: out, within: 90s}
                  - {expect: max-position, max: "0", after: 30s}
                  - {expect: avg-entry-price, equals: "60000.10"}
                  - {expect: final-equity, equals: "9990.5"}
                  - {expect: funding-total, equals: "-4.80", settlements: 8}
                """, f);
        final Scenario back = roundTrip(s, f);
        assertThat(withoutSource(back)).isEqualTo(withoutSource(s));
        assertThat(((Expectation.EventCount) back.expectations().get(2)).driftKind()).isEqualTo(DriftKind.EXTERNAL_CLOSE);
        final String text = ScenarioWriter.write(s, "");
        assertThat(text).contains("    kind: external-close\n", "    kind: order-status\n", "    max: \"0.083\"\n",
                "    after-fault-end: \"out\"\n", "    within: 1m30s\n", "    trigger: BREAKER_OPEN\n");
    }
}
