package dev.tandem.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    @Test
    void firesInDeadlineNameSequenceOrder() {
        final TimerQueue<String> q = new TimerQueue<>();
        q.schedule("b", 10, "b1");
        q.schedule("a", 10, "a1");
        q.schedule("a", 5, "a0");
        q.schedule("a", 10, "a2");
        final List<String> fired = new ArrayList<>();
        TimerQueue.Due<String> d;
        while ((d = q.pollDue(10)) != null) {
            fired.add(d.payload());
        }
        assertThat(fired).containsExactly("a0", "a1", "a2", "b1");
    }

    @Test
    void onlyDueTimersFireAndCancelWorks() {
        final TimerQueue<String> q = new TimerQueue<>();
        final long seq = q.schedule("x", 100, "x");
        q.schedule("y", 200, "y");
        assertThat(q.pollDue(99)).isNull();
        assertThat(q.nextDeadlineNanos()).isEqualTo(100);
        assertThat(q.cancel("x", 100, seq)).isTrue();
        assertThat(q.cancelAll("y")).isEqualTo(1);
        assertThat(q.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void simClockRefusesToGoBackwards() {
        final SimClock c = new SimClock(1_000);
        c.advanceTo(1_000);
        c.advanceTo(2_000);
        assertThat(c.nowNanos()).isEqualTo(2_000);
        assertThatThrownBy(() -> c.advanceTo(1_999)).isInstanceOf(IllegalStateException.class).hasMessageContaining("backwards");
    }
}
