package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.ID;
import static dev.tandem.sim.Fixtures.PX;
import static dev.tandem.sim.Fixtures.QTY;
import static dev.tandem.sim.Fixtures.SECOND;
import static dev.tandem.sim.Fixtures.at;
import static dev.tandem.sim.Fixtures.bars;
import static dev.tandem.sim.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.ReconcileNow;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.VenueFill;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.port.DataKind;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPlan;
import dev.tandem.sim.matching.BookState;
import dev.tandem.sim.testkit.Feeds;
import dev.tandem.sim.agent.LadderAgent;
import dev.tandem.sim.agent.NoiseTaker;
import dev.tandem.sim.testkit.ScriptedStrategy;
import dev.tandem.sim.testkit.SimHarness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The venue's behaviour with the kernel on top: bar liquidity, trade-through, stops, own book data, accounting. */
class SimVenueTest {
    private static final long OTHER_AGENT = 200;

    private static SimHarness harness(final ScriptedStrategy s, final BarFill fill) {
        return SimHarness.builder(Fixtures.config(7)).barFill(fill).strategy(Fixtures.spec(s)).build().start();
    }

    @Test
    void aMarketOrderInABarRunFillsAtTheLastCloseAsTakerWithTheTakerFee() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(2.5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = harness(s, BarFill.CLOSE);
        h.replay(bars(5, PX)).runUntil(at(5));

        final List<OrderFilled> fills = h.events(OrderFilled.class);
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastPrice()).isEqualTo(PX);
        assertThat(fills.get(0).lastQty()).isEqualTo(QTY);
        assertThat(fills.get(0).liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fills.get(0).feeMoney()).isEqualTo(BTC.fee(BTC.notional(PX, QTY), Liquidity.TAKER));
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isEqualTo(QTY);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(QTY);
        // the bar liquidity's counterpart books nowhere
        assertThat(h.venue().book(ID).bids()).isEmpty();
        assertThat(h.venue().book(ID).asks()).isEmpty();
    }

    @Test
    void aRestingLimitFillsAtItsPriceOnlyWhenABarTradesThroughIt() {
        final long limit = BTC.price("59900.00");
        final ScriptedStrategy s = new ScriptedStrategy().at(at(2.5), c -> Fixtures.limitBuy(c, limit, QTY));
        final SimHarness h = harness(s, BarFill.CLOSE);
        final List<MarketData> data = new ArrayList<>(bars(3, PX));
        data.add(Feeds.bar(ID, at(4), SECOND, PX, PX, limit, PX));                     // touches: no fill
        data.add(Feeds.bar(ID, at(5), SECOND, PX, PX, BTC.price("59899.90"), PX));    // trades through
        h.replay(data).runUntil(at(4.5));
        assertThat(h.events(OrderFilled.class)).isEmpty();
        h.runUntil(at(6));

        final List<OrderFilled> fills = h.events(OrderFilled.class);
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastPrice()).isEqualTo(limit);
        assertThat(fills.get(0).liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(fills.get(0).feeMoney()).isEqualTo(BTC.fee(BTC.notional(limit, QTY), Liquidity.MAKER));
    }

    @Test
    void underNextOpenAMarketOrderWaitsForTheNextBarAndFillsAtItsOpen() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(2.5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = harness(s, BarFill.NEXT_OPEN);
        final List<MarketData> data = new ArrayList<>(bars(2, PX));
        final long open = BTC.price("60010.00");
        data.add(Feeds.bar(ID, at(3), SECOND, open, BTC.price("60020.00"), open, BTC.price("60015.00")));
        h.replay(data).runUntil(at(2.9));
        assertThat(h.events(OrderAccepted.class)).hasSize(1);
        assertThat(h.events(OrderFilled.class)).isEmpty();
        assertThat(h.venue().openOrders(SimHarness.KERNEL_ACCOUNT)).hasSize(1);

        h.runUntil(at(4));
        assertThat(h.events(OrderAccepted.class)).as("accepted once").hasSize(1);
        assertThat(h.events(OrderFilled.class)).extracting(OrderFilled::lastPrice).containsExactly(open);
    }

    @Test
    void aStopTriggeredInsideABarFillsAtItsTriggerPriceAndAGapFillsAtTheOpen() {
        final long trigger = BTC.price("59500.00");
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(1.5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(1.6), c -> Fixtures.marketBuy(c, QTY))
                .at(at(2.5), c -> Fixtures.stopSell(c, trigger, QTY))
                .at(at(4.5), c -> Fixtures.stopSell(c, trigger, QTY));
        final SimHarness h = harness(s, BarFill.CLOSE);
        final List<MarketData> data = new ArrayList<>(bars(3, PX));
        // down bar: O 60000, H 60100, L 59000, C 59800 -> path O, H, L, C passes 59500 on the way down
        data.add(Feeds.bar(ID, at(4), SECOND, PX, BTC.price("60100.00"), BTC.price("59000.00"), BTC.price("59800.00")));
        // gap: opens at 59200, below the second stop's trigger
        data.add(Feeds.bar(ID, at(5), SECOND, BTC.price("59200.00"), BTC.price("59300.00"), BTC.price("59100.00"), BTC.price("59300.00")));
        h.replay(data).runUntil(at(6));

        assertThat(h.events(OrderFilled.class)).extracting(OrderFilled::lastPrice)
                .containsExactly(PX, PX, trigger, BTC.price("59200.00"));
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
        assertThat(h.venue().position(SimHarness.KERNEL_ACCOUNT, ID)).isZero();
    }

    @Test
    void afterTradingAsMakerAndTakerReconciliationFindsNoDrift() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(1.5), c -> Fixtures.marketBuy(c, BTC.qty("0.007")))
                .at(at(2.5), c -> Fixtures.limitBuy(c, PX, BTC.qty("0.003")))
                .at(at(3.5), c -> Fixtures.marketSell(c, BTC.qty("0.004")))
                .at(at(4.5), c -> Fixtures.marketSell(c, BTC.qty("0.009")));
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE).strategy(Fixtures.spec(s))
                .venue(v -> v.withAccount(SimAccount.agent(OTHER_AGENT))).build().start();
        h.replay(Feeds.trades(ID, at(0.5), SECOND / 2, 20, PX, BTC.qty("0.001")));
        // agent liquidity on both sides, replenished each second
        for (int i = 1; i <= 5; i++) {
            final long t = at(i);
            h.atTime(t, () -> {
                h.agentOrder(BTC, Side.SELL, BTC.price("60000.50"), BTC.qty("0.02"));
                h.agentOrder(BTC, Side.BUY, BTC.price("59999.50"), BTC.qty("0.02"));
            });
        }
        h.atTime(at(3), () -> h.venue().placeOrder(OTHER_AGENT, ID.symbol(), Side.SELL, OrderType.LIMIT, TimeInForce.GTC, PX,
                BTC.qty("0.003"))); // takes the strategy's bid, the best
        h.publish(new ReconcileNow("test", ID.venue(), "check", at(8), at(8)));
        h.runUntil(at(10));

        assertThat(h.events(OrderFilled.class)).extracting(OrderFilled::liquidity).contains(Liquidity.MAKER, Liquidity.TAKER);
        assertThat(h.kernel().portfolio().positionQty(ID)).isEqualTo(BTC.qty("-0.003"));
        assertThat(h.events(ReconciliationCompleted.class)).hasSize(3).allSatisfy(r -> assertThat(r.driftCount()).isZero());
        assertThat(h.events(DriftDetected.class)).isEmpty();
        assertThat(h.kernel().checkInvariants()).isEmpty();
    }

    @Test
    void theVenuePublishesItsOwnBookQuotesAndTradesToSubscribers() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(2.5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE).strategy(Fixtures.spec(s))
                .subscribe(EnumSet.of(DataKind.BOOK, DataKind.QUOTES, DataKind.TRADES)).build().start();
        h.atTime(at(1), () -> {
            h.agentOrder(BTC, Side.SELL, BTC.price("60000.50"), BTC.qty("0.004"));
            h.agentOrder(BTC, Side.SELL, BTC.price("60001.00"), BTC.qty("0.020"));
            h.agentOrder(BTC, Side.BUY, BTC.price("59999.50"), BTC.qty("0.020"));
        });
        h.runUntil(at(4));

        final BookSnapshot book = h.kernel().data().book(ID);
        assertThat(book).isNotNull();
        assertThat(book.bestAsk()).isEqualTo(BTC.price("60001.00"));
        assertThat(book.asks().get(0).qty()).isEqualTo(BTC.qty("0.014"));
        final QuoteTick quote = h.kernel().data().quote(ID);
        assertThat(quote.askPrice()).isEqualTo(BTC.price("60001.00"));
        assertThat(quote.bidPrice()).isEqualTo(BTC.price("59999.50"));
        final List<TradeTick> trades = h.journal().events().stream().filter(e -> e instanceof TradeTick).map(e -> (TradeTick) e).toList();
        assertThat(trades).extracting(TradeTick::price).containsExactly(BTC.price("60000.50"), BTC.price("60001.00"));
        final List<String> fillTradeIds = h.journal().events().stream().filter(e -> e instanceof VenueFill)
                .map(e -> ((VenueFill) e).tradeId()).toList();
        assertThat(trades).extracting(TradeTick::tradeId).containsExactlyElementsOf(fillTradeIds);
        // the book data came after market-data latency, stamped with venue time
        assertThat(book.tsInitNanos()).isGreaterThan(book.tsEventNanos());
    }

    @Test
    void aBookThatLosesASidePublishesAOneSidedQuoteSoTheKernelStopsPricingAtTheOldTouch() {
        final ScriptedStrategy s = new ScriptedStrategy().at(at(2.5), c -> Fixtures.marketBuy(c, QTY));
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE).strategy(Fixtures.spec(s))
                .subscribe(EnumSet.of(DataKind.QUOTES, DataKind.TRADES)).build().start();
        h.atTime(at(1), () -> {
            h.agentOrder(BTC, Side.SELL, BTC.price("60010.00"), QTY); // the only ask: the buy takes all of it
            h.agentOrder(BTC, Side.BUY, BTC.price("59990.00"), BTC.qty("0.020"));
        });
        h.runUntil(at(2));
        assertThat(h.kernel().data().referencePrice(ID)).as("two-sided: the mid").isEqualTo(BTC.price("60000.00"));
        h.runUntil(at(4));

        final QuoteTick quote = h.kernel().data().quote(ID);
        assertThat(quote.bidPrice()).isEqualTo(BTC.price("59990.00"));
        assertThat(quote.askPrice()).as("no ask left").isZero();
        assertThat(quote.askQty()).isZero();
        assertThat(h.kernel().data().referencePrice(ID)).as("priced at the last trade, not the vanished mid")
                .isEqualTo(BTC.price("60010.00"));
        final long quotes = h.journal().events().stream().filter(e -> e instanceof QuoteTick).count();
        h.atTime(at(5), () -> h.agentOrder(BTC, Side.BUY, BTC.price("59980.00"), BTC.qty("0.020")));
        h.runUntil(at(6));
        assertThat(h.journal().events().stream().filter(e -> e instanceof QuoteTick).count())
                .as("still one-sided and the top unchanged: nothing more to say").isEqualTo(quotes);
    }

    @Test
    void ownTradesMoveTheLastPriceSoAnAgentTradeTriggersAStop() {
        final long trigger = BTC.price("59990.00");
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(1.5), c -> Fixtures.marketBuy(c, QTY))
                .at(at(2.0), c -> Fixtures.stopSell(c, trigger, QTY));
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE).strategy(Fixtures.spec(s))
                .venue(v -> v.withAccount(SimAccount.agent(OTHER_AGENT))).build().start();
        h.replay(Feeds.trades(ID, at(0.5), SECOND, 10, PX, BTC.qty("0.001")));
        h.atTime(at(1), () -> h.agentOrder(BTC, Side.SELL, PX, QTY));
        h.atTime(at(3), () -> {
            h.agentOrder(BTC, Side.BUY, BTC.price("59985.00"), BTC.qty("0.050"));
            h.venue().placeOrder(OTHER_AGENT, ID.symbol(), Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0,
                    BTC.qty("0.001")); // trades at 59985: below the trigger
        });
        h.runUntil(at(3.4)); // before the next replayed trade moves the last price back

        final ClientOrderId stop = id(s, 1);
        assertThat(h.orderEvents(stop)).filteredOn(e -> e instanceof OrderFilled).hasSize(1);
        assertThat(h.kernel().portfolio().positionQty(ID)).isZero();
    }

    @Test
    void backgroundAgentsQuoteAndTradeThroughTheirContextAndAMaintenanceHaltFreezesThem() {
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE)
                .faults(FaultPlan.of(Fault.maintenanceHalt(at(5), 5 * SECOND)))
                .venue(v -> v.withAccount(SimAccount.agent(OTHER_AGENT)))
                .strategy(Fixtures.spec(new ScriptedStrategy())).build();
        h.venue().addAgent(SimHarness.AGENT_ACCOUNT, new LadderAgent(ID.symbol(), PX, 3, QTY, SECOND / 4, 2, at(20)));
        h.venue().addAgent(OTHER_AGENT, new NoiseTaker(ID.symbol(), SECOND / 2, 3, at(20)));
        h.start().runUntil(at(4.9));
        final long tradesBefore = h.venue().tradeCount();
        final BookState book = h.venue().book(ID);
        assertThat(book.bids()).hasSize(3);
        assertThat(book.asks()).hasSize(3);
        assertThat(tradesBefore).isPositive();
        h.runUntil(at(9.9));
        assertThat(h.venue().tradeCount()).as("nothing trades during the halt").isEqualTo(tradesBefore);
        assertThat(h.venue().book(ID)).as("the book is frozen").isEqualTo(book);
        h.runUntil(at(20));
        assertThat(h.venue().tradeCount()).isGreaterThan(tradesBefore);
        assertThat(h.venue().position(OTHER_AGENT, ID)).isEqualTo(-h.venue().position(SimHarness.AGENT_ACCOUNT, ID));
    }

    @Test
    void aLadderWithWideSpacingMakesAThinBookWithLevelsThatManyTicksApart() {
        final SimHarness h = SimHarness.builder(Fixtures.config(7)).barFill(BarFill.NONE)
                .strategy(Fixtures.spec(new ScriptedStrategy())).build();
        // step 0: the mid stays at PX, so the levels are exactly PX ± k × 50 ticks
        h.venue().addAgent(SimHarness.AGENT_ACCOUNT, new LadderAgent(ID.symbol(), PX, 3, QTY, SECOND, 0, 50, at(20)));
        h.start().runUntil(at(2));
        final long gap = 50 * BTC.tickSize();
        final BookState book = h.venue().book(ID);
        assertThat(book.bids()).extracting(BookState.Level::price).containsExactly(PX - gap, PX - 2 * gap, PX - 3 * gap);
        assertThat(book.asks()).extracting(BookState.Level::price).containsExactly(PX + gap, PX + 2 * gap, PX + 3 * gap);
        assertThat(book.asks()).extracting(BookState.Level::qty).containsOnly(QTY);
    }

    @Test
    void cancelAllOfTheKernelCancelsItsOrdersWithNoReason() {
        final ScriptedStrategy s = new ScriptedStrategy()
                .at(at(1.5), c -> Fixtures.limitBuy(c, BTC.price("59900.00"), QTY))
                .at(at(1.6), c -> Fixtures.limitBuy(c, BTC.price("59800.00"), QTY))
                .at(at(2.5), c -> {
                    c.cancelAll(ID);
                    return null;
                });
        final SimHarness h = harness(s, BarFill.CLOSE);
        h.replay(bars(4, PX)).runUntil(at(4));
        assertThat(h.events(OrderCanceled.class)).hasSize(2)
                .allSatisfy(c -> assertThat(c.reason()).isEqualTo(ReasonCode.EXEC_CANCEL_REQUESTED));
        assertThat(h.venue().openOrders(SimHarness.KERNEL_ACCOUNT)).isEmpty();
    }
}
