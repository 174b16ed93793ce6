package dev.tandem.kernel.reconcile;

import static dev.tandem.kernel.model.Fixed.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.VenueOrderStatus;
import dev.tandem.kernel.portfolio.Portfolio;
import dev.tandem.testkit.Instruments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class ReconcilerTest {
    private final Instrument perp = Instruments.btcUsdtPerp();
    private final Instrument eth = Instruments.ethUsdtPerp();
    private final InstrumentRegistry registry = InstrumentRegistry.of(List.of(perp, eth));
    private final InstrumentId btc = perp.id();

    private static ClientOrderId cid(final String v) {
        return new ClientOrderId(v);
    }

    private VenueOrder order(final String clientId, final String venueId, final long qty, final long filled,
            final VenueOrderStatus status) {
        return new VenueOrder(clientId == null ? null : cid(clientId), venueId, btc, Side.BUY, OrderType.LIMIT,
                perp.price("60000"), qty, filled, filled == 0 ? 0 : perp.price("60000"), status);
    }

    private Portfolio portfolio() {
        final TreeMap<String, Long> initial = new TreeMap<>();
        initial.put("USDT", money("10000"));
        return new Portfolio("USDT", registry, initial);
    }

    @Nested
    final class Orders {
        @Test
        void noDriftWhenTheVenueAgrees() {
            final List<VenueOrder> ours = List.of(order("a", "1", 100, 0, VenueOrderStatus.NEW),
                    order("b", "2", 100, 40, VenueOrderStatus.PARTIALLY_FILLED));
            assertThat(Reconciler.reconcileOrders(ours, ours)).isEmpty();
            assertThat(Reconciler.reconcileOrders(List.of(), List.of())).isEmpty();
        }

        @Test
        void ourOpenOrderAbsentAtTheVenueIsMissing() {
            final List<Drift> d = Reconciler.reconcileOrders(
                    List.of(order("a", "1", 100, 30, VenueOrderStatus.PARTIALLY_FILLED)), List.of());
            assertThat(d).extracting(Drift::kind, Drift::clientOrderId, Drift::localValue, Drift::venueValue)
                    .containsExactly(tuple(DriftKind.MISSING_ORDER, cid("a"), 70L, 0L));
            assertThat(d.get(0).instrumentId()).isEqualTo(btc);
        }

        @Test
        void venueFilledMoreIsAnExternalFillAndTheStatusChangeIsReportedToo() {
            final List<Drift> d = Reconciler.reconcileOrders(
                    List.of(order("a", "1", 100, 0, VenueOrderStatus.NEW)),
                    List.of(order("a", "1", 100, 100, VenueOrderStatus.FILLED)));
            assertThat(d).extracting(Drift::kind, Drift::localValue, Drift::venueValue).containsExactly(
                    tuple(DriftKind.EXTERNAL_FILL, 0L, 100L),
                    tuple(DriftKind.ORDER_STATUS, 0L, 100L));
            assertThat(d.get(0).detail()).contains("avgFillPrice=" + perp.price("60000"));
            assertThat(d.get(1).detail()).isEqualTo("local NEW, venue FILLED");
        }

        @Test
        void statusDifferenceAloneIsAnOrderStatusDrift() {
            final List<Drift> d = Reconciler.reconcileOrders(
                    List.of(order("a", "1", 100, 0, VenueOrderStatus.NEW)),
                    List.of(order("a", "1", 100, 0, VenueOrderStatus.CANCELED)));
            assertThat(d).extracting(Drift::kind).containsExactly(DriftKind.ORDER_STATUS);
        }

        @Test
        void venueFilledLessIsAStaleSnapshotNotADrift() {
            assertThat(Reconciler.reconcileOrders(
                    List.of(order("a", "1", 100, 50, VenueOrderStatus.PARTIALLY_FILLED)),
                    List.of(order("a", "1", 100, 20, VenueOrderStatus.PARTIALLY_FILLED)))).isEmpty();
        }

        @Test
        void venueOnlyOpenOrdersAreUnknownWithOrWithoutAClientId() {
            final List<Drift> d = Reconciler.reconcileOrders(List.of(), List.of(
                    order(null, "77", 100, 10, VenueOrderStatus.PARTIALLY_FILLED),
                    order("zz", "78", 50, 0, VenueOrderStatus.NEW),
                    order("done", "79", 50, 50, VenueOrderStatus.FILLED)));
            assertThat(d).extracting(Drift::kind, Drift::clientOrderId, Drift::venueValue).containsExactly(
                    tuple(DriftKind.UNKNOWN_ORDER, null, 90L),
                    tuple(DriftKind.UNKNOWN_ORDER, cid("zz"), 50L));
            assertThat(d.get(0).detail()).contains("venueOrderId=77");
        }

        @Test
        void outputIsSortedByKindThenIdWhateverTheInputOrder() {
            final List<VenueOrder> ours = new ArrayList<>(List.of(
                    order("c", "3", 100, 0, VenueOrderStatus.NEW),
                    order("a", "1", 100, 0, VenueOrderStatus.NEW),
                    order("m", "9", 100, 0, VenueOrderStatus.NEW),
                    order("b", "2", 100, 0, VenueOrderStatus.NEW)));
            final List<VenueOrder> theirs = new ArrayList<>(List.of(
                    order("b", "2", 100, 100, VenueOrderStatus.FILLED),
                    order(null, "8", 5, 0, VenueOrderStatus.NEW),
                    order("a", "1", 100, 60, VenueOrderStatus.PARTIALLY_FILLED),
                    order("x", "5", 5, 0, VenueOrderStatus.NEW),
                    order("m", "9", 100, 0, VenueOrderStatus.NEW)));
            final List<Drift> expected = Reconciler.reconcileOrders(ours, theirs);

            assertThat(expected).extracting(Drift::kind, d -> d.clientOrderId() == null ? null : d.clientOrderId().value())
                    .containsExactly(
                            tuple(DriftKind.EXTERNAL_FILL, "a"),
                            tuple(DriftKind.EXTERNAL_FILL, "b"),
                            tuple(DriftKind.UNKNOWN_ORDER, null),
                            tuple(DriftKind.UNKNOWN_ORDER, "x"),
                            tuple(DriftKind.MISSING_ORDER, "c"),
                            tuple(DriftKind.ORDER_STATUS, "a"),
                            tuple(DriftKind.ORDER_STATUS, "b"));
            for (int i = 0; i < 10; i++) {
                Collections.rotate(ours, 1);
                Collections.reverse(theirs);
                Collections.rotate(theirs, i);
                assertThat(Reconciler.reconcileOrders(ours, theirs)).isEqualTo(expected);
            }
        }
    }

    @Nested
    final class Positions {
        private final TreeSet<InstrumentId> scope = new TreeSet<>(List.of(btc, eth.id()));

        @Test
        void noDriftWhenQuantitiesAgree() {
            final Portfolio p = portfolio();
            p.onFill(btc, Side.BUY, perp.price("60000"), perp.qty("0.5"), 0);
            assertThat(Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(btc, perp.qty("0.5"), perp.price("60000"))), scope)).isEmpty();
        }

        @Test
        void flatOrSmallerAtTheVenueIsAnExternalClose() {
            final Portfolio p = portfolio();
            p.onFill(btc, Side.BUY, perp.price("60000"), perp.qty("0.5"), 0);
            p.onFill(eth.id(), Side.SELL, eth.price("3000"), eth.qty("2"), 0);

            final List<Drift> d = Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(eth.id(), -eth.qty("1"), eth.price("3000"))), scope);

            assertThat(d).extracting(Drift::kind, Drift::instrumentId, Drift::localValue, Drift::venueValue)
                    .containsExactly(
                            tuple(DriftKind.EXTERNAL_CLOSE, btc, perp.qty("0.5"), 0L),
                            tuple(DriftKind.EXTERNAL_CLOSE, eth.id(), -eth.qty("2"), -eth.qty("1")));
        }

        @Test
        void closeAfterTheMarkCrossedOurLiquidationPriceIsALiquidation() {
            final Portfolio p = portfolio();
            p.setLeverage(btc, 10);
            p.onFill(btc, Side.BUY, perp.price("60000"), perp.qty("0.5"), 0);
            p.setLeverage(eth.id(), 10);
            p.onFill(eth.id(), Side.SELL, eth.price("3000"), eth.qty("2"), 0);
            // long liq 54300, short liq 3285
            p.onMarkPrice(btc, perp.price("54300"));
            p.onMarkPrice(eth.id(), eth.price("3290"));

            final List<Drift> d = Reconciler.reconcilePositions(p, List.of(), scope);

            assertThat(d).extracting(Drift::kind).containsExactly(DriftKind.LIQUIDATION, DriftKind.LIQUIDATION);
            assertThat(d.get(0).detail()).contains("liquidationPrice=" + perp.price("54300"));
        }

        @Test
        void markShortOfTheLiquidationPriceMeansExternalClose() {
            final Portfolio p = portfolio();
            p.setLeverage(btc, 10);
            p.onFill(btc, Side.BUY, perp.price("60000"), perp.qty("0.5"), 0);
            p.onMarkPrice(btc, perp.price("54300.1"));
            assertThat(Reconciler.reconcilePositions(p, List.of(), scope))
                    .extracting(Drift::kind).containsExactly(DriftKind.EXTERNAL_CLOSE);
            // with explicit functions: no mark known, no liquidation can be inferred
            assertThat(Reconciler.reconcilePositions(p, List.of(), scope, id -> 0, p::liquidationPrice))
                    .extracting(Drift::kind).containsExactly(DriftKind.EXTERNAL_CLOSE);
            assertThat(Reconciler.reconcilePositions(p, List.of(), scope, id -> 1, p::liquidationPrice))
                    .extracting(Drift::kind).containsExactly(DriftKind.LIQUIDATION);
        }

        @Test
        void openedLargerOrFlippedAtTheVenueIsAnExternalOpen() {
            final Portfolio p = portfolio();
            p.onFill(eth.id(), Side.BUY, eth.price("3000"), eth.qty("1"), 0);
            final List<InstrumentId> btcOnly = List.of(btc);

            assertThat(Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(btc, -perp.qty("0.1"), perp.price("60000"))), new TreeSet<>(btcOnly)))
                    .extracting(Drift::kind, Drift::localValue, Drift::venueValue)
                    .containsExactly(tuple(DriftKind.EXTERNAL_OPEN, 0L, -perp.qty("0.1")));
            assertThat(Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(eth.id(), eth.qty("3"), eth.price("3000"))), scope))
                    .extracting(Drift::kind).containsExactly(DriftKind.EXTERNAL_OPEN);
            assertThat(Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(eth.id(), -eth.qty("0.5"), eth.price("3000"))), scope))
                    .extracting(Drift::kind).containsExactly(DriftKind.EXTERNAL_OPEN);
        }

        @Test
        void venuePositionsOutsideTheScopeAreIgnored() {
            final Portfolio p = portfolio();
            assertThat(Reconciler.reconcilePositions(p,
                    List.of(new VenuePosition(new InstrumentId("XRPUSDT", "SIM"), 5, 1)), scope)).isEmpty();
        }
    }

    @Nested
    final class Balances {
        @Test
        void differingTotalsAreBalanceDriftsSortedByAsset() {
            final Portfolio p = portfolio();
            p.adoptBalance("BTC", money("0.5"));

            final List<Drift> d = Reconciler.reconcileBalances(p, List.of(
                    new VenueBalance("USDT", money("9990"), money("100")),
                    new VenueBalance("ETH", money("1"), 0),
                    new VenueBalance("BTC", money("0.5"), money("0.5"))));

            assertThat(d).extracting(Drift::kind, Drift::asset, Drift::localValue, Drift::venueValue).containsExactly(
                    tuple(DriftKind.BALANCE, "ETH", 0L, money("1")),
                    tuple(DriftKind.BALANCE, "USDT", money("10000"), money("9990")));
        }

        @Test
        void assetsWeHoldThatTheVenueDoesNotListCountAsZero() {
            final Portfolio p = portfolio();
            p.adoptBalance("BTC", money("0.5"));
            final List<VenueBalance> venue = List.of(new VenueBalance("USDT", money("10000"), 0));

            assertThat(Reconciler.reconcileBalances(p, venue)).isEmpty();
            assertThat(Reconciler.reconcileBalances(p, venue, p.assets()))
                    .extracting(Drift::asset, Drift::localValue, Drift::venueValue)
                    .containsExactly(tuple("BTC", money("0.5"), 0L));
        }

        @Test
        void noDriftWhenEqual() {
            final Portfolio p = portfolio();
            assertThat(Reconciler.reconcileBalances(p, List.of(new VenueBalance("USDT", money("10000"), 0)),
                    p.assets())).isEmpty();
        }
    }

    @Test
    void everyDriftKindIsProducedByTheCasesAbove() {
        final Portfolio p = portfolio();
        p.setLeverage(btc, 10);
        p.onFill(btc, Side.BUY, perp.price("60000"), perp.qty("0.5"), 0);
        p.onMarkPrice(btc, perp.price("50000"));
        p.onFill(eth.id(), Side.BUY, eth.price("3000"), eth.qty("1"), 0);
        final TreeSet<DriftKind> seen = new TreeSet<>();
        Reconciler.reconcileOrders(
                List.of(order("a", "1", 100, 0, VenueOrderStatus.NEW), order("b", "2", 100, 0, VenueOrderStatus.NEW)),
                List.of(order("a", "1", 100, 10, VenueOrderStatus.PARTIALLY_FILLED),
                        order(null, "3", 1, 0, VenueOrderStatus.NEW)))
                .forEach(d -> seen.add(d.kind()));
        Reconciler.reconcilePositions(p, List.of(new VenuePosition(eth.id(), eth.qty("2"), eth.price("3000"))),
                new TreeSet<>(List.of(btc, eth.id()))).forEach(d -> seen.add(d.kind()));
        p.onMarkPrice(btc, perp.price("60000"));
        Reconciler.reconcilePositions(p, List.of(), new TreeSet<>(List.of(btc))).forEach(d -> seen.add(d.kind()));
        Reconciler.reconcileBalances(p, List.of(new VenueBalance("USDT", 1, 0))).forEach(d -> seen.add(d.kind()));

        assertThat(seen).containsExactly(DriftKind.values());
    }

    @Test
    void driftNeedsAKind() {
        assertThatThrownBy(() -> new Drift(null, null, null, null, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
