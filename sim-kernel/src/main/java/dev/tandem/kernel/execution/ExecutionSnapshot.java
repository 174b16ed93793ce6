package dev.tandem.kernel.execution;

import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The order manager's whole state as immutable values, for kernel snapshots: restore it with
 * {@link OrderManager#restore} into a fresh manager built with the same configuration. Pending timers are not in
 * here: they belong to the kernel's scheduler and are snapshotted with it.
 *
 * @param nextCommandId     the next command id to hand out
 * @param jitterRandomState state of the retry-jitter random stream
 * @param idCounters        last client-id counter per strategy
 * @param orders            every order, by client order id
 * @param venues            per-venue breaker, token bucket, backoff, probe and queue, by venue
 * @param cancelAlls        cancel-all request trackers, by instrument
 */
public record ExecutionSnapshot(
        long nextCommandId,
        long jitterRandomState,
        SortedMap<String, Long> idCounters,
        List<OrderRecord> orders,
        List<VenueRecord> venues,
        List<CancelAllRecord> cancelAlls) {

    public ExecutionSnapshot {
        idCounters = Collections.unmodifiableSortedMap(new TreeMap<>(idCounters));
        orders = List.copyOf(orders);
        venues = List.copyOf(venues);
        cancelAlls = List.copyOf(cancelAlls);
    }

    /** One request tracker. */
    public record RequestRecord(
            RequestKind kind, RequestStatus status, long commandId, int attempt, int transientFailures, int rateLimitedFailures) {}

    /** One order, every field. {@code tradeIds} are sorted; {@code requests} are in {@link RequestKind} order. */
    public record OrderRecord(
            ClientOrderId clientOrderId,
            StrategyId strategyId,
            InstrumentId instrumentId,
            Side side,
            OrderType type,
            TimeInForce timeInForce,
            long price,
            long triggerPrice,
            long qty,
            boolean reduceOnly,
            OrderState state,
            OrderState previousState,
            ReasonCode closeReason,
            String venueOrderId,
            long filledQty,
            long fillNotional,
            long feeMoney,
            long syntheticFillQty,
            List<String> tradeIds,
            long createdNanos,
            long lastUpdateNanos,
            boolean submitted,
            long queuedUntilNanos,
            boolean cancelOnAccept,
            long amendPrice,
            long amendQty,
            long missingQueryFrom,
            List<RequestRecord> requests) {
        public OrderRecord {
            tradeIds = List.copyOf(tradeIds);
            requests = List.copyOf(requests);
        }
    }

    /** One venue. {@code queue} is in FIFO order. */
    public record VenueRecord(
            String venue,
            BreakerState breakerState,
            int consecutiveFailures,
            int consecutiveSuccesses,
            long breakerOpenUntilNanos,
            long bucketCreditNanos,
            long bucketLastRefillNanos,
            long backoffUntilNanos,
            long probeCommandId,
            long probeDeadlineNanos,
            long lastBookedVenueNanos,
            List<ClientOrderId> queue) {
        public VenueRecord {
            queue = List.copyOf(queue);
        }
    }

    /** The cancel-all tracker of one instrument. */
    public record CancelAllRecord(InstrumentId instrumentId, RequestRecord request) {}
}
