package dev.tandem.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testkit.Gen;
import dev.tandem.testkit.StatefulProperty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TimerQueue} (an array heap) against {@link ReferenceTimerQueue} (the {@code TreeMap} it replaced): after any
 * sequence of schedules, polls, cancels, re-arms and restores both hold the same timers, fire them in the same
 * (deadline, name, sequence) order and hand out the same sequence numbers.
 */
class TimerQueueModelTest {
    /** Few names and deadlines, so ties on deadline and on (deadline, name) are common. */
    private static final Gen<String> NAMES = Gen.oneOf("a", "b", "risk:stale:BTC.X", "risk:stale:ETH.X", "exec:retry:r-s-1", "exec:ttl:r-s-1");

    /** One operation; {@code value} is a deadline, a poll's "now", or an index into the pending timers. */
    private record Op(int kind, String name, long value) {
        @Override
        public String toString() {
            return switch (kind) {
                case 0, 1, 2 -> "schedule(" + name + ", " + value + ")";
                case 3 -> "poll(" + value + ")";
                case 4 -> "pollAll(" + value + ")";
                case 5 -> "cancelAll(" + name + ")";
                case 6 -> "cancel(pending #" + value + ")";
                case 7 -> "cancel(a fired or never scheduled timer, " + name + ", " + value + ")";
                case 8 -> "rearmEarliest(+" + value + ")";
                default -> "restore(" + name + ", " + value + ")";
            };
        }
    }

    private static final Gen<Op> OPS = Gen.zip(Gen.ints(0, 9), NAMES, Gen.longs(0, 40), Op::new);

    /** The queue under test and the model, driven by the same operations. */
    private static final class Pair {
        final TimerQueue<String> queue = new TimerQueue<>();
        final ReferenceTimerQueue<String> model = new ReferenceTimerQueue<>();
        int payloads;

        void apply(final Op op) {
            switch (op.kind()) {
                case 0, 1, 2 -> {
                    final String payload = "p" + payloads++;
                    assertThat(queue.schedule(op.name(), op.value(), payload)).isEqualTo(model.schedule(op.name(), op.value(), payload));
                }
                case 3 -> assertThat(queue.pollDue(op.value())).isEqualTo(model.pollDue(op.value()));
                case 4 -> {
                    // the allocation-free poll, as the kernel uses it
                    TimerQueue.Due<String> expected;
                    while ((expected = model.pollDue(op.value())) != null) {
                        assertThat(queue.poll(op.value())).isTrue();
                        assertThat(new TimerQueue.Due<>(queue.polledName(), queue.polledDeadlineNanos(), queue.polledSeq(),
                                queue.polledPayload())).isEqualTo(expected);
                    }
                    assertThat(queue.poll(op.value())).isFalse();
                }
                case 5 -> assertThat(queue.cancelAll(op.name())).isEqualTo(model.cancelAll(op.name()));
                case 6 -> {
                    final List<TimerQueue.Due<String>> pending = model.pending();
                    if (!pending.isEmpty()) {
                        final TimerQueue.Due<String> d = pending.get((int) (op.value() % pending.size()));
                        assertThat(queue.cancel(d.name(), d.deadlineNanos(), d.seq())).isTrue();
                        assertThat(model.cancel(d.name(), d.deadlineNanos(), d.seq())).isTrue();
                    }
                }
                case 7 -> {
                    final long seq = model.nextSeq() + op.value(); // never handed out yet
                    assertThat(queue.cancel(op.name(), op.value(), seq)).isFalse();
                    assertThat(queue.cancel(op.name(), op.value(), op.value() % 3)).isEqualTo(model.cancel(op.name(), op.value(), op.value() % 3));
                }
                case 8 -> {
                    // what the staleness timer does: the earliest fires and is scheduled again, later, under its name
                    final long now = model.nextDeadlineNanos();
                    if (now != Long.MAX_VALUE) {
                        final TimerQueue.Due<String> d = model.pollDue(now);
                        assertThat(queue.poll(now)).isTrue();
                        assertThat(queue.polledSeq()).isEqualTo(d.seq());
                        assertThat(queue.schedule(d.name(), now + op.value(), d.payload()))
                                .isEqualTo(model.schedule(d.name(), now + op.value(), d.payload()));
                    }
                }
                default -> {
                    final long seq = model.nextSeq() + 5;
                    final TimerQueue.Due<String> d = new TimerQueue.Due<>(op.name(), op.value(), seq, "restored");
                    queue.restore(d, seq + 1);
                    model.restore(d, seq + 1);
                }
            }
        }

        void assertSame() {
            assertThat(queue.size()).isEqualTo(model.size());
            assertThat(queue.nextSeq()).isEqualTo(model.nextSeq());
            assertThat(queue.nextDeadlineNanos()).isEqualTo(model.nextDeadlineNanos());
            assertThat(queue.pending()).isEqualTo(model.pending());
        }
    }

    @Test
    void behavesLikeTheTreeMapQueue() {
        StatefulProperty.of(Pair::new, OPS, (Pair p, Op op) -> {
            p.apply(op);
            p.assertSame();
        }).length(0, 80).tries(500).check();
    }

    @Test
    void drainsInSortedOrderAfterManyRandomInsertsAndCancels() {
        // a larger heap than the stateful property reaches: 2 000 timers, a third canceled, then drained
        final TimerQueue<String> q = new TimerQueue<>();
        final ReferenceTimerQueue<String> model = new ReferenceTimerQueue<>();
        long x = 12345;
        for (int i = 0; i < 2_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            final long deadline = (x >>> 40) % 500;
            final String name = "t" + ((x >>> 20) % 7);
            q.schedule(name, deadline, name);
            model.schedule(name, deadline, name);
            if (i % 3 == 0) {
                final String victim = "t" + ((x >>> 10) % 7);
                assertThat(q.cancelAll(victim)).isEqualTo(model.cancelAll(victim));
            }
        }
        final List<TimerQueue.Due<String>> fired = new ArrayList<>();
        while (q.poll(Long.MAX_VALUE - 1)) {
            fired.add(new TimerQueue.Due<>(q.polledName(), q.polledDeadlineNanos(), q.polledSeq(), q.polledPayload()));
        }
        final List<TimerQueue.Due<String>> expected = new ArrayList<>();
        TimerQueue.Due<String> d;
        while ((d = model.pollDue(Long.MAX_VALUE - 1)) != null) {
            expected.add(d);
        }
        assertThat(fired).isEqualTo(expected);
        assertThat(q.size()).isZero();
    }
}
