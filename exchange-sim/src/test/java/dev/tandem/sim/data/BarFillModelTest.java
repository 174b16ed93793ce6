package dev.tandem.sim.data;

import static dev.tandem.sim.data.BarFillModel.BAR_CLOSE;
import static dev.tandem.sim.data.BarFillModel.INTRA_BAR_PESSIMISTIC;
import static dev.tandem.sim.data.BarFillModel.NEXT_OPEN;
import static dev.tandem.kernel.model.Side.BUY;
import static dev.tandem.kernel.model.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.testkit.Gen;
import dev.tandem.testkit.Property;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BarFillModelTest {
    private static final InstrumentId ID = new InstrumentId("BTCUSD", "SIM");
    private static final long I = 60;

    private static Bar bar(final int index, final long o, final long h, final long l, final long c, final long v) {
        return new Bar(ID, index * I, I, o, h, l, c, v, (index + 1) * I, (index + 1) * I);
    }

    // decision bar and the bar after it
    private static final Bar B0 = bar(0, 100, 110, 95, 105, 10);
    private static final Bar B1 = bar(1, 104, 112, 96, 108, 10);

    private static BarFill fill(final BarFillModel m, final OrderSpec o, final long price, final long ts,
            final Liquidity liq, final BarFill.Reason reason) {
        return new BarFill(m.name(), o, price, o.qty(), ts, liq, reason);
    }

    private static Optional<Long> price(final BarFillModel m, final OrderSpec o) {
        return m.decide(o, B0, B1).map(BarFill::price);
    }

    @Test
    void barCloseFillsEverythingAtTheDecisionClose() {
        final OrderSpec mkt = OrderSpec.market(BUY, 3);
        assertThat(BAR_CLOSE.decide(mkt, B0, null))
                .contains(fill(BAR_CLOSE, mkt, 105, 60, Liquidity.TAKER, BarFill.Reason.MARKET_AT_CLOSE));
        assertThat(price(BAR_CLOSE, OrderSpec.limit(BUY, 1, 106))).contains(105L); // close 105 < 106
        assertThat(price(BAR_CLOSE, OrderSpec.limit(BUY, 1, 105))).isEmpty(); // a touch is not through
        assertThat(price(BAR_CLOSE, OrderSpec.limit(SELL, 1, 104))).contains(105L);
        assertThat(price(BAR_CLOSE, OrderSpec.limit(SELL, 1, 105))).isEmpty();
        assertThat(price(BAR_CLOSE, OrderSpec.stopMarket(BUY, 1, 105))).contains(105L); // stops trigger on a touch
        assertThat(price(BAR_CLOSE, OrderSpec.stopMarket(BUY, 1, 106))).isEmpty();
        assertThat(price(BAR_CLOSE, OrderSpec.stopMarket(SELL, 1, 105))).contains(105L);
        assertThat(price(BAR_CLOSE, OrderSpec.stopMarket(SELL, 1, 104))).isEmpty();
        assertThat(BAR_CLOSE.decide(OrderSpec.limit(BUY, 1, 106), B0, null).orElseThrow().reason())
                .isEqualTo(BarFill.Reason.LIMIT_AT_CLOSE);
        assertThat(BAR_CLOSE.decide(mkt, bar(0, 100, 110, 95, 105, 0), null)).isEmpty(); // no trades, no fill
    }

    @Test
    void nextOpenFillsEverythingAtTheNextOpen() {
        final OrderSpec mkt = OrderSpec.market(SELL, 2);
        assertThat(NEXT_OPEN.decide(mkt, B0, B1))
                .contains(fill(NEXT_OPEN, mkt, 104, 60, Liquidity.TAKER, BarFill.Reason.MARKET_AT_OPEN));
        assertThat(NEXT_OPEN.decide(mkt, B0, null)).isEmpty(); // the next bar is not known yet
        assertThat(price(NEXT_OPEN, OrderSpec.limit(BUY, 1, 105))).contains(104L);
        assertThat(price(NEXT_OPEN, OrderSpec.limit(BUY, 1, 104))).isEmpty();
        assertThat(price(NEXT_OPEN, OrderSpec.limit(BUY, 1, 100))).isEmpty(); // the low 96 is not looked at
        assertThat(price(NEXT_OPEN, OrderSpec.limit(SELL, 1, 103))).contains(104L);
        assertThat(price(NEXT_OPEN, OrderSpec.stopMarket(SELL, 1, 104))).contains(104L);
        assertThat(price(NEXT_OPEN, OrderSpec.stopMarket(BUY, 1, 104))).contains(104L);
        assertThat(price(NEXT_OPEN, OrderSpec.stopMarket(BUY, 1, 105))).isEmpty();
        assertThat(NEXT_OPEN.decide(mkt, B0, bar(1, 104, 112, 96, 108, 0))).isEmpty();
    }

    @Test
    void pessimisticMarketOrdersFillAtTheOpen() {
        final OrderSpec mkt = OrderSpec.market(BUY, 1);
        assertThat(INTRA_BAR_PESSIMISTIC.decide(mkt, B0, B1))
                .contains(fill(INTRA_BAR_PESSIMISTIC, mkt, 104, 60, Liquidity.TAKER, BarFill.Reason.MARKET_AT_OPEN));
        assertThat(INTRA_BAR_PESSIMISTIC.decide(mkt, B0, null)).isEmpty();
    }

    @Test
    void pessimisticLimitsFillOnlyWhenTradedThroughAndNeverBetterThanTheLimit() {
        final OrderSpec buy100 = OrderSpec.limit(BUY, 1, 100);
        assertThat(INTRA_BAR_PESSIMISTIC.decide(buy100, B0, B1)).contains(
                fill(INTRA_BAR_PESSIMISTIC, buy100, 100, 120, Liquidity.MAKER, BarFill.Reason.LIMIT_THROUGH_INTRA_BAR));
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(BUY, 1, 97))).contains(97L); // low 96 < 97
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(BUY, 1, 96))).isEmpty(); // low 96 only touches
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(SELL, 1, 111))).contains(111L); // high 112 > 111
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(SELL, 1, 112))).isEmpty();
        // through at the open: filled at the limit, not at the better open
        final OrderSpec buy110 = OrderSpec.limit(BUY, 1, 110);
        assertThat(INTRA_BAR_PESSIMISTIC.decide(buy110, B0, B1)).contains(
                fill(INTRA_BAR_PESSIMISTIC, buy110, 110, 60, Liquidity.TAKER, BarFill.Reason.LIMIT_THROUGH_AT_OPEN));
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(SELL, 1, 100))).contains(100L);
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.limit(BUY, 1, 104))).contains(104L); // O touches, L through
    }

    @Test
    void pessimisticStopsTriggerOnATouchAndGapToTheOpen() {
        final OrderSpec buyStop110 = OrderSpec.stopMarket(BUY, 1, 110);
        assertThat(INTRA_BAR_PESSIMISTIC.decide(buyStop110, B0, B1)).contains(
                fill(INTRA_BAR_PESSIMISTIC, buyStop110, 110, 120, Liquidity.TAKER, BarFill.Reason.STOP_INTRA_BAR));
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.stopMarket(BUY, 1, 112))).contains(112L);
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.stopMarket(BUY, 1, 113))).isEmpty();
        final OrderSpec buyStop100 = OrderSpec.stopMarket(BUY, 1, 100); // already above it at the open: a gap
        assertThat(INTRA_BAR_PESSIMISTIC.decide(buyStop100, B0, B1)).contains(
                fill(INTRA_BAR_PESSIMISTIC, buyStop100, 104, 60, Liquidity.TAKER, BarFill.Reason.STOP_AT_OPEN));
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.stopMarket(SELL, 1, 96))).contains(96L);
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.stopMarket(SELL, 1, 95))).isEmpty();
        assertThat(price(INTRA_BAR_PESSIMISTIC, OrderSpec.stopMarket(SELL, 1, 105))).contains(104L); // gap down
    }

    @Test
    void stopsAreHitBeforeTargets() {
        // a long position's bracket: take-profit sell limit 111, stop-loss sell stop 97; the bar reaches both
        final OrderSpec takeProfit = OrderSpec.limit(SELL, 1, 111);
        final OrderSpec stopLoss = OrderSpec.stopMarket(SELL, 1, 97);
        final List<BarFill> fills = INTRA_BAR_PESSIMISTIC.decideAll(List.of(takeProfit, stopLoss), B0, B1);
        assertThat(fills).extracting(BarFill::order).containsExactly(stopLoss, takeProfit);
        assertThat(fills.get(0).price()).isEqualTo(97);
        // a short position's bracket: the buy stop above comes first as well
        final OrderSpec shortTarget = OrderSpec.limit(BUY, 1, 97);
        final OrderSpec shortStop = OrderSpec.stopMarket(BUY, 1, 111);
        assertThat(INTRA_BAR_PESSIMISTIC.decideAll(List.of(shortTarget, shortStop), B0, B1))
                .extracting(BarFill::order).containsExactly(shortStop, shortTarget);
        // open fills first, ties in input order
        final OrderSpec m1 = OrderSpec.market(BUY, 1);
        final OrderSpec m2 = OrderSpec.market(SELL, 2);
        assertThat(INTRA_BAR_PESSIMISTIC.decideAll(List.of(takeProfit, m1, stopLoss, m2), B0, B1))
                .extracting(BarFill::order).containsExactly(m1, m2, stopLoss, takeProfit);
        assertThat(INTRA_BAR_PESSIMISTIC.decideAll(List.of(OrderSpec.limit(BUY, 1, 50)), B0, B1)).isEmpty();
    }

    @Test
    void pessimisticIsNeverBetterThanNextOpenAndFillsWheneverItDoes() {
        final Gen<Long> px = Gen.longs(90, 120);
        final Gen<Bar> bars = Gen.zip(Gen.listOf(px, 4, 4), Gen.longs(0, 3), (ps, v) -> {
            final long h = ps.stream().mapToLong(Long::longValue).max().orElseThrow();
            final long l = ps.stream().mapToLong(Long::longValue).min().orElseThrow();
            return bar(1, ps.get(0), h, l, ps.get(3), v);
        });
        final Gen<OrderSpec> orders = Gen.zip(Gen.enumValues(Side.class),
                Gen.oneOf(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET), px,
                (side, type, p) -> new OrderSpec(side, type, 1, type == OrderType.MARKET ? 0 : p));
        Property.forAll(Gen.pairs(orders, bars)).check(pair -> {
            final OrderSpec o = pair.first();
            final Bar next = pair.second();
            final Optional<BarFill> open = NEXT_OPEN.decide(o, B0, next);
            final Optional<BarFill> pess = INTRA_BAR_PESSIMISTIC.decide(o, B0, next);
            if (open.isPresent()) {
                assertThat(pess).isPresent();
                final long sign = o.side() == BUY ? 1 : -1; // a higher price is worse for a buyer
                assertThat(sign * pess.get().price()).isGreaterThanOrEqualTo(sign * open.get().price());
            }
            if (pess.isPresent() && o.type() == OrderType.LIMIT) {
                // the price traded strictly through the limit
                assertThat(o.side() == BUY ? next.low() < o.price() : next.high() > o.price()).isTrue();
                assertThat(pess.get().price()).isEqualTo(o.price());
            }
            pess.ifPresent(f -> assertThat(f.model()).isEqualTo("INTRA_BAR_PESSIMISTIC"));
        });
    }

    @Test
    void validatesInputs() {
        assertThatThrownBy(() -> NEXT_OPEN.decide(OrderSpec.market(BUY, 1), B0, bar(0, 1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the decision bar closes");
        final Bar other = new Bar(new InstrumentId("ETHUSD", "SIM"), 60, 60, 1, 1, 1, 1, 1, 120, 120);
        assertThatThrownBy(() -> NEXT_OPEN.decide(OrderSpec.market(BUY, 1), B0, other))
                .hasMessageContaining("different instruments");
        assertThatThrownBy(() -> BAR_CLOSE.decide(null, B0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderSpec(BUY, OrderType.MARKET, 1, 5)).hasMessage("a market order has no price");
        assertThatThrownBy(() -> new OrderSpec(BUY, OrderType.STOP_LIMIT, 1, 5))
                .hasMessage("STOP_LIMIT is not modelled on bar data");
        assertThatThrownBy(() -> OrderSpec.limit(BUY, 0, 5)).hasMessage("qty must be positive: 0");
        assertThatThrownBy(() -> OrderSpec.limit(BUY, 1, 0)).hasMessage("LIMIT needs a positive price: 0");
        assertThat(BarFillModel.named(" next_open ")).isEqualTo(NEXT_OPEN);
        assertThatThrownBy(() -> BarFillModel.named("vwap")).hasMessageContaining("unknown bar fill model 'vwap'");
    }
}
