package dev.tandem.scenarios.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad scenario file gets a problem with the exact line and column and a sentence a person understands;
 * all problems are reported, not just the first.
 */
class ScenarioLoaderErrorsTest {

    /** A valid scenario, one line per entry, to break in one place per test. */
    private static final List<String> VALID = List.of(
            "seed: 1",                                          // 1
            "instruments:",                                     // 2
            "  - preset: bybit-btcusdt-linear",                 // 3
            "market-data:",                                     // 4
            "  generator:",                                     // 5
            "    process: gbm",                                 // 6
            "    initial-price: \"60000.00\"",                  // 7
            "strategy:",                                        // 8
            "  name: interval-trader",                          // 9
            "  params: {period: 5s, qty: \"0.010\"}",           // 10
            "faults:",                                          // 11
            "  - id: outage",                                   // 12
            "    type: outage",                                 // 13
            "    at: 1m",                                       // 14
            "    duration: 30s",                                // 15
            "run:",                                             // 16
            "  length: 5m",                                     // 17
            "expectations:",                                    // 18
            "  - expect: breaker",                              // 19
            "    after-fault: outage",                          // 20
            "    within: 10s");                                 // 21

    private static String valid() {
        return String.join("\n", VALID) + "\n";
    }

    /** The valid text with line {@code n} (1-based) replaced. */
    private static String replace(final int n, final String line) {
        final List<String> l = new java.util.ArrayList<>(VALID);
        l.set(n - 1, line);
        return String.join("\n", l) + "\n";
    }

    private static List<Problem> problems(final String text) {
        try {
            ScenarioLoader.defaults().parse(text, Path.of("bad.yaml"));
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + text);
    }

    private static Problem only(final String text) {
        final List<Problem> p = problems(text);
        assertThat(p).as("problems").hasSize(1);
        return p.get(0);
    }

    @Test
    void theValidBaseFileLoads() throws ScenarioException {
        assertThat(ScenarioLoader.defaults().parse(valid(), Path.of("ok.yaml")).name()).isEqualTo("ok");
    }

    @Test
    void anUnknownTopLevelKeyIsAnErrorWithASuggestion() {
        final List<Problem> p = problems(replace(1, "sede: 1"));
        assertThat(p).extracting(Problem::toString).containsExactly(
                "bad.yaml: line 1, column 1: missing key 'seed' in the top level",
                "bad.yaml: line 1, column 1: unknown key 'sede' in the top level; did you mean 'seed'?");
    }

    @Test
    void anUnknownNestedKeyNamesItsPlaceAndTheKnownKeys() {
        final Problem p = only(replace(17, "  lenght: 5m"));
        assertThat(p.line()).isEqualTo(17);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.message()).isEqualTo("unknown key 'lenght' in 'run'; did you mean 'length'?");
    }

    @Test
    void anUnknownKeyOfOneFaultTypeIsCheckedAgainstThatTypesKeys() {
        // retry-after belongs to rate-limit faults, not to outages; and the outage now lacks its duration
        assertThat(problems(replace(15, "    retry-after: 30s"))).extracting(Problem::message).containsExactlyInAnyOrder(
                "missing key 'duration' in 'faults[0]'",
                "unknown key 'retry-after' in 'faults[0]'; known keys: id, type, at, duration, mode, timeout");
    }

    @Test
    void aMissingRequiredKeyPointsAtItsParent() {
        final Problem p = only(replace(7, "    drift: 0.1"));
        // the generator's key, where the missing key belongs
        assertThat(p.toString()).isEqualTo("bad.yaml: line 5, column 3: missing key 'initial-price' in 'market-data.generator'");
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        final Problem p = only(replace(1, "seed: abc"));
        assertThat(p.toString()).isEqualTo("bad.yaml: line 1, column 7: 'seed' must be a whole number, not the text \"abc\"");
    }

    @Test
    void aWrongEnumValueSuggestsTheNearestOne() {
        final Problem p = only(replace(6, "    process: gbmm"));
        assertThat(p.toString()).isEqualTo("bad.yaml: line 6, column 14: 'market-data.generator.process' cannot be 'gbmm'; "
                + "did you mean 'gbm'?");
    }

    @Test
    void aBadDurationSaysHowToWriteOne() {
        final Problem p = only(replace(17, "  length: 5 minutes"));
        assertThat(p.toString()).isEqualTo("bad.yaml: line 17, column 11: 'run.length' is \"5 minutes\", which is not a duration "
                + "such as \"5m\", \"1.5s\", \"250ms\" or \"1h30m\"");
    }

    @Test
    void malformedYamlIsReportedWhereTheParserFoundIt() {
        final Problem p = only(replace(4, "market-data: [unclosed"));
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(12);
        assertThat(p.message()).startsWith("this is not valid YAML: ").contains("flow sequence that starts at line 4, column 14");
    }

    @Test
    void aTabIndentIsMalformedYaml() {
        final Problem p = only(replace(3, "\t- preset: bybit-btcusdt-linear"));
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).contains("TAB");
    }

    @Test
    void aDuplicateKeyIsAnErrorAndDoesNotHideOtherProblems() {
        final String text = replace(17, "  length: 5m\n  length: 6m\n  sample-every: -1s");
        assertThat(problems(text)).extracting(Problem::toString).containsExactly(
                "bad.yaml: line 18, column 3: key 'length' is written twice in 'run' (first at line 17)",
                "bad.yaml: line 19, column 17: 'run.sample-every' is \"-1s\", which is not a duration such as \"5m\", \"1.5s\", "
                        + "\"250ms\" or \"1h30m\"");
    }

    @Test
    void anEmptyFileSaysWhatAScenarioNeeds() {
        assertThat(only("").toString()).isEqualTo("bad.yaml: the file is empty; a scenario needs at least 'seed', 'instruments' "
                + "and 'market-data'");
        assertThat(only("- a\n- b\n").message()).contains("not a list");
    }

    @Test
    void anUnknownStrategySuggestsABuiltIn() {
        final Problem p = only(replace(9, "  name: sma-crosss"));
        assertThat(p.toString()).isEqualTo("bad.yaml: line 9, column 9: unknown strategy 'sma-crosss'; did you mean 'sma-cross'? "
                + "(or give a class with 'class:')");
    }

    @Test
    void aStrategyClassMustExistAndBeAStrategy() {
        assertThat(only(replace(9, "  class: com.example.Missing")).message())
                .isEqualTo("class 'com.example.Missing' is not on the classpath");
        assertThat(only(replace(9, "  class: java.lang.String")).message())
                .isEqualTo("class 'java.lang.String' does not implement dev.tandem.kernel.strategy.Strategy");
    }

    @Test
    void unknownAndBadStrategyParametersPointAtTheParameter() {
        final List<Problem> p = problems(replace(10, "  params: {perod: 5s, qty: \"0.0001\"}"));
        assertThat(p).extracting(Problem::toString).containsExactly(
                "bad.yaml: line 10, column 12: strategy 'interval-trader' has no parameter 'perod'; did you mean 'period'?",
                "bad.yaml: line 10, column 28: strategy 'interval-trader': parameter 'qty' must be a decimal with at most 3 "
                        + "decimals for BTCUSDT, got \"0.0001\"");
    }

    @Test
    void aFaultOutsideTheRunIsAnError() {
        assertThat(only(replace(14, "    at: 10m")).toString()).isEqualTo("bad.yaml: line 14, column 9: fault 'outage' starts at "
                + "T+10m (2024-01-01T00:10:00Z), outside the run (5m from 2024-01-01T00:00:00Z)");
        assertThat(only(replace(15, "    duration: 5m")).toString()).isEqualTo("bad.yaml: line 15, column 15: fault 'outage' ends "
                + "at T+6m (2024-01-01T00:06:00Z), after the run ends at T+5m (2024-01-01T00:05:00Z)");
    }

    @Test
    void anExpectationNamingAnUnknownFaultListsTheFaults() {
        assertThat(only(replace(20, "    after-fault: outgae")).toString()).isEqualTo("bad.yaml: line 20, column 18: no fault "
                + "with id 'outgae' in 'faults'; did you mean 'outage'?");
    }

    @Test
    void anUnknownReasonCodeSuggestsTheNearest() {
        final String text = valid() + "  - expect: count\n    of: denied\n    reason: RISK_PRICE_BANDS\n    equals: 0\n";
        assertThat(only(text).toString()).isEqualTo("bad.yaml: line 24, column 13: unknown reason code 'RISK_PRICE_BANDS'; "
                + "did you mean 'RISK_PRICE_BAND'? (the codes are listed in dev.tandem.kernel.model.ReasonCode)");
    }

    @Test
    void aDriftKindIsCheckedAgainstTheKernelsDriftKindsWithASuggestion() {
        final String text = valid() + "  - expect: count\n    of: drifts\n    kind: external-closed\n    equals: 1\n";
        assertThat(only(text).toString()).isEqualTo("bad.yaml: line 24, column 11: 'expectations[1].kind' cannot be "
                + "'external-closed'; did you mean 'external-close'?");
        // the kernel's constant name is not how files write it; the suggestion says how
        assertThat(only(text.replace("external-closed", "MISSING_ORDER")).message()).isEqualTo("'expectations[1].kind' cannot be "
                + "'MISSING_ORDER'; did you mean 'missing-order'?");
        // far from every kind: the kinds are listed
        assertThat(only(text.replace("external-closed", "phantom")).message()).isEqualTo("'expectations[1].kind' cannot be "
                + "'phantom'; it must be one of: external-fill, external-close, external-open, liquidation, unknown-order, "
                + "missing-order, order-status, balance");
    }

    @Test
    void aDriftKindWithAnotherCountIsAnErrorAtTheKey() {
        final String text = valid() + "  - expect: count\n    of: denied\n    kind: balance\n    equals: 1\n";
        assertThat(only(text).toString()).isEqualTo("bad.yaml: line 24, column 5: 'kind' applies to drifts only (a DriftKind "
                + "such as external-close), not to denied");
        // a wrong type is the schema's (as for every enumeration, the value is also named as not one of the kinds)
        assertThat(problems(text.replace("kind: balance", "kind: 5"))).extracting(Problem::toString).contains("bad.yaml: line 24, "
                + "column 11: 'expectations[1].kind' must be a text, not the number 5");
    }

    @Test
    void maxPositionProblemsPointAtTheirValues() {
        final String base = valid() + "  - expect: max-position\n";
        assertThat(only(base).toString()).isEqualTo("bad.yaml: line 22, column 5: missing key 'max' in 'expectations[1]'");
        assertThat(only(base + "    max: \"0.0755\"\n").toString()).isEqualTo("bad.yaml: line 23, column 10: "
                + "'expectations[1].max' is 0.0755, but a BTCUSDT quantity has at most 3 decimals");
        assertThat(only(base + "    max: \"-0.075\"\n").toString()).isEqualTo("bad.yaml: line 23, column 10: 'max' bounds "
                + "|position|, so it cannot be negative; write 0.075");
        assertThat(only(base + "    max: [1]\n").toString()).startsWith("bad.yaml: line 23, column 10: 'expectations[1].max' must be ");
        assertThat(only(base + "    max: \"0.075\"\n    instrument: ETHUSDT\n").toString()).isEqualTo("bad.yaml: line 24, "
                + "column 17: no instrument 'ETHUSDT' in this scenario; did you mean 'BTCUSDT'?");
        assertThat(only(base + "    max: \"0.075\"\n    after-fault: outgae\n").toString()).isEqualTo("bad.yaml: line 24, "
                + "column 18: no fault with id 'outgae' in 'faults'; did you mean 'outage'?");
        assertThat(only(base + "    max: \"0.075\"\n    before: 1m\n").message()).isEqualTo("unknown key 'before' in "
                + "'expectations[1]'; known keys: expect, description, instrument, max, after, after-fault, after-fault-end, within");
    }

    @Test
    void maxPositionNeedsAnInstrumentWhenThereAreSeveral() {
        final String two = replace(3, "  - preset: bybit-btcusdt-linear\n  - preset: bybit-ethusdt-linear")
                .replace("market-data:\n", "market-data:\n  instrument: BTCUSDT\n")
                + "  - expect: max-position\n    max: \"0.075\"\n";
        assertThat(only(two).toString()).isEqualTo("bad.yaml: line 24, column 5: 'max-position' needs 'instrument' when the "
                + "scenario has several instruments");
    }

    @Test
    void anInitialPriceOffTheTickIsAnError() {
        assertThat(only(replace(7, "    initial-price: \"60000.05\"")).toString()).isEqualTo("bad.yaml: line 7, column 20: the "
                + "initial price must be positive and a multiple of the tick 0.10");
    }

    @Test
    void aMissingDataFileSaysWhereItWasLookedFor(@TempDir final Path dir) {
        final String text = replace(5, "  file: no-such.csv\n  interval: 1h").replace("    process: gbm\n", "")
                .replace("    initial-price: \"60000.00\"\n", "");
        final Path f = dir.resolve("s.yaml");
        assertThatThrownBy(() -> ScenarioLoader.defaults().parse(text, f)).isInstanceOf(ScenarioException.class)
                .hasMessage(f + ": line 5, column 9: the data file " + dir.resolve("no-such.csv") + " does not exist (relative "
                        + "paths are resolved beside the scenario file)");
    }

    @Test
    void everyProblemIsReportedSortedByPosition() {
        final String text = replace(6, "    process: gbmm").replace("  length: 5m", "  lenght: 5m").replace("seed: 1", "seed: x");
        assertThat(problems(text)).extracting(p -> p.line() + ":" + p.column()).containsExactly("1:7", "6:14", "17:3");
    }
}
