package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.KernelSnapshot;
import dev.tandem.kernel.command.Command;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.KernelHarness;
import dev.tandem.testkit.RecordingExecutionPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in strategy under the kernel's replay and snapshot machinery: a journal replayed into a fresh kernel with a
 * fresh strategy rebuilds the same state, and a kernel restored from a snapshot taken mid-run continues exactly (same
 * commands, same final state digest, same strategy state) — which needs each strategy's {@code saveState} to be complete.
 */
class LibrarySnapshotTest {
    private static final long END = KernelHarness.START_NANOS + 62 * Rig.MINUTE;
    private static final long CUT = KernelHarness.START_NANOS + 31 * Rig.MINUTE + 500 * Rig.MILLI;

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("sma-cross", params("fast", "3", "slow", "8", "allocation", "0.5")),
                Arguments.of("rsi-reversion", params("period", "5", "lower", "45", "upper", "55", "allocation", "0.5")),
                Arguments.of("pump-detector", params("window", "5", "momentumBps", "5", "volumeFactor", "1.5", "holdBars", "3", "reversalBps", "4", "size", "0.01")),
                Arguments.of("market-maker", params("spreadBps", "4", "skewBps", "2", "maxInventory", "3", "watchdogMs", "20000")),
                Arguments.of("rogue-loop", params("ratePerSecond", "7", "durationMs", "2000000", "orderType", "MARKET")),
                Arguments.of("fat-finger", params("delayMs", "1870000", "priceFactor", "0.9")),
                Arguments.of("cancel-replace-storm", params("ratePerSecond", "3", "mode", "CANCEL_REPLACE")),
                Arguments.of("cancel-replace-storm", params("ratePerSecond", "5", "mode", "AMEND")));
    }

    /** A minute-bar market with quotes every 10 s, volume surges, and passive fills of whatever rests at the venue. */
    private static void market(final KernelHarness h) {
        long price = 6_000_000;
        for (int m = 1; m <= 60; m++) {
            final long barEnd = KernelHarness.START_NANOS + m * Rig.MINUTE;
            for (int q = 1; q <= 5; q++) {
                final long wiggle = ((m * 7919L + q * 104_729L) % 61) - 30; // deterministic, both ways
                final long mid = price + wiggle * 20;
                h.quote(BTC.id(), barEnd - Rig.MINUTE + q * 10 * Rig.SECOND, mid - 10, Rig.qty("2"), mid + 10, Rig.qty("2"));
            }
            final long step = (((m * 31L) % 17) - 8) * 250 + (m % 9 == 0 ? 4_000 : 0) - (m % 13 == 0 ? 5_000 : 0);
            final long open = price;
            price = Math.max(1_000_000, price + step);
            final long volume = Rig.qty(m % 9 == 0 || m % 13 == 0 ? "40" : "10");
            h.bar(BTC.id(), barEnd, open, Math.max(open, price) + 100, Math.min(open, price) - 100, price, volume);
            final Side side = m % 2 == 0 ? Side.BUY : Side.SELL;
            h.atTime(barEnd - 30 * Rig.SECOND, () -> h.port().openOrders().stream()
                    .filter(o -> o.side() == side && o.clientOrderId() != null).findFirst()
                    .ifPresent(o -> h.port().fillRestingOrder(o.clientOrderId(), o.qty() - o.filledQty())));
        }
    }

    private static KernelConfig config() {
        return Rig.unlimited().withReconcileInterval(7 * Rig.MINUTE);
    }

    private static Supplier<StrategySpec> specs(final String name, final Map<String, String> params) {
        return () -> StrategyLibrary.create(name, params, "lib1", BTC);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("strategies")
    void aRestoredKernelContinuesExactly(final String name, final Map<String, String> params) {
        final Supplier<StrategySpec> fresh = specs(name, params);
        final StrategySpec originalSpec = fresh.get();
        final KernelHarness h = KernelHarness.started(config(), Rig.MILLI, originalSpec);
        market(h);
        h.runUntil(CUT);
        final KernelSnapshot snapshot = KernelSnapshot.fromText(h.kernel().snapshot().toText());
        final String digestAtCut = h.stateDigest();
        final int journalAtCut = h.journal().entries().size();
        final int commandsAtCut = h.commands().size();
        final String strategyAtCut = ((SnapshottableStrategy) originalSpec.strategy()).saveState();
        h.runUntil(END);
        assertThat(h.commands(SubmitOrder.class)).as("the scenario must make %s trade", name).isNotEmpty();

        final StrategySpec restoredSpec = fresh.get();
        final RecordingExecutionPort port = new RecordingExecutionPort(BTC.id().venue());
        final Kernel restored = Kernel.restore(config(), List.of(port), new InMemoryJournal(), List.of(restoredSpec), snapshot);
        final List<KernelEvent> out = new ArrayList<>();
        restored.addListener(out::add);
        restored.start();
        assertThat(restored.stateDigest()).isEqualTo(digestAtCut);
        assertThat(((SnapshottableStrategy) restoredSpec.strategy()).saveState()).isEqualTo(strategyAtCut);
        final List<InMemoryJournal.Entry> entries = h.journal().entries();
        for (final InMemoryJournal.Entry e : entries.subList(journalAtCut, entries.size())) {
            restored.onEvent(e.event());
        }
        restored.advanceTo(END);

        final List<Command> after = h.commands().subList(commandsAtCut, h.commands().size());
        assertThat(port.commands()).isEqualTo(after);
        assertThat(restored.stateDigest()).isEqualTo(h.stateDigest());
        assertThat(((SnapshottableStrategy) restoredSpec.strategy()).saveState())
                .isEqualTo(((SnapshottableStrategy) originalSpec.strategy()).saveState());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("strategies")
    void replayingTheJournalRebuildsTheSameStateAndRunsAreRepeatable(final String name, final Map<String, String> params) {
        final Supplier<StrategySpec> fresh = specs(name, params);
        final KernelHarness first = KernelHarness.started(config(), Rig.MILLI, fresh.get());
        market(first);
        first.runUntil(END);
        final KernelHarness second = KernelHarness.started(config(), Rig.MILLI, fresh.get());
        market(second);
        second.runUntil(END);
        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.stateDigest()).isEqualTo(first.stateDigest());

        final KernelHarness.Replayed replayed = KernelHarness.replay(config(), List.of(fresh.get()), first.journal(), END);
        assertThat(replayed.kernel().stateDigest()).isEqualTo(first.stateDigest());
        assertThat(first.kernel().checkInvariants()).isEmpty();
        if (!name.equals("fat-finger")) {
            assertThat(first.events(OrderFilled.class)).as("%s should have traded", name).isNotEmpty();
        }
    }
}
