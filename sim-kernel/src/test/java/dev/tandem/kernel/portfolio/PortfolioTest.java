package dev.tandem.kernel.portfolio;

import static dev.tandem.kernel.model.Fixed.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.Side;
import dev.tandem.testkit.Instruments;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-computed cases: every expected number below was worked out on paper from the formulas in {@link Portfolio}. */
final class PortfolioTest {
    private final Instrument perp = Instruments.btcUsdtPerp();
    private final Instrument eth = Instruments.ethUsdtPerp();
    private final Instrument spot = Instruments.btcUsdtSpot();
    private final InstrumentRegistry registry = InstrumentRegistry.of(List.of(perp, eth, spot));
    private final InstrumentId btc = perp.id();
    private final InstrumentId spotId = spot.id();

    private Portfolio portfolio(final String... assetAmountPairs) {
        final TreeMap<String, Long> initial = new TreeMap<>();
        for (int i = 0; i < assetAmountPairs.length; i += 2) {
            initial.put(assetAmountPairs[i], money(assetAmountPairs[i + 1]));
        }
        return new Portfolio("USDT", registry, initial);
    }

    private long px(final Instrument i, final String price) {
        return i.price(price);
    }

    private long qty(final Instrument i, final String qty) {
        return i.qty(qty);
    }

    private static void assertIdentities(final Portfolio p) {
        assertThat(p.checkIdentities()).as("accounting identities").isEmpty();
    }

    @Nested
    final class PerpetualPnl {
        @Test
        void partialCloseOfLongRealizesExactly200() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), 0);

            final PositionUpdate u = p.onFill(btc, Side.SELL, px(perp, "61000"), qty(perp, "0.2"), 0);

            assertThat(u.realizedPnlMoney()).isEqualTo(money("200"));
            assertThat(u.realizedPnlTotalMoney()).isEqualTo(money("200"));
            assertThat(u.signedQty()).isEqualTo(qty(perp, "0.3"));
            assertThat(u.avgEntryPrice()).isEqualTo(px(perp, "60000"));
            assertThat(p.costBasisMoney(btc)).isEqualTo(money("18000"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("10200"));
            assertIdentities(p);
        }

        @Test
        void makerAndTakerFeesAtTheInstrumentRates() {
            final Portfolio p = portfolio("USDT", "10000");
            final long notional = perp.notional(px(perp, "60000"), qty(perp, "0.5"));
            assertThat(notional).isEqualTo(money("30000"));
            final long maker = perp.fee(notional, Liquidity.MAKER); // 0.02 %
            final long taker = perp.fee(notional, Liquidity.TAKER); // 0.055 %
            assertThat(maker).isEqualTo(money("6"));
            assertThat(taker).isEqualTo(money("16.5"));

            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), maker);
            final PositionUpdate u = p.onFill(btc, Side.SELL, px(perp, "60000"), qty(perp, "0.5"), taker);

            assertThat(u.realizedPnlTotalMoney()).isZero();
            assertThat(u.feesTotalMoney()).isEqualTo(money("22.5"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("9977.5"));
            assertIdentities(p);
        }

        @Test
        void makerRebateIsCredited() {
            final Portfolio p = portfolio("USDT", "100");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.001"), -money("0.006"));
            assertThat(p.feesMoney(btc)).isEqualTo(-money("0.006"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("100.006"));
            assertIdentities(p);
        }

        @Test
        void flipFromLongToShortClosesThenOpensTheRemainderAtTheFillPrice() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), 0);

            final PositionUpdate u = p.onFill(btc, Side.SELL, px(perp, "61000"), qty(perp, "0.8"), 0);

            assertThat(u.realizedPnlMoney()).isEqualTo(money("500")); // 0.5 × (61000 − 60000)
            assertThat(u.signedQty()).isEqualTo(-qty(perp, "0.3"));
            assertThat(u.avgEntryPrice()).isEqualTo(px(perp, "61000"));
            assertThat(p.costBasisMoney(btc)).isEqualTo(money("18300"));
            assertIdentities(p);
        }

        @Test
        void shortGainsWhenPriceFallsAndLosesWhenItRises() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.SELL, px(perp, "61000"), qty(perp, "0.3"), 0);

            final PositionUpdate loss = p.onFill(btc, Side.BUY, px(perp, "62000"), qty(perp, "0.1"), 0);
            final PositionUpdate gain = p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.2"), 0);

            assertThat(loss.realizedPnlMoney()).isEqualTo(money("-100"));
            assertThat(gain.realizedPnlMoney()).isEqualTo(money("200"));
            assertThat(gain.realizedPnlTotalMoney()).isEqualTo(money("100"));
            assertThat(gain.signedQty()).isZero();
            assertThat(gain.avgEntryPrice()).isZero();
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("10100"));
            assertIdentities(p);
        }

        @Test
        void vwapEntryAfterTwoBuys() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.1"), 0);
            final PositionUpdate u = p.onFill(btc, Side.BUY, px(perp, "62000"), qty(perp, "0.3"), 0);

            // (60000 × 0.1 + 62000 × 0.3) / 0.4 = 24600 / 0.4 = 61500
            assertThat(u.avgEntryPrice()).isEqualTo(px(perp, "61500"));
            assertThat(p.costBasisMoney(btc)).isEqualTo(money("24600"));

            // half of the position releases half of the cost: 0.2 × 61000 − 12300 = −100
            assertThat(p.onFill(btc, Side.SELL, px(perp, "61000"), qty(perp, "0.2"), 0).realizedPnlMoney())
                    .isEqualTo(money("-100"));
        }

        @Test
        void inexactVwapIsRoundedForDisplayButTheCostBasisStaysExact() {
            final Portfolio p = portfolio("USDT", "1000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.001"), 0);
            p.onFill(btc, Side.BUY, px(perp, "60000.1"), qty(perp, "0.002"), 0);

            // cost 60 + 120.0002 = 180.0002; 180.0002 / 0.003 = 60000.0666… → 60000.07 (half-even, not tick-aligned)
            assertThat(p.costBasisMoney(btc)).isEqualTo(money("180.0002"));
            assertThat(p.avgEntryPrice(btc)).isEqualTo(px(perp, "60000.07"));

            // closing everything realizes proceeds − cost exactly, with no residue of the rounded average
            final PositionUpdate u = p.onFill(btc, Side.SELL, px(perp, "60000"), qty(perp, "0.003"), 0);
            assertThat(u.realizedPnlTotalMoney()).isEqualTo(money("-0.0002"));
            assertThat(p.costBasisMoney(btc)).isZero();
            assertIdentities(p);
        }

        @Test
        void partialCloseRoundsTheReleasedCostHalfEvenAndTheFullCloseTakesTheRest() {
            final Portfolio p = portfolio("USDT", "1000");
            // cost 0.01001 + 0.02 = 0.03001 for 0.003 BTC
            p.onFill(btc, Side.BUY, px(perp, "10.01"), qty(perp, "0.001"), 0);
            p.onFill(btc, Side.BUY, px(perp, "10"), qty(perp, "0.002"), 0);
            assertThat(p.costBasisMoney(btc)).isEqualTo(3_001_000L);

            // a third of the cost is 1_000_333.33… units: 1_000_333 released, the .33 stays in the basis
            final PositionUpdate first = p.onFill(btc, Side.SELL, px(perp, "20"), qty(perp, "0.001"), 0);
            assertThat(first.realizedPnlMoney()).isEqualTo(money("0.02") - 1_000_333L);
            assertThat(p.costBasisMoney(btc)).isEqualTo(2_000_667L);

            final PositionUpdate last = p.onFill(btc, Side.SELL, px(perp, "20"), qty(perp, "0.002"), 0);
            assertThat(last.realizedPnlMoney()).isEqualTo(money("0.04") - 2_000_667L);
            // in total exactly proceeds − cost
            assertThat(last.realizedPnlTotalMoney()).isEqualTo(money("0.06") - money("0.03001"));
            assertIdentities(p);
        }

        @Test
        void unrealizedPnlAndNotionalAtTheMark() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.SELL, px(perp, "60000"), qty(perp, "0.5"), 0);
            assertThat(p.unrealizedPnlMoney(btc)).as("no mark yet").isZero();
            assertThat(p.positionNotionalMoney(btc)).as("entry notional before a mark").isEqualTo(money("30000"));

            p.onMarkPrice(btc, px(perp, "59000"));

            assertThat(p.unrealizedPnlMoney(btc)).isEqualTo(money("500"));
            assertThat(p.positionNotionalMoney(btc)).isEqualTo(money("29500"));
            assertThat(p.openPositionCount()).isEqualTo(1);
        }
    }

    @Nested
    final class Funding {
        @Test
        void longPaysAndShortReceivesWhenTheRateIsPositive() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), 0);
            p.onFill(eth.id(), Side.SELL, px(eth, "3000"), qty(eth, "2"), 0);

            // 0.5 × 60000 × 0.0001 = 3 ; 2 × 3000 × 0.0001 = 0.6
            assertThat(p.applyFunding(btc, Fixed.rate("0.0001"), px(perp, "60000"))).isEqualTo(money("-3"));
            assertThat(p.applyFunding(eth.id(), Fixed.rate("0.0001"), px(eth, "3000"))).isEqualTo(money("0.6"));

            assertThat(p.fundingMoney(btc)).isEqualTo(money("-3"));
            assertThat(p.fundingMoney(eth.id())).isEqualTo(money("0.6"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("9997.6"));
            assertThat(p.currentPosition(btc).fundingTotalMoney()).isEqualTo(money("-3"));
            assertIdentities(p);
        }

        @Test
        void negativeRateReversesTheDirection() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), 0);
            assertThat(p.applyFunding(btc, Fixed.rate("-0.0002"), px(perp, "61000"))).isEqualTo(money("6.1"));
        }

        @Test
        void oneExactProductRoundedHalfEvenToMoney() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.001"), 0);
            // 0.001 × 60000.10 × 0.000125 = 0.0075000125 → 0.00750001
            assertThat(p.applyFunding(btc, Fixed.rate("0.000125"), px(perp, "60000.1"))).isEqualTo(-750_001L);
            // 0.001 × 0.10 × 0.00005 = 0.000000005 = half a unit → half-even to 0; at 0.30 → 1.5 → 2
            assertThat(p.applyFunding(btc, Fixed.rate("0.00005"), px(perp, "0.1"))).isZero();
            assertThat(p.applyFunding(btc, Fixed.rate("0.00005"), px(perp, "0.3"))).isEqualTo(-2L);
            // symmetric for a short
            p.onFill(btc, Side.SELL, px(perp, "60000"), qty(perp, "0.002"), 0);
            assertThat(p.applyFunding(btc, Fixed.rate("0.000125"), px(perp, "60000.1"))).isEqualTo(750_001L);
            assertIdentities(p);
        }

        @Test
        void flatPositionPaysNothing() {
            final Portfolio p = portfolio("USDT", "10000");
            assertThat(p.applyFunding(btc, Fixed.rate("0.01"), px(perp, "60000"))).isZero();
            assertThatThrownBy(() -> p.applyFunding(spotId, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class Spot {
        @Test
        void buyAndSellMoveBothBalancesAndLocksKeepFreeBalanceRight() {
            final Portfolio p = portfolio("USDT", "10000");
            final ClientOrderId buy = new ClientOrderId("buy-1");

            // BUY 0.1 @ 60000 locks 6000 + 0.1 % max fee 6 = 6006
            p.lock(buy, spotId, Side.BUY, px(spot, "60000"), qty(spot, "0.1"));
            assertThat(p.lockedMoney("USDT")).isEqualTo(money("6006"));
            assertThat(p.freeBalanceMoney("USDT")).isEqualTo(money("3994"));

            // 0.04 fills: pays 2400 + fee 2.4; the lock shrinks to 6006 × 0.06 / 0.1 = 3603.6
            final long fee = spot.fee(spot.notional(px(spot, "60000"), qty(spot, "0.04")), Liquidity.MAKER);
            assertThat(fee).isEqualTo(money("2.4"));
            p.onFill(spotId, Side.BUY, px(spot, "60000"), qty(spot, "0.04"), fee);
            p.onLockFill(buy, qty(spot, "0.04"));

            assertThat(p.balanceMoney("USDT")).isEqualTo(money("7597.6"));
            assertThat(p.balanceMoney("BTC")).isEqualTo(money("0.04"));
            assertThat(p.lockedMoney("USDT")).isEqualTo(money("3603.6"));
            assertThat(p.freeBalanceMoney("USDT")).isEqualTo(money("3994"));
            assertThat(p.positionQty(spotId)).isEqualTo(qty(spot, "0.04"));
            assertIdentities(p);

            p.release(buy);
            p.release(buy); // idempotent
            assertThat(p.lockedMoney("USDT")).isZero();
            assertThat(p.freeBalanceMoney("USDT")).isEqualTo(money("7597.6"));

            // SELL 0.03 locks the base quantity
            final ClientOrderId sell = new ClientOrderId("sell-1");
            p.lock(sell, spotId, Side.SELL, px(spot, "65000"), qty(spot, "0.03"));
            assertThat(p.lockedMoney("BTC")).isEqualTo(money("0.03"));
            assertThat(p.freeBalanceMoney("BTC")).isEqualTo(money("0.01"));

            final PositionUpdate u = p.onFill(spotId, Side.SELL, px(spot, "65000"), qty(spot, "0.03"), money("1.95"));
            p.onLockFill(sell, qty(spot, "0.03"));

            assertThat(p.lockOf(sell)).as("a fully filled lock disappears").isNull();
            assertThat(p.lockedMoney("BTC")).isZero();
            assertThat(p.balanceMoney("BTC")).isEqualTo(money("0.01"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("9545.65")); // 7597.6 + 1950 − 1.95
            // VWAP cost basis of the holding: 0.03 × (65000 − 60000)
            assertThat(u.realizedPnlMoney()).isEqualTo(money("150"));
            assertThat(u.feesTotalMoney()).isEqualTo(money("4.35"));
            assertThat(u.signedQty()).isEqualTo(qty(spot, "0.01"));
            assertThat(u.avgEntryPrice()).isEqualTo(px(spot, "60000"));
            assertIdentities(p);
        }

        @Test
        void relockingAnIdReplacesItsLock() {
            final Portfolio p = portfolio("USDT", "10000", "BTC", "1");
            final ClientOrderId id = new ClientOrderId("o-1");
            p.lock(id, spotId, Side.BUY, px(spot, "50000"), qty(spot, "0.1"));
            p.lock(id, spotId, Side.SELL, px(spot, "70000"), qty(spot, "0.2"));
            assertThat(p.lockedMoney("USDT")).isZero();
            assertThat(p.lockedMoney("BTC")).isEqualTo(money("0.2"));
            p.onLockFill(new ClientOrderId("unknown"), 5); // ignored
            p.onLockFill(id, qty(spot, "0.5")); // overfill empties the lock, never negative
            assertThat(p.lockedMoney("BTC")).isZero();
            assertIdentities(p);
        }

        @Test
        void perpetualOrdersLockInitialMarginPlusMaxFee() {
            final Portfolio p = portfolio("USDT", "10000");
            p.setLeverage(btc, 10);
            p.lock(new ClientOrderId("p-1"), btc, Side.SELL, px(perp, "60000"), qty(perp, "0.5"));
            // 30000 / 10 + 30000 × 0.055 %
            assertThat(p.lockedMoney("USDT")).isEqualTo(money("3016.5"));
        }

        @Test
        void sellingInitialInventoryOpensANegativePnlPositionMeasuredAgainstHolding() {
            final Portfolio p = portfolio("USDT", "0", "BTC", "1");
            p.onFill(spotId, Side.SELL, px(spot, "60000"), qty(spot, "0.5"), 0);
            final PositionUpdate u = p.onFill(spotId, Side.BUY, px(spot, "59000"), qty(spot, "0.5"), 0);
            assertThat(u.realizedPnlMoney()).isEqualTo(money("500"));
            assertThat(p.balanceMoney("BTC")).isEqualTo(money("1"));
            assertThat(p.balanceMoney("USDT")).isEqualTo(money("500"));
            assertIdentities(p);
        }
    }

    @Nested
    final class MarginAndLiquidation {
        @Test
        void liquidationPriceFormulaExamples() {
            final Portfolio p = portfolio("USDT", "100000");
            assertThat(p.liquidationPrice(btc)).as("flat").isZero();
            p.setLeverage(btc, 10);
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "1"), 0);
            // 60000 × (1 − 0.1 + 0.005)
            assertThat(p.liquidationPrice(btc)).isEqualTo(px(perp, "54300"));

            p.setLeverage(btc, 3);
            // 60000 × (1 − 1/3 + 0.005) = 40000 + 300
            assertThat(p.liquidationPrice(btc)).isEqualTo(px(perp, "40300"));

            p.onFill(btc, Side.SELL, px(perp, "60000"), qty(perp, "2"), 0);
            // short: 60000 × (1 + 1/3 − 0.005) = 80000 − 300
            assertThat(p.liquidationPrice(btc)).isEqualTo(px(perp, "79700"));
            p.setLeverage(btc, 10);
            // 60000 × (1 + 0.1 − 0.005)
            assertThat(p.liquidationPrice(btc)).isEqualTo(px(perp, "65700"));
            assertThat(p.liquidationPrice(spotId)).isZero();
        }

        @Test
        void liquidationPriceRoundsOnceFromTheExactEntry() {
            final Portfolio p = portfolio("USDT", "100000");
            p.setLeverage(btc, 7);
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.001"), 0);
            p.onFill(btc, Side.BUY, px(perp, "60000.1"), qty(perp, "0.002"), 0);
            // entry 60000.0666… × (1 − 1/7 + 0.005) = 51728.6288…  → 51728.63
            assertThat(p.liquidationPrice(btc)).isEqualTo(px(perp, "51728.63"));
        }

        @Test
        void marginUsedMaintenanceMarginAndMarginRatio() {
            final Portfolio p = portfolio("USDT", "10000");
            p.setLeverage(btc, 10);
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "1"), 0);
            p.onMarkPrice(btc, px(perp, "59000"));

            assertThat(p.marginUsedMoney()).isEqualTo(money("6000")); // 1 × 60000 / 10
            assertThat(p.maintenanceMarginMoney()).isEqualTo(money("295")); // 1 × 59000 × 0.5 %
            assertThat(p.marginBalanceMoney()).isEqualTo(money("9000")); // 10000 − 1000 unrealized
            // 295 / 9000 = 0.0327777… → rounded up at 1e-8
            assertThat(p.marginRatio()).isEqualTo(3_277_778L);
            assertThat(p.freeBalanceMoney("USDT")).isEqualTo(money("4000"));

            // a 70 % ratio: margin balance 295 / 0.7 ≈ 421.43; take the wallet down with an adjustment
            p.adoptBalance("USDT", money("1421.4285"));
            assertThat(p.marginRatio()).isGreaterThanOrEqualTo(Fixed.rate("0.7"));
            p.adoptBalance("USDT", money("900"));
            assertThat(p.marginRatio()).as("margin balance below zero").isEqualTo(Long.MAX_VALUE);
            assertIdentities(p);
        }

        @Test
        void leverageIsBoundedAndDefaultsAreCapped() {
            final Portfolio p = new Portfolio("USDT", registry, new TreeMap<>(), 75);
            assertThat(p.leverage(btc)).isEqualTo(75);
            assertThat(p.leverage(eth.id())).as("capped at ETH's max 50").isEqualTo(50);
            assertThat(p.leverage(spotId)).isEqualTo(1);
            assertThatThrownBy(() -> p.setLeverage(btc, 101)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.setLeverage(btc, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.setLeverage(spotId, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Portfolio("USDT", registry, new TreeMap<>()).leverage(btc)).isEqualTo(1);
        }
    }

    @Nested
    final class Equity {
        @Test
        void spotHoldingValuedAtItsMarkPlusPerpetualUnrealized() {
            final Portfolio p = portfolio("USDT", "10000", "BTC", "0.5");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.1"), 0);
            p.onMarkPrice(btc, px(perp, "61000"));

            assertThat(p.equityMoney()).as("BTC has no price yet: valued at 0").isEqualTo(money("10100"));
            assertThat(p.unpricedAssets()).containsExactly("BTC");

            p.onMarkPrice(spotId, px(spot, "60000"));

            // 10000 + 0.5 × 60000 + 0.1 × (61000 − 60000)
            assertThat(p.equityMoney()).isEqualTo(money("40100"));
            assertThat(p.unpricedAssets()).isEmpty();
            assertThat(p.positionNotionalMoney(spotId)).isEqualTo(money("30000"));
            assertThat(p.totalPositionNotionalMoney()).isEqualTo(money("36100"));
            assertThat(p.openPositionCount()).isEqualTo(2);
        }
    }

    @Nested
    final class Reconciliation {
        @Test
        void adoptedPositionResetsTheCostBasisAndKeepsIdentities() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), money("1"));

            p.adoptPosition(btc, -qty(perp, "0.2"), px(perp, "61000"));

            assertThat(p.positionQty(btc)).isEqualTo(-qty(perp, "0.2"));
            assertThat(p.avgEntryPrice(btc)).isEqualTo(px(perp, "61000"));
            assertThat(p.costBasisMoney(btc)).isEqualTo(money("12200"));
            assertThat(p.realizedPnlMoney(btc)).isZero();
            assertIdentities(p);

            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.2"), 0);
            assertThat(p.realizedPnlMoney(btc)).isEqualTo(money("200"));
            assertIdentities(p);

            p.adoptPosition(btc, 0, 0);
            assertThat(p.positionQty(btc)).isZero();
            assertIdentities(p);
        }

        @Test
        void adoptingTheSamePositionKeepsTheExactCostBasis() {
            final Portfolio p = portfolio("USDT", "1000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.001"), 0);
            p.onFill(btc, Side.BUY, px(perp, "60000.1"), qty(perp, "0.002"), 0);
            final StateDigest before = new StateDigest();
            p.digest(before);

            p.adoptPosition(btc, qty(perp, "0.003"), p.avgEntryPrice(btc));

            final StateDigest after = new StateDigest();
            p.digest(after);
            assertThat(after.hex()).isEqualTo(before.hex());
        }

        @Test
        void adoptedBalanceIsRecordedAsAnAdjustment() {
            final Portfolio p = portfolio("USDT", "10000");
            p.adoptBalance("USDT", money("9990"));
            p.adoptBalance("ETH", money("2"));
            assertThat(p.adjustmentMoney("USDT")).isEqualTo(money("-10"));
            assertThat(p.balanceMoney("ETH")).isEqualTo(money("2"));
            assertThat(p.assets()).containsExactly("ETH", "USDT");
            assertIdentities(p);
        }

        @Test
        void spotPositionsAreNotAdoptedAndEntryIsRequired() {
            final Portfolio p = portfolio("USDT", "10000");
            assertThatThrownBy(() -> p.adoptPosition(spotId, 1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.adoptPosition(btc, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    final class IdentitiesAndState {
        @Test
        void identityCheckReportsATamperedSnapshot() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), money("1"));
            final PortfolioSnapshot s = p.snapshot();
            final PortfolioSnapshot.AssetEntry usdt = s.assets().get(0);
            final PortfolioSnapshot tampered = new PortfolioSnapshot(s.accountCurrency(), s.defaultPerpLeverage(),
                    List.of(new PortfolioSnapshot.AssetEntry("USDT", usdt.initialMoney(), usdt.balanceMoney() + 1,
                            usdt.adjustmentMoney())),
                    s.positions(), s.locks());

            assertThat(Portfolio.restore(tampered, registry).checkIdentities())
                    .singleElement().asString().startsWith("USDT: balance 9999.00000001");
        }

        @Test
        void snapshotRestoreRoundTripKeepsTheDigest() {
            final Portfolio p = portfolio("USDT", "10000", "BTC", "0.25");
            p.setLeverage(btc, 20);
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), money("3"));
            p.onMarkPrice(btc, px(perp, "60500"));
            p.applyFunding(btc, Fixed.rate("0.0001"), px(perp, "60500"));
            p.onFill(spotId, Side.BUY, px(spot, "60000"), qty(spot, "0.01"), money("0.6"));
            p.lock(new ClientOrderId("a"), spotId, Side.BUY, px(spot, "59000"), qty(spot, "0.02"));
            p.lock(new ClientOrderId("b"), spotId, Side.SELL, px(spot, "61000"), qty(spot, "0.02"));
            p.onLockFill(new ClientOrderId("a"), qty(spot, "0.005"));
            p.adoptBalance("USDT", p.balanceMoney("USDT") - 5);

            final PortfolioSnapshot s = p.snapshot();
            final Portfolio r = Portfolio.restore(s, registry);

            assertThat(r.snapshot()).isEqualTo(s);
            assertThat(digest(r)).isEqualTo(digest(p));
            assertThat(r.freeBalanceMoney("USDT")).isEqualTo(p.freeBalanceMoney("USDT"));
            assertThat(r.equityMoney()).isEqualTo(p.equityMoney());
            assertIdentities(r);
        }

        @Test
        void digestDependsOnState() {
            final Portfolio a = portfolio("USDT", "10000");
            final Portfolio b = portfolio("USDT", "10000");
            assertThat(digest(a)).isEqualTo(digest(b));
            b.onMarkPrice(btc, 1);
            assertThat(digest(a)).isNotEqualTo(digest(b));
        }

        @Test
        void readsDoNotChangeState() {
            final Portfolio p = portfolio("USDT", "10000");
            final String before = digest(p);
            p.positionQty(btc);
            p.leverage(eth.id());
            p.freeBalanceMoney("XRP");
            p.equityMoney();
            p.marginRatio();
            p.liquidationPrice(btc);
            assertThat(digest(p)).isEqualTo(before);
        }

        @Test
        void overflowFailsFastAndChangesNothing() {
            final Portfolio p = portfolio("USDT", "10000");
            p.onFill(btc, Side.BUY, px(perp, "60000"), qty(perp, "0.5"), 0);
            final String before = digest(p);

            assertThatThrownBy(() -> p.onFill(btc, Side.BUY, Long.MAX_VALUE / 10, 1000, 0))
                    .isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> p.applyFunding(btc, Long.MAX_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(ArithmeticException.class);
            p.adoptBalance("USDT", Long.MAX_VALUE - 1);
            final String atMax = digest(p);
            assertThatThrownBy(() -> p.onFill(btc, Side.SELL, px(perp, "70000"), qty(perp, "0.5"), 0))
                    .isInstanceOf(ArithmeticException.class);

            assertThat(digest(p)).isEqualTo(atMax).isNotEqualTo(before);
        }

        @Test
        void invalidInputsAreRejected() {
            final Portfolio p = portfolio("USDT", "10000");
            assertThatThrownBy(() -> p.onFill(btc, Side.BUY, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.onFill(btc, Side.BUY, 1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.onFill(new InstrumentId("NOPE", "SIM"), Side.BUY, 1, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.onMarkPrice(btc, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.lock(new ClientOrderId("x"), btc, Side.BUY, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    static String digest(final Portfolio p) {
        final StateDigest d = new StateDigest();
        p.digest(d);
        return d.hex();
    }
}
