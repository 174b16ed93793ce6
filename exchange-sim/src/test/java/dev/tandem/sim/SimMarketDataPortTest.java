package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.MILLI;
import static dev.tandem.sim.Fixtures.PX;
import static dev.tandem.sim.Fixtures.QTY;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.at;
import static dev.tandem.sim.Fixtures.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.sim.fault.LatencySpec;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimMarketDataPortTest {

    private static List<MarketData> data(final SimHarness h) {
        return h.journal().events().stream().filter(e -> e instanceof MarketData).map(e -> (MarketData) e).toList();
    }

    private static SimHarness.Builder builder() {
        return SimHarness.builder(Fixtures.config(3)).strategy(Fixtures.spec(new ScriptedStrategy()));
    }

    @Test
    void onlySubscribedKindsAreDeliveredUntilUnsubscribed() {
        final SimHarness h = builder().subscribe(EnumSet.of(DataKind.BARS)).build().start();
        h.replay(Feeds.merge(bars(10, PX), Feeds.trades(ID, at(0.5), SECOND, 10, PX, QTY),
                Feeds.quotes(ID, at(0.7), SECOND, 10, PX - 10, PX + 10, QTY)));
        h.atTime(at(5.5), () -> h.marketData().unsubscribe(ID));
        h.runUntil(at(11));
        assertThat(data(h)).hasSize(5).allSatisfy(m -> assertThat(m).isInstanceOf(Bar.class));
        assertThat(h.marketData().subscribed()).isEmpty();
        assertThatThrownBy(() -> h.marketData().subscribe(new InstrumentId("XRPUSDT", "SIM"), EnumSet.of(DataKind.BARS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marketDataArrivesAfterItsLatencyInTheOrderItWasProduced() {
        final LatencySpec md = LatencySpec.jittered(MILLI, 20 * MILLI).withSpikes(0.05, 200 * MILLI);
        final SimHarness h = builder().latency(new LatencyProfile(LatencySpec.fixed(MILLI), LatencySpec.fixed(MILLI),
                LatencySpec.fixed(MILLI), md)).build().start();
        h.replay(Feeds.trades(ID, at(0.001), 5 * MILLI, 2_000, PX, QTY)).runUntil(at(20));
        final List<MarketData> got = data(h);
        assertThat(got).hasSize(2_000);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).tsInitNanos() - got.get(i).tsEventNanos()).isGreaterThanOrEqualTo(MILLI);
            if (i > 0) {
                assertThat(got.get(i).tsEventNanos()).isGreaterThan(got.get(i - 1).tsEventNanos());
                assertThat(got.get(i).tsInitNanos()).isGreaterThanOrEqualTo(got.get(i - 1).tsInitNanos());
            }
        }
        assertThat(h.venue().latency().spikes()).isPositive();
    }

    @Test
    void aReconnectResyncsWithASnapshotOfTheVenuesOwnBookFirst() {
        final SimHarness h = builder().barFill(BarFill.NONE).subscribe(EnumSet.of(DataKind.BOOK, DataKind.TRADES))
                .faults(FaultPlan.of(Fault.mdDisconnect(at(5), 5 * SECOND))).build().start();
        h.replay(Feeds.trades(ID, at(0.5), SECOND, 15, PX, BTC.qty("0.001")));
        h.atTime(at(1), () -> h.agentOrder(BTC, Side.SELL, BTC.price("60000.50"), QTY));
        h.atTime(at(6), () -> h.agentOrder(BTC, Side.BUY, BTC.price("59999.00"), QTY));
        h.runUntil(at(15));

        final List<InboundEvent> in = h.journal().events();
        final InboundEvent first = in.stream().filter(e -> e.tsInitNanos() >= at(10)).findFirst().orElseThrow();
        assertThat(first).isInstanceOf(BookSnapshot.class);
        final BookSnapshot snap = (BookSnapshot) first;
        assertThat(snap.bestBid()).isEqualTo(BTC.price("59999.00"));
        assertThat(snap.bestAsk()).isEqualTo(BTC.price("60000.50"));
        assertThat(snap.tsEventNanos()).isEqualTo(at(10));
        assertThat(in).noneSatisfy(e -> assertThat(e.tsInitNanos()).isBetween(at(5.01), at(9.99)));
    }

    @Test
    void aNewSubscriptionGetsAFreshSnapshot() {
        final SimHarness h = builder().barFill(BarFill.NONE).subscribe(EnumSet.of(DataKind.TRADES)).build().start();
        h.atTime(at(1), () -> h.agentOrder(BTC, Side.SELL, BTC.price("60000.50"), QTY));
        h.atTime(at(2), () -> h.marketData().subscribe(ID, EnumSet.of(DataKind.BOOK)));
        h.runUntil(at(3));
        final List<MarketData> got = data(h);
        assertThat(got).singleElement().isInstanceOf(BookSnapshot.class);
        assertThat(((BookSnapshot) got.get(0)).bestAsk()).isEqualTo(BTC.price("60000.50"));
        assertThat(got.get(0).tsEventNanos()).isEqualTo(at(2));
    }
}
