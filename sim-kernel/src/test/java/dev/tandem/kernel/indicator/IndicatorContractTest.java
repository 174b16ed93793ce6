package dev.tandem.kernel.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every indicator must share: initial state, reset, rejected input, determinism, no allocation. */
class IndicatorContractTest {

    private static final int N = 4096;
    private static final int MASK = N - 1;
    private static final double[][] BARS = TestData.bars(42, N);
    private static final double[] HIGH = BARS[0];
    private static final double[] LOW = BARS[1];
    private static final double[] CLOSE = BARS[2];
    private static final double[] VOLUME = TestData.volumes(43, N, 0.2);

    /** Feeds input number {@code i} (cyclic over the fixture) to the indicator, without allocating. */
    interface Feeder {
        void feed(Indicator indicator, int i);
    }

    static final class Case {
        final String name;
        final Supplier<Indicator> factory;
        final Feeder feeder;
        final Consumer<Indicator> invalidUpdate;

        Case(String name, Supplier<Indicator> factory, Feeder feeder, Consumer<Indicator> invalidUpdate) {
            this.name = name;
            this.factory = factory;
            this.feeder = feeder;
            this.invalidUpdate = invalidUpdate;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Feeder scalar = (ind, i) -> ((ScalarIndicator) ind).update(CLOSE[i & MASK]);
        Consumer<Indicator> scalarNaN = ind -> ((ScalarIndicator) ind).update(Double.NaN);
        return Stream.of(
                new Case("Sma(20)", () -> new Sma(20), scalar, scalarNaN),
                new Case("Ema(20)", () -> new Ema(20), scalar, scalarNaN),
                new Case("Rsi(14)", () -> new Rsi(14), scalar, scalarNaN),
                new Case("RollingStdDev(20)", () -> new RollingStdDev(20), scalar, scalarNaN),
                new Case("Bollinger(20, 2)", () -> new Bollinger(20, 2), scalar, scalarNaN),
                new Case("Atr(14)", () -> new Atr(14),
                        (ind, i) -> ((Atr) ind).update(HIGH[i & MASK], LOW[i & MASK], CLOSE[i & MASK]),
                        ind -> ((Atr) ind).update(1, 2, 1.5)),
                new Case("Vwap", Vwap::new,
                        (ind, i) -> ((Vwap) ind).update(CLOSE[i & MASK], VOLUME[i & MASK]),
                        ind -> ((Vwap) ind).update(100, -1)),
                new Case("RollingVwap(20)", () -> new RollingVwap(20),
                        (ind, i) -> ((RollingVwap) ind).update(CLOSE[i & MASK], VOLUME[i & MASK]),
                        ind -> ((RollingVwap) ind).update(Double.POSITIVE_INFINITY, 1)));
    }

    private static double[] run(Indicator indicator, Feeder feeder, int from, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            feeder.feed(indicator, from + i);
            values[i] = indicator.value();
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void freshInstanceIsNotReadyAndNaN(Case c) {
        Indicator indicator = c.factory.get();
        assertThat(indicator.isReady()).isFalse();
        assertThat(indicator.value()).isNaN();
        assertThat(indicator.updates()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueIsNaNExactlyWhenNotReady(Case c) {
        Indicator indicator = c.factory.get();
        for (int i = 0; i < 500; i++) {
            c.feeder.feed(indicator, i);
            assertThat(Double.isNaN(indicator.value())).as("update %d", i).isEqualTo(!indicator.isReady());
            assertThat(indicator.updates()).isEqualTo(i + 1);
        }
        assertThat(indicator.isReady()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resetReturnsToTheInitialState(Case c) {
        Indicator used = c.factory.get();
        run(used, c.feeder, 1000, 777);
        used.reset();
        assertThat(used.isReady()).isFalse();
        assertThat(used.value()).isNaN();
        assertThat(used.updates()).isZero();
        // after reset it behaves bit-for-bit like a fresh instance
        assertThat(run(used, c.feeder, 0, 600)).containsExactly(run(c.factory.get(), c.feeder, 0, 600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedUpdateLeavesTheStateUntouched(Case c) {
        Indicator reference = c.factory.get();
        Indicator subject = c.factory.get();
        double[] expected = new double[600];
        double[] actual = new double[600];
        for (int i = 0; i < 600; i++) {
            if (i % 7 == 3) {
                long before = subject.updates();
                assertThatThrownBy(() -> c.invalidUpdate.accept(subject)).isInstanceOf(IllegalArgumentException.class);
                assertThat(subject.updates()).isEqualTo(before);
            }
            c.feeder.feed(reference, i);
            c.feeder.feed(subject, i);
            expected[i] = reference.value();
            actual[i] = subject.value();
        }
        assertThat(actual).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void updatesDoNotAllocate(Case c) {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeThat(plain).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assumeThat(bean.isThreadAllocatedMemorySupported()).isTrue();
        bean.setThreadAllocatedMemoryEnabled(true);

        Indicator indicator = c.factory.get();
        Feeder feeder = c.feeder;
        double sink = 0;
        for (int i = 0; i < 50_000; i++) { // warm-up
            feeder.feed(indicator, i);
            sink += indicator.isReady() ? indicator.value() : 0.0;
        }
        int updates = 500_000;
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < updates; i++) {
            feeder.feed(indicator, i);
            sink += indicator.isReady() ? indicator.value() : 0.0;
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isNotNaN();
        // a single boxed double per update would be >= 16 bytes * 500_000 = 8 MB
        assertThat(allocated).as("bytes allocated by %d updates", updates).isLessThan(64 * 1024);
    }
}
