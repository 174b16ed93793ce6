package dev.tandem.kernel.strategy.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The snapshot text format: round trips exactly, and refuses what it cannot read with a message naming the key. */
class StateTextTest {

    @Test
    void roundTripsEveryKindOfValueExactly() {
        final String text = StateText.write("x/1").put("n", -42).put("b", true).putDouble("d", 0.1 + 0.2)
                .putDouble("nan", Double.NaN).put("arr", new long[] {3, -1, Long.MAX_VALUE}).put("empty", new long[0])
                .put("id", "abc-1_2").put("none", (String) null).toString();
        assertThat(text).isEqualTo("x/1;n=-42;b=true;d=3fd3333333333334;nan=7ff8000000000000;arr=3,-1,9223372036854775807;empty=;id=abc-1_2;none=-");
        final StateText s = StateText.read("x/1", text);
        assertThat(s.getLong("n")).isEqualTo(-42);
        assertThat(s.getBoolean("b")).isTrue();
        assertThat(s.getDouble("d")).isEqualTo(0.1 + 0.2);
        assertThat(s.getDouble("nan")).isNaN();
        assertThat(s.getLongs("arr")).containsExactly(3, -1, Long.MAX_VALUE);
        assertThat(s.getLongs("empty")).isEmpty();
        assertThat(s.getString("id")).isEqualTo("abc-1_2");
        assertThat(s.getString("none")).isNull();
    }

    @Test
    void refusesAnotherFormatMissingKeysAndBadValues() {
        assertThatThrownBy(() -> StateText.read("sma-cross/1", "rsi-reversion/1;a=1"))
                .hasMessage("state is not of format sma-cross/1: 'rsi-reversion/1;a=1'");
        final StateText s = StateText.read("x/1", "x/1;a=one;b=maybe;c=1,x");
        assertThatThrownBy(() -> s.getLong("a")).hasMessage("x/1 state: a is not an integer: 'one'");
        assertThatThrownBy(() -> s.getBoolean("b")).hasMessage("x/1 state: b is not true/false: 'maybe'");
        assertThatThrownBy(() -> s.getLongs("c")).hasMessage("x/1 state: c[1] is not an integer: 'x'");
        assertThatThrownBy(() -> s.getLong("z")).hasMessage("x/1 state has no z");
        assertThatThrownBy(() -> StateText.read("x/1", "x/1;novalue")).hasMessage("x/1 state: part 1 is not key=value: 'novalue'");
        assertThatThrownBy(() -> StateText.write("x/1").put("k", "a;b")).hasMessage("x/1 state: value of k cannot be written: 'a;b'");
    }
}
