package dev.tandem.sim;

import static dev.tandem.sim.Fixtures.BTC;
import static dev.tandem.sim.Fixtures.PX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.account.Conservation;
import dev.tandem.sim.account.SimLedger;
import dev.tandem.sim.account.TradeBooking;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The MARGIN ledger's adapter: per-side booking, reservations through an order's life, agents, the book account. */
class AccountLedgerTest {

    private static AccountLedger ledger() {
        final AccountLedger l = new AccountLedger(List.of(BTC), MarginSettings.defaults());
        final TreeMap<String, Long> usdt = new TreeMap<>();
        usdt.put("USDT", Fixed.money("10000"));
        l.open(1, usdt, false);
        l.open(2, usdt, false);
        l.open(3, new TreeMap<>(), true);
        l.marks().setMark(BTC.id().symbol(), PX);
        return l;
    }

    private static OrderTicket limit(final long id, final Side side, final long price, final long qty) {
        return new OrderTicket(id, BTC, side, OrderType.LIMIT, price, 0, qty, false, 0);
    }

    @Test
    void bookingBothSidesOfATradeIsExactlyApplyTrade() {
        final AccountLedger a = ledger();
        final AccountLedger b = ledger();
        final long qty = BTC.qty("0.123");
        final long takerFee = a.onFill(1, 7, BTC, Side.BUY, PX, qty, Liquidity.TAKER);
        final long makerFee = a.onFill(2, 8, BTC, Side.SELL, PX, qty, Liquidity.MAKER);
        final TradeBooking t = b.simLedger().applyTrade(BTC.id().symbol(), 1, 7, 2, 8, Side.BUY, PX, qty);
        assertThat(takerFee).isEqualTo(t.takerFee()).isPositive();
        assertThat(makerFee).isEqualTo(t.makerFee());
        assertThat(a.balances(1)).isEqualTo(b.balances(1));
        assertThat(a.balances(2)).isEqualTo(b.balances(2));
        assertThat(a.positions(1)).isEqualTo(b.positions(1));
        assertThat(a.position(2, BTC)).isEqualTo(-qty);
        assertThat(a.simLedger().feesCollected("USDT")).isEqualTo(b.simLedger().feesCollected("USDT"));
        assertThat(Conservation.check(a.simLedger(), true)).isEmpty();
    }

    @Test
    void anOrderReservesMarginWhileItRestsAndReleasesItWhenItEnds() {
        final AccountLedger l = ledger();
        final OrderTicket o = limit(5, Side.BUY, PX, BTC.qty("1.000"));
        assertThat(l.canPlace(1, o)).isEqualTo(ReasonCode.NONE);
        assertThat(l.simLedger().account(1).orderMargin("USDT")).as("the check leaves nothing behind").isZero();
        l.reserve(1, o);
        final long full = l.simLedger().account(1).orderMargin("USDT");
        assertThat(full).isGreaterThan(Fixed.money("6000"));
        assertThat(l.balances(1).get(0).lockedMoney()).isEqualTo(full);
        l.onFill(1, 5, BTC, Side.BUY, PX, BTC.qty("0.500"), Liquidity.MAKER);
        l.updateReservation(1, 5, PX, BTC.qty("0.500"));
        assertThat(l.simLedger().account(1).orderMargin("USDT")).isEqualTo((full + 1) / 2);
        l.updateReservation(1, 5, PX - BTC.tickSize() * 1000, BTC.qty("0.500")); // an amend re-reserves
        assertThat(l.simLedger().account(1).orderMargin("USDT")).isLessThan((full + 1) / 2);
        l.updateReservation(1, 5, PX, 0);
        assertThat(l.simLedger().account(1).orderMargin("USDT")).isZero();
        assertThat(l.canPlace(1, limit(6, Side.BUY, PX, BTC.qty("2.000")))).as("beyond 10x of the wallet")
                .isEqualTo(ReasonCode.VENUE_INSUFFICIENT_BALANCE);
    }

    @Test
    void agentsAreNeverRefusedButHaveCollateralAndTheBookKnowsTheLiquidationAccountAsMinusTwo() {
        final AccountLedger l = ledger();
        assertThat(l.simLedger().account(3).walletBalance("USDT")).isEqualTo(MarginSettings.defaults().agentCredit());
        assertThat(l.canPlace(3, limit(9, Side.BUY, PX, BTC.qty("99.000")))).isEqualTo(ReasonCode.NONE);
        assertThat(l.has(AccountLedger.LIQUIDATION_BOOK_ACCOUNT)).isTrue();
        assertThat(l.has(SimLedger.LIQUIDATION_ACCOUNT)).as("-1 is the venue's bar liquidity").isFalse();
        assertThat(l.onFill(AccountLedger.LIQUIDATION_BOOK_ACCOUNT, 10, BTC, Side.SELL, PX, BTC.qty("0.010"),
                Liquidity.TAKER)).as("the venue pays no fee").isZero();
        assertThat(l.simLedger().liquidationAccount().positionQty(BTC.id().symbol())).isEqualTo(-BTC.qty("0.010"));
    }

    @Test
    void anExternalCloseRealizesAtThePriceWithoutFee() {
        final AccountLedger l = ledger();
        l.onFill(1, 1, BTC, Side.BUY, PX, BTC.qty("0.100"), Liquidity.TAKER);
        final long wallet = l.simLedger().account(1).walletBalance("USDT");
        assertThat(l.closeOutside(1, BTC, PX + BTC.price("100.00"))).isEqualTo(BTC.qty("0.100"));
        assertThat(l.position(1, BTC)).isZero();
        assertThat(l.simLedger().account(1).walletBalance("USDT") - wallet).isEqualTo(Fixed.money("10"));
    }
}
