package dev.tandem.sim.account;

import static dev.tandem.sim.account.SimAccountTest.m;
import static dev.tandem.sim.account.SimAccountTest.px;
import static dev.tandem.sim.account.SimAccountTest.qty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.account.InsuranceFundChange.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Liquidation against hand-computed figures. The set-up: account 1 is long 1 BTC at 50 000 with a wallet of 4 230 USDT
 * (20x), account 2 is the short on the other side; 0.5 % maintenance margin, no trading fees, liquidation fee 0.05 %.
 * At a mark of 46 000: U = −4 000, E = 230 = MM (0.5 % × 46 000), so the long is liquidated exactly there. Its
 * bankruptcy price is (46 000 − 230) / (1 − 0.0005) = 45 792.8964… → 45 792.90 (up, toward the mark); fee
 * 0.05 % × 45 792.90 = 22.89645; left in the wallet: 4 230 − 4 207.10 − 22.89645 = 0.00355.
 */
class LiquidationEngineTest {

    private static final long FEE = Fixed.rate("0.0005");
    private static final String BTC = "BTCUSDT";

    private TestVenue venue;
    private LiquidationEngine engine;

    private void setUp() {
        venue = new TestVenue().add(TestVenue.perp(BTC, "0", "0"));
        engine = new LiquidationEngine(venue.ledger, venue, FEE);
        venue.open(1, "USDT", "4230").setLeverage(BTC, 20);
        venue.open(2, "USDT", "100000");
        venue.open(3, "USDT", "100000");
        venue.limit(2, BTC, Side.SELL, px("50000"), qty("1"));
        venue.limit(1, BTC, Side.BUY, px("50000"), qty("1"));
    }

    private void assertConserved() {
        assertThat(Conservation.check(venue.ledger, true)).isEmpty();
        assertThat(Conservation.solvency(venue.ledger)).isEmpty();
        assertThat(venue.ledger.liquidationAccount().positionQty(BTC)).isZero();
        assertThat(venue.ledger.liquidationAccount().walletBalance("USDT")).isZero();
    }

    @Test
    void triggersAtTheExactMarkWhereMarginBalanceMeetsMaintenance() {
        setUp();
        final SimAccount a = venue.ledger.account(1);
        venue.setMark(BTC, px("46000.01"));
        assertThat(a.marginBalance("USDT")).isEqualTo(m("230.01"));
        assertThat(a.maintenanceMargin(BTC)).isEqualTo(m("230.00005"));
        assertThat(engine.isLiquidatable(a, "USDT")).isFalse();
        assertThat(engine.checkAll()).isEmpty();
        venue.setMark(BTC, px("46000"));
        assertThat(a.marginBalance("USDT")).isEqualTo(m("230"));
        assertThat(a.maintenanceMargin(BTC)).isEqualTo(m("230"));
        assertThat(engine.isLiquidatable(a, "USDT")).isTrue();
        assertThat(engine.isLiquidatable(venue.ledger.account(2), "USDT")).isFalse();
    }

    @Test
    void bankruptcyPriceFormula() {
        final Instrument ins = TestVenue.perp(BTC, "0", "0");
        // long: (q·M − E) / (q (1 − r)), up to the tick
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, qty("1"), px("46000"), m("230"), 0)).isEqualTo(px("45770"));
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, qty("1"), px("46000"), m("230"), FEE)).isEqualTo(px("45792.90"));
        // the mark cancels out for a single position: the same account after a gap to 45 000 (E = −770)
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, qty("1"), px("45000"), m("-770"), FEE)).isEqualTo(px("45792.90"));
        // short: (−54 000 − 270) / (−1 × 1.0005) = 54 242.8785… down to 54 242.87
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, -qty("1"), px("54000"), m("270"), 0)).isEqualTo(px("54270"));
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, -qty("1"), px("54000"), m("270"), FEE)).isEqualTo(px("54242.87"));
        // half a BTC: 23 000 − 115 = 22 885 over 0.5 → 45 770
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, qty("0.5"), px("46000"), m("115"), 0)).isEqualTo(px("45770"));
        // equity above the whole notional (1x or less): never below one tick
        assertThat(LiquidationEngine.bankruptcyPriceAtMark(ins, qty("1"), px("46000"), m("50000"), 0)).isEqualTo(1);
    }

    @Test
    void closingBetterThanBankruptcyFeedsTheInsuranceFund() {
        setUp();
        venue.limit(3, BTC, Side.BUY, px("45900"), qty("1"));
        venue.setMark(BTC, px("46000"));
        final List<LiquidationReport> reports = engine.checkAll();
        assertThat(reports).hasSize(1);
        final LiquidationReport r = reports.get(0);
        assertThat(r.account()).isEqualTo(1);
        assertThat(r.marginBalance()).isEqualTo(m("230"));
        final Takeover t = r.takeovers().get(0);
        assertThat(t).isEqualTo(new Takeover(1, BTC, Side.SELL, qty("1"), px("46000"), px("45792.90"), m("230"),
                m("22.89645"), m("-4207.10"), px("45770"), qty("1"), 0));
        // fund: fee 22.89645 + remainder 0.00355 = 22.9, so the close may go 2 290 ticks of 0.01 below Pb: 45 770
        assertThat(r.fundChanges()).containsExactly(
                new InsuranceFundChange("USDT", Kind.LIQUIDATION_FEE, m("22.89645"), m("22.89645"), 1, BTC),
                new InsuranceFundChange("USDT", Kind.BANKRUPTCY_REMAINDER, m("0.00355"), m("22.9"), 1, ""),
                new InsuranceFundChange("USDT", Kind.CLOSE_RESULT, m("107.10"), m("130"), SimLedger.LIQUIDATION_ACCOUNT, BTC));
        assertThat(r.adlFills()).isEmpty();
        final SimAccount a = venue.ledger.account(1);
        assertThat(a.walletBalance("USDT")).isZero();
        assertThat(a.positionQty(BTC)).isZero();
        assertThat(venue.ledger.account(3).positionQty(BTC)).isEqualTo(qty("1"));
        assertThat(venue.ledger.insuranceFund().balance("USDT")).isEqualTo(m("130"));
        assertConserved();
    }

    @Test
    void closingWorseThanBankruptcyAfterAGapIsPaidByTheInsuranceFund() {
        setUp();
        venue.ledger.seedInsuranceFund("USDT", m("1000"));
        venue.limit(3, BTC, Side.BUY, px("45000"), qty("1"));
        venue.setMark(BTC, px("45000"));                 // a gap: E = 4 230 − 5 000 = −770
        final LiquidationReport r = engine.checkAll().get(0);
        assertThat(r.marginBalance()).isEqualTo(m("-770"));
        final Takeover t = r.takeovers().get(0);
        assertThat(t.bankruptcyPrice()).isEqualTo(px("45792.90"));
        // fund 1 022.9 allows 102 290 ticks: limit 44 770; the bid at 45 000 fills; loss 792.90
        assertThat(t.closeLimitPrice()).isEqualTo(px("44770"));
        assertThat(t.closedInBook()).isEqualTo(qty("1"));
        assertThat(r.fundChanges()).extracting(InsuranceFundChange::kind, InsuranceFundChange::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.LIQUIDATION_FEE, m("22.89645")),
                org.assertj.core.groups.Tuple.tuple(Kind.BANKRUPTCY_REMAINDER, m("0.00355")),
                org.assertj.core.groups.Tuple.tuple(Kind.CLOSE_RESULT, m("-792.90")));
        assertThat(venue.ledger.insuranceFund().balance("USDT")).isEqualTo(m("230"));
        assertConserved();
    }

    @Test
    void whatTheFundCannotCoverIsAutoDeleveragedAtTheBankruptcyPrice() {
        setUp();
        // another short (account 4, at 47 000, against account 5's long) ranks below account 2 at equal leverage
        venue.open(4, "USDT", "100000");
        venue.open(5, "USDT", "100000");
        venue.limit(4, BTC, Side.SELL, px("47000"), qty("1"));
        venue.limit(5, BTC, Side.BUY, px("47000"), qty("1"));
        // the book takes 0.5 at 45 800 (above the fund's limit of 45 770); the bid at 45 760 is below it
        venue.limit(3, BTC, Side.BUY, px("45800"), qty("0.5"));
        venue.limit(3, BTC, Side.BUY, px("45760"), qty("1"));
        venue.setMark(BTC, px("46000"));
        final LiquidationReport r = engine.checkAll().get(0);
        final Takeover t = r.takeovers().get(0);
        assertThat(t.closedInBook()).isEqualTo(qty("0.5"));
        assertThat(t.deleveraged()).isEqualTo(qty("0.5"));
        // account 2: U/|C| × lev = 4 000 / 50 000 × 10 = 0.8 beats account 4: 1 000 / 47 000 × 10 = 0.21
        assertThat(r.adlFills()).containsExactly(new AdlFill(2, BTC, Side.BUY, px("45792.90"), qty("0.5"), m("2103.55")));
        assertThat(venue.ledger.account(2).positionQty(BTC)).isEqualTo(-qty("0.5"));
        assertThat(venue.ledger.account(4).positionQty(BTC)).isEqualTo(-qty("1"));
        // the book close gained (45 800 − 45 792.90) × 0.5 = 3.55
        assertThat(venue.ledger.insuranceFund().balance("USDT")).isEqualTo(m("26.45"));
        assertConserved();
    }

    @Test
    void adlRankingWeighsLeverage() {
        setUp();
        venue.open(4, "USDT", "100000");
        venue.open(5, "USDT", "100000");
        venue.limit(4, BTC, Side.SELL, px("47000"), qty("1"));
        venue.limit(5, BTC, Side.BUY, px("47000"), qty("1"));
        venue.ledger.account(4).setLeverage(BTC, 50);        // 1 000 / 47 000 × 50 = 1.06 > 0.8
        venue.setMark(BTC, px("46000"));
        final LiquidationReport r = engine.checkAll().get(0);   // empty book: all of it is deleveraged
        assertThat(r.takeovers().get(0).deleveraged()).isEqualTo(qty("1"));
        assertThat(r.adlFills()).containsExactly(new AdlFill(4, BTC, Side.BUY, px("45792.90"), qty("1"), m("1207.10")));
        assertThat(venue.ledger.account(2).positionQty(BTC)).isEqualTo(-qty("1"));
        assertConserved();
    }

    @Test
    void liquidationCancelsTheAccountsOrdersFirst() {
        setUp();
        venue.limit(1, BTC, Side.SELL, px("60000"), qty("0.001"));
        venue.limit(1, BTC, Side.BUY, px("40000"), qty("0.01"));
        assertThat(venue.ledger.account(1).reservedOrderCount()).isEqualTo(1);  // the sell reduces: no margin
        venue.setMark(BTC, px("46000"));
        final LiquidationReport r = engine.checkAll().get(0);
        assertThat(r.releasedOrders()).isEqualTo(1);
        assertThat(venue.books.get(BTC).liveOrderCount()).isZero();
        assertThat(venue.ledger.account(1).orderMargin("USDT")).isZero();
        assertConserved();
    }

    @Test
    void aNegativeWalletWithoutPositionIsMadeWholeByTheFund() {
        setUp();
        venue.ledger.seedInsuranceFund("USDT", m("1000"));
        venue.limit(3, BTC, Side.BUY, px("45000"), qty("1"));
        venue.limit(1, BTC, Side.SELL, px("45000"), qty("1"));  // closes at a 5 000 loss: wallet −770, flat
        final SimAccount a = venue.ledger.account(1);
        assertThat(a.walletBalance("USDT")).isEqualTo(m("-770"));
        assertThat(engine.isLiquidatable(a, "USDT")).isTrue();
        final LiquidationReport r = engine.checkAll().get(0);
        assertThat(r.takeovers()).isEmpty();
        assertThat(r.fundChanges()).containsExactly(
                new InsuranceFundChange("USDT", Kind.BANKRUPTCY_REMAINDER, m("-770"), m("230"), 1, ""));
        assertThat(a.walletBalance("USDT")).isZero();
        assertConserved();
    }

    @Test
    void crossMarginAllotsEquityByMaintenanceMargin() {
        venue = new TestVenue().add(TestVenue.perp(BTC, "0", "0")).add(TestVenue.perp("ETHUSDT", "0", "0"));
        engine = new LiquidationEngine(venue.ledger, LiquidationExecutor.NONE, 0);
        venue.open(1, "USDT", "2000");
        venue.open(2, "USDT", "100000");
        venue.limit(2, BTC, Side.SELL, px("50000"), qty("0.2"));
        venue.limit(1, BTC, Side.BUY, px("50000"), qty("0.2"));
        venue.limit(2, "ETHUSDT", Side.SELL, px("3000"), qty("2"));
        venue.limit(1, "ETHUSDT", Side.BUY, px("3000"), qty("2"));
        venue.setMark(BTC, px("42000"));      // U = −1 600, MM 42
        venue.setMark("ETHUSDT", px("2880")); // U = −240, MM 28.8; E = 160 > 70.8
        assertThat(engine.checkAll()).isEmpty();
        venue.setMark("ETHUSDT", px("2800")); // U = −400: E = 0 ≤ 70
        final LiquidationReport r = engine.checkAll().get(0);
        assertThat(r.marginBalance()).isZero();
        // allotted 0 each; bankruptcy prices = the marks
        assertThat(r.takeovers()).extracting(Takeover::symbol, Takeover::bankruptcyPrice, Takeover::deleveraged)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTCUSDT", px("42000"), qty("0.2")),
                        org.assertj.core.groups.Tuple.tuple("ETHUSDT", px("2800"), qty("2")));
        assertThat(venue.ledger.account(1).walletBalance("USDT")).isZero();
        assertThat(venue.ledger.account(2).positionQty(BTC)).isZero();
        assertConserved();
    }

    @Test
    void ordersAreCanceledWhenAPerpetualLossEatsIntoSpotLockedFunds() {
        venue = new TestVenue().add(TestVenue.perp(BTC, "0", "0")).add(TestVenue.spot());
        engine = new LiquidationEngine(venue.ledger, venue, FEE);
        final SimAccount a = venue.open(1, "USDT", "10000");
        venue.open(2, "USDT", "100000");
        a.setLeverage(BTC, 100);
        venue.limit(1, "BTCUSDT-SPOT", Side.BUY, px("50000"), Fixed.parse("0.1", 6));   // locks 5 005
        venue.limit(2, BTC, Side.SELL, px("50000"), qty("1"));
        venue.limit(1, BTC, Side.BUY, px("50000"), qty("1"));                           // IM 500
        venue.limit(2, BTC, Side.BUY, px("44000"), qty("1"));
        venue.limit(1, BTC, Side.SELL, px("44000"), qty("1"));                          // realizes −6 000
        assertThat(a.walletBalance("USDT")).isEqualTo(m("4000"));
        assertThat(a.lockedBalance("USDT")).isEqualTo(m("5005"));
        assertThat(Conservation.solvency(venue.ledger)).extracting(Conservation.Violation::invariant).containsExactly("locks");
        assertThat(engine.cancelOrdersBeyondWallet()).containsExactly(1L);
        assertThat(a.lockedBalance("USDT")).isZero();
        assertThat(venue.books.get("BTCUSDT-SPOT").liveOrderCount()).isZero();
        assertThat(engine.checkAll()).isEmpty();
        assertConserved();
    }
}
