package dev.tandem.kernel.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    @Test
    void fullMeansCapacityTimestampsInsideTheHalfOpenWindow() {
        final SlidingWindow w = new SlidingWindow(3);
        w.record(100);
        w.record(100);
        assertThat(w.isFull(100, 10)).isFalse();
        w.record(105);
        assertThat(w.isFull(105, 10)).isTrue();
        assertThat(w.isFull(109, 10)).isTrue();
        assertThat(w.isFull(110, 10)).isFalse(); // 100 is outside (110 - 10, 110]
        assertThat(w.count(110, 10)).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheLatestCapacityTimestamps() {
        final SlidingWindow w = new SlidingWindow(2);
        for (long t = 0; t < 1000; t++) {
            w.record(t);
        }
        assertThat(w.toList()).containsExactly(998L, 999L);
        final SlidingWindow copy = new SlidingWindow(2);
        copy.restore(w.toList());
        assertThat(copy.toList()).isEqualTo(w.toList());
        w.clear();
        assertThat(w.toList()).isEmpty();
    }
}
