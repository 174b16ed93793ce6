package dev.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
@ExtendWith(IgnoreCommandLineSeed.class)
class PropertyTest {

    /** Runs {@code property}, which must fail, and returns its failure. */
    static PropertyFailure failureOf(Supplier<CheckResult> property) {
        try {
            property.get();
        } catch (PropertyFailure failure) {
            return failure;
        }
        throw new AssertionError("expected the property to be falsified");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> intList(Object value) {
        return (List<Integer>) value;
    }

    private static int sum(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void passingPropertyRunsExactlyTheRequestedTries() {
        int[] calls = {0};
        CheckResult result = Property.forAll(Gen.longs(0, 1_000)).tries(37).check(v -> calls[0]++);
        assertThat(calls[0]).isEqualTo(37);
        assertThat(result.tries()).isEqualTo(37);
        assertThat(result.discarded()).isZero();
        assertThat(result.label()).isEqualTo("PropertyTest.passingPropertyRunsExactlyTheRequestedTries");
    }

    @Test
    void longsBelow500ShrinksToExactly500() {
        for (long seed = 0; seed < 20; seed++) {
            PropertyFailure failure = failureOf(() -> Property.forAll(Gen.longs(0, 1_000))
                    .holds(v -> v < 500));
            assertThat(failure.shrunkValue()).isEqualTo(500L);
            assertThat((Long) failure.originalValue()).isGreaterThanOrEqualTo(500L);
            long s = seed;
            PropertyFailure seeded = failureOf(() -> Property.forAll(Gen.longs(0, 1_000)).seed(s)
                    .holds(v -> v < 500));
            assertThat(seeded.shrunkValue()).isEqualTo(500L);
            assertThat(seeded.masterSeed()).hasValue(s);
        }
    }

    @Test
    void numbersShrinkTowardsZeroFromBothSidesAndTowardsTheNearestBound() {
        assertThat(failureOf(() -> Property.forAll(Gen.longs(-1_000, 1_000)).holds(v -> v > -300)).shrunkValue())
                .isEqualTo(-300L);
        assertThat(failureOf(() -> Property.forAll(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE))
                .holds(v -> Math.abs(v) < 1_000_000)).shrunkValue()).isIn(1_000_000L, -1_000_000L);
        assertThat(failureOf(() -> Property.forAll(Gen.ints(100, 200)).holds(v -> v % 7 != 0)).shrunkValue())
                .isEqualTo(105);
        assertThat(failureOf(() -> Property.forAll(Gen.doubles(0, 1)).holds(v -> v < 0.5)).shrunkValue())
                .isEqualTo(0.5);
    }

    @Test
    void listSumShrinksToASingleElementOfExactly100() {
        for (long seed = 0; seed < 10; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> Property.forAll(Gen.listOf(Gen.ints(-1_000, 1_000), 0, 20))
                    .seed(s).holds(list -> sum(list) < 100));
            assertThat(failure.shrunkValue()).as("seed %d", s).isEqualTo(List.of(100));
        }
    }

    @Test
    void listSumWithSmallElementsShrinksToTwoElementsSummingTo100() {
        for (long seed = 0; seed < 10; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> Property.forAll(Gen.listOf(Gen.ints(0, 60), 0, 20))
                    .seed(s).holds(list -> sum(list) < 100));
            List<Integer> shrunk = intList(failure.shrunkValue());
            assertThat(sum(shrunk)).as("seed %d: %s", s, shrunk).isEqualTo(100);
            assertThat(shrunk).as("seed %d", s).hasSize(2); // 100 needs two elements <= 60
            assertThat(sum(intList(failure.originalValue()))).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void shrinkingWorksThroughFilterMapAndFlatMap() {
        Gen<Long> halfOfEven = Gen.longs(0, 10_000).filter(v -> v % 2 == 0).map(v -> v / 2);
        assertThat(failureOf(() -> Property.forAll(halfOfEven).holds(v -> v < 250)).shrunkValue()).isEqualTo(250L);

        Gen<List<Integer>> sized = Gen.ints(1, 10).flatMap(n -> Gen.listOf(Gen.ints(0, 100), n, n));
        PropertyFailure failure = failureOf(() -> Property.forAll(sized)
                .holds(list -> list.size() < 3 || list.stream().allMatch(e -> e < 50)));
        assertThat(failure.shrunkValue()).isEqualTo(List.of(0, 0, 50));
    }

    @Test
    void failureMessageIsACompleteReproducibleReport() {
        PropertyFailure failure = failureOf(() -> Property.forAll(Gen.longs(0, 1_000)).seed(4242)
                .check(v -> {
                    if (v >= 500) {
                        throw new IllegalStateException("too big: " + v);
                    }
                }));
        long original = (Long) failure.originalValue();
        String message = failure.getMessage();
        assertThat(failure.masterSeed()).hasValue(4242);
        assertThat(failure.trySeed()).isEqualTo(SplitMix64.derive(4242, failure.tryIndex()));
        assertThat(message)
                .contains("Property 'PropertyTest.failureMessageIsACompleteReproducibleReport' falsified")
                .contains("master seed      : 4242")
                .contains("try seed         : " + failure.trySeed())
                .contains("try index        : " + failure.tryIndex())
                .contains("original value   : " + original)
                .contains("shrunk value     : 500")
                .contains("shrunk in " + failure.shrinkSteps() + " steps")
                .contains("too big: 500")
                .contains("too big: " + original)
                .contains("-Dtandem.seed=4242 -Dtandem.tries=" + (failure.tryIndex() + 1));
        assertThat(failure.reproduction()).isEqualTo("-Dtandem.seed=4242 -Dtandem.tries=" + (failure.tryIndex() + 1));
        assertThat(failure.shrinkSteps()).isPositive();
        assertThat(failure.shrinkRuns()).isBetween(failure.shrinkSteps(), Property.DEFAULT_MAX_SHRINK_RUNS);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("too big: " + original);
        assertThat(failure.shrunkFailure()).hasMessage("too big: 500");
        if (original != 500) {
            assertThat(failure.getSuppressed()).containsExactly(failure.shrunkFailure());
        }
    }

    @Test
    void aReportedFailureReproducesFromItsSeeds() {
        Property<List<Integer>> property = Property.forAll(Gen.listOf(Gen.ints(0, 1_000), 0, 10)).seed(-77);
        Property.Condition<List<Integer>> smallSum = list -> sum(list) < 3_000;
        PropertyFailure failure = failureOf(() -> property.holds(smallSum));

        PropertyFailure again = failureOf(() -> property.tries(failure.tryIndex() + 1).holds(smallSum));
        assertThat(again.getMessage()).isEqualTo(failure.getMessage());

        PropertyFailure single = failureOf(() -> Property.forAll(Gen.listOf(Gen.ints(0, 1_000), 0, 10))
                .trySeed(failure.trySeed()).holds(smallSum));
        assertThat(single.originalValue()).isEqualTo(failure.originalValue());
        assertThat(single.shrunkValue()).isEqualTo(failure.shrunkValue());
        assertThat(single.masterSeed()).isEmpty();
        assertThat(single.reproduction()).isEqualTo(".trySeed(" + failure.trySeed() + "L)");
    }

    @Test
    void sameMasterSeedGeneratesSameValuesAndTriesUseTheirOwnSeeds() {
        Gen<Long> gen = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        Property.forAll(gen).seed(7).tries(50).check(first::add);
        Property.forAll(gen).seed(7).tries(50).check(second::add);
        Property.forAll(gen).seed(8).tries(50).check(other::add);
        assertThat(first).isEqualTo(second).isEqualTo(gen.samples(7, 50));
        assertThat(new TreeSet<>(first)).hasSizeGreaterThan(45); // a few edge cases (0, MIN, MAX) may repeat
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void defaultSeedIsAStableHashOfTheLabel() {
        withSystemProperty(Property.SEED_PROPERTY, null, () -> {
            Gen<Long> gen = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
            CheckResult a = Property.forAll(gen).tries(1).label("alpha").check(v -> { });
            CheckResult b = Property.forAll(gen).tries(1).label("alpha").check(v -> { });
            CheckResult c = Property.forAll(gen).tries(1).label("beta").check(v -> { });
            assertThat(a.masterSeed()).isEqualTo(b.masterSeed()).hasValue(SplitMix64.hash("alpha"));
            assertThat(c.masterSeed()).hasValue(SplitMix64.hash("beta"));
            CheckResult unlabelled = Property.forAll(gen).tries(1).check(v -> { });
            assertThat(unlabelled.label()).isEqualTo("PropertyTest.defaultSeedIsAStableHashOfTheLabel");
            assertThat(unlabelled.masterSeed()).hasValue(SplitMix64.hash(unlabelled.label()));
        });
    }

    @Test
    void anyExceptionOrFalseFalsifies() {
        PropertyFailure checked = failureOf(() -> Property.forAll(Gen.ints(0, 10)).check(v -> {
            if (v > 3) {
                throw new IOException("disk full at " + v);
            }
        }));
        assertThat(checked.getCause()).isInstanceOf(IOException.class);
        assertThat(checked.shrunkValue()).isEqualTo(4);

        PropertyFailure npe = failureOf(() -> Property.forAll(Gen.oneOf("a", null)).check(s -> s.length()));
        assertThat(npe.getCause()).isInstanceOf(NullPointerException.class);
        assertThat(npe.getMessage()).contains("shrunk value     : null");

        PropertyFailure falsy = failureOf(() -> Property.forAll(Gen.booleans()).holds(b -> !b));
        assertThat(falsy.shrunkValue()).isEqualTo(true);
        assertThat(falsy.getMessage()).contains("condition returned false");

        assertThat(Property.forAll(Gen.ints(0, 10)).tries(20).holds(v -> v <= 10).tries()).isEqualTo(20);
    }

    @Test
    void reportsValuesAsGeneratedEvenIfTheBodyMutatesThem() {
        PropertyFailure failure = failureOf(() -> Property.forAll(Gen.listOf(Gen.ints(1, 9), 3, 5)).check(list -> {
            list.clear();
            throw new AssertionError("boom");
        }));
        assertThat(failure.shrunkValue()).isEqualTo(List.of(1, 1, 1));
        assertThat((List<?>) failure.originalValue()).hasSizeBetween(3, 5);
    }

    @Test
    void shrinkingCanBeBoundedOrDisabled() {
        PropertyFailure unshrunk = failureOf(() -> Property.forAll(Gen.longs(0, 1_000_000)).maxShrinkRuns(0)
                .holds(v -> v < 10));
        assertThat(unshrunk.shrunkValue()).isEqualTo(unshrunk.originalValue());
        assertThat(unshrunk.shrinkSteps()).isZero();
        assertThat(unshrunk.getMessage()).contains("shrink budget exhausted");

        PropertyFailure bounded = failureOf(() -> Property.forAll(Gen.listOf(Gen.longs(0, 1_000_000), 0, 50))
                .maxShrinkRuns(5).holds(list -> list.size() < 3));
        assertThat(bounded.shrinkRuns()).isLessThanOrEqualTo(5);
    }

    @Test
    void shrinkingIsDeterministic() {
        Supplier<CheckResult> property = () -> Property.forAll(Gen.listOf(Gen.ints(-50, 50), 0, 30)).seed(3)
                .holds(list -> list.stream().distinct().count() == list.size());
        PropertyFailure a = failureOf(property);
        PropertyFailure b = failureOf(property);
        assertThat(a.getMessage()).isEqualTo(b.getMessage());
        assertThat(a.shrunkValue()).isEqualTo(List.of(0, 0));
    }

    @Test
    void discardsTriesThatCannotBeGeneratedAndGivesUpWhenMostAre() {
        int[] calls = {0};
        CheckResult result = Property.forAll(Gen.ints(0, 100)).tries(40).check(v -> {
            assumeTrue(v % 2 == 0);
            calls[0]++;
        });
        assertThat(calls[0]).isEqualTo(40);
        assertThat(result.tries()).isEqualTo(40);
        assertThat(result.discarded()).isPositive();

        assertThatThrownBy(() -> Property.forAll(Gen.ints(0, 10).filter(v -> v > 10)).tries(5).check(v -> { }))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("gave up: 11 tries discarded (0 passed)")
                .hasMessageContaining("filter rejected 100 values in a row")
                .hasMessageContaining("master seed");
    }

    @Test
    void replayingAPassingTryRunsItOnce() {
        int[] calls = {0};
        CheckResult result = Property.forAll(Gen.ints(0, 10)).trySeed(99).check(v -> calls[0]++);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(result.masterSeed()).isEmpty();
    }

    @Test
    void rejectsInvalidSettings() {
        Property<Integer> p = Property.forAll(Gen.ints(0, 1));
        assertThatThrownBy(() -> p.tries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.maxShrinkRuns(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.label(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- system properties

    /** Sets a system property for the duration of {@code body}, restoring the previous value after. */
    static void withSystemProperty(String key, String value, Runnable body) {
        String previous = System.getProperty(key);
        try {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    @Test
    void triesComeFromTheCodeThenTheSystemPropertyThenTheDefault() {
        Gen<Integer> gen = Gen.ints(0, 10);
        withSystemProperty(Property.TRIES_PROPERTY, "23", () -> {
            assertThat(Property.forAll(gen).check(v -> { }).tries()).isEqualTo(23);
            assertThat(Property.forAll(gen).tries(5).check(v -> { }).tries()).isEqualTo(5);
        });
        withSystemProperty(Property.TRIES_PROPERTY, null, () ->
                assertThat(Property.forAll(gen).check(v -> { }).tries()).isEqualTo(Property.DEFAULT_TRIES));
        withSystemProperty(Property.TRIES_PROPERTY, "lots", () ->
                assertThatThrownBy(() -> Property.forAll(gen).check(v -> { }))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tandem.tries"));
    }

    @Test
    void seedSystemPropertyOverridesTheSeedInCode() {
        withSystemProperty(Property.SEED_PROPERTY, "12345", () -> {
            assertThat(Property.forAll(Gen.ints(0, 10)).seed(999).tries(3).check(v -> { }).masterSeed())
                    .hasValue(12345);
            PropertyFailure failure = failureOf(() -> Property.forAll(Gen.longs(0, 1_000)).seed(999)
                    .holds(v -> v < 500));
            assertThat(failure.masterSeed()).hasValue(12345);
            assertThat(failure.trySeed()).isEqualTo(SplitMix64.derive(12345, failure.tryIndex()));
            assertThat(failure.getMessage()).contains("-Dtandem.seed=12345 ");
        });
        withSystemProperty(Property.SEED_PROPERTY, "0xff", () ->
                assertThat(Property.forAll(Gen.ints(0, 10)).tries(1).check(v -> { }).masterSeed()).hasValue(255));
        withSystemProperty(Property.SEED_PROPERTY, "-5", () ->
                assertThat(Property.forAll(Gen.ints(0, 10)).tries(1).check(v -> { }).masterSeed()).hasValue(-5));
        withSystemProperty(Property.SEED_PROPERTY, "banana", () ->
                assertThatThrownBy(() -> Property.forAll(Gen.ints(0, 10)).check(v -> { }))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tandem.seed"));
        withSystemProperty(Property.SEED_PROPERTY, null, () ->
                assertThat(Property.forAll(Gen.ints(0, 10)).seed(999).tries(1).check(v -> { }).masterSeed())
                        .hasValue(999));
    }

    @Test
    void aPrintedSeedReproducesTheRunThroughTheSystemProperty() {
        Property.Condition<Long> below = v -> v < 900;
        PropertyFailure failure = failureOf(() -> Property.forAll(Gen.longs(0, 1_000)).seed(31).holds(below));
        withSystemProperty(Property.SEED_PROPERTY, String.valueOf(failure.masterSeed().getAsLong()), () -> {
            PropertyFailure replayed = failureOf(() -> Property.forAll(Gen.longs(0, 1_000)).holds(below));
            assertThat(replayed.tryIndex()).isEqualTo(failure.tryIndex());
            assertThat(replayed.originalValue()).isEqualTo(failure.originalValue());
            assertThat(replayed.shrunkValue()).isEqualTo(900L);
        });
    }
}
