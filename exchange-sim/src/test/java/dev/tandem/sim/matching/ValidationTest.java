package dev.tandem.sim.matching;

import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.RecordingListener.Rejected;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every placement rejection, on rules tick 5, lot 2, quantity 4..20, min notional 1 000. */
class ValidationTest {

    private final TestBook t = new TestBook(new BookRules(5, 2, 4, 20, 1_000, SelfTradePrevention.CANCEL_TAKER,
            MarketProtection.none()));
    private final Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);

    private void rejects(final RejectReason reason, final OrderType type, final TimeInForce tif, final long price,
                         final long qty, final long trigger) {
        final boolean accepted = t.book.place(77, 7, BUY, type, tif, price, qty, false,
                type.hasTriggerPrice() ? TriggerSource.LAST : null, trigger);
        assertThat(accepted).as("%s", reason).isFalse();
        assertThat(t.drain()).as("%s", reason).containsExactly(new Rejected(77, 7, reason));
        seen.add(reason);
    }

    @Test
    void eachFilterRejectsWithItsReason() {
        t.rest(77, 9, SELL, 200, 10);
        rejects(RejectReason.DUPLICATE_ORDER_ID, OrderType.LIMIT, TimeInForce.GTC, 100, 10, 0);
        t.book.cancel(77, 9);
        t.drain();
        rejects(RejectReason.INVALID_TIME_IN_FORCE, OrderType.MARKET, TimeInForce.POST_ONLY, 0, 10, 0);
        rejects(RejectReason.INVALID_TIME_IN_FORCE, OrderType.STOP_MARKET, TimeInForce.POST_ONLY, 0, 10, 100);
        rejects(RejectReason.INVALID_PRICE, OrderType.LIMIT, TimeInForce.GTC, 0, 10, 0);
        rejects(RejectReason.INVALID_PRICE, OrderType.LIMIT, TimeInForce.GTC, -5, 10, 0);
        rejects(RejectReason.PRICE_NOT_ON_TICK, OrderType.LIMIT, TimeInForce.GTC, 101, 10, 0);
        rejects(RejectReason.PRICE_NOT_ON_TICK, OrderType.STOP_LIMIT, TimeInForce.GTC, 101, 10, 100);
        rejects(RejectReason.INVALID_TRIGGER_PRICE, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 10, 0);
        rejects(RejectReason.INVALID_TRIGGER_PRICE, OrderType.STOP_LIMIT, TimeInForce.GTC, 100, 10, 103);
        rejects(RejectReason.INVALID_QTY, OrderType.LIMIT, TimeInForce.GTC, 100, 0, 0);
        rejects(RejectReason.INVALID_QTY, OrderType.MARKET, TimeInForce.IOC, 0, -2, 0);
        rejects(RejectReason.QTY_NOT_ON_LOT, OrderType.LIMIT, TimeInForce.GTC, 100, 11, 0);
        rejects(RejectReason.QTY_BELOW_MIN, OrderType.LIMIT, TimeInForce.GTC, 500, 2, 0);
        rejects(RejectReason.QTY_ABOVE_MAX, OrderType.MARKET, TimeInForce.IOC, 0, 22, 0);
        rejects(RejectReason.NOTIONAL_BELOW_MIN, OrderType.LIMIT, TimeInForce.GTC, 95, 10, 0);
        rejects(RejectReason.NOTIONAL_BELOW_MIN, OrderType.STOP_LIMIT, TimeInForce.GTC, 95, 10, 100);

        t.rest(2, 9, SELL, 200, 10);
        rejects(RejectReason.POST_ONLY_WOULD_TAKE, OrderType.LIMIT, TimeInForce.POST_ONLY, 200, 10, 0);
        rejects(RejectReason.FOK_NOT_FILLABLE, OrderType.LIMIT, TimeInForce.FOK, 200, 12, 0);
        assertThat(t.book.place(77, 7, SELL, OrderType.LIMIT, TimeInForce.GTC, 300, 4, true, null, 0)).isFalse();
        assertThat(t.drain()).containsExactly(new Rejected(77, 7, RejectReason.REDUCE_ONLY_WOULD_INCREASE));
        seen.add(RejectReason.REDUCE_ONLY_WOULD_INCREASE);

        assertThat(t.book.cancel(77, 7)).isFalse();
        assertThat(t.drain()).containsExactly(new RecordingListener.CancelRejected(77, 7, RejectReason.UNKNOWN_ORDER));
        seen.add(RejectReason.UNKNOWN_ORDER);
        // the other two amend-only reasons are covered in AmendTest
        seen.add(RejectReason.AMEND_QTY_NOT_ABOVE_FILLED);
        seen.add(RejectReason.STOP_NOT_AMENDABLE);
        assertThat(seen).containsExactlyInAnyOrder(RejectReason.values());
        assertThat(t.asks()).containsExactly("200 x10 [2:10]");
        assertThat(t.bids()).isEmpty();
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // everything wrong at once: the duplicate id wins, then the time in force, then the price ...
        t.rest(1, 9, SELL, 200, 10);
        assertThat(t.book.place(1, 7, BUY, OrderType.MARKET, TimeInForce.POST_ONLY, 0, 3, true, null, 0)).isFalse();
        assertThat(t.book.place(2, 7, BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, 101, 3, true, TriggerSource.LAST, 1))
                .isFalse();
        assertThat(t.book.place(2, 7, BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, 100, 3, true, TriggerSource.LAST, 1))
                .isFalse();
        assertThat(t.book.place(2, 7, BUY, OrderType.LIMIT, TimeInForce.FOK, 200, 3, true, null, 0)).isFalse();
        assertThat(t.book.place(2, 7, BUY, OrderType.LIMIT, TimeInForce.POST_ONLY, 200, 6, true, null, 0)).isFalse();
        t.out.setPosition(7, -100);
        assertThat(t.book.place(2, 7, BUY, OrderType.LIMIT, TimeInForce.POST_ONLY, 200, 12, true, null, 0)).isFalse();
        assertThat(t.drain()).extracting(e -> ((Rejected) e).reason()).containsExactly(
                RejectReason.DUPLICATE_ORDER_ID, RejectReason.PRICE_NOT_ON_TICK, RejectReason.INVALID_TRIGGER_PRICE,
                RejectReason.QTY_NOT_ON_LOT, RejectReason.REDUCE_ONLY_WOULD_INCREASE, RejectReason.POST_ONLY_WOULD_TAKE);
    }

    @Test
    void marketOrdersSkipTheNotionalCheckAndIgnoreTheirPrice() {
        t.rest(1, 9, SELL, 200, 10);
        assertThat(t.book.place(2, 7, BUY, OrderType.MARKET, TimeInForce.IOC, 3, 4, false, null, 0)).isTrue();
        assertThat(t.drain()).first().isEqualTo(new RecordingListener.Accepted(2, 7, BUY, 0, 4));
    }

    @Test
    void everyReasonMapsToAVenueReasonCode() {
        for (final RejectReason r : RejectReason.values()) {
            assertThat(r.code().subsystem()).as("%s", r).isEqualTo("VENUE");
        }
        for (final CancelReason r : CancelReason.values()) {
            final boolean userAsked = r == CancelReason.USER || r == CancelReason.CANCEL_ALL;
            assertThat(r.code()).as("%s", r).isEqualTo(userAsked ? ReasonCode.NONE : r.code());
            if (!userAsked) {
                assertThat(r.code().subsystem()).as("%s", r).isEqualTo("VENUE");
            }
        }
        assertThat(RejectReason.FOK_NOT_FILLABLE.code()).isEqualTo(ReasonCode.VENUE_FOK_NOT_FILLABLE);
        assertThat(CancelReason.PRICE_PROTECTION.code()).isEqualTo(ReasonCode.VENUE_PRICE_PROTECTION);
        assertThat(CancelReason.SELF_TRADE.code()).isEqualTo(ReasonCode.VENUE_SELF_TRADE);
    }

    @Test
    void nullEnumsAreProgrammingErrorsNotRejections() {
        assertThatThrownBy(() -> t.book.place(1, 7, null, OrderType.LIMIT, TimeInForce.GTC, 100, 4, false, null, 0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> t.book.place(1, 7, BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, 100, 4, false, null, 100))
                .isInstanceOf(NullPointerException.class);
    }
}
