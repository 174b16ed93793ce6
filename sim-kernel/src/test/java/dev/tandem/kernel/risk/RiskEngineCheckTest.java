package dev.tandem.kernel.risk;

import static dev.tandem.kernel.model.ReasonCode.NONE;
import static dev.tandem.kernel.model.ReasonCode.RISK_INSUFFICIENT_BALANCE;
import static dev.tandem.kernel.model.ReasonCode.RISK_INVALID_PRICE;
import static dev.tandem.kernel.model.ReasonCode.RISK_INVALID_QTY;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_CONCENTRATION;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_LEVERAGE;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_OPEN_POSITIONS;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_ORDER_NOTIONAL;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_POSITION_NOTIONAL;
import static dev.tandem.kernel.model.ReasonCode.RISK_MAX_TOTAL_NOTIONAL;
import static dev.tandem.kernel.model.ReasonCode.RISK_MIN_NOTIONAL;
import static dev.tandem.kernel.model.ReasonCode.RISK_NO_REFERENCE_PRICE;
import static dev.tandem.kernel.model.ReasonCode.RISK_ORDER_RATE_GLOBAL;
import static dev.tandem.kernel.model.ReasonCode.RISK_ORDER_RATE_STRATEGY;
import static dev.tandem.kernel.model.ReasonCode.RISK_PRICE_BAND;
import static dev.tandem.kernel.model.ReasonCode.RISK_REDUCE_ONLY_WOULD_INCREASE;
import static dev.tandem.kernel.model.ReasonCode.RISK_SLIPPAGE;
import static dev.tandem.kernel.model.ReasonCode.RISK_STRATEGY_PAUSED;
import static dev.tandem.kernel.model.ReasonCode.RISK_UNKNOWN_INSTRUMENT;
import static dev.tandem.kernel.model.ReasonCode.RISK_UNKNOWN_STRATEGY;
import static dev.tandem.kernel.risk.RiskHarness.BTC;
import static dev.tandem.kernel.risk.RiskHarness.BTC_OTHER;
import static dev.tandem.kernel.risk.RiskHarness.ETH;
import static dev.tandem.kernel.risk.RiskHarness.S1;
import static dev.tandem.kernel.risk.RiskHarness.S2;
import static dev.tandem.kernel.risk.RiskHarness.SECOND;
import static dev.tandem.kernel.risk.RiskHarness.SOL;
import static dev.tandem.kernel.risk.RiskHarness.SPOT;
import static dev.tandem.kernel.risk.RiskHarness.T0;
import static dev.tandem.kernel.risk.RiskHarness.ids;
import static dev.tandem.kernel.risk.RiskHarness.limit;
import static dev.tandem.kernel.risk.RiskHarness.market;
import static dev.tandem.kernel.risk.RiskHarness.money;
import static dev.tandem.kernel.risk.RiskHarness.rate;
import static dev.tandem.kernel.risk.RiskHarness.stopMarket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per pre-trade check: at the limit passes, one tick or lot over is denied with the right reason. */
class RiskEngineCheckTest {

    private static RiskHarness harness(final RiskLimits.Builder limits) {
        return new RiskHarness(limits.build()).registerAll(S1).registerAll(S2);
    }

    private static RiskLimits.Builder only() {
        return RiskLimits.unlimited().toBuilder();
    }

    private static void assertReason(final RiskDecision d, final ReasonCode expected) {
        assertThat(d.reason()).as(d.message()).isEqualTo(expected);
        assertThat(d.passed()).isEqualTo(expected == NONE);
    }

    @Test
    void maxOrderNotional() {
        final RiskHarness h = harness(only().orderNotionalMoneyMax(money("1000")));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.020")), NONE); // exactly 1000
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.021")), RISK_MAX_ORDER_NOTIONAL); // one lot over
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000.10", "0.020")), RISK_MAX_ORDER_NOTIONAL); // one tick over

        // market orders are valued at the market's reference price
        h.market.reference(BTC.id(), BTC.price("50000"));
        assertReason(h.check(market(S1, BTC, Side.SELL, "0.020")), NONE);
        assertReason(h.check(market(S1, BTC, Side.SELL, "0.021")), RISK_MAX_ORDER_NOTIONAL);
        // stop-market orders at their trigger price
        assertReason(h.check(stopMarket(S1, BTC, Side.BUY, "50000", "0.020")), NONE);
        assertReason(h.check(stopMarket(S1, BTC, Side.BUY, "50000.10", "0.020")), RISK_MAX_ORDER_NOTIONAL);
        assertThat(h.engine.denialCount(RISK_MAX_ORDER_NOTIONAL)).isEqualTo(4);
        assertThat(h.engine.passedCount()).isEqualTo(3);
    }

    @Test
    void noReferencePriceForAMarketOrder() {
        final RiskHarness h = harness(only());
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.010")), RISK_NO_REFERENCE_PRICE);
        h.market.last(BTC.id(), BTC.price("50000"));
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.010")), NONE);
    }

    @Test
    void positionNotionalCountsPositionRestingSameSideOrdersAndTheOrder() {
        final RiskHarness h = harness(only().positionNotionalMoneyMax(money("10000")));
        h.market.reference(BTC.id(), BTC.price("50000"));
        h.portfolio.position(BTC.id(), BTC.qty("0.100"), money("5000"));
        h.orders.leaves(BTC.id(), Side.BUY, BTC.qty("0.080")).leaves(BTC.id(), Side.SELL, BTC.qty("5"));

        // 0.100 + 0.080 + 0.020 = 0.2 BTC at 50 000 = 10 000: at the limit
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.020")), NONE);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.021")), RISK_MAX_POSITION_NOTIONAL);
        // valued at max(order price, market reference): one tick above the reference tips it over
        h.market.reference(BTC.id(), BTC.price("50000.10"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.020")), RISK_MAX_POSITION_NOTIONAL);
        h.market.reference(BTC.id(), BTC.price("50000"));
        // one more resting lot on the same side also tips it over
        h.orders.leaves(BTC.id(), Side.BUY, BTC.qty("0.081"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.020")), RISK_MAX_POSITION_NOTIONAL);

        // a short builds the same way on the sell side
        h.portfolio.position(BTC.id(), -BTC.qty("0.100"), money("5000"));
        h.orders.leaves(BTC.id(), Side.SELL, BTC.qty("0.080")).leaves(BTC.id(), Side.BUY, BTC.qty("5"));
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.020")), NONE);
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.021")), RISK_MAX_POSITION_NOTIONAL);
    }

    @Test
    void totalNotional() {
        final RiskHarness h = harness(only().totalNotionalMoneyMax(money("50000")));
        h.market.reference(BTC.id(), BTC.price("50000"));
        h.portfolio.position(ETH.id(), ETH.qty("10"), money("40000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.200")), NONE); // 40 000 + 10 000
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.201")), RISK_MAX_TOTAL_NOTIONAL);
        // the instrument's own current notional is replaced by its projection, not double counted
        h.portfolio.position(BTC.id(), BTC.qty("0.100"), money("5000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.100")), NONE);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.101")), RISK_MAX_TOTAL_NOTIONAL);
    }

    @Test
    void openPositionsOnlyWhenOpeningANewOne() {
        final RiskHarness h = harness(only().openPositionsMax(3));
        h.portfolio.position(ETH.id(), ETH.qty("1"), money("3000")).position(SPOT.id(), SPOT.qty("0.1"), money("5000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.010")), NONE); // would be #3

        h.portfolio.position(BTC_OTHER.id(), BTC_OTHER.qty("0.1"), money("5000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.010")), RISK_MAX_OPEN_POSITIONS); // would be #4
        // adding to an existing position does not open one
        assertReason(h.check(limit(S1, ETH, Side.BUY, "3000", "1")), NONE);

        // resting orders on a flat instrument count as a position that may open
        h.portfolio.position(BTC_OTHER.id(), 0, 0);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.010")), NONE);
        h.orders.leaves(BTC_OTHER.id(), Side.SELL, BTC_OTHER.qty("0.001"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.010")), RISK_MAX_OPEN_POSITIONS);
    }

    @Test
    void concentration() {
        final RiskHarness h = harness(only().concentrationRateMax(rate("0.40")));
        h.portfolio.equity(money("25000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.200")), NONE); // 10 000 = 40 % of 25 000
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.201")), RISK_MAX_CONCENTRATION);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000.10", "0.200")), RISK_MAX_CONCENTRATION);
        h.portfolio.equity(0);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), RISK_MAX_CONCENTRATION);
        h.portfolio.equity(-money("1"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), RISK_MAX_CONCENTRATION);
    }

    @Test
    void leverage() {
        final RiskHarness h = harness(only().leverageRateMax(10 * rate("1")));
        h.portfolio.equity(money("5000")).position(ETH.id(), ETH.qty("10"), money("40000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.200")), NONE); // 50 000 = 10x 5 000
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.201")), RISK_MAX_LEVERAGE);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000.10", "0.200")), RISK_MAX_LEVERAGE);
    }

    @Test
    void priceBandAroundTheMark() {
        final RiskHarness h = harness(only().priceBandRate(rate("0.05")));
        // no mark and no reference: the band cannot be applied
        assertReason(h.check(limit(S1, BTC, Side.BUY, "99999", "0.001")), NONE);

        h.market.mark(BTC.id(), BTC.price("60000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "63000", "0.001")), NONE); // +5 %
        assertReason(h.check(limit(S1, BTC, Side.BUY, "63000.10", "0.001")), RISK_PRICE_BAND);
        assertReason(h.check(limit(S1, BTC, Side.SELL, "57000", "0.001")), NONE); // -5 %
        assertReason(h.check(limit(S1, BTC, Side.SELL, "56999.90", "0.001")), RISK_PRICE_BAND);
        // market and stop-market orders carry no limit price
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.001")), NONE);

        // spot has no mark: the reference price (here the last trade) stands in
        h.market.last(SPOT.id(), SPOT.price("60000"));
        assertReason(h.check(limit(S1, SPOT, Side.BUY, "63000", "0.001")), NONE);
        assertReason(h.check(limit(S1, SPOT, Side.BUY, "63000.01", "0.001")), RISK_PRICE_BAND);
    }

    @Test
    void expectedSlippageByWalkingTheBook() {
        final RiskHarness h = harness(only().slippageRateMax(rate("0.005")));
        h.market.reference(BTC.id(), BTC.price("50000"));
        // no book: no estimate, the check is skipped
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.500")), NONE);

        h.market.book(BTC.id(),
                List.of(new BookLevel(BTC.price("49900"), BTC.qty("0.010")), new BookLevel(BTC.price("49401"), BTC.qty("1"))),
                List.of(new BookLevel(BTC.price("50000"), BTC.qty("0.010")), new BookLevel(BTC.price("50500"), BTC.qty("1"))));
        // buy 0.020: half at 50 000, half at 50 500: average 50 250 = touch + 0.5 %
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.020")), NONE);
        assertReason(h.check(market(S1, BTC, Side.BUY, "0.021")), RISK_SLIPPAGE);
        // sell 0.020: half at 49 900, half at 49 401: average 49 650.5 = touch - 0.5 %
        assertReason(h.check(market(S1, BTC, Side.SELL, "0.020")), NONE);
        assertReason(h.check(market(S1, BTC, Side.SELL, "0.021")), RISK_SLIPPAGE);
        // deeper than the visible book: denied
        assertReason(h.check(market(S1, BTC, Side.BUY, "1.011")), RISK_SLIPPAGE);
        // limit orders are not walked (their price bounds the fill)
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50500", "0.500")), NONE);

        h.market.book(BTC.id(), List.of(), List.of(new BookLevel(BTC.price("50000"), BTC.qty("1"))));
        assertReason(h.check(market(S1, BTC, Side.SELL, "0.001")), RISK_SLIPPAGE); // empty side
    }

    @Test
    void orderRatePerStrategy() {
        final RiskHarness h = harness(only().strategyOrderRate(10, SECOND));
        for (int i = 0; i < 10; i++) {
            assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), NONE);
        }
        h.scheduler.set(T0 + SECOND - 1);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), RISK_ORDER_RATE_STRATEGY); // 11th within 1 s
        assertReason(h.check(limit(S2, BTC, Side.BUY, "50000", "0.001")), NONE); // other strategies unaffected
        h.scheduler.set(T0 + SECOND);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), NONE); // the window slid past T0
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), NONE);
        // ... 10 were admitted at T0, 2 at T0+1s: the window (T0, T0+1s] now holds 2
    }

    @Test
    void intentsDeniedAfterTheRateCheckStillCountAgainstTheWindow() {
        final RiskHarness h = harness(only().strategyOrderRate(10, SECOND).orderNotionalMoneyMax(money("1000")));
        for (int i = 0; i < 10; i++) {
            assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "1")), RISK_MAX_ORDER_NOTIONAL);
        }
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), RISK_ORDER_RATE_STRATEGY);
        // intents denied before the rate check (invalid qty) do not count
        h.scheduler.set(T0 + SECOND);
        for (int i = 0; i < 20; i++) {
            assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0")), RISK_INVALID_QTY);
        }
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), NONE);
    }

    @Test
    void globalOrderRate() {
        final RiskHarness h = harness(only().globalOrderRate(100, 60 * SECOND));
        for (int i = 0; i < 100; i++) {
            h.scheduler.set(T0 + i * 100_000_000L); // 100 intents within 10 s, two strategies
            assertReason(h.check(limit(i % 3 == 0 ? S2 : S1, BTC, Side.BUY, "50000", "0.001")), NONE);
        }
        h.scheduler.set(T0 + 60 * SECOND - 1);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001")), RISK_ORDER_RATE_GLOBAL); // 101st within 60 s
        assertReason(h.check(limit(S2, BTC, Side.BUY, "50000", "0.001")), RISK_ORDER_RATE_GLOBAL);
        h.scheduler.set(T0 + 60 * SECOND);
        assertReason(h.check(limit(S2, BTC, Side.BUY, "50000", "0.001")), NONE); // T0's intent left the window
        assertReason(h.check(limit(S2, BTC, Side.BUY, "50000", "0.001")), RISK_ORDER_RATE_GLOBAL);
    }

    @Test
    void reduceOnlyThatWouldIncrease() {
        final RiskHarness h = harness(only());
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.001").asReduceOnly()), RISK_REDUCE_ONLY_WOULD_INCREASE); // flat
        h.portfolio.position(BTC.id(), BTC.qty("0.100"), money("5000"));
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.100").asReduceOnly()), NONE);
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.101").asReduceOnly()), RISK_REDUCE_ONLY_WOULD_INCREASE); // would flip
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.001").asReduceOnly()), RISK_REDUCE_ONLY_WOULD_INCREASE);
        h.portfolio.position(BTC.id(), -BTC.qty("0.100"), money("5000"));
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.100").asReduceOnly()), NONE);
    }

    @Test
    void venueFilters() {
        final RiskHarness h = harness(only());
        // SOL: tick 0.010, lot = min qty 0.10, max 1000, min notional 5
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "0.10")), NONE);
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "0.15")), RISK_INVALID_QTY); // not a lot multiple
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "0")), RISK_INVALID_QTY);
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "-0.10")), RISK_INVALID_QTY);
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "1000")), NONE); // max
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.010", "1000.10")), RISK_INVALID_QTY);
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.0005".substring(0, 5))), RISK_INVALID_QTY); // 0.000 < min qty
        assertReason(h.check(limit(S1, SOL, Side.BUY, "150.015", "0.10")), RISK_INVALID_PRICE); // off tick
        assertReason(h.check(limit(S1, SOL, Side.BUY, "0", "0.10")), RISK_INVALID_PRICE);
        assertReason(h.check(new OrderIntent(S1, SOL.id(), Side.BUY, OrderType.MARKET, TimeInForce.IOC, SOL.price("150"), 0, SOL.qty("1"), false)),
                RISK_INVALID_PRICE); // a market order must not carry a price
        assertReason(h.check(new OrderIntent(S1, SOL.id(), Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, SOL.price("150"), SOL.price("149.995"),
                SOL.qty("1"), false)), RISK_INVALID_PRICE); // trigger off tick
        assertReason(h.check(new OrderIntent(S1, SOL.id(), Side.BUY, OrderType.LIMIT, TimeInForce.GTC, SOL.price("150"), SOL.price("149"),
                SOL.qty("1"), false)), RISK_INVALID_PRICE); // a limit order must not carry a trigger
        // min notional 5: 0.10 at 50.000 = 5.000 passes, one tick lower does not
        assertReason(h.check(limit(S1, SOL, Side.BUY, "50.000", "0.10")), NONE);
        assertReason(h.check(limit(S1, SOL, Side.BUY, "49.990", "0.10")), RISK_MIN_NOTIONAL);
    }

    @Test
    void unknownStrategyAndInstruments() {
        final RiskHarness h = harness(only());
        assertReason(h.check(limit(new StrategyId("ghost"), BTC, Side.BUY, "50000", "0.001")), RISK_UNKNOWN_STRATEGY);
        assertReason(h.check(OrderIntent.limit(S1, new InstrumentId("DOGEUSDT", "SIM"), Side.BUY, 100, 1)), RISK_UNKNOWN_INSTRUMENT);
        h.engine.registerStrategy(new StrategyId("S3"), ids(ETH), false);
        assertReason(h.check(limit(new StrategyId("S3"), BTC, Side.BUY, "50000", "0.001")), RISK_UNKNOWN_INSTRUMENT); // not its instrument
        assertReason(h.check(limit(new StrategyId("S3"), ETH, Side.BUY, "3000", "0.01")), NONE);
    }

    @Test
    void spotFreeBalance() {
        final RiskHarness h = harness(only().spotBalanceCheck(true));
        // buy 0.01 BTC at 50 000 = 500 USDT + 0.1 % taker fee = 500.5
        h.portfolio.freeBalance("USDT", money("500.5"));
        assertReason(h.check(limit(S1, SPOT, Side.BUY, "50000", "0.01")), NONE);
        h.portfolio.freeBalance("USDT", money("500.49999999"));
        assertReason(h.check(limit(S1, SPOT, Side.BUY, "50000", "0.01")), RISK_INSUFFICIENT_BALANCE);
        // sell needs the base asset
        h.portfolio.freeBalance("BTC", money("0.01"));
        assertReason(h.check(limit(S1, SPOT, Side.SELL, "50000", "0.01")), NONE);
        h.portfolio.freeBalance("BTC", money("0.00999999"));
        assertReason(h.check(limit(S1, SPOT, Side.SELL, "50000", "0.01")), RISK_INSUFFICIENT_BALANCE);
        // perpetuals are not checked here (margin is the leverage check's job)
        assertReason(h.check(limit(S1, BTC, Side.BUY, "50000", "0.01")), NONE);
    }

    @Test
    void reducingOrdersSkipExposureChecksButNotValidity() {
        final RiskHarness h = harness(only().concentrationRateMax(rate("0.40")).leverageRateMax(rate("1"))
                .positionNotionalMoneyMax(money("100")).totalNotionalMoneyMax(money("100")).openPositionsMax(1));
        h.portfolio.equity(money("1000")).position(BTC.id(), BTC.qty("1"), money("50000")).position(ETH.id(), ETH.qty("1"), money("3000"));
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.5")), NONE);
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "1")), NONE);
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "1.5")), RISK_MAX_POSITION_NOTIONAL); // flips to a 0.5 short
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000.05", "0.5")), RISK_INVALID_PRICE);
        // resting sells that could fill first make it non-reducing
        h.orders.leaves(BTC.id(), Side.SELL, BTC.qty("0.6"));
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.4")), NONE);
        // 1 - (0.6 + 0.401) = -0.001 BTC (50 USDT, within the position limit) but ETH's 3 000 breaks the total
        assertReason(h.check(limit(S1, BTC, Side.SELL, "50000", "0.401")), RISK_MAX_TOTAL_NOTIONAL);
    }

    @Test
    void firstFailureWins() {
        final RiskHarness h = harness(only().orderNotionalMoneyMax(money("1000")).priceBandRate(rate("0.05")));
        h.market.mark(BTC.id(), BTC.price("50000"));
        // both over the order notional and outside the band: notional is checked first
        assertReason(h.check(limit(S1, BTC, Side.BUY, "60000", "1")), RISK_MAX_ORDER_NOTIONAL);
        // a paused strategy is denied before its qty is even looked at
        h.engine.pauseStrategy(S1, "ops", "test");
        assertReason(h.check(limit(S1, BTC, Side.BUY, "60000", "0")), RISK_STRATEGY_PAUSED);
    }
}
