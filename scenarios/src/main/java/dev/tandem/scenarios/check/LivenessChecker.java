package dev.tandem.scenarios.check;

import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Liveness: once the faults have healed, every order reaches a terminal or settled state that agrees with the venue
 * within a bound. Judged at the end of a run that lasts at least {@code bound} past the end of the last fault
 * ({@code healedAt}); shorter runs are not judged. At the end:
 * <ul>
 *   <li>no order is still waiting for an answer (PENDING_NEW, PENDING_CANCEL, UNKNOWN) since {@code bound} or longer;</li>
 *   <li>every order the kernel holds is open in the kernel exactly when it is open at the venue, with the same filled
 *       quantity; the venue has no open order of the account the kernel does not hold; and the kernel's positions
 *       equal the venue's.</li>
 * </ul>
 * Messages may be in flight at any instant (a fill the venue made a millisecond before the end), so the second group
 * only judges what the venue has not changed during the last {@code settle} of the run: the checker snapshots the
 * venue's open orders and positions at the last sampling step at least {@code settle} before the end, and an order or
 * position whose venue view changed since is not judged (named simplification: a run that keeps trading until its
 * end is judged on what settled).
 */
public final class LivenessChecker extends AbstractChecker {
    private final long healedAtNanos;
    private final long boundNanos;
    private final long endNanos;
    private final long settleNanos;
    private TreeMap<ClientOrderId, Long> snapshotOpen;
    private TreeMap<InstrumentId, Long> snapshotPositions;

    /**
     * @param healedAtNanos when the last fault ended (the run's start when it has none)
     * @param boundNanos    how long after that every order must be settled
     * @param endNanos      the run's end
     * @param settleNanos   how long the venue's view must be unchanged before the end to be compared
     */
    public LivenessChecker(final long healedAtNanos, final long boundNanos, final long endNanos, final long settleNanos) {
        super("liveness");
        this.healedAtNanos = healedAtNanos;
        this.boundNanos = boundNanos;
        this.endNanos = endNanos;
        this.settleNanos = settleNanos;
    }

    /** Whether a run ending at {@code endNanos} is long enough after the faults to be judged. */
    public boolean judges() {
        return endNanos - boundNanos >= healedAtNanos;
    }

    @Override
    public void onStep(final CheckContext ctx) {
        if (!judges() || ctx.nowNanos() > endNanos - settleNanos || ctx.nowNanos() < healedAtNanos) {
            return;
        }
        snapshotOpen = new TreeMap<>();
        for (final VenueOrder v : ctx.venueOpenOrders()) {
            if (v.clientOrderId() != null) {
                snapshotOpen.put(v.clientOrderId(), v.filledQty());
            }
        }
        snapshotPositions = new TreeMap<>();
        for (final Instrument i : ctx.instruments()) {
            snapshotPositions.put(i.id(), ctx.venuePosition(i.id()));
        }
    }

    @Override
    public void onFinish(final CheckContext ctx) {
        if (!judges()) {
            return;
        }
        final long now = ctx.nowNanos();
        final TreeSet<ClientOrderId> known = new TreeSet<>();
        for (final CheckContext.KernelOrder o : ctx.orders()) {
            known.add(o.clientOrderId());
            final boolean waiting = o.state() == OrderState.PENDING_NEW || o.state() == OrderState.PENDING_CANCEL
                    || o.state() == OrderState.UNKNOWN;
            if (waiting) {
                if (o.lastUpdateNanos() <= now - boundNanos) {
                    violation(now, o.clientOrderId() + " is still " + o.state() + " " + seconds(now - o.lastUpdateNanos())
                            + " after its last change, " + seconds(now - healedAtNanos) + " after the faults ended");
                }
                continue;
            }
            final VenueOrder v = ctx.venueOrder(o.clientOrderId());
            if (!settled(o.clientOrderId(), v)) {
                continue;
            }
            final boolean venueOpen = v != null && !v.status().isClosed();
            final long venueFilled = v == null ? 0 : v.filledQty();
            if (o.state().isOpen() != venueOpen) {
                violation(now, o.clientOrderId() + " is " + o.state() + " in the kernel but " + (v == null ? "unknown" : v.status())
                        + " at the venue");
            } else if (o.filledQty() != venueFilled) {
                violation(now, o.clientOrderId() + " filled " + o.filledQty() + " in the kernel but " + venueFilled + " at the venue");
            }
        }
        for (final VenueOrder v : ctx.venueOpenOrders()) {
            if (v.clientOrderId() != null && !known.contains(v.clientOrderId()) && settled(v.clientOrderId(), v)) {
                violation(now, "the venue has open order " + v.clientOrderId() + " the kernel does not hold");
            }
        }
        if (snapshotPositions != null) {
            for (final Instrument i : ctx.instruments()) {
                final long venue = ctx.venuePosition(i.id());
                final long kernel = ctx.positionQty(i.id());
                if (venue == snapshotPositions.getOrDefault(i.id(), 0L) && kernel != venue) {
                    violation(now, i.id().symbol() + " position is " + i.formatQty(kernel) + " in the kernel but " + i.formatQty(venue)
                            + " at the venue");
                }
            }
        }
    }

    /** The venue's view of an order did not change since the snapshot (so the kernel had time to learn it). */
    private boolean settled(final ClientOrderId id, final VenueOrder now) {
        if (snapshotOpen == null) {
            return false;
        }
        final Long before = snapshotOpen.get(id);
        final boolean openNow = now != null && !now.status().isClosed();
        if (before == null) {
            return !openNow; // closed (or unknown) then and now: a closed venue order never changes again
        }
        return openNow && before == now.filledQty();
    }

    private static String seconds(final long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
    }
}
