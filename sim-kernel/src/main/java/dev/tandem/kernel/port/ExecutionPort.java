package dev.tandem.kernel.port;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;

/**
 * Order entry and account queries for one venue. Every method returns at once; outcomes arrive as
 * {@link dev.tandem.kernel.event.ExecutionReport}s through the implementation's {@link InboundSink}:
 * <ul>
 *   <li>accepted: {@code VenueAccepted}; rejected with reason: {@code VenueRejected};</li>
 *   <li>transient failure, rate limited (with retry-after), unknown outcome: {@code VenueRequestFailed};</li>
 *   <li>fills, cancels, amends, expiries: {@code VenueFill}, {@code VenueCanceled}, ...;</li>
 *   <li>queries: {@code VenueOrderStatusReport}, {@code VenueOpenOrders}, {@code VenuePositions}, {@code VenueBalances}.</li>
 * </ul>
 * A venue must treat a second submit with a client order id it already has as a duplicate, never as a new order.
 * Implementations must not throw for venue-side problems; an exception means a programming error.
 */
public interface ExecutionPort {
    /** The venue name, as in {@link dev.tandem.kernel.model.InstrumentId#venue()}. */
    String venue();

    /** Place an order. */
    void submit(SubmitOrder command);

    /** Cancel an order. */
    void cancel(CancelOrder command);

    /** Amend an order's price and/or quantity. */
    void amend(AmendOrder command);

    /** Cancel all open orders on an instrument. */
    void cancelAll(CancelAllOrders command);

    /** Ask for one order's status (resolves unknown outcomes). */
    void queryOrder(QueryOrder command);

    /** Ask for all open orders (reconciliation). */
    void queryOpenOrders(QueryOpenOrders command);

    /** Ask for all positions (reconciliation). */
    void queryPositions(QueryPositions command);

    /** Ask for all balances (reconciliation). */
    void queryBalances(QueryBalances command);
}
