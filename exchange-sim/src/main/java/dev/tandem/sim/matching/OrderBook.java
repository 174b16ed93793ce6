package dev.tandem.sim.matching;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;

/**
 * The matching contract of one symbol's order book: commands in, {@link MatchListener} calls out, plus read-only
 * views for tests, tools and digests. {@link MatchingEngine} is the fast implementation; the tests keep a naive
 * reference implementation of the same contract and compare the two (see the module README for the venue rules).
 *
 * <p>Ids: an order id must be unique among <em>live</em> orders (resting, or stop orders waiting for their
 * trigger); ids of finished orders may be reused. Accounts are plain {@code long} ids. Prices and quantities are
 * raw {@code long}s in the units of {@link BookRules}. An implementation is single-threaded and deterministic: the
 * same commands give the same calls to the listener and the same state.
 */
public interface OrderBook {

    /** Passed to {@link #amend} for a field that stays as it is. */
    long KEEP = Long.MIN_VALUE;

    /** What price queries return when there is no price (empty side, no reference price yet). */
    long NO_PRICE = 0L;

    /**
     * Places a new order.
     *
     * @param orderId       unique among live orders
     * @param account       the owning account
     * @param side          buy or sell
     * @param type          MARKET, LIMIT, STOP_MARKET or STOP_LIMIT
     * @param tif           GTC, IOC, FOK or POST_ONLY; for market and stop-market orders GTC and IOC both mean
     *                      immediate-or-cancel and POST_ONLY is refused
     * @param price         the limit price (LIMIT, STOP_LIMIT); ignored for MARKET and STOP_MARKET
     * @param qty           the quantity
     * @param reduceOnly    only reduce the account's position (see {@link ReduceOnlyGuard})
     * @param triggerSource the price series a stop watches; ignored (may be null) for MARKET and LIMIT
     * @param triggerPrice  the stop's trigger price; ignored for MARKET and LIMIT
     * @return true if accepted
     */
    boolean place(long orderId, long account, Side side, OrderType type, TimeInForce tif, long price, long qty,
                  boolean reduceOnly, TriggerSource triggerSource, long triggerPrice);

    /** Places a limit order (not reduce-only). */
    default boolean placeLimit(final long orderId, final long account, final Side side, final TimeInForce tif,
                               final long price, final long qty) {
        return place(orderId, account, side, OrderType.LIMIT, tif, price, qty, false, null, 0);
    }

    /** Places an immediate-or-cancel market order (not reduce-only). */
    default boolean placeMarket(final long orderId, final long account, final Side side, final long qty) {
        return place(orderId, account, side, OrderType.MARKET, TimeInForce.IOC, 0, qty, false, null, 0);
    }

    /**
     * Cancels a live order of this account (resting or a pending stop).
     *
     * @return true if canceled; false (and {@link MatchListener#onCancelRejected}) for an unknown order
     */
    boolean cancel(long orderId, long account);

    /**
     * Amends a resting order's price and/or total quantity (filled plus leaves). A price change or a quantity
     * increase moves the order to the back of its (new) price level; a quantity decrease keeps its place. A new
     * price that crosses the book trades at once like a GTC order, then rests. A new total quantity not above the
     * filled quantity is refused ({@link RejectReason#AMEND_QTY_NOT_ABOVE_FILLED}).
     *
     * @param newPrice the new limit price, or {@link #KEEP}
     * @param newQty   the new total quantity, or {@link #KEEP}
     * @return true if amended
     */
    boolean amend(long orderId, long account, long newPrice, long newQty);

    /**
     * Cancels every live order of the account (resting and pending stops), in the order they were accepted.
     *
     * @return how many orders were canceled
     */
    int cancelAll(long account);

    /** A new last traded price (positive): triggers stops watching {@link TriggerSource#LAST}. */
    void onLastPrice(long price);

    /** A new mark price (positive): triggers stops watching {@link TriggerSource#MARK}. */
    void onMarkPrice(long price);

    /** The highest bid price, or {@link #NO_PRICE}. */
    long bestBid();

    /** The lowest ask price, or {@link #NO_PRICE}. */
    long bestAsk();

    /** True if the order is resting or is a pending stop. */
    boolean isLive(long orderId);

    /** The unfilled quantity of a live order, or 0 if the order is not live. */
    long leavesQty(long orderId);

    /** The filled quantity of a live order, or 0 if the order is not live. */
    long filledQty(long orderId);

    /** The number of live orders (resting plus pending stops). */
    int liveOrderCount();

    /** A full copy of the book: levels best-first with their queues, pending stops, reference prices. */
    BookState state();

    /** Writes the book's canonical state (the same content as {@link #state()}) into a digest. */
    default void bookDigest(final StateDigest digest) {
        state().writeTo(digest);
    }
}
