package dev.tandem.kernel.risk;

import static dev.tandem.kernel.risk.RiskHarness.BTC;
import static dev.tandem.kernel.risk.RiskHarness.BTC_OTHER;
import static dev.tandem.kernel.risk.RiskHarness.ETH;
import static dev.tandem.kernel.risk.RiskHarness.MM;
import static dev.tandem.kernel.risk.RiskHarness.S1;
import static dev.tandem.kernel.risk.RiskHarness.S2;
import static dev.tandem.kernel.risk.RiskHarness.SECOND;
import static dev.tandem.kernel.risk.RiskHarness.T0;
import static dev.tandem.kernel.risk.RiskHarness.ids;
import static dev.tandem.kernel.risk.RiskHarness.limit;
import static dev.tandem.kernel.risk.RiskHarness.market;
import static dev.tandem.kernel.risk.RiskHarness.money;
import static dev.tandem.kernel.risk.RiskHarness.rate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.time.TimerQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot, restore and digest: a restored engine is indistinguishable from the original. */
class RiskSnapshotTest {

    private static RiskHarness fresh() {
        final RiskHarness h = new RiskHarness(RiskLimits.defaults());
        h.portfolio.equity(money("100000")).freeBalance("USDT", money("100000"));
        h.market.mark(BTC.id(), BTC.price("50000")).mark(ETH.id(), ETH.price("3000")).mark(BTC_OTHER.id(), BTC_OTHER.price("50000"));
        return h;
    }

    private static void register(final RiskHarness h) {
        h.engine.registerStrategy(S1, ids(BTC, ETH), false);
        h.engine.registerStrategy(MM, ids(BTC), true);
        h.engine.registerStrategy(S2, ids(BTC_OTHER), false);
    }

    private static List<ReasonCode> firstHalf(final RiskHarness h) {
        final List<ReasonCode> out = new ArrayList<>();
        h.engine.onMarketData(BTC.id());
        h.engine.onMarketData(ETH.id());
        h.engine.onEquity(money("100000"));
        for (int i = 0; i < 15; i++) {
            out.add(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason());
        }
        h.engine.onOrderEvent(new OrderFilled(new ClientOrderId("m1"), MM, BTC.id(), "t1", Side.BUY, BTC.price("50000"), BTC.qty("0.1"),
                BTC.qty("0.1"), 0, 0, Liquidity.MAKER, false, T0, T0));
        for (int i = 0; i < 3; i++) {
            h.engine.onOrderEvent(new OrderRejected(new ClientOrderId("r" + i), S2, BTC_OTHER.id(), ReasonCode.VENUE_OTHER, "x", T0, T0));
        }
        h.engine.onBreakerStateChanged("OTHER", BreakerState.OPEN);
        h.scheduler.advanceTo(T0 + 5 * SECOND, h.engine);
        h.engine.onMarketData(BTC.id());
        h.engine.onMarginRatio(rate("0.75"));
        h.engine.onEquity(money("97000"));
        out.add(h.check(limit(S1, BTC, Side.SELL, "50000", "0.001")).reason());
        return out;
    }

    private static List<ReasonCode> secondHalf(final RiskHarness h) {
        final List<ReasonCode> out = new ArrayList<>();
        h.scheduler.advanceTo(T0 + 12 * SECOND, h.engine); // ETH went stale at T0 + 10 s
        out.add(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason());
        h.engine.onMarketData(ETH.id());
        h.engine.onMarginRatio(rate("0.5"));
        out.add(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")).reason());
        h.engine.onBreakerStateChanged("OTHER", BreakerState.CLOSED);
        out.add(h.check(limit(S2, BTC_OTHER, Side.BUY, "50000", "0.001")).reason());
        h.engine.onEquity(money("94000"));
        out.add(h.check(market(S1, BTC, Side.BUY, "0.001")).reason());
        h.engine.disengageKillSwitch("ops", "go on");
        h.market.mark(BTC.id(), BTC.price("45000"));
        h.engine.onMarkPrice(BTC.id());
        h.engine.disengageKillSwitch("ops", "go on again");
        h.scheduler.advanceTo(T0 + 20 * SECOND, h.engine);
        h.engine.onMarketData(BTC.id());
        h.engine.onMarketData(ETH.id());
        out.add(h.check(limit(S1, ETH, Side.BUY, "3000", "0.1")).reason());
        h.scheduler.advanceTo(T0 + RiskEngine.DAY_NANOS, h.engine);
        h.engine.onEquity(money("93000"));
        return out;
    }

    private static String digest(final RiskHarness h) {
        final StateDigest d = new StateDigest();
        h.engine.digest(d);
        return d.hex();
    }

    @Test
    void restoredEngineHasTheSameDigestAndBehavesIdentically() {
        final RiskHarness a = fresh();
        register(a);
        firstHalf(a);
        final RiskSnapshot snap = a.engine.snapshot();
        assertThat(snap.strategies()).hasSize(3);
        assertThat(snap.tradingState()).isEqualTo(TradingState.REDUCING);

        final RiskHarness b = fresh();
        b.engine.restore(snap);
        // the kernel restores its timer queue alongside; do the same by hand
        for (final TimerQueue.Due<String> due : a.scheduler.pending()) {
            b.scheduler.timers().restore(due, a.scheduler.timers().nextSeq());
        }
        b.scheduler.set(a.scheduler.nowNanos());
        assertThat(b.engine.snapshot()).isEqualTo(snap);
        assertThat(digest(b)).isEqualTo(digest(a));

        a.sink.clear();
        a.actions.calls.clear();
        final List<ReasonCode> da = secondHalf(a);
        final List<ReasonCode> db = secondHalf(b);
        assertThat(db).isEqualTo(da);
        assertThat(b.sink.events).isEqualTo(a.sink.events).isNotEmpty();
        assertThat(b.actions.calls).isEqualTo(a.actions.calls).isNotEmpty();
        assertThat(b.engine.snapshot()).isEqualTo(a.engine.snapshot());
        assertThat(digest(b)).isEqualTo(digest(a));
    }

    @Test
    void digestIsReproducibleAndSensitiveToState() {
        final RiskHarness a = fresh();
        final RiskHarness b = fresh();
        register(a);
        register(b);
        assertThat(firstHalf(b)).isEqualTo(firstHalf(a));
        assertThat(digest(b)).isEqualTo(digest(a));
        b.check(limit(S1, BTC, Side.SELL, "50000", "0.001"));
        assertThat(digest(b)).isNotEqualTo(digest(a));
        // limits are part of the digest
        final RiskHarness c = new RiskHarness(RiskLimits.builder().openPositionsMax(4).build());
        final RiskHarness d = new RiskHarness(RiskLimits.defaults());
        assertThat(digest(c)).isNotEqualTo(digest(d));
    }
}
