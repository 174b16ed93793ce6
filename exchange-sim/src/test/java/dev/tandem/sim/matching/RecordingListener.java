package dev.tandem.sim.matching;

import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test double: records every listener call as an {@link Event} value, and acts as the {@link ReduceOnlyGuard} by
 * keeping each account's position from the trades it hears (plus any position set by the test).
 */
final class RecordingListener implements MatchListener, ReduceOnlyGuard {

    /** One listener call. */
    sealed interface Event permits Accepted, Rejected, CancelRejected, AmendRejected, Trade, Canceled, Amended, Triggered {
    }

    record Accepted(long id, long account, Side side, long price, long qty) implements Event {
    }

    record Rejected(long id, long account, RejectReason reason) implements Event {
    }

    record CancelRejected(long id, long account, RejectReason reason) implements Event {
    }

    record AmendRejected(long id, long account, RejectReason reason) implements Event {
    }

    record Trade(long taker, long takerAccount, long maker, long makerAccount, Side aggressor, long price, long qty,
                 long takerLeaves, long makerLeaves) implements Event {
    }

    record Canceled(long id, long account, CancelReason reason, long qty) implements Event {
    }

    record Amended(long id, long account, long price, long qty, long leaves, boolean priorityKept) implements Event {
    }

    record Triggered(long id, long account, TriggerSource source, long triggerPrice, long reference, long qty)
            implements Event {
    }

    private final List<Event> events = new ArrayList<>();
    private final Map<Long, Long> positions = new TreeMap<>();

    /** All events since the last drain, then forgets them. */
    List<Event> drain() {
        final List<Event> out = new ArrayList<>(events);
        events.clear();
        return out;
    }

    /** Events since the last drain, without forgetting them. */
    List<Event> events() {
        return new ArrayList<>(events);
    }

    /** The trades since the last drain. */
    List<Trade> trades() {
        final List<Trade> out = new ArrayList<>();
        for (final Event e : events) {
            if (e instanceof Trade) {
                out.add((Trade) e);
            }
        }
        return out;
    }

    void setPosition(final long account, final long position) {
        positions.put(account, position);
    }

    @Override
    public long position(final long account) {
        return positions.getOrDefault(account, 0L);
    }

    @Override
    public void onAccepted(final long orderId, final long account, final Side side, final long price, final long qty) {
        events.add(new Accepted(orderId, account, side, price, qty));
    }

    @Override
    public void onRejected(final long orderId, final long account, final RejectReason reason) {
        events.add(new Rejected(orderId, account, reason));
    }

    @Override
    public void onCancelRejected(final long orderId, final long account, final RejectReason reason) {
        events.add(new CancelRejected(orderId, account, reason));
    }

    @Override
    public void onAmendRejected(final long orderId, final long account, final RejectReason reason) {
        events.add(new AmendRejected(orderId, account, reason));
    }

    @Override
    public void onTrade(final long takerId, final long takerAccount, final long makerId, final long makerAccount,
                        final Side aggressor, final long price, final long qty, final long takerLeavesQty,
                        final long makerLeavesQty) {
        events.add(new Trade(takerId, takerAccount, makerId, makerAccount, aggressor, price, qty, takerLeavesQty,
                makerLeavesQty));
        final long signed = aggressor.sign() * qty;
        positions.merge(takerAccount, signed, Long::sum);
        positions.merge(makerAccount, -signed, Long::sum);
    }

    @Override
    public void onCanceled(final long orderId, final long account, final CancelReason reason, final long canceledQty) {
        events.add(new Canceled(orderId, account, reason, canceledQty));
    }

    @Override
    public void onAmended(final long orderId, final long account, final long price, final long qty,
                          final long leavesQty, final boolean priorityKept) {
        events.add(new Amended(orderId, account, price, qty, leavesQty, priorityKept));
    }

    @Override
    public void onTriggered(final long orderId, final long account, final TriggerSource source,
                            final long triggerPrice, final long referencePrice, final long qty) {
        events.add(new Triggered(orderId, account, source, triggerPrice, referencePrice, qty));
    }
}
