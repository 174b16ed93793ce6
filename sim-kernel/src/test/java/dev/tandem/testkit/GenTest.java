package dev.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GenTest {

    enum Side { BUY, SELL, CANCEL }

    private static final Gen<List<Pair<Long, Double>>> COMPLEX = Gen.listOf(
            Gen.pairs(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gen.doubles(-1e6, 1e6)), 0, 10);

    @Test
    void sameSeedGivesSameValues() {
        assertThat(COMPLEX.samples(1234, 50)).isEqualTo(COMPLEX.samples(1234, 50));
        Gen<Side> sides = Gen.enumValues(Side.class);
        assertThat(sides.samples(5, 100)).isEqualTo(sides.samples(5, 100));
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        assertThat(COMPLEX.samples(1234, 50)).isNotEqualTo(COMPLEX.samples(1235, 50));
        List<Long> perTry = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).samples(77, 200);
        assertThat(new TreeSet<>(perTry)).hasSizeGreaterThan(190); // each try has its own seed
    }

    @Test
    void numbersStayInRangeAndReachBothBounds() {
        List<Long> longs = Gen.longs(-7, 13).samples(1, 2_000);
        assertThat(longs).allSatisfy(v -> assertThat(v).isBetween(-7L, 13L));
        assertThat(new TreeSet<>(longs)).hasSize(21);

        List<Integer> ints = Gen.ints(0, 1_000_000).samples(2, 2_000);
        assertThat(ints).allSatisfy(v -> assertThat(v).isBetween(0, 1_000_000)).contains(0, 1_000_000);

        List<Double> doubles = Gen.doubles(-2.5, 7.25).samples(3, 2_000);
        assertThat(doubles).allSatisfy(v -> assertThat(v).isBetween(-2.5, 7.25)).contains(-2.5, 0.0, 7.25);
        assertThat(doubles.stream().filter(d -> d < 0).count()).isGreaterThan(200);
        assertThat(Gen.doubles(1.0, 2.0).samples(4, 500)).allSatisfy(v -> assertThat(v).isBetween(1.0, 2.0));
        assertThat(Gen.doubles(-2.0, -1.0).samples(4, 500)).allSatisfy(v -> assertThat(v).isBetween(-2.0, -1.0));
        assertThat(Gen.doubles(3.0, 3.0).sample(4)).isEqualTo(3.0);
    }

    @Test
    void booleansAndChoicesCoverAllOptions() {
        assertThat(Gen.booleans().samples(1, 100)).contains(true, false);
        assertThat(Gen.oneOf("a", "b", "c").samples(1, 100)).containsOnly("a", "b", "c").contains("a", "b", "c");
        assertThat(Gen.elements(List.of(1, 2)).samples(1, 100)).containsOnly(1, 2).contains(1, 2);
        assertThat(Gen.enumValues(Side.class).samples(1, 100)).contains(Side.values());
        assertThat(Gen.anyOf(Gen.constant("x"), Gen.ints(5, 6).map(String::valueOf)).samples(1, 100))
                .containsOnly("x", "5", "6").contains("x", "5", "6");
    }

    @Test
    void frequencyFollowsTheWeights() {
        List<String> values = Gen.frequency(Gen.weighted(9, Gen.constant("common")),
                Gen.weighted(1, Gen.constant("rare"))).samples(8, 4_000);
        long rare = values.stream().filter("rare"::equals).count();
        assertThat(rare).isBetween(300L, 500L);
    }

    @Test
    void listsRespectTheirSizeBounds() {
        List<List<Integer>> lists = Gen.listOf(Gen.ints(0, 9), 2, 5).samples(9, 1_000);
        assertThat(lists).allSatisfy(l -> assertThat(l).hasSizeBetween(2, 5));
        assertThat(lists.stream().map(List::size).distinct().sorted()).containsExactly(2, 3, 4, 5);
        assertThat(Gen.listOf(Gen.ints(0, 9), 3, 3).samples(9, 50)).allSatisfy(l -> assertThat(l).hasSize(3));
        assertThat(Gen.listOf(Gen.ints(0, 9), 0, 0).sample(9)).isEmpty();
    }

    @Test
    void mapFlatMapAndZipCompose() {
        Gen<List<Integer>> sized = Gen.ints(0, 6).flatMap(n -> Gen.listOf(Gen.constant(n), n, n));
        assertThat(sized.samples(1, 200)).allSatisfy(l -> assertThat(l).allMatch(e -> e == l.size()));

        assertThat(Gen.ints(0, 100).map(i -> i * 2).samples(1, 200)).allMatch(i -> i % 2 == 0);

        Gen<String> zipped = Gen.zip(Gen.ints(1, 3), Gen.oneOf("a", "b"), Gen.booleans(),
                (i, s, b) -> i + s + b);
        assertThat(zipped.samples(1, 200)).allMatch(s -> s.matches("[123][ab](true|false)"));
        assertThat(Gen.pairs(Gen.ints(0, 0), Gen.constant("k")).sample(1)).isEqualTo(new Pair<>(0, "k"));
    }

    @Test
    void filterKeepsOnlyAcceptedValues() {
        List<Integer> evens = Gen.ints(0, 1_000).filter(i -> i % 2 == 0).samples(3, 500);
        assertThat(evens).allMatch(i -> i % 2 == 0);
        assertThat(new TreeSet<>(evens)).hasSizeGreaterThan(100);
    }

    @Test
    void filterGivesUpWithAClearError() {
        Gen<Integer> impossible = Gen.ints(0, 10).filter(i -> i > 100);
        assertThatThrownBy(() -> impossible.sample(1))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("filter rejected 100 values in a row")
                .hasMessageContaining("relax the predicate");
        assertThatThrownBy(() -> Gen.ints(0, 10).filter(i -> false, 3).sample(1))
                .hasMessageContaining("filter rejected 3 values");
    }

    @Test
    void constantDrawsNoChoices() {
        Rng rng = Rng.random(1);
        assertThat(Gen.constant("x").generate(rng)).isEqualTo("x");
        assertThat(rng.choiceCount()).isZero();
    }

    @Test
    void simplestChoicesGiveSimplestValues() {
        Rng zeros = Rng.replay(new long[0]);
        assertThat(Gen.longs(-50, 50).generate(zeros)).isZero();
        assertThat(Gen.ints(10, 20).generate(zeros)).isEqualTo(10);
        assertThat(Gen.ints(-20, -10).generate(zeros)).isEqualTo(-10);
        assertThat(Gen.doubles(-3, 3).generate(zeros)).isZero();
        assertThat(Gen.booleans().generate(zeros)).isFalse();
        assertThat(Gen.enumValues(Side.class).generate(zeros)).isEqualTo(Side.BUY);
        assertThat(Gen.listOf(Gen.ints(5, 9), 2, 10).generate(zeros)).containsExactly(5, 5);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Gen.longs(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.ints(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.doubles(0, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.doubles(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.elements(new ArrayList<String>())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.listOf(Gen.ints(0, 1), 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.weighted(0, Gen.constant(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.ints(0, 1).filter(i -> true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void biasedBooleansFollowTheirProbabilityAndShrinkToFalse() {
        List<Boolean> fifth = Gen.booleans(0.2).samples(7, 5_000);
        long trues = fifth.stream().filter(b -> b).count();
        assertThat(trues).isBetween(850L, 1_150L);
        assertThat(Gen.booleans(0.0).samples(7, 200)).containsOnly(false);
        assertThat(Gen.booleans(1.0).samples(7, 200)).containsOnly(true);
        assertThat(Gen.booleans(0.9).generate(Rng.replay(new long[0]))).isFalse(); // the simplest choice
        assertThatThrownBy(() -> Gen.booleans(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.booleans(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
