package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.PX;
import static dev.tandem.sim.Fixtures.QTY;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.kernel.strategy.OpenOrder;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.sim.fault.FaultPhase;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.FaultProfile;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.agent.LadderAgent;
import dev.tandem.sim.agent.NoiseTaker;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same seed ⇒ same run: a busy strategy on the simulated venue under every fault type (a random plan drawn from the
 * seed), jittery latencies with spikes and a random-walk bar series; two runs give the same kernel trace hash, the
 * same venue digest (which covers the fault log) and the same fault log; another seed gives another run.
 */
class SimDeterminismTest {
    private static final int SECONDS = 900;
    private static final long MAKER = 300;
    private static final long TAKER = 301;

    /** What one run leaves behind. */
    private record Outcome(String traceHash, String venueDigest, String runDigest, List<FaultRecord> faultLog, long fills) {}

    private static List<MarketData> walk(final long seed) {
        final RandomSource r = RandomSource.forComponent(seed, "test:bars");
        final List<MarketData> out = new ArrayList<>();
        long px = PX;
        for (int i = 1; i <= SECONDS; i++) {
            final long open = px;
            final long close = BTC.roundPrice(open + r.nextLong(-3_000, 3_000));
            final long high = Math.max(open, close) + BTC.roundPrice(r.nextLong(0, 1_500));
            final long low = Math.min(open, close) - BTC.roundPrice(r.nextLong(0, 1_500));
            final long t = START + i * SECOND;
            out.add(new Bar(ID, t - SECOND, SECOND, open, high, low, close, 0, t, t));
            px = close;
        }
        return out;
    }

    private static Object act(final StrategyContext c, final int step) {
        final long last = c.market().lastPrice(ID);
        if (last <= 0) {
            return null;
        }
        switch (step % 5) {
            case 0:
                return Fixtures.marketBuy(c, QTY);
            case 1:
                return Fixtures.limitBuy(c, BTC.roundPrice(last - BTC.price("20.00")), QTY);
            case 2:
                for (final OpenOrder o : c.openOrders()) {
                    c.cancel(o.clientOrderId());
                }
                return null;
            case 3:
                return Fixtures.stopSell(c, BTC.roundPrice(last - BTC.price("30.00")), QTY);
            default:
                return Fixtures.marketSell(c, QTY);
        }
    }

    private static Outcome run(final long seed) {
        final ScriptedStrategy s = new ScriptedStrategy();
        for (int i = 0; i < SECONDS / 3; i++) {
            final int step = i;
            s.at(START + 2 * SECOND + i * 3 * SECOND + SECOND / 3, c -> act(c, step));
        }
        final FaultPlan plan = FaultProfile.everything().withMeanGap(20 * SECOND)
                .draw(seed, START + 10 * SECOND, START + (SECONDS - 60) * SECOND, List.of(ID.symbol()));
        final SimHarness h = SimHarness.builder(Fixtures.config(seed).withReconcileInterval(60 * SECOND))
                .faults(plan)
                .latency(LatencyProfile.defaults())
                .strategy(Fixtures.spec(s))
                .build().start();
        h.replay(walk(seed)).runUntil(START + SECONDS * SECOND);
        return new Outcome(h.traceHash(), h.venueDigest(), h.runDigest(), h.faultLog(), h.events(OrderFilled.class).size());
    }

    /** A book-driven run: background agents quote and trade; the kernel trades against them; all data kinds. */
    private static Outcome runOnABook(final long seed) {
        final ScriptedStrategy s = new ScriptedStrategy();
        for (int i = 0; i < SECONDS / 3; i++) {
            final int step = i;
            s.at(START + 2 * SECOND + i * 3 * SECOND + SECOND / 3, c -> act(c, step));
        }
        final long end = START + SECONDS * SECOND;
        final FaultPlan plan = FaultProfile.everything().withMeanGap(30 * SECOND).withDurations(SECOND, 8 * SECOND)
                .draw(seed, START + 10 * SECOND, end - 60 * SECOND, List.of(ID.symbol()));
        final SimHarness h = SimHarness.builder(Fixtures.config(seed).withReconcileInterval(60 * SECOND))
                .faults(plan)
                .latency(LatencyProfile.defaults())
                .barFill(BarFill.NONE)
                .venue(v -> v.withAccount(SimAccount.agent(MAKER)).withAccount(SimAccount.agent(TAKER)))
                .subscribe(EnumSet.allOf(DataKind.class))
                .strategy(Fixtures.spec(s))
                .build();
        h.venue().addAgent(MAKER, new LadderAgent(ID.symbol(), PX, 5, BTC.qty("0.050"), SECOND / 2, 3, end));
        h.venue().addAgent(TAKER, new NoiseTaker(ID.symbol(), SECOND, 5, end));
        h.start();
        h.replay(Feeds.marks(ID, START + SECOND, 5 * SECOND, SECONDS / 5, PX)).runUntil(end);
        return new Outcome(h.traceHash(), h.venueDigest(), h.runDigest(), h.faultLog(), h.events(OrderFilled.class).size());
    }

    /**
     * The venue alone (agents quoting and trading under every fault type, no strategy) against a digest written by
     * an earlier JVM: catches per-JVM effects (hash salts, identity hashes) that running twice in one JVM would miss.
     * If a deliberate change to the venue moves it, update the constant (and say why in the commit).
     */
    @Test
    void aVenueOnlyRunMatchesItsGoldenDigest() {
        final long end = START + 300 * SECOND;
        final FaultPlan plan = FaultProfile.everything().withMeanGap(10 * SECOND).withDurations(SECOND, 5 * SECOND)
                .draw(99, START, end - 30 * SECOND, List.of(ID.symbol()));
        final SimHarness h = SimHarness.builder(Fixtures.config(99)).faults(plan).latency(LatencyProfile.defaults())
                .barFill(BarFill.NONE)
                .venue(v -> v.withAccount(SimAccount.agent(MAKER)).withAccount(SimAccount.agent(TAKER)))
                .subscribe(EnumSet.allOf(DataKind.class))
                .strategy(Fixtures.spec(new ScriptedStrategy()))
                .build();
        h.venue().addAgent(MAKER, new LadderAgent(ID.symbol(), PX, 5, BTC.qty("0.050"), SECOND / 2, 3, end));
        h.venue().addAgent(TAKER, new NoiseTaker(ID.symbol(), SECOND / 3, 5, end));
        h.start();
        h.replay(Feeds.marks(ID, START + SECOND, 5 * SECOND, 60, PX)).runUntil(end);
        assertThat(h.venue().tradeCount()).isGreaterThan(500);
        assertThat(h.venueDigest()).isEqualTo(GOLDEN_VENUE_DIGEST);
    }

    private static final String GOLDEN_VENUE_DIGEST = "bf9810f7c1751ab6c202f74dbfc08d9cfa5c2defb1226f1b4748274409d2ddc2";

    @Test
    void aBookDrivenRunWithAgentsIsAlsoAPureFunctionOfTheSeed() {
        final Outcome a = runOnABook(77L);
        final Outcome b = runOnABook(77L);
        assertThat(b).isEqualTo(a);
        assertThat(a.fills()).isGreaterThan(20);
        assertThat(runOnABook(78L).runDigest()).isNotEqualTo(a.runDigest());
    }

    @Test
    void theSameSeedGivesTheSameTraceHashVenueDigestAndFaultLog() {
        final Outcome a = run(20240601L);
        final Outcome b = run(20240601L);
        assertThat(b.traceHash()).isEqualTo(a.traceHash());
        assertThat(b.venueDigest()).isEqualTo(a.venueDigest());
        assertThat(b.runDigest()).isEqualTo(a.runDigest());
        assertThat(b.faultLog()).isEqualTo(a.faultLog());
        // the run was eventful: it traded, and faults of many types started
        assertThat(a.fills()).isGreaterThan(20);
        final EnumSet<FaultType> started = EnumSet.noneOf(FaultType.class);
        a.faultLog().stream().filter(r -> r.phase() == FaultPhase.START).forEach(r -> started.add(r.type()));
        assertThat(started.size()).isGreaterThanOrEqualTo(10);

        final Outcome other = run(20240602L);
        assertThat(other.runDigest()).isNotEqualTo(a.runDigest());
        assertThat(other.traceHash()).isNotEqualTo(a.traceHash());
    }
}
