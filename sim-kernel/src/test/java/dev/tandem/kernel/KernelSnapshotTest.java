package dev.tandem.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.journal.EventJournal;
import dev.tandem.kernel.model.RiskTrigger;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.journal.InMemoryJournal;
import dev.tandem.kernel.journal.TraceHash;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.risk.RiskEngine;
import dev.tandem.kernel.strategy.SnapshottableStrategy;
import dev.tandem.kernel.strategy.Strategy;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.kernel.strategy.SubmitResult;
import dev.tandem.kernel.time.TimeEvent;
import dev.tandem.testkit.Instruments;
import dev.tandem.testkit.RecordingExecutionPort;
import dev.tandem.testkit.ScriptedExecutionPort;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Snapshot and restore of a whole kernel (DESIGN §2.8): a kernel restored from a snapshot of a running kernel has the
 * same state digest, and given the inbound events the original received after the snapshot, it emits the same
 * events, sends the same commands and ends in the same state.
 */
class KernelSnapshotTest {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long BAR_NANOS = 5 * SECOND;
    private static final long LATENCY = 1_000_000L;
    private static final Instrument BTC = Instruments.btcUsdtPerp();
    private static final InstrumentId ID = BTC.id();
    private static final StrategyId S1 = new StrategyId("S1");

    // ------------------------------------------------------------------------------------------------ fixtures

    /**
     * Trades on bars: a market order every other bar (alternating sides, size from its random stream), a resting
     * limit order placed and canceled in a cycle, and a heartbeat timer. Its counters are its snapshottable state.
     */
    static class BarTrader implements Strategy {
        StrategyContext ctx;
        long bars;
        long fills;
        long timerFires;
        long lastClose;
        ClientOrderId resting;
        int starts;

        @Override
        public void onStart(final StrategyContext context) {
            ctx = context;
            starts++;
            ctx.setTimer("heartbeat", ctx.nowNanos() + 7 * SECOND);
        }

        @Override
        public void onBar(final Bar bar) {
            bars++;
            lastClose = bar.close();
            if (bars % 2 == 1) {
                final Side side = (bars / 2) % 2 == 0 ? Side.BUY : Side.SELL;
                ctx.marketOrder(ID, side, 1 + ctx.random().nextInt(3));
            }
            if (bars % 6 == 2 && resting == null) {
                final long price = bar.close() * 99 / 100 / 10 * 10;
                final SubmitResult r = ctx.limitOrder(ID, Side.BUY, price, 2);
                resting = r.passed() ? r.clientOrderId() : null;
            } else if (bars % 6 == 5 && resting != null) {
                ctx.cancel(resting);
                resting = null;
            }
        }

        @Override
        public void onFill(final OrderFilled fill) {
            fills++;
        }

        @Override
        public void onTimer(final TimeEvent timer) {
            timerFires++;
            ctx.setTimer("heartbeat", timer.deadlineNanos() + 7 * SECOND);
        }
    }

    /** {@link BarTrader} with its counters in the snapshot. */
    static final class SnapshottableBarTrader extends BarTrader implements SnapshottableStrategy {
        int restores;

        @Override
        public String saveState() {
            return bars + "," + fills + "," + timerFires + "," + lastClose + "," + (resting == null ? "-" : resting.value());
        }

        @Override
        public void restoreState(final StrategyContext context, final String state) {
            ctx = context;
            restores++;
            final String[] f = state.split(",");
            bars = Long.parseLong(f[0]);
            fills = Long.parseLong(f[1]);
            timerFires = Long.parseLong(f[2]);
            lastClose = Long.parseLong(f[3]);
            resting = f[4].equals("-") ? null : new ClientOrderId(f[4]);
        }
    }

    /** A port that records commands and answers nothing: the restored kernel is fed the original's reports. */
    static RecordingExecutionPort silentPort() {
        return new RecordingExecutionPort(Instruments.VENUE);
    }

    static KernelConfig config() {
        return KernelConfig.defaults(42L, START, Fixed.money("100000"), List.of(BTC)).withReconcileInterval(30 * SECOND);
    }

    static StrategySpec spec(final Strategy strategy) {
        return new StrategySpec(S1, List.of(ID), false, new TreeMap<>(), strategy);
    }

    /** The original run: a kernel against a scripted venue, reports delivered in time order. */
    static final class Run {
        final ArrayDeque<InboundEvent> inbox = new ArrayDeque<>();
        final InMemoryJournal journal = new InMemoryJournal();
        final List<KernelEvent> out = new ArrayList<>();
        final ScriptedExecutionPort port;
        final Kernel kernel;
        final BarTrader strategy;

        Run(final KernelConfig config, final BarTrader strategy) {
            this.strategy = strategy;
            final Kernel[] holder = new Kernel[1];
            port = new ScriptedExecutionPort(Instruments.VENUE, InstrumentRegistry.of(config.instruments()), () -> holder[0].nowNanos(),
                    inbox::add, LATENCY);
            port.setBalance("USDT", Fixed.money("100000"));
            kernel = new Kernel(config, List.of(port), journal);
            holder[0] = kernel;
            kernel.addStrategy(spec(strategy)).addListener(out::add);
            kernel.start();
        }

        /** Delivers reports and fires timers up to {@code t}, in time order (a timer before a report at equal times). */
        void pumpUntil(final long t) {
            while (true) {
                final long report = inbox.isEmpty() ? Long.MAX_VALUE : inbox.peek().tsInitNanos();
                final long timer = kernel.nextTimerNanos();
                if (Math.min(report, timer) > t) {
                    return;
                }
                if (timer <= report) {
                    kernel.advanceTo(timer);
                } else {
                    kernel.onEvent(inbox.poll());
                }
            }
        }

        /** Bar {@code i}, after everything due before it. */
        void bar(final int i) {
            final long ts = barTime(i);
            pumpUntil(ts);
            final long open = price(i - 1);
            final long close = price(i);
            port.setMarketPrice(ID, close);
            kernel.onEvent(new Bar(ID, ts - BAR_NANOS, BAR_NANOS, open, Math.max(open, close) + 50, Math.min(open, close) - 50, close,
                    1_000, ts, ts));
        }

        void finish(final long end) {
            pumpUntil(end);
            kernel.advanceTo(end);
        }
    }

    /** Bars every 5 s, with a 25 s silence before bar 24 (data goes stale: the risk engine's staleness timer fires). */
    static long barTime(final int i) {
        return START + (i + 1) * BAR_NANOS + (i >= 24 ? 25 * SECOND : 0);
    }

    /** A deterministic walk around 30 000.00 (tick 0.10). */
    static long price(final int i) {
        final long wiggle = ((i * 7919L) % 41) - 20;
        return 3_000_000 + i * 30L + wiggle * 100;
    }

    /** The restored side: a fresh kernel, a recording port, its own journal and event list. */
    static final class Restored {
        final RecordingExecutionPort port = silentPort();
        final InMemoryJournal journal = new InMemoryJournal();
        final List<KernelEvent> out = new ArrayList<>();
        final Kernel kernel;

        Restored(final KernelConfig config, final Strategy strategy, final KernelSnapshot snapshot) {
            kernel = Kernel.restore(config, List.of(port), journal, List.of(spec(strategy)), snapshot);
            kernel.addListener(out::add);
        }
    }

    /** The original at the snapshot. */
    record Cut(KernelSnapshot snapshot, String digest, int outIndex, int commandIndex) {}

    /** The original run after all its bars, with the cut taken after bar {@code cutAfter} and {@code atCut}. */
    record Scenario(Run run, Cut cut, long end) {}

    static final int BARS = 40;

    /** Scripts the venue before a bar. */
    @FunctionalInterface
    interface Script {
        void beforeBar(Run run, int bar);
    }

    static Scenario scenario(final int cutAfter, final Script script, final Consumer<Run> atCut) {
        final Run run = new Run(config(), new SnapshottableBarTrader());
        Cut cut = null;
        for (int i = 0; i < BARS; i++) {
            script.beforeBar(run, i);
            run.bar(i);
            if (i == cutAfter) {
                atCut.accept(run);
                cut = new Cut(run.kernel.snapshot(), run.kernel.stateDigest(), run.out.size(), run.port.commands().size());
            }
        }
        final long end = barTime(BARS + 2);
        run.finish(end);
        return new Scenario(run, cut, end);
    }

    /**
     * Restores the scenario's snapshot (through its text form) into a fresh kernel, feeds it the original's inbound
     * events after the snapshot and checks that both agree on everything from the snapshot on.
     */
    static void assertRestoredContinuesExactly(final Scenario sc) {
        final Run run = sc.run();
        final Cut cut = sc.cut();
        final KernelSnapshot snapshot = KernelSnapshot.fromText(cut.snapshot().toText());
        final SnapshottableBarTrader fresh = new SnapshottableBarTrader();
        final Restored restored = new Restored(config(), fresh, snapshot);
        assertThat(restored.kernel.isRestored()).isTrue();
        final TraceHash seeded = new TraceHash();
        seeded.continueFrom(snapshot.traceHash(), snapshot.outboundEvents());
        assertThat(restored.kernel.traceHash()).as("a restored trace starts with the continuation record of the snapshot's hash and count").isEqualTo(seeded.hex());
        assertThat(restored.kernel.outboundEvents()).isEqualTo(snapshot.outboundEvents());
        assertThat(restored.kernel.stateDigest()).as("digest right after restore").isEqualTo(cut.digest());
        assertThat(restored.kernel.nextTimerNanos()).isEqualTo(snapshot.timers().get(0).deadlineNanos());
        restored.kernel.start();
        assertThat(fresh.restores).isEqualTo(1);
        assertThat(fresh.starts).as("a restored snapshottable strategy is not started again").isZero();
        assertThat(restored.out).as("start() of a restored kernel emits nothing").isEmpty();
        assertThat(restored.kernel.stateDigest()).as("digest after start() of the restored kernel").isEqualTo(cut.digest());

        final List<InMemoryJournal.Entry> later = run.journal.entries().stream()
                .filter(e -> e.seq() > snapshot.inboundSeq())
                .collect(Collectors.toList());
        assertThat(later).as("inbound events after the snapshot").isNotEmpty();
        for (final InMemoryJournal.Entry e : later) {
            restored.kernel.onEvent(e.event());
        }
        restored.kernel.advanceTo(sc.end());

        assertThat(restored.journal.entries()).as("the journal continues with the same sequence numbers").isEqualTo(later);
        final List<KernelEvent> originalAfter = run.out.subList(cut.outIndex(), run.out.size());
        assertThat(restored.out).as("outbound events after the snapshot").containsExactlyElementsOf(originalAfter);
        assertThat(restored.port.commands()).as("venue commands after the snapshot")
                .containsExactlyElementsOf(run.port.commands().subList(cut.commandIndex(), run.port.commands().size()));
        assertThat(restored.kernel.stateDigest()).as("final state digest").isEqualTo(run.kernel.stateDigest());
        assertThat(restored.kernel.inboundSeq()).isEqualTo(run.kernel.inboundSeq());
        assertThat(restored.kernel.outboundEvents()).isEqualTo(run.kernel.outboundEvents());
        assertThat(fresh.saveState()).isEqualTo(((SnapshottableBarTrader) run.strategy).saveState());

        // the restored trace is its own chain: equal for every restore of the snapshot given the same events,
        // different from the original's unbroken trace
        final Restored again = new Restored(config(), new SnapshottableBarTrader(), cut.snapshot());
        again.kernel.start();
        later.forEach(e -> again.kernel.onEvent(e.event()));
        again.kernel.advanceTo(sc.end());
        assertThat(again.kernel.traceHash()).isEqualTo(restored.kernel.traceHash()).isNotEqualTo(run.kernel.traceHash());
        assertThat(again.kernel.stateDigest()).isEqualTo(run.kernel.stateDigest());
    }

    static List<String> timerNames(final KernelSnapshot s) {
        final List<String> names = new ArrayList<>();
        s.timers().forEach(t -> names.add(t.name()));
        return names;
    }

    // ------------------------------------------------------------------------------------------------ tests

    /** Bar 16 is the strategy's 17th: it sends a market order, whose first send fails transiently. */
    static Scenario retryPendingAtCut() {
        return scenario(16, (run, i) -> {
            if (i == 16) {
                run.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
            }
        }, run -> run.pumpUntil(barTime(16) + LATENCY));
    }

    @Test
    void aRestoredKernelContinuesExactlyWithARetryPending() {
        final Scenario sc = retryPendingAtCut();
        final List<String> timers = timerNames(sc.cut().snapshot());
        assertThat(timers).anyMatch(n -> n.startsWith("exec:retry:SUBMIT:"))
                .anyMatch(n -> n.startsWith(RiskEngine.STALE_TIMER_PREFIX))
                .contains("strategy:S1:heartbeat", "kernel:reconcile:SIM");
        final List<KernelEvent> after = sc.run().out.subList(sc.cut().outIndex(), sc.run().out.size());
        assertThat(after).as("the retry fires after the snapshot").anyMatch(e -> e instanceof OrderSent)
                .as("the staleness timer fires after the snapshot").anyMatch(e -> e instanceof StrategyStateChanged c && c.trigger() == RiskTrigger.DATA_STALE);
        assertRestoredContinuesExactly(sc);
    }

    @Test
    void aRestoredKernelContinuesExactlyWithTheBreakerOpen() {
        // bar 18's market order fails 4 times (retries exhausted), bar 19's limit order once more: 5 in a row
        final Scenario sc = scenario(19, (run, i) -> {
            if (i == 18) {
                for (int k = 0; k < 5; k++) {
                    run.port.failNext(RequestKind.SUBMIT, FailureKind.TRANSIENT, 0);
                }
            }
        }, run -> run.pumpUntil(barTime(19) + LATENCY));
        final KernelSnapshot s = sc.cut().snapshot();
        assertThat(s.execution().venues()).singleElement().satisfies(v -> assertThat(v.breakerState()).isEqualTo(BreakerState.OPEN));
        assertThat(timerNames(s)).contains("exec:breaker:SIM");
        final List<KernelEvent> after = sc.run().out.subList(sc.cut().outIndex(), sc.run().out.size());
        assertThat(after).as("the breaker closes again after the snapshot")
                .anyMatch(e -> e instanceof CircuitBreakerStateChanged c && c.to() == BreakerState.CLOSED);
        assertRestoredContinuesExactly(sc);
    }

    @Test
    void aSnapshotTakenEarlyOrLateContinuesExactly() {
        final Scenario early = scenario(3, (run, i) -> { }, run -> { });
        assertThat(early.cut().snapshot().execution().orders()).as("a resting limit order at the snapshot")
                .anyMatch(o -> o.type() == OrderType.LIMIT && o.state().isOpen());
        assertRestoredContinuesExactly(early);
        assertRestoredContinuesExactly(scenario(33, (run, i) -> { }, run -> { }));
    }

    @Test
    void aSnapshotTakenWhileDataIsStaleContinuesExactly() {
        // 25 s without data after bar 23: the staleness timer has fired and paused the strategy at the snapshot
        final Scenario sc = scenario(23, (run, i) -> { }, run -> run.pumpUntil(barTime(23) + 15 * SECOND));
        final KernelSnapshot s = sc.cut().snapshot();
        assertThat(s.risk().data()).singleElement().satisfies(d -> assertThat(d.stale()).isTrue());
        assertThat(s.risk().strategies()).singleElement().satisfies(x -> assertThat(x.state()).isEqualTo(StrategyState.PAUSED));
        assertRestoredContinuesExactly(sc);
    }

    @Test
    void theTextFormRoundTripsToAnEqualSnapshotAndDigest() {
        final Scenario sc = retryPendingAtCut();
        final KernelSnapshot s = sc.cut().snapshot();
        final String text = s.toText();
        assertThat(text).doesNotContain("\n").startsWith("{\"@\":\"KernelSnapshot\",\"version\":3,");
        final KernelSnapshot back = KernelSnapshot.fromText(text);
        assertThat(back).isEqualTo(s);
        assertThat(back.toText()).isEqualTo(text);
        assertThat(back.execution().idCounters()).containsEntry("S1", s.execution().idCounters().get("S1"));
        final Restored r = new Restored(config(), new SnapshottableBarTrader(), back);
        assertThat(r.kernel.stateDigest()).isEqualTo(sc.cut().digest());
    }

    @Test
    void unreadableTextIsRefusedWithAMessage() {
        assertThatThrownBy(() -> KernelSnapshot.fromText("{\"@\":\"KernelSnapshot\",\"version\":3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable kernel snapshot")
                .hasMessageContaining("missing field 'configFingerprint'");
        final String text = retryPendingAtCut().cut().snapshot().toText().replace("\"version\":3,", "\"version\":2,");
        assertThatThrownBy(() -> KernelSnapshot.fromText(text)).hasMessageContaining("version 2 is not supported");
    }

    @Test
    void aSnapshotOfAnotherConfigurationIsRefused() {
        final KernelSnapshot s = retryPendingAtCut().cut().snapshot();
        final KernelConfig other = config().withReconcileInterval(60 * SECOND);
        assertThatThrownBy(() -> Kernel.restore(other, List.of(silentPort()), EventJournal.NONE,
                List.of(spec(new SnapshottableBarTrader())), s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot was taken with configuration " + config().fingerprint())
                .hasMessageContaining("but this configuration is " + other.fingerprint());
    }

    @Test
    void aSnapshotWithOtherStrategiesIsRefused() {
        final KernelSnapshot s = retryPendingAtCut().cut().snapshot();
        final StrategySpec otherId = new StrategySpec(new StrategyId("S2"), List.of(ID), false, new TreeMap<>(), new SnapshottableBarTrader());
        assertThatThrownBy(() -> Kernel.restore(config(), List.of(silentPort()), EventJournal.NONE, List.of(otherId), s))
                .hasMessageContaining("snapshot has strategies [S1] but [S2] were given");
        final StrategySpec marketMaker = new StrategySpec(S1, List.of(ID), true, new TreeMap<>(), new SnapshottableBarTrader());
        assertThatThrownBy(() -> Kernel.restore(config(), List.of(silentPort()), EventJournal.NONE, List.of(marketMaker), s))
                .hasMessageContaining("marketMaker=false in the snapshot");
        assertThatThrownBy(() -> Kernel.restore(config(), List.of(silentPort()), EventJournal.NONE, List.of(spec(new BarTrader())), s))
                .hasMessageContaining("not a SnapshottableStrategy");
    }

    @Test
    void aStrategyWithoutSnapshotStateIsRestartedWithOnStart() {
        final Run run = new Run(config(), new BarTrader());
        for (int i = 0; i < 10; i++) {
            run.bar(i);
        }
        final KernelSnapshot s = run.kernel.snapshot();
        assertThat(s.strategies()).singleElement().satisfies(e -> assertThat(e.state()).isNull());
        final BarTrader fresh = new BarTrader();
        final Restored r = new Restored(config(), fresh, s);
        assertThat(r.kernel.stateDigest()).isEqualTo(run.kernel.stateDigest());
        r.kernel.start();
        assertThat(fresh.starts).isEqualTo(1);
        assertThat(r.out).noneMatch(e -> e instanceof KernelStarted);
        // onStart re-set its heartbeat: replaced, not duplicated
        assertThat(timerNames(r.kernel.snapshot())).containsOnlyOnce("strategy:S1:heartbeat");
    }

    @Test
    void lifecycleMisuseIsRefused() {
        final KernelSnapshot s = retryPendingAtCut().cut().snapshot();
        final Restored r = new Restored(config(), new SnapshottableBarTrader(), s);
        assertThatThrownBy(() -> r.kernel.addStrategy(spec(new BarTrader()))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(r.kernel::snapshot).hasMessageContaining("start()");
        final Kernel fresh = new Kernel(config(), List.of(silentPort()), EventJournal.NONE);
        assertThatThrownBy(fresh::snapshot).hasMessageContaining("start()");
        r.kernel.start();
        final KernelSnapshot again = r.kernel.snapshot();
        assertThat(again).usingRecursiveComparison().ignoringFields("traceHash").isEqualTo(s);
        final TraceHash seeded = new TraceHash();
        seeded.continueFrom(s.traceHash(), s.outboundEvents());
        assertThat(again.traceHash()).isEqualTo(seeded.hex());
        assertThatThrownBy(r.kernel::start).hasMessageContaining("already started");
    }
}
