package dev.tandem.kernel.strategy.library;

import static dev.tandem.kernel.strategy.library.Rig.BTC;
import static dev.tandem.kernel.strategy.library.Rig.MILLI;
import static dev.tandem.kernel.strategy.library.Rig.SECOND;
import static dev.tandem.kernel.strategy.library.Rig.px;
import static dev.tandem.kernel.strategy.library.Rig.qty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.event.DisengageKillSwitch;
import dev.tandem.kernel.event.EngageKillSwitch;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.PauseStrategy;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.ResumeStrategy;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.kernel.strategy.StrategySpec;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.KernelHarness;
import dev.tandem.testkit.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code market-maker}: hand-worked quotes around a 60 000.00 mid with a 10 bps spread (half spread 30.00), size 0.001,
 * maxInventory 10 (M = 0.010) and 5 bps skew (30.00 at full inventory, so 3.00 per 0.001 held).
 */
class MarketMakerTest {
    private static final String[] BASE = {"spreadBps", "10", "size", "0.001", "maxInventory", "10", "skewBps", "5", "minRequoteMs", "0"};

    private static String[] with(final String... more) {
        final String[] out = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, out, BASE.length, more.length);
        return out;
    }

    private static MarketMaker mm(final StrategySpec spec) {
        return (MarketMaker) spec.strategy();
    }

    /** A quote whose mid is {@code mid} (one tick each side). */
    private static void touch(final KernelHarness h, final long at, final String mid) {
        final long m = px(mid);
        h.quote(BTC.id(), at, m - 10, qty("1"), m + 10, qty("1"));
    }

    private static List<String> open(final KernelHarness h) {
        final List<String> out = new ArrayList<>();
        for (final VenueOrder o : h.port().openOrders()) {
            out.add(o.side() + " " + BTC.formatQty(o.qty() - o.filledQty()) + "@" + BTC.formatPrice(o.price()));
        }
        return out;
    }

    private static VenueOrder resting(final KernelHarness h, final Side side) {
        return h.port().openOrders().stream().filter(o -> o.side() == side).findFirst().orElseThrow();
    }

    /** Fills the resting order of that side completely, at {@code at}. */
    private static void fill(final KernelHarness h, final long at, final Side side) {
        h.atTime(at, () -> {
            final VenueOrder o = resting(h, side);
            h.port().fillRestingOrder(o.clientOrderId(), o.qty() - o.filledQty());
        });
    }

    private static MarketMaker.Targets t(final String bid, final String bidQty, final String ask, final String askQty) {
        return new MarketMaker.Targets(bid == null ? 0 : px(bid), qty(bidQty), ask == null ? 0 : px(ask), qty(askQty));
    }

    @Test
    void targetsAreHandWorked() {
        final StrategySpec spec = Rig.spec("market-maker", BASE);
        Rig.start(Rig.unlimited(), spec);
        final MarketMaker m = mm(spec);
        final long mid = px("60000");
        // flat: 60 000 ∓ 30
        assertThat(m.targets(mid, 0, TradingState.ACTIVE)).isEqualTo(t("59970", "0.001", "60030", "0.001"));
        // long 0.005: reservation 60 000 − 30 × 5/10 = 59 985
        assertThat(m.targets(mid, qty("0.005"), TradingState.ACTIVE)).isEqualTo(t("59955", "0.001", "60015", "0.001"));
        // short 0.005: reservation 60 015
        assertThat(m.targets(mid, -qty("0.005"), TradingState.ACTIVE)).isEqualTo(t("59985", "0.001", "60045", "0.001"));
        // at the limit: no bid (a fill would go beyond M); one lot below it: a full bid still fits
        assertThat(m.targets(mid, qty("0.010"), TradingState.ACTIVE)).isEqualTo(t("59940", "0", "60000", "0.001"));
        assertThat(m.targets(mid, qty("0.009"), TradingState.ACTIVE).bidQty()).isEqualTo(qty("0.001"));
        assertThat(m.targets(mid, -qty("0.010"), TradingState.ACTIVE)).isEqualTo(t("60000", "0.001", "60060", "0"));
        // REDUCING: only the side that reduces, at most the position
        assertThat(m.targets(mid, qty("0.003"), TradingState.REDUCING)).isEqualTo(t("59961", "0", "60021", "0.001"));
        assertThat(m.targets(mid, -qty("0.003"), TradingState.REDUCING)).isEqualTo(t("59979", "0.001", "60039", "0"));
        assertThat(m.targets(mid, 0, TradingState.REDUCING)).isEqualTo(t("59970", "0", "60030", "0"));
        // off-grid mid: bid rounds down, ask up, to the 0.10 tick
        assertThat(m.targets(px("60000.05"), 0, TradingState.ACTIVE)).isEqualTo(t("59970", "0.001", "60030.10", "0.001"));
    }

    @Test
    void sizesAreCappedSoThatAFillNeverPassesTheLimit() {
        final StrategySpec spec = Rig.spec("market-maker", with("size", "0.004", "maxInventory", "2")); // M = 0.008
        Rig.start(Rig.unlimited(), spec);
        final MarketMaker.Targets t = mm(spec).targets(px("60000"), qty("0.006"), TradingState.ACTIVE);
        assertThat(t.bidQty()).isEqualTo(qty("0.002"));
        assertThat(t.askQty()).isEqualTo(qty("0.004"));
    }

    @Test
    void quotesBothSidesThenSkewsAfterAFill() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", BASE));
        touch(h, h.at(1), "60000");
        h.runUntil(h.at(1.5));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
        assertThat(h.commands(SubmitOrder.class)).allSatisfy(s -> {
            assertThat(s.type()).isEqualTo(OrderType.LIMIT);
            assertThat(s.timeInForce()).isEqualTo(TimeInForce.GTC);
        });

        // the bid fills: long 0.001 → reservation 59 997 → bid 59 967, ask 60 027 (the old ask is canceled, then replaced)
        fill(h, h.at(2), Side.BUY);
        h.runUntil(h.at(3));
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isEqualTo(qty("0.001"));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59967.00", "SELL 0.001@60027.00");
        assertThat(h.commands(SubmitOrder.class)).hasSize(4);
        assertThat(h.commands(CancelOrder.class)).hasSize(1);
    }

    @Test
    void stopsQuotingTheBidAtMaxInventory() {
        // M = 0.002; skew 4 bps = 24.00 at M, so the ask stays above the mid (the scripted venue fills a marketable limit)
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("maxInventory", "2", "skewBps", "4")));
        touch(h, h.at(1), "60000");
        fill(h, h.at(2), Side.BUY);
        fill(h, h.at(3), Side.BUY);
        h.runUntil(h.at(4));
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isEqualTo(qty("0.002"));
        // full skew (24.00): reservation 59 976 → ask 60 006.00; no bid
        assertThat(open(h)).containsExactly("SELL 0.001@60006.00");
        // and it comes back once the ask fills
        fill(h, h.at(5), Side.SELL);
        h.runUntil(h.at(6));
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isEqualTo(qty("0.001"));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59958.00", "SELL 0.001@60018.00");
    }

    @Test
    void requotesOnlyWhenTheMidMovedAtLeastRequoteBps() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("requoteBps", "1")));
        touch(h, h.at(1), "60000");
        touch(h, h.at(2), "60005"); // 0.83 bps: quotes stay
        h.runUntil(h.at(2.5));
        assertThat(h.commands(CancelOrder.class)).isEmpty();
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
        touch(h, h.at(3), "60006"); // 1 bps of 60 000: both sides move
        h.runUntil(h.at(3.5));
        assertThat(h.commands(CancelOrder.class)).hasSize(2);
        // half spread 60 006 × 5 bps = 30.003 → 30.00 (rounded to the price scale), then to the tick
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59976.00", "SELL 0.001@60036.00");
    }

    @Test
    void placementsAreAtLeastMinRequoteMsApart() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("minRequoteMs", "250", "requoteBps", "0")));
        for (int i = 0; i < 40; i++) {
            touch(h, h.at(1 + i * 0.025), Integer.toString(60000 + 10 * i)); // a new mid every 25 ms for 1 s
        }
        h.runUntil(h.at(3));
        final List<Long> buys = h.commands(SubmitOrder.class).stream().filter(s -> s.side() == Side.BUY).map(SubmitOrder::tsInitNanos).toList();
        assertThat(buys.size()).isBetween(3, 5);
        for (int i = 1; i < buys.size(); i++) {
            assertThat(buys.get(i) - buys.get(i - 1)).isGreaterThanOrEqualTo(250 * MILLI);
        }
        // the last placement caught up with the last mid (60 390) by the requote timer
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@60359.80", "SELL 0.001@60420.20");
    }

    @Test
    void quotesAgainAfterTheRiskEngineDeniedItsQuotesEvenWithoutFurtherMarketData() {
        // regression (seed 1010, 1 s bars, minRequoteMs 250): quotes denied RISK_ORDER_RATE_GLOBAL left nothing resting,
        // so no order event came; the only book had been its own quotes, so no quote came either: it never quoted again
        final RiskLimits limits = RiskLimits.unlimited().toBuilder().globalOrderRate(2, 10 * SECOND).build();
        final KernelHarness h = Rig.start(Rig.config(limits), Rig.spec("market-maker", with("minRequoteMs", "250")));
        touch(h, h.at(1), "60000");
        touch(h, h.at(2), "60100"); // moves the mid: both quotes are canceled, their replacements denied
        h.runUntil(h.at(3));
        assertThat(h.events(OrderDenied.class)).extracting(OrderDenied::reason).containsOnly(ReasonCode.RISK_ORDER_RATE_GLOBAL).isNotEmpty();
        assertThat(open(h)).isEmpty();
        h.runUntil(h.at(15)); // no market data at all after T+2s; the window has room again from T+11s
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@60069.90", "SELL 0.001@60130.10");
        // retries are paced (at least DENIAL_RETRY_MS apart), never a burst of denied intents
        final List<Long> denials = h.events(OrderDenied.class).stream().map(OrderDenied::tsEventNanos).distinct().toList();
        for (int i = 1; i < denials.size(); i++) {
            assertThat(denials.get(i) - denials.get(i - 1)).isGreaterThanOrEqualTo(MarketMaker.DENIAL_RETRY_MS * MILLI);
        }
    }

    @Test
    void pullsItsQuotesWhenHaltedAndPlacesNothingUntilTradingResumes() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", BASE));
        touch(h, h.at(1), "60000");
        h.publish(new EngageKillSwitch("ops", "drill", false, h.at(2), h.at(2)));
        touch(h, h.at(3), "60100");
        touch(h, h.at(4), "60200");
        h.runUntil(h.at(4.5));
        assertThat(open(h)).isEmpty();
        assertThat(h.commands(SubmitOrder.class)).hasSize(2); // only the first two quotes
        assertThat(h.events(OrderDenied.class)).isEmpty(); // it did not even try
        h.publish(new DisengageKillSwitch("ops", "over", h.at(5), h.at(5)));
        touch(h, h.at(6), "60200");
        h.runUntil(h.at(6.5));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@60169.90", "SELL 0.001@60230.10");
    }

    @Test
    void pullsItsQuotesWhenPausedAndQuotesAgainWhenResumed() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", BASE));
        touch(h, h.at(1), "60000");
        h.publish(new PauseStrategy("ops", new StrategyId("s1"), "look", h.at(2), h.at(2)));
        touch(h, h.at(3), "60000");
        h.runUntil(h.at(3.5));
        assertThat(open(h)).isEmpty();
        assertThat(h.commands(CancelOrder.class)).hasSize(2);
        h.publish(new ResumeStrategy("ops", new StrategyId("s1"), "ok", h.at(4), h.at(4)));
        touch(h, h.at(5), "60000");
        h.runUntil(h.at(5.5));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
    }

    @Test
    void quotesOnlyTheReducingSideWhenTradingIsReducing() {
        // any margin use at all puts the account into REDUCING (no flatten threshold)
        final KernelConfig config = Rig.config(RiskLimits.unlimited().toBuilder().marginRatio(1, 0).build());
        final KernelHarness h = Rig.start(config, Rig.spec("market-maker", BASE));
        touch(h, h.at(1), "60000");
        fill(h, h.at(2), Side.BUY);
        h.runUntil(h.at(3));
        assertThat(h.events(TradingStateChanged.class)).extracting(TradingStateChanged::to).containsExactly(TradingState.REDUCING);
        assertThat(h.kernel().risk().tradingState()).isEqualTo(TradingState.REDUCING);
        // long 0.001: only an ask, of at most the position, at the skewed price
        assertThat(open(h)).containsExactly("SELL 0.001@60027.00");
        assertThat(h.commands(SubmitOrder.class).stream().filter(s -> s.side() == Side.BUY)).hasSize(1);
        assertThat(h.events(OrderDenied.class)).isEmpty();
        // the ask fills: flat, no margin used, back to ACTIVE and both sides again
        fill(h, h.at(4), Side.SELL);
        touch(h, h.at(5), "60000");
        h.runUntil(h.at(6));
        assertThat(h.kernel().portfolio().positionQty(BTC.id())).isZero();
        assertThat(h.events(TradingStateChanged.class)).extracting(TradingStateChanged::to)
                .containsExactly(TradingState.REDUCING, TradingState.ACTIVE);
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
    }

    @Test
    void theWatchdogPullsQuotesAfterMarketDataSilence() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("watchdogMs", "1000")));
        touch(h, h.at(1), "60000");
        touch(h, h.at(1.6), "60000");
        h.runUntil(h.at(2.5));
        assertThat(open(h)).hasSize(2); // checked at 2.0 s: only 0.4 s of silence
        h.runUntil(h.at(3.5));
        assertThat(open(h)).isEmpty(); // checked at 3.0 s: 1.4 s of silence
        touch(h, h.at(4), "60000");
        h.runUntil(h.at(4.5));
        assertThat(open(h)).hasSize(2);
    }

    @Test
    void aRefusedCancelIsTriedAgainOnTheNextMarketDataNotInALoop() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", BASE));
        touch(h, h.at(1), "60000");
        h.atTime(h.at(1.5), () -> {
            h.port().rejectNextCancel(ReasonCode.VENUE_OTHER);
            h.port().rejectNextCancel(ReasonCode.VENUE_OTHER);
        });
        touch(h, h.at(2), "60100"); // both quotes stale: both cancels refused
        h.runUntil(h.at(2.5));
        assertThat(h.commands(CancelOrder.class)).hasSize(2);
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
        touch(h, h.at(3), "60100");
        h.runUntil(h.at(3.5));
        assertThat(h.commands(CancelOrder.class)).hasSize(4);
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@60069.90", "SELL 0.001@60130.10");
    }

    @Test
    void postOnlyQuotes() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("postOnly", "true")));
        touch(h, h.at(1), "60000");
        h.runUntil(h.at(2));
        assertThat(h.commands(SubmitOrder.class)).hasSize(2)
                .allSatisfy(s -> assertThat(s.timeInForce()).isEqualTo(TimeInForce.POST_ONLY));
    }

    @Test
    void usesBarClosesAsTheMidUntilItSeesAQuote() {
        final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", BASE));
        h.bar(BTC.id(), h.at(60), px("60000"));
        h.runUntil(h.at(60.5));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@59970.00", "SELL 0.001@60030.00");
        touch(h, h.at(61), "60100");
        h.bar(BTC.id(), h.at(120), px("50000")); // ignored: quotes give the mid now
        h.runUntil(h.at(121));
        assertThat(open(h)).containsExactlyInAnyOrder("BUY 0.001@60069.90", "SELL 0.001@60130.10");
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> Rig.spec("market-maker", "spreadBps", "0"))
                .hasMessage("strategy 'market-maker' parameter 'spreadBps': must be decimal 0.01..10000, got '0'");
        assertThatThrownBy(() -> Rig.spec("market-maker", "spreadBps", "10.001"))
                .hasMessage("strategy 'market-maker' parameter 'spreadBps': must have at most 2 decimals, got '10.001'");
        assertThatThrownBy(() -> Rig.spec("market-maker", "maxInventory", "0"))
                .hasMessage("strategy 'market-maker' parameter 'maxInventory': must be integer 1..1000000, got '0'");
        assertThatThrownBy(() -> Rig.spec("market-maker", "minRequoteMs", "-1"))
                .hasMessage("strategy 'market-maker' parameter 'minRequoteMs': must be integer 0..3600000, got '-1'");
        assertThat(mm(StrategyLibrary.create("market-maker", null, "m", BTC)).config())
                .isEqualTo(new MarketMaker.Config(1_000, QtyParam.min("size"), 10, 500, 100, 250, false, 0));
    }

    /** One step of a random market: a new mid, and whether each resting quote gets filled. */
    private record Step(int midTicks, boolean fillBid, boolean fillAsk) {}

    @Test
    void neverHoldsMoreThanMaxInventoryAndNeverHasTwoOrdersOnOneSide() {
        final Gen<List<Step>> steps = Gen.listOf(Gen.zip(Gen.ints(-400, 400), Gen.booleans(0.4), Gen.booleans(0.3), Step::new), 1, 60);
        final boolean[] reachedLimit = {false};
        Property.forAll(Gen.pairs(Gen.ints(1, 4), steps)).tries(60).check(c -> {
            final int maxInventory = c.first();
            // skew below the half spread: quotes never cross the (scripted) market, so only the generated fills move inventory
            final KernelHarness h = Rig.start(Rig.unlimited(), Rig.spec("market-maker", with("maxInventory", Integer.toString(maxInventory),
                    "skewBps", "4", "minRequoteMs", "100")));
            final long limit = maxInventory * qty("0.001");
            h.onCommand(cmd -> {
                if (cmd instanceof SubmitOrder s) {
                    assertThat(h.port().openOrders().stream().filter(o -> o.side() == s.side())).as("resting %s orders", s.side()).isEmpty();
                }
            });
            long t = h.at(1);
            for (final Step s : c.second()) {
                touch(h, t, Fixed.format(px("60000") + s.midTicks() * 10L, 2));
                final long fillAt = t + 50 * MILLI;
                if (s.fillBid()) {
                    h.atTime(fillAt, () -> h.port().openOrders().stream().filter(o -> o.side() == Side.BUY).findFirst()
                            .ifPresent(o -> h.port().fillRestingOrder(o.clientOrderId(), o.qty() - o.filledQty())));
                }
                if (s.fillAsk()) {
                    h.atTime(fillAt, () -> h.port().openOrders().stream().filter(o -> o.side() == Side.SELL).findFirst()
                            .ifPresent(o -> h.port().fillRestingOrder(o.clientOrderId(), o.qty() - o.filledQty())));
                }
                t += 200 * MILLI;
            }
            h.runUntil(t + SECOND);
            assertThat(h.events(PositionChanged.class)).allSatisfy(p -> assertThat(Math.abs(p.signedQty())).isLessThanOrEqualTo(limit));
            reachedLimit[0] |= h.events(PositionChanged.class).stream().anyMatch(p -> Math.abs(p.signedQty()) == limit);
            assertThat(h.kernel().checkInvariants()).isEmpty();
        });
        assertThat(reachedLimit[0]).as("some generated market drove the inventory to the limit").isTrue();
    }
}
