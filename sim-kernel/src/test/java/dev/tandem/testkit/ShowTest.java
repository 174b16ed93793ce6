package dev.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShowTest {

    @Test
    void rendersValuesReadably() {
        assertThat(Show.show(null)).isEqualTo("null");
        assertThat(Show.show("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
        assertThat(Show.show('x')).isEqualTo("'x'");
        assertThat(Show.show(Arrays.asList("a", null, 3))).isEqualTo("[\"a\", null, 3]");
        assertThat(Show.show(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(Show.show(new Object[] {"s", new long[] {3}})).isEqualTo("[\"s\", [3]]");
        TreeMap<String, Integer> map = new TreeMap<>();
        map.put("k", 1);
        assertThat(Show.show(map)).isEqualTo("{\"k\"=1}");
        assertThat(Show.show(Optional.of("v"))).isEqualTo("Optional[\"v\"]");
        assertThat(Show.show(new Pair<>("a", 1))).isEqualTo("(\"a\", 1)");
        assertThat(Show.show("abcdef", 3)).isEqualTo("\"ab... (5 more chars)");
    }

    @Test
    void survivesBrokenToString() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("nope");
            }
        };
        assertThat(Show.show(broken)).contains("toString() threw java.lang.IllegalStateException: nope");
    }

    @Test
    void numbersStepsAndMarksTheFailingOne() {
        assertThat(Show.steps(List.of("a", "b"), true, "> ")).isEqualTo("> 1. \"a\"\n> 2. \"b\"   <-- failed here");
        assertThat(Show.steps(List.of(), false, "")).isEqualTo("(no steps)");
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(i);
        }
        String rendered = Show.steps(many, false, "");
        assertThat(rendered.lines()).hasSize(201);
        assertThat(rendered).contains("  1. 0\n", "100. 99\n... (50 steps omitted)\n151. 150\n", "250. 249");
    }
}
