package dev.tandem.sim;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.random.RandomSource;

/** What a {@link VenueAgent} may do: trade its own account on the venue, look at books, and schedule itself. */
public interface AgentContext {

    /** The agent's account. */
    long account();

    /** Venue time now. */
    long nowNanos();

    /** The agent's own seeded stream. */
    RandomSource random();

    /** Runs {@code action} on the loop at {@code nanos} (not before now). */
    void at(long nanos, Runnable action);

    /** The instrument traded under this symbol. */
    Instrument instrument(String symbol);

    /**
     * Places an order for the agent's account (no latency, no faults).
     *
     * @param price the limit price (0 for market orders)
     * @return the venue's order id, or 0 if the order was rejected
     */
    long place(String symbol, Side side, OrderType type, TimeInForce tif, long price, long qty);

    /** Cancels one of the agent's live orders; false if it is not live. */
    boolean cancel(String symbol, long orderId);

    /** Cancels every live order of the agent on a symbol; returns how many. */
    int cancelAll(String symbol);

    /** Best bid, or 0. */
    long bestBid(String symbol);

    /** Best ask, or 0. */
    long bestAsk(String symbol);

    /** The venue's last price, or 0. */
    long lastPrice(String symbol);

    /** The agent's signed position (perpetual) or base holding (spot). */
    long position(String symbol);
}
