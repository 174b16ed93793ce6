package dev.tandem.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.portfolio.Portfolio;
import dev.tandem.kernel.random.RandomSource;
import dev.tandem.testkit.Instruments;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SimpleLedgerTest {
    private static final Instrument PERP = Instruments.btcUsdtPerp();
    private static final Instrument SPOT = Instruments.btcUsdtSpot();
    /** A perpetual with a maker rebate of 0.01 %. */
    private static final Instrument REBATE = new Instrument(new InstrumentId("ETHUSDT", "SIM"), InstrumentKind.LINEAR_PERPETUAL,
            "ETH", "USDT", 2, 2, 1, 1, 1, 1_000_000, 0, Fixed.rate("-0.0001"), Fixed.rate("0.0005"), 50, Fixed.rate("0.005"));

    private static TreeMap<String, Long> usdt(final String amount) {
        final TreeMap<String, Long> m = new TreeMap<>();
        m.put("USDT", Fixed.money(amount));
        return m;
    }

    private static long usdtBalance(final SimpleLedger l, final long account) {
        return l.balances(account).stream().filter(b -> b.asset().equals("USDT")).mapToLong(VenueBalance::totalMoney).sum();
    }

    @Test
    void aPerpetualRoundTripRealizesThePriceDifferenceAndPaysBothFees() {
        final SimpleLedger l = new SimpleLedger();
        l.open(1, usdt("10000"), false);
        final long buyFee = l.onFill(1, PERP, Side.BUY, PERP.price("60000.00"), PERP.qty("0.010"), Liquidity.TAKER);
        assertThat(buyFee).isEqualTo(Fixed.money("0.33")); // 600 × 0.055 %
        assertThat(l.positions(1)).containsExactly(new VenuePosition(PERP.id(), PERP.qty("0.010"), PERP.price("60000.00")));
        final long sellFee = l.onFill(1, PERP, Side.SELL, PERP.price("61000.00"), PERP.qty("0.004"), Liquidity.MAKER);
        assertThat(sellFee).isEqualTo(Fixed.money("0.0488")); // 244 × 0.02 %
        assertThat(l.position(1, PERP)).isEqualTo(PERP.qty("0.006"));
        // realized 0.004 × 1000 = 4 USDT
        assertThat(usdtBalance(l, 1)).isEqualTo(Fixed.money("10000") + Fixed.money("4") - buyFee - sellFee);
        // flip: sell 0.010 closes 0.006 at 59000 (−6 USDT) and opens 0.004 short
        l.onFill(1, PERP, Side.SELL, PERP.price("59000.00"), PERP.qty("0.010"), Liquidity.TAKER);
        assertThat(l.positions(1)).containsExactly(new VenuePosition(PERP.id(), PERP.qty("-0.004"), PERP.price("59000.00")));
    }

    @Test
    void aNegativeMakerFeeIsARebateCredited() {
        final SimpleLedger l = new SimpleLedger();
        l.open(1, usdt("1000"), false);
        final long fee = l.onFill(1, REBATE, Side.BUY, REBATE.price("3000.00"), REBATE.qty("1.00"), Liquidity.MAKER);
        assertThat(fee).isEqualTo(-Fixed.money("0.3"));
        assertThat(usdtBalance(l, 1)).isEqualTo(Fixed.money("1000.3"));
    }

    @Test
    void aPositionClosedOutsideRealizesAtThePriceWithoutFee() {
        final SimpleLedger l = new SimpleLedger();
        l.open(1, usdt("10000"), false);
        l.onFill(1, PERP, Side.SELL, PERP.price("60000.00"), PERP.qty("0.010"), Liquidity.MAKER);
        final long afterFill = usdtBalance(l, 1);
        assertThat(l.closeOutside(1, PERP, PERP.price("59000.00"))).isEqualTo(PERP.qty("-0.010"));
        assertThat(l.position(1, PERP)).isZero();
        assertThat(l.positions(1)).isEmpty();
        assertThat(usdtBalance(l, 1)).isEqualTo(afterFill + Fixed.money("10"));
        assertThat(l.closeOutside(1, PERP, PERP.price("59000.00"))).isZero();
    }

    @Test
    void spotOrdersReserveFundsAndAreRefusedWhenTheFreeBalanceIsShort() {
        final SimpleLedger l = new SimpleLedger();
        l.open(1, usdt("1000"), false);
        final OrderTicket buy = new OrderTicket(1, SPOT, Side.BUY, OrderType.LIMIT, SPOT.price("50000.00"), 0, SPOT.qty("0.015"), false, 0);
        assertThat(l.canPlace(1, buy)).isEqualTo(ReasonCode.NONE); // 750 + 0.75 fee
        l.reserve(1, buy);
        assertThat(l.balances(1)).containsExactly(new VenueBalance("USDT", Fixed.money("1000"), Fixed.money("750.75")));
        final OrderTicket second = new OrderTicket(2, SPOT, Side.BUY, OrderType.LIMIT, SPOT.price("50000.00"), 0, SPOT.qty("0.005"), false, 0);
        assertThat(l.canPlace(1, second)).isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        final OrderTicket market = new OrderTicket(3, SPOT, Side.BUY, OrderType.MARKET, 0, 0, SPOT.qty("0.005"), false,
                SPOT.price("50000.00"));
        assertThat(l.canPlace(1, market)).as("valued at the reference price").isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        // a partial fill shrinks the reservation; the end releases it
        l.onFill(1, SPOT, Side.BUY, SPOT.price("50000.00"), SPOT.qty("0.010"), Liquidity.MAKER);
        l.updateReservation(1, 1, SPOT.price("50000.00"), SPOT.qty("0.005"));
        assertThat(l.balances(1)).containsExactly(
                new VenueBalance("BTC", Fixed.money("0.01"), 0),
                new VenueBalance("USDT", Fixed.money("1000") - Fixed.money("500") - Fixed.money("0.5"), Fixed.money("250.25")));
        l.updateReservation(1, 1, SPOT.price("50000.00"), 0);
        assertThat(l.balances(1)).extracting(VenueBalance::lockedMoney).containsOnly(0L);
        // sells need the base asset
        assertThat(l.position(1, SPOT)).isEqualTo(SPOT.qty("0.010"));
        assertThat(l.canPlace(1, new OrderTicket(4, SPOT, Side.SELL, OrderType.LIMIT, SPOT.price("51000.00"), 0, SPOT.qty("0.011"), false, 0)))
                .isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
        assertThat(l.canPlace(1, new OrderTicket(4, SPOT, Side.SELL, OrderType.LIMIT, SPOT.price("51000.00"), 0, SPOT.qty("0.010"), false, 0)))
                .isEqualTo(ReasonCode.NONE);
        // perpetuals and agents are never refused
        assertThat(l.canPlace(1, new OrderTicket(5, PERP, Side.BUY, OrderType.MARKET, 0, 0, PERP.qty("100"), false, PERP.price("60000.00"))))
                .isEqualTo(ReasonCode.NONE);
        l.open(2, new TreeMap<>(), true);
        assertThat(l.canPlace(2, second)).isEqualTo(ReasonCode.NONE);
    }

    @Test
    void theLedgerBooksRandomFillsExactlyLikeTheKernelsPortfolio() {
        final RandomSource r = RandomSource.seeded(2024);
        final List<Instrument> instruments = List.of(PERP, REBATE, SPOT);
        final TreeMap<String, Long> start = usdt("1000000");
        start.put("BTC", Fixed.money("5"));
        final SimpleLedger l = new SimpleLedger();
        l.open(1, start, false);
        final Portfolio p = new Portfolio("USDT", InstrumentRegistry.of(instruments), start);
        for (int i = 0; i < 5_000; i++) {
            final Instrument ins = instruments.get(r.nextInt(instruments.size()));
            final Side side = r.nextInt(2) == 0 ? Side.BUY : Side.SELL;
            final long price = ins.roundPrice(ins.price("100.00") + r.nextLong(0, ins.price("100.00")));
            final long qty = Math.max(ins.minQty(), ins.roundQtyDown(r.nextLong(1, ins.maxQty() / 1000)));
            final Liquidity liq = Liquidity.values()[r.nextInt(3)];
            final long fee = l.onFill(1, ins, side, price, qty, liq);
            p.onFill(ins.id(), side, price, qty, fee);
        }
        for (final VenueBalance b : l.balances(1)) {
            assertThat(b.totalMoney()).as(b.asset()).isEqualTo(p.balanceMoney(b.asset()));
        }
        for (final VenuePosition vp : l.positions(1)) {
            assertThat(vp.signedQty()).isEqualTo(p.positionQty(vp.instrumentId()));
            assertThat(vp.avgEntryPrice()).isEqualTo(p.avgEntryPrice(vp.instrumentId()));
        }
        assertThat(l.positions(1)).hasSize((int) List.of(PERP, REBATE).stream().filter(i -> p.positionQty(i.id()) != 0).count());
    }
}
