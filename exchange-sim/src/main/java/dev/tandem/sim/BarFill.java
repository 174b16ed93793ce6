package dev.tandem.sim;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.model.Side;

/**
 * How a bar-driven run meets the venue's book: the extension point for bar fill models (the data package's
 * {@code BarFillModel} plugs in here). Bars carry no order book, so when a fill model is configured the venue
 * provides <em>bar liquidity</em> of its own, through its matching engine, from a reserved account
 * ({@link SimVenue#BAR_LIQUIDITY_ACCOUNT}) whose trades are public but book nowhere:
 * <ul>
 *   <li><b>taking orders between bars</b> (market orders, and limit orders whose price reaches it): liquidity at
 *       {@link #takerPrice} on the opposite side, for the order's quantity, placed just before the order and
 *       removed just after; {@link #NO_PRICE} means "no liquidity now";</li>
 *   <li><b>market orders that wait</b> ({@link #marketOrdersWaitForNextBar()}): accepted, kept by the venue, and
 *       filled when the next bar arrives at {@link #nextBarPrice};</li>
 *   <li><b>each bar</b>: the venue walks {@link #path} (also feeding the last price, and the mark when configured,
 *       so stops trigger in path order). At each point {@code p}, when {@link #fillsRestingOrders()}, resting bids
 *       above {@code p} and asks below {@code p} fill at their own limit price (the price traded <em>through</em>
 *       them; touching is not enough); stops that trigger at {@code p} get liquidity at {@code p} (a stop-market
 *       fills at the path price that triggered it: its trigger price when the path passes through it, the open
 *       when the bar gaps over it).</li>
 * </ul>
 * The venue sees a bar when it happened (its {@code tsEventNanos}, the bar's close), so every order resting when
 * the bar arrives can be filled by it. A named simplification (module README).
 */
public interface BarFill {

    /** "No price": no bar liquidity for this order now. */
    long NO_PRICE = 0L;

    /** The model's name, as named in results. */
    String name();

    /** The price a taking order arriving after {@code lastBar} fills at, or {@link #NO_PRICE}. */
    long takerPrice(Bar lastBar, Side side);

    /** True if market orders wait for the next bar instead of filling at {@link #takerPrice}. */
    default boolean marketOrdersWaitForNextBar() {
        return false;
    }

    /** The price waiting market orders fill at when {@code bar} arrives. */
    default long nextBarPrice(final Bar bar, final Side side) {
        return bar.open();
    }

    /** True if walking a bar's path fills resting limit orders the price traded through. */
    default boolean fillsRestingOrders() {
        return true;
    }

    /**
     * The order in which the bar's prices are assumed to have traded: open, then the extreme nearer the open first
     * (open → low → high → close for an up bar, open → high → low → close for a down bar). Points equal to the
     * previous one are skipped by the venue.
     */
    default long[] path(final Bar bar) {
        return bar.close() >= bar.open()
                ? new long[] {bar.open(), bar.low(), bar.high(), bar.close()}
                : new long[] {bar.open(), bar.high(), bar.low(), bar.close()};
    }

    /**
     * No bar liquidity: bars only move the last (and mark) price; orders meet the venue's book as it is (the book of
     * background agents or data-driven liquidity).
     */
    BarFill NONE = new BarFill() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public long takerPrice(final Bar lastBar, final Side side) {
            return NO_PRICE;
        }

        @Override
        public boolean fillsRestingOrders() {
            return false;
        }
    };

    /**
     * Taking orders fill at the last bar's close as soon as they reach the venue; resting orders fill when a later
     * bar trades through them.
     */
    BarFill CLOSE = new BarFill() {
        @Override
        public String name() {
            return "close";
        }

        @Override
        public long takerPrice(final Bar lastBar, final Side side) {
            return lastBar == null ? NO_PRICE : lastBar.close();
        }
    };

    /**
     * Market orders wait and fill at the next bar's open; limit orders rest (no bar liquidity between bars) and fill
     * when a later bar trades through them.
     */
    BarFill NEXT_OPEN = new BarFill() {
        @Override
        public String name() {
            return "next-open";
        }

        @Override
        public long takerPrice(final Bar lastBar, final Side side) {
            return NO_PRICE;
        }

        @Override
        public boolean marketOrdersWaitForNextBar() {
            return true;
        }
    };
}
