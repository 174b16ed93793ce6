package dev.tandem.sim.data;

import dev.tandem.kernel.data.BookLevel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.data.TradeTick;
import dev.tandem.kernel.model.Side;
import java.util.List;

/**
 * Queue position of one simulated resting limit order during trade replay. The recorded market does not contain
 * the order, so its fills are inferred from the public trades:
 *
 * <ul>
 *   <li>When placed at price P, the order joins the back of the queue: {@code queueAhead} = the visible quantity at
 *       P on its own side of the last {@link BookSnapshot} (bids for a BUY). When that is unknown (no snapshot yet,
 *       or P not among the levels shown) it is 0: the order is assumed to be first at P, an optimistic default
 *       that is exact for a price improving the best level. Pass an explicit queue for another assumption.</li>
 *   <li>A trade AT P first consumes the queue ahead, then fills the order: the order has filled completely once
 *       {@code queueAhead + qty} has traded at P since it was placed. Which trades count is a {@link Counting}
 *       choice: every trade at P (the default, needed for data whose aggressor side is inferred, e.g. Bitstamp by
 *       the tick rule), or only trades whose aggressor is on the other side (a SELL taker hits bids).</li>
 *   <li>A trade strictly THROUGH P (below P for a BUY, above for a SELL) fills all the remaining quantity
 *       immediately, whatever its size and aggressor: the market has passed the order's price, so all liquidity at
 *       P, ours included, was taken.</li>
 *   <li>Trades on the far side of P (above P for a BUY) and trades of quantity 0 change nothing.</li>
 *   <li>{@link #onBook(BookSnapshot)} lets the queue shrink with cancellations: queueAhead becomes
 *       {@code min(queueAhead, visible quantity at P)}; a price inside the shown range with no level means an empty
 *       level (queueAhead 0); a price beyond the shown depth tells nothing. The queue never grows (orders arriving
 *       later queue behind).</li>
 * </ul>
 * The fill price is always P (the order is the maker). Single-threaded, mutable; one instance per order.
 */
public final class QueuePositionModel {

    /** Which trades at the order's price consume its queue. */
    public enum Counting {
        /** Every trade at P, whatever its recorded aggressor. */
        ANY_AGGRESSOR,
        /** Only trades whose aggressor is the opposite side (a SELL taker for a resting BUY). */
        OPPOSITE_AGGRESSOR_ONLY
    }

    private final Side side;
    private final long price;
    private final long qty;
    private final Counting counting;
    private long queueAhead;
    private long filled;

    /** An order with an explicit queue ahead, counting every trade at its price. */
    public QueuePositionModel(final Side side, final long price, final long qty, final long queueAhead) {
        this(side, price, qty, queueAhead, Counting.ANY_AGGRESSOR);
    }

    /**
     * An order with an explicit queue ahead.
     *
     * @param side       the resting order's side
     * @param price      its limit price (scaled), positive
     * @param qty        its quantity (scaled), positive
     * @param queueAhead quantity ahead of it at its price (scaled), non-negative
     * @param counting   which trades at the price count
     */
    public QueuePositionModel(final Side side, final long price, final long qty, final long queueAhead,
            final Counting counting) {
        if (side == null || counting == null) {
            throw new IllegalArgumentException("side and counting are required");
        }
        if (price <= 0 || qty <= 0 || queueAhead < 0) {
            throw new IllegalArgumentException("need price > 0, qty > 0, queueAhead >= 0");
        }
        this.side = side;
        this.price = price;
        this.qty = qty;
        this.queueAhead = queueAhead;
        this.counting = counting;
    }

    /**
     * An order placed now, behind the visible quantity at its price in {@code lastBook} (null = no book seen yet:
     * queue 0).
     */
    public static QueuePositionModel placedAgainst(final Side side, final long price, final long qty,
            final BookSnapshot lastBook, final Counting counting) {
        return new QueuePositionModel(side, price, qty, lastBook == null ? 0 : visibleQty(lastBook, side, price),
                counting);
    }

    /** The quantity shown at {@code price} on {@code side}'s side of the book (bids for BUY), 0 if not shown. */
    public static long visibleQty(final BookSnapshot book, final Side side, final long price) {
        for (final BookLevel level : levels(book, side)) {
            if (level.price() == price) {
                return level.qty();
            }
        }
        return 0;
    }

    /** Applies a public trade; returns the quantity of this order it filled (0 if none). */
    public long onTrade(final TradeTick trade) {
        return onTrade(trade.price(), trade.qty(), trade.aggressor());
    }

    /** Applies a public trade given by price, quantity and aggressor; returns the quantity filled. */
    public long onTrade(final long tradePrice, final long tradeQty, final Side aggressor) {
        final long remaining = remaining();
        if (remaining == 0 || tradeQty <= 0) {
            return 0;
        }
        final boolean through = side == Side.BUY ? tradePrice < price : tradePrice > price;
        if (through) {
            queueAhead = 0;
            filled = qty;
            return remaining;
        }
        if (tradePrice != price) {
            return 0;
        }
        if (counting == Counting.OPPOSITE_AGGRESSOR_ONLY && aggressor == side) {
            return 0;
        }
        final long fromQueue = Math.min(tradeQty, queueAhead);
        queueAhead -= fromQueue;
        final long fill = Math.min(tradeQty - fromQueue, remaining);
        filled += fill;
        return fill;
    }

    /** Lets the queue ahead shrink to what a newer book shows at the order's price (see the class comment). */
    public void onBook(final BookSnapshot book) {
        final List<BookLevel> levels = levels(book, side);
        if (levels.isEmpty()) {
            return;
        }
        final long best = levels.get(0).price();
        final long worst = levels.get(levels.size() - 1).price();
        final boolean shown = side == Side.BUY ? price <= best && price >= worst : price >= best && price <= worst;
        if (!shown) {
            return;
        }
        queueAhead = Math.min(queueAhead, visibleQty(book, side, price));
    }

    private static List<BookLevel> levels(final BookSnapshot book, final Side side) {
        return side == Side.BUY ? book.bids() : book.asks();
    }

    /** The order's side. */
    public Side side() {
        return side;
    }

    /** The order's price. */
    public long price() {
        return price;
    }

    /** The order's quantity. */
    public long qty() {
        return qty;
    }

    /** Quantity still ahead of the order at its price. */
    public long queueAhead() {
        return queueAhead;
    }

    /** Quantity filled so far. */
    public long filled() {
        return filled;
    }

    /** Quantity not yet filled. */
    public long remaining() {
        return qty - filled;
    }

    /** True once the whole quantity has filled. */
    public boolean isFilled() {
        return filled == qty;
    }
}
