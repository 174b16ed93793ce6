package dev.tandem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.RecordingExecutionPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimulationLoop#replaceKernel}: a simulated restart hands the loop's clock, timers and events to a new kernel. */
class SimulationLoopReplaceKernelTest {
    static final long START = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final Instrument BTC = Instruments.btcUsdtPerp();

    private static Kernel kernel() {
        final Kernel k = new Kernel(KernelConfig.defaults(7L, START, Fixed.money("1000"), List.of(BTC)),
                List.of(new RecordingExecutionPort(Instruments.VENUE)), EventJournal.NONE);
        k.start();
        return k;
    }

    @Test
    void afterTheSwapScheduledWorkRunsOnTheNewKernelsClock() {
        final Kernel old = kernel();
        final SimulationLoop loop = new SimulationLoop(old);
        final List<Long> seen = new ArrayList<>();
        loop.scheduleAction(START + 5 * SECOND, () -> seen.add(loop.nowNanos()));
        loop.runUntil(START + 2 * SECOND);
        final Kernel next = kernel();
        next.advanceTo(START + 3 * SECOND);
        loop.replaceKernel(next);
        assertThat(loop.nowNanos()).isEqualTo(START + 3 * SECOND);
        loop.runUntil(START + 10 * SECOND);
        assertThat(seen).containsExactly(START + 5 * SECOND);
        assertThat(next.nowNanos()).isEqualTo(START + 10 * SECOND);
        assertThat(old.nowNanos()).isEqualTo(START + 2 * SECOND);
    }

    @Test
    void aKernelBehindTheLoopIsRefused() {
        final Kernel old = kernel();
        final SimulationLoop loop = new SimulationLoop(old);
        loop.runUntil(START + 2 * SECOND);
        assertThatThrownBy(() -> loop.replaceKernel(kernel())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("behind");
    }
}
