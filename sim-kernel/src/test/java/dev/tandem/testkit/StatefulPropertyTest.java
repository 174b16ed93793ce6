package dev.tandem.testkit;

import static dev.tandem.testkit.PropertyTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
@ExtendWith(IgnoreCommandLineSeed.class)
class StatefulPropertyTest {

    sealed interface Op permits Push, Pop {
    }

    record Push(int value) implements Op {
    }

    record Pop() implements Op {
    }

    /** An int stack; with {@code buggy} it silently drops values above 10 once it holds two or more. */
    static final class Stack {
        private final boolean buggy;
        private final int[] items = new int[128];
        private int size;

        Stack(boolean buggy) {
            this.buggy = buggy;
        }

        void push(int value) {
            if (buggy && size >= 2 && value > 10) {
                return;
            }
            items[size++] = value;
        }

        Integer pop() {
            return size == 0 ? null : items[--size];
        }

        int size() {
            return size;
        }
    }

    /** System under test plus model; counts how often it was created and closed. */
    static final class StackHarness implements AutoCloseable {
        static int opened;
        static int closed;
        final Stack stack;
        final Deque<Integer> model = new ArrayDeque<>();

        StackHarness(boolean buggy) {
            this.stack = new Stack(buggy);
            opened++;
        }

        void apply(Op op) {
            if (op instanceof Push) {
                int value = ((Push) op).value();
                stack.push(value);
                model.push(value);
            } else {
                assertThat(stack.pop()).isEqualTo(model.poll());
            }
            assertThat(stack.size()).as("size").isEqualTo(model.size());
        }

        @Override
        public void close() {
            closed++;
        }
    }

    static final Gen<Op> OPS = Gen.frequency(
            Gen.weighted(3, Gen.ints(0, 100).map(Push::new)),
            Gen.weighted(1, Gen.constant(new Pop())));

    @Test
    void findsABugThatNeedsThreeSpecificActionsAndShrinksToTheMinimalSequence() {
        for (long seed = 0; seed < 5; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> StatefulProperty.of(() -> new StackHarness(true), OPS,
                            StackHarness::apply)
                    .seed(s).check());
            assertThat(failure.shrunkValue()).as("seed %d", s)
                    .isEqualTo(List.of(new Push(0), new Push(0), new Push(11)));
            assertThat((List<?>) failure.originalValue()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(failure.getMessage())
                    .contains("shrunk value     : 3 actions\n"
                            + "      1. Push[value=0]\n"
                            + "      2. Push[value=0]\n"
                            + "      3. Push[value=11]   <-- failed here\n")
                    .contains("[size]")
                    .contains("-Dtandem.seed=" + s + " -Dtandem.tries=");
        }
    }

    @Test
    void aCorrectImplementationPassesEveryTryWithAFreshClosedState() {
        StackHarness.opened = 0;
        StackHarness.closed = 0;
        CheckResult result = StatefulProperty.of(() -> new StackHarness(false), OPS, StackHarness::apply)
                .length(0, 100).tries(60).check();
        assertThat(result.tries()).isEqualTo(60);
        assertThat(StackHarness.opened).isEqualTo(60);
        assertThat(StackHarness.closed).isEqualTo(60);
    }

    @Test
    void statesAreClosedWhileShrinkingToo() {
        StackHarness.opened = 0;
        StackHarness.closed = 0;
        failureOf(() -> StatefulProperty.of(() -> new StackHarness(true), OPS, StackHarness::apply).check());
        assertThat(StackHarness.opened).isGreaterThan(3).isEqualTo(StackHarness.closed);
    }

    record Deposit(int amount) {
    }

    record Withdraw(int amount) {
    }

    /** An account that loses withdrawals of more than 100 (a model balance is kept alongside). */
    static final class Account {
        int balance;
        int modelBalance;

        void apply(Object action) {
            if (action instanceof Deposit) {
                balance += ((Deposit) action).amount();
                modelBalance += ((Deposit) action).amount();
            } else {
                int amount = ((Withdraw) action).amount();
                assertThat(amount).as("generated withdrawals never exceed the balance").isLessThanOrEqualTo(modelBalance);
                if (amount <= 100) {
                    balance -= amount;
                }
                modelBalance -= amount;
            }
            assertThat(balance).as("balance").isEqualTo(modelBalance);
        }
    }

    @Test
    void actionsCanDependOnTheState() {
        Gen<Object> deposits = Gen.ints(1, 1_000).map(Deposit::new);
        for (long seed = 0; seed < 5; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> StatefulProperty.<Account, Object>stateDependent(Account::new,
                            account -> account.modelBalance == 0 ? deposits
                                    : Gen.anyOf(deposits, Gen.ints(1, account.modelBalance).map(Withdraw::new)),
                            Account::apply)
                    .seed(s).check());
            assertThat(failure.shrunkValue()).as("seed %d", s)
                    .isEqualTo(List.of(new Deposit(101), new Withdraw(101)));
            assertThat(failure.getMessage()).contains("2. Withdraw[amount=101]   <-- failed here");
        }
    }

    @Test
    void reportsAFailingInitialState() {
        PropertyFailure failure = failureOf(() -> StatefulProperty.<Object, Op>of(() -> {
            throw new IllegalStateException("cannot start");
        }, OPS, (s, op) -> { }).check());
        assertThat(failure.shrunkValue()).isEqualTo(List.of());
        assertThat(failure.getCause()).hasMessage("cannot start");
        assertThat(failure.getMessage()).contains("0 actions (the initial state or its close() failed)");
    }

    /** Counts the steps of one try and reports the count when closed. */
    static final class StepCounter implements AutoCloseable {
        final List<Integer> lengths;
        int steps;

        StepCounter(List<Integer> lengths) {
            this.lengths = lengths;
        }

        @Override
        public void close() {
            lengths.add(steps);
        }
    }

    @Test
    void sequenceLengthsStayWithinBounds() {
        List<Integer> lengths = new ArrayList<>();
        StatefulProperty.of(() -> new StepCounter(lengths), OPS, (counter, op) -> counter.steps++)
                .length(2, 4).tries(200).check();
        assertThat(lengths).hasSize(200).allSatisfy(n -> assertThat(n).isBetween(2, 4)).contains(2, 3, 4);

        PropertyFailure failure = failureOf(() -> StatefulProperty.of(() -> new StepCounter(new ArrayList<>()), OPS,
                (counter, op) -> {
                    throw new AssertionError("always fails");
                }).length(2, 4).check());
        assertThat(failure.shrunkValue()).isEqualTo(List.of(new Push(0))); // stops at the failing first action

        assertThatThrownBy(() -> StatefulProperty.of(Object::new, OPS, (s, op) -> { }).length(3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Open(int threshold) {
    }

    record Add(int value) {
    }

    record Close(int limit) {
    }

    /** Opening action, random actions and closing action of one try, in the order the step saw them. */
    static final class Ledger {
        final List<Object> seen = new ArrayList<>();
        int threshold = -1;
        int sum;

        void apply(Object action) {
            seen.add(action);
            if (action instanceof Open) {
                assertThat(seen).as("the opening action comes first").hasSize(1);
                threshold = ((Open) action).threshold();
            } else if (action instanceof Add) {
                assertThat(threshold).as("opened before any random action").isNotNegative();
                int value = ((Add) action).value();
                assertThat(value).as("value within the opened threshold").isLessThanOrEqualTo(threshold);
                sum += value;
            } else {
                assertThat(sum).as("sum within the closing limit").isLessThanOrEqualTo(((Close) action).limit());
            }
        }
    }

    private static final Gen<Object> ADDS = Gen.ints(0, 100).map(Add::new);

    @Test
    void startWithOpensEveryTryAndItsValueShrinks() {
        List<List<Object>> tries = new ArrayList<>();
        StatefulProperty.of(() -> new Ledger(), ADDS, (ledger, action) -> {
                    if (ledger.seen.isEmpty()) {
                        tries.add(ledger.seen);
                    }
                    ledger.apply(action);
                })
                .startWith(Gen.constant(new Open(100)))
                .length(0, 5).tries(100).seed(3).check();
        assertThat(tries).hasSize(100).allSatisfy(seen -> assertThat(seen.get(0)).isEqualTo(new Open(100)))
                .anySatisfy(seen -> assertThat(seen).hasSize(1)) // even with no random action
                .allSatisfy(seen -> assertThat(seen).hasSizeLessThanOrEqualTo(6)); // not counted by length

        for (long seed = 0; seed < 5; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> StatefulProperty.of(Ledger::new, ADDS, Ledger::apply)
                    .startWith(Gen.ints(0, 1_000).map(Open::new))
                    .seed(s).check());
            assertThat(failure.shrunkValue()).as("seed %d", s).isEqualTo(List.of(new Open(0), new Add(1)));
            assertThat(failure.getMessage()).contains("      1. Open[threshold=0]\n      2. Add[value=1]   <-- failed here");
        }
    }

    @Test
    void endWithClosesEveryPassingTryAndReportsItsFailure() {
        int[] closings = {0};
        StatefulProperty.of(Ledger::new, ADDS, (ledger, action) -> {
                    closings[0] += action instanceof Close ? 1 : 0;
                    ledger.apply(action);
                })
                .startWith(Gen.constant(new Open(100)))
                .endWith(Gen.constant(new Close(Integer.MAX_VALUE)))
                .length(0, 3).tries(50).check();
        assertThat(closings[0]).isEqualTo(50);

        for (long seed = 0; seed < 5; seed++) {
            long s = seed;
            PropertyFailure failure = failureOf(() -> StatefulProperty.of(Ledger::new, ADDS, Ledger::apply)
                    .startWith(Gen.constant(new Open(100)))
                    .endWith(Gen.ints(0, 1_000).map(Close::new))
                    .seed(s).check());
            assertThat(failure.shrunkValue()).as("seed %d", s)
                    .isEqualTo(List.of(new Open(100), new Add(1), new Close(0)));
            assertThat(failure.getMessage()).contains("shrunk value     : 3 actions\n"
                    + "      1. Open[threshold=100]\n"
                    + "      2. Add[value=1]\n"
                    + "      3. Close[limit=0]   <-- failed here\n");
        }

        // a failing random action ends the try: the closing action does not run after it
        PropertyFailure failure = failureOf(() -> StatefulProperty.of(Ledger::new, ADDS, Ledger::apply)
                .startWith(Gen.constant(new Open(0)))
                .endWith(Gen.constant(new Close(0)))
                .check());
        assertThat(failure.shrunkValue()).isEqualTo(List.of(new Open(0), new Add(1)));
    }
}
