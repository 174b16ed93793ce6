package dev.tandem.scenarios.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.scenarios.load.ScenarioLoader;
import dev.tandem.scenarios.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code count} of drifts by kind and {@code max-position}, passing and failing on real runs: the library's external
 * close (one EXTERNAL_CLOSE and one BALANCE drift at the T+5m reconciliation) and runaway loop (five buys of 0.015 BTC
 * under a 5 000 USDT position cap), the same loop selling, and a spot account that starts holding ETH.
 */
class DriftKindAndMaxPositionTest {
    static final long S = 1_000_000_000L;
    static final Path DESYNC = Path.of("library", "position-desync-external-close.yaml");
    static final Path ROGUE = Path.of("library", "rogue-strategy-1000-per-second.yaml");

    static RunFacts desync;
    static RunFacts rogue;
    static InstrumentId btc;

    private static ScenarioRunner.Run run(final String text, final Path as) throws Exception {
        return ScenarioRunner.defaults().runFull(ScenarioLoader.defaults().parse(text, as));
    }

    @BeforeAll
    static void runTheLibraryScenarios() throws Exception {
        desync = run(Files.readString(DESYNC), DESYNC).record();
        rogue = run(Files.readString(ROGUE), ROGUE).record();
        btc = rogue.kernel().config().instruments().get(0).id();
    }

    private static Anchor at(final RunFacts run, final long secondsIn, final String label) {
        return new Anchor(run.startNanos() + secondsIn * S, label);
    }

    private static Expectation.EventCount drifts(final DriftKind kind, final Anchor from, final Anchor until, final Long atLeast,
                                                 final Long atMost) {
        return new Expectation.EventCount(Expectation.Counted.DRIFTS, null, kind, null, from, until, atLeast, atMost);
    }

    /** How many the count found (its bounds 0..∞ always pass). */
    private static long counted(final DriftKind kind, final Anchor from, final Anchor until) {
        final ExpectationOutcome o = drifts(kind, from, until, 0L, null).evaluate(desync);
        assertThat(o.passed()).isTrue();
        return Long.parseLong(o.actual());
    }

    // ------------------------------------------------------------------ count of drifts by kind

    @Test
    void theExternalCloseAndTheWalletAreOneDriftEach() {
        final Anchor close = at(desync, 270, "the start of fault 'close'");
        final Anchor until = at(desync, 302, "T+5m2s");
        final ExpectationOutcome external = drifts(DriftKind.EXTERNAL_CLOSE, close, until, 1L, 1L).evaluate(desync);
        assertThat(external.passed()).isTrue();
        assertThat(external.when()).startsWith("first at T+5m");
        assertThat(drifts(DriftKind.BALANCE, close, until, 1L, 1L).evaluate(desync).passed()).isTrue();
        assertThat(drifts(DriftKind.MISSING_ORDER, null, null, 0L, 0L).evaluate(desync).passed()).isTrue();
        // the drift the run really has is what the filter counts: the kernel's own events say so
        final List<DriftKind> seen = new ArrayList<>();
        for (final KernelEvent e : desync.events()) {
            if (e instanceof DriftDetected d) {
                seen.add(d.kind());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(DriftKind.EXTERNAL_CLOSE, DriftKind.BALANCE);
    }

    @Test
    void theKindsPartitionTheDrifts() {
        for (final Anchor[] w : new Anchor[][] {{null, null}, {at(desync, 270, "close"), at(desync, 302, "T+5m2s")},
                {null, at(desync, 270, "close")}}) {
            long sum = 0;
            for (final DriftKind k : DriftKind.values()) {
                sum += counted(k, w[0], w[1]);
            }
            assertThat(sum).isEqualTo(counted(null, w[0], w[1]));
        }
        assertThat(counted(null, null, null)).isEqualTo(2);
    }

    @Test
    void aWrongCountOfOneKindFailsAndShowsEveryKindFoundInTheWindow() {
        final Anchor close = at(desync, 270, "the start of fault 'close'");
        final ExpectationOutcome two = drifts(DriftKind.EXTERNAL_CLOSE, close, null, 2L, 2L).evaluate(desync);
        assertThat(two.passed()).isFalse();
        assertThat(two.description()).isEqualTo("the number of drifts of kind external-close after the start of fault 'close' "
                + "is exactly 2");
        assertThat(two.expected()).isEqualTo("exactly 2");
        assertThat(two.actual()).matches("1 \\(drifts of every kind in the window: external-close 1 \\(first at T\\+5m[^)]*\\)\\), "
                + "balance 1 \\(first at T\\+5m[^)]*\\)\\)\\)");
        assertThat(two.when()).startsWith("first at T+5m");

        final ExpectationOutcome open = drifts(DriftKind.EXTERNAL_OPEN, close, null, 1L, null).evaluate(desync);
        assertThat(open.passed()).isFalse();
        assertThat(open.actual()).startsWith("0 (drifts of every kind in the window: external-close 1");
        assertThat(open.when()).isEmpty();

        final ExpectationOutcome before = drifts(DriftKind.BALANCE, null, close, 1L, null).evaluate(desync);
        assertThat(before.passed()).isFalse();
        assertThat(before.actual()).isEqualTo("0 (no drift of any kind in the window)");
    }

    @Test
    void aDriftKindFiltersDriftsOnly() {
        assertThatThrownBy(() -> new Expectation.EventCount(Expectation.Counted.DENIED, null, DriftKind.BALANCE, null, null, null,
                1L, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not denied");
    }

    // ------------------------------------------------------------------ max-position

    @Test
    void theRunawayLoopStaysUnderThePositionCapAtEveryMoment() {
        final ExpectationOutcome cap = new Expectation.MaxPosition(btc, 83, null, null).evaluate(rogue);
        assertThat(cap.passed()).isTrue();
        assertThat(cap.description()).isEqualTo("|position| in BTCUSDT never exceeds 0.083");
        assertThat(cap.actual()).isEqualTo("largest |position| 0.075 (long) over 5 position changes");
        // the bound is inclusive: the largest position itself passes
        assertThat(new Expectation.MaxPosition(btc, 75, null, null).evaluate(rogue).passed()).isTrue();
    }

    @Test
    void aBoundBelowTheLargestPositionFailsWithItAndWhen() {
        final ExpectationOutcome o = new Expectation.MaxPosition(btc, 74, null, null).evaluate(rogue);
        assertThat(o.passed()).isFalse();
        assertThat(o.expected()).isEqualTo("at most 0.074");
        assertThat(o.actual()).isEqualTo("largest |position| 0.075 (long) over 5 position changes");
        final long fifth = positions(rogue).get(4).tsInitNanos();
        assertThat(o.when()).isEqualTo("first reached at " + rogue.formatTime(fifth));
        // a lower bound is crossed earlier than the largest position is reached: both times are told
        final ExpectationOutcome low = new Expectation.MaxPosition(btc, 40, null, null).evaluate(rogue);
        assertThat(low.passed()).isFalse();
        assertThat(low.when()).isEqualTo("first above 0.040 at " + rogue.formatTime(positions(rogue).get(2).tsInitNanos())
                + "; largest first reached at " + rogue.formatTime(fifth));
    }

    @Test
    void aWindowCountsThePositionHeldWhenItOpens() {
        // from T+2m the loop is long disabled: no change in the window, but the 0.075 held is in it
        final Anchor twoMinutes = at(rogue, 120, "T+2m");
        final ExpectationOutcome held = new Expectation.MaxPosition(btc, 74, twoMinutes, 60 * S).evaluate(rogue);
        assertThat(held.passed()).isFalse();
        assertThat(held.description()).isEqualTo("|position| in BTCUSDT never exceeds 0.074 within 1m of T+2m");
        assertThat(held.actual()).isEqualTo("largest |position| 0.075 (long) over 0 position changes in the window");
        assertThat(held.when()).isEqualTo("held when the window opened, " + rogue.formatTime(rogue.startNanos() + 120 * S));
        // the first minute, before the loop starts: flat, so even a bound of 0 holds
        final ExpectationOutcome before = new Expectation.MaxPosition(btc, 0, null, 60 * S).evaluate(rogue);
        assertThat(before.passed()).isTrue();
        assertThat(before.actual()).isEqualTo("largest |position| 0.000 over 0 position changes in the window");
        // a window that ends inside the burst sees only its first fills
        final long second = positions(rogue).get(1).tsInitNanos();
        final ExpectationOutcome early = new Expectation.MaxPosition(btc, 30, null, second - rogue.startNanos()).evaluate(rogue);
        assertThat(early.passed()).isTrue();
        assertThat(early.actual()).isEqualTo("largest |position| 0.030 (long) over 2 position changes in the window");
    }

    @Test
    void aShortPositionIsBoundedByItsSize() throws Exception {
        final RunFacts sells = run(Files.readString(ROGUE).replace("side: BUY", "side: SELL"), ROGUE).record();
        assertThat(sells.kernel().portfolio().positionQty(btc)).as("the loop sold").isNegative();
        assertThat(new Expectation.MaxPosition(btc, 83, null, null).evaluate(sells).passed()).isTrue();
        final ExpectationOutcome o = new Expectation.MaxPosition(btc, 74, null, null).evaluate(sells);
        assertThat(o.passed()).isFalse();
        assertThat(o.actual()).isEqualTo("largest |position| 0.075 (short) over 5 position changes");
    }

    @Test
    void aSpotHoldingTheAccountStartsWithCounts() throws Exception {
        final String text = """
                seed: 7
                instruments: [{preset: ethusdt-spot}]
                account: {balances: {USDT: "10000", ETH: "1.25"}}
                market-data: {generator: {process: gbm, initial-price: "3000.00", step: 1s, bar-interval: 1s, volatility: 0.2}}
                strategy: {id: holder, name: buy-and-hold, params: {qty: "0.3"}}   # 900 USDT: under the default 1 000 order cap
                run: {length: 2m, sample-every: 10s}
                """;
        final RunFacts spot = run(text, Path.of("spot.yaml")).record();
        final InstrumentId eth = spot.kernel().config().instruments().get(0).id();
        assertThat(spot.kernel().portfolio().positionQty(eth)).as("1.25 held + 0.3 bought").isEqualTo(15_500);
        final ExpectationOutcome whole = new Expectation.MaxPosition(eth, 15_499, null, null).evaluate(spot);
        assertThat(whole.passed()).isFalse();
        assertThat(whole.actual()).isEqualTo("largest |position| 1.5500 (long) over 1 position change");
        // before the buy only the starting holding is there, and it counts
        final long buy = positions(spot).get(0).tsInitNanos();
        final ExpectationOutcome start = new Expectation.MaxPosition(eth, 12_000, null, buy - spot.startNanos() - 1).evaluate(spot);
        assertThat(start.passed()).isFalse();
        assertThat(start.actual()).isEqualTo("largest |position| 1.2500 (long) over 0 position changes in the window");
        assertThat(new Expectation.MaxPosition(eth, 12_500, null, buy - spot.startNanos() - 1).evaluate(spot).passed()).isTrue();
    }

    private static List<PositionChanged> positions(final RunFacts run) {
        final List<PositionChanged> out = new ArrayList<>();
        for (final KernelEvent e : run.events()) {
            if (e instanceof PositionChanged p) {
                out.add(p);
            }
        }
        return out;
    }
}
