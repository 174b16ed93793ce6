package dev.tandem.kernel.reconcile;

import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.portfolio.Portfolio;
import dev.tandem.kernel.portfolio.PortfolioView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Pure reconciliation: compares our view with a venue snapshot and lists the differences. Nothing is changed
 * here; the venue's truth wins, so the kernel, for every returned {@link Drift}, first emits a
 * {@link dev.tandem.kernel.event.DriftDetected} and then adopts the venue's value (order status and fills,
 * {@link Portfolio#adoptPosition}, {@link Portfolio#adoptBalance}). Every result is sorted by {@link Drift#ORDER},
 * whatever the order of the inputs, and input collections are never iterated in hash order.
 */
public final class Reconciler {
    private Reconciler() {}

    /**
     * Compares our open orders with the venue's orders, matched by client order id.
     * <ul>
     *   <li>ours, not closed, absent at the venue → {@link DriftKind#MISSING_ORDER} (local value: our leaves qty);</li>
     *   <li>venue filled qty above ours → {@link DriftKind#EXTERNAL_FILL} (values: filled qty; detail has the
     *       venue's average fill price so the kernel can book the missing fill);</li>
     *   <li>status differs → {@link DriftKind#ORDER_STATUS} (both statuses in detail; may come with an
     *       EXTERNAL_FILL for the same order);</li>
     *   <li>a venue order that is still open and is not ours (unknown client id, or none) →
     *       {@link DriftKind#UNKNOWN_ORDER} (venue value: its leaves qty).</li>
     * </ul>
     * A venue filled quantity <em>below</em> ours is not a drift: every fill we applied came from the venue, so the
     * snapshot is older than our fills and fills are never un-applied. Closed venue orders we do not know are not
     * reported (they cannot trade any more and any fills show up in positions and balances). When an id appears
     * twice in one list, the first occurrence is used.
     *
     * @param local our open orders, as the kernel expresses them (client order id required)
     * @param venue the venue's orders (an open-orders snapshot and/or status reports)
     */
    public static List<Drift> reconcileOrders(final List<VenueOrder> local, final List<VenueOrder> venue) {
        final TreeMap<ClientOrderId, VenueOrder> ours = new TreeMap<>();
        for (final VenueOrder o : local) {
            ours.putIfAbsent(Objects.requireNonNull(o.clientOrderId(), "local orders carry our client order id"), o);
        }
        final List<Drift> out = new ArrayList<>();
        final TreeMap<ClientOrderId, VenueOrder> theirs = new TreeMap<>();
        for (final VenueOrder v : venue) {
            if (v.clientOrderId() == null) {
                if (!v.status().isClosed()) {
                    out.add(unknownOrder(v));
                }
            } else {
                theirs.putIfAbsent(v.clientOrderId(), v);
            }
        }
        for (final VenueOrder l : ours.values()) {
            final VenueOrder v = theirs.get(l.clientOrderId());
            if (v == null) {
                if (!l.status().isClosed()) {
                    out.add(new Drift(DriftKind.MISSING_ORDER, l.instrumentId(), l.clientOrderId(), null,
                            leaves(l), 0, "open locally (" + l.status() + "), absent at the venue"));
                }
                continue;
            }
            if (v.filledQty() > l.filledQty()) {
                out.add(new Drift(DriftKind.EXTERNAL_FILL, l.instrumentId(), l.clientOrderId(), null,
                        l.filledQty(), v.filledQty(),
                        "venue avgFillPrice=" + v.avgFillPrice() + " venueOrderId=" + v.venueOrderId()));
            }
            if (v.status() != l.status()) {
                out.add(new Drift(DriftKind.ORDER_STATUS, l.instrumentId(), l.clientOrderId(), null,
                        l.filledQty(), v.filledQty(), "local " + l.status() + ", venue " + v.status()));
            }
        }
        for (final VenueOrder v : theirs.values()) {
            if (!ours.containsKey(v.clientOrderId()) && !v.status().isClosed()) {
                out.add(unknownOrder(v));
            }
        }
        out.sort(Drift.ORDER);
        return List.copyOf(out);
    }

    /**
     * Compares positions of the given instruments (iterated sorted) with the venue's. Where the signed quantities
     * differ (a venue position absent from the list is flat):
     * <ul>
     *   <li>we were open and the venue is flat or closer to zero on the same side → {@link DriftKind#EXTERNAL_CLOSE},
     *       or {@link DriftKind#LIQUIDATION} when the latest mark crossed our liquidation price (long: mark ≤ liq;
     *       short: mark ≥ liq; both must be known, i.e. &gt; 0);</li>
     *   <li>otherwise (opened from flat, larger |qty|, or the opposite side) → {@link DriftKind#EXTERNAL_OPEN}.</li>
     * </ul>
     * Values are signed quantities; the detail has the venue's entry price, the mark and the liquidation price.
     * Venue positions of instruments outside {@code instruments} are ignored (the kernel chooses the scope: the
     * venue's perpetuals; spot holdings are reconciled as balances).
     *
     * @param local            our view
     * @param venue            the venue's positions
     * @param instruments      the instruments to compare
     * @param markPrice        latest mark per instrument, 0 if unknown
     * @param liquidationPrice our liquidation price per instrument, 0 if none
     */
    public static List<Drift> reconcilePositions(
            final PortfolioView local,
            final List<VenuePosition> venue,
            final Set<InstrumentId> instruments,
            final ToLongFunction<InstrumentId> markPrice,
            final ToLongFunction<InstrumentId> liquidationPrice) {
        final TreeMap<InstrumentId, VenuePosition> theirs = new TreeMap<>();
        for (final VenuePosition p : venue) {
            theirs.putIfAbsent(p.instrumentId(), p);
        }
        final List<Drift> out = new ArrayList<>();
        for (final InstrumentId id : new TreeSet<>(instruments)) {
            final long ours = local.positionQty(id);
            final VenuePosition p = theirs.get(id);
            final long venueQty = p == null ? 0 : p.signedQty();
            if (ours == venueQty) {
                continue;
            }
            final long mark = markPrice.applyAsLong(id);
            final long liq = liquidationPrice.applyAsLong(id);
            final boolean towardsZero = ours != 0 && (venueQty == 0
                    || (Long.signum(venueQty) == Long.signum(ours) && Math.abs(venueQty) < Math.abs(ours)));
            final DriftKind kind;
            if (towardsZero) {
                final boolean crossed = mark > 0 && liq > 0 && (ours > 0 ? mark <= liq : mark >= liq);
                kind = crossed ? DriftKind.LIQUIDATION : DriftKind.EXTERNAL_CLOSE;
            } else {
                kind = DriftKind.EXTERNAL_OPEN;
            }
            out.add(new Drift(kind, id, null, null, ours, venueQty, "venue avgEntryPrice="
                    + (p == null ? 0 : p.avgEntryPrice()) + " mark=" + mark + " liquidationPrice=" + liq));
        }
        out.sort(Drift.ORDER);
        return List.copyOf(out);
    }

    /**
     * {@link #reconcilePositions(PortfolioView, List, Set, ToLongFunction, ToLongFunction)} with the portfolio's
     * own marks and liquidation prices.
     */
    public static List<Drift> reconcilePositions(
            final Portfolio local, final List<VenuePosition> venue, final Set<InstrumentId> instruments) {
        return reconcilePositions(local, venue, instruments, local::markPrice, local::liquidationPrice);
    }

    /**
     * Compares the venue's balance totals with ours ({@link DriftKind#BALANCE}, values: totals in money units of the
     * asset), sorted by asset. Locked amounts are not compared: the venue's and ours legitimately differ. Only the
     * venue's assets are checked; use {@link #reconcileBalances(PortfolioView, List, Collection)} to also catch
     * assets we hold that the venue no longer lists.
     */
    public static List<Drift> reconcileBalances(final PortfolioView local, final List<VenueBalance> venue) {
        return reconcileBalances(local, venue, List.of());
    }

    /**
     * Like {@link #reconcileBalances(PortfolioView, List)}, and an asset of {@code localAssets} (e.g.
     * {@link Portfolio#assets()}) missing from the venue's list counts as a venue balance of 0.
     */
    public static List<Drift> reconcileBalances(
            final PortfolioView local, final List<VenueBalance> venue, final Collection<String> localAssets) {
        final TreeMap<String, Long> theirs = new TreeMap<>();
        for (final VenueBalance b : venue) {
            theirs.putIfAbsent(b.asset(), b.totalMoney());
        }
        final TreeSet<String> all = new TreeSet<>(theirs.keySet());
        all.addAll(localAssets);
        final List<Drift> out = new ArrayList<>();
        for (final String asset : all) {
            final long ours = local.balanceMoney(asset);
            final long venueTotal = theirs.getOrDefault(asset, 0L);
            if (ours != venueTotal) {
                out.add(new Drift(DriftKind.BALANCE, null, null, asset, ours, venueTotal,
                        theirs.containsKey(asset) ? "venue total differs" : "not listed by the venue"));
            }
        }
        out.sort(Drift.ORDER);
        return List.copyOf(out);
    }

    private static Drift unknownOrder(final VenueOrder v) {
        return new Drift(DriftKind.UNKNOWN_ORDER, v.instrumentId(), v.clientOrderId(), null, 0, leaves(v),
                "venueOrderId=" + v.venueOrderId() + " " + v.side() + " " + v.qty() + " @ " + v.price()
                        + " status " + v.status());
    }

    private static long leaves(final VenueOrder o) {
        return Math.max(0, o.qty() - o.filledQty());
    }
}
