package dev.tandem.sim.data;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How orders fill when the only market data is bars. Pure functions; the model's {@link #name()} is written into
 * every {@link BarFill} so results say which assumption produced them.
 *
 * <p>Call convention: {@code decide(order, bar, next)}. The strategy decided on {@code bar} (it saw the bar's
 * close), the order exists from {@code bar}'s close on, and {@code next} is the following bar ({@code null} when it
 * is not known yet: the models that need it then return no fill). A resting order is evaluated again for each later
 * pair of bars until it fills or is cancelled. Every fill is for the whole quantity; no fees, no slippage, no volume
 * cap (those belong to other models). A bar whose volume is 0 had no trades: nothing fills on it.
 *
 * <p>"Trades through" is strict: a buy limit at P fills only when a price strictly below P traded (a sell limit: above
 * P); on tick-grid data that means at least one tick beyond. A touch does not fill a limit (the queue at P may not
 * have reached the order). Stops trigger on a touch ({@code >=} the trigger for a buy stop, {@code <=} for a sell
 * stop), which is the conservative direction for stops.
 *
 * <table>
 *   <caption>Rules, for a BUY (a SELL mirrors them); X is the model's single price</caption>
 *   <tr><th>model</th><th>MARKET</th><th>LIMIT at P</th><th>STOP_MARKET at T</th></tr>
 *   <tr><td>BAR_CLOSE (X = bar.close, at bar.close time)</td><td>X</td><td>X if X &lt; P</td><td>X if X &gt;= T</td></tr>
 *   <tr><td>NEXT_OPEN (X = next.open, at next's open time)</td><td>X</td><td>X if X &lt; P</td><td>X if X &gt;= T</td></tr>
 *   <tr><td>INTRA_BAR_PESSIMISTIC (next's O, H, L)</td><td>O</td><td>P if L &lt; P (at the open if O &lt; P,
 *       else inside the bar)</td><td>O if O &gt;= T (gap), else T if H &gt;= T</td></tr>
 * </table>
 */
public enum BarFillModel {
    /**
     * Every order is evaluated at one price, the close of the decision bar, and fills at that price: market orders
     * always, limits when the close is strictly better than the limit, stops when the close reached the trigger.
     * Optimistic (it trades at a price already seen); the classic close-to-close backtest. Resting orders only ever
     * see bar closes. Fill time: {@code bar.tsEventNanos} (the close).
     */
    BAR_CLOSE {
        @Override
        public Optional<BarFill> decide(final OrderSpec order, final Bar bar, final Bar next) {
            check(order, bar, next);
            if (bar.volume() == 0) {
                return Optional.empty();
            }
            return singlePrice(order, bar.close(), bar.tsEventNanos(), BarFill.Reason.MARKET_AT_CLOSE,
                    BarFill.Reason.LIMIT_AT_CLOSE, BarFill.Reason.STOP_AT_CLOSE);
        }
    },
    /**
     * Every order is evaluated at one price, the open of the next bar (the first price after the decision), with
     * the same rules as {@link #BAR_CLOSE}. No look-ahead. Fill time: {@code next.openTimeNanos}.
     */
    NEXT_OPEN {
        @Override
        public Optional<BarFill> decide(final OrderSpec order, final Bar bar, final Bar next) {
            check(order, bar, next);
            if (next == null || next.volume() == 0) {
                return Optional.empty();
            }
            return singlePrice(order, next.open(), next.openTimeNanos(), BarFill.Reason.MARKET_AT_OPEN,
                    BarFill.Reason.LIMIT_AT_OPEN, BarFill.Reason.STOP_AT_OPEN);
        }
    },
    /**
     * The order is live through the whole next bar, whose unknown path inside [low, high] is resolved against the
     * order:
     * <ul>
     *   <li>MARKET: the next bar's open (the first price after the decision), TAKER, at the open time.</li>
     *   <li>LIMIT at P: fills only if the bar traded through P (buy: low &lt; P; sell: high &gt; P), and then at P,
     *       never better, even when the open was already through P (TAKER, at the open time) or the bar went far
     *       beyond P (MAKER, at the bar's close time).</li>
     *   <li>STOP_MARKET at T: if the open is at or beyond T (a gap) it fills at the open, the worse price; else if
     *       the bar reached T (buy: high &gt;= T; sell: low &lt;= T) at T, at the bar's close time. TAKER.</li>
     *   <li>Several orders ({@link #decideAll}): fills at the open come first, then stops triggered inside the bar,
     *       then limits traded through inside the bar: a bracket's stop-loss is hit before its take-profit
     *       whenever the bar reaches both.</li>
     * </ul>
     * Fill times inside the bar are the bar's close: the fill is not assumed to be known before the bar is.
     */
    INTRA_BAR_PESSIMISTIC {
        @Override
        public Optional<BarFill> decide(final OrderSpec order, final Bar bar, final Bar next) {
            check(order, bar, next);
            if (next == null || next.volume() == 0) {
                return Optional.empty();
            }
            final boolean buy = order.side() == Side.BUY;
            final long o = next.open();
            final long p = order.price();
            switch (order.type()) {
                case MARKET:
                    return fill(order, o, next.openTimeNanos(), Liquidity.TAKER, BarFill.Reason.MARKET_AT_OPEN);
                case LIMIT:
                    if (buy ? o < p : o > p) {
                        return fill(order, p, next.openTimeNanos(), Liquidity.TAKER,
                                BarFill.Reason.LIMIT_THROUGH_AT_OPEN);
                    }
                    if (buy ? next.low() < p : next.high() > p) {
                        return fill(order, p, next.tsEventNanos(), Liquidity.MAKER,
                                BarFill.Reason.LIMIT_THROUGH_INTRA_BAR);
                    }
                    return Optional.empty();
                case STOP_MARKET:
                    if (buy ? o >= p : o <= p) {
                        return fill(order, o, next.openTimeNanos(), Liquidity.TAKER, BarFill.Reason.STOP_AT_OPEN);
                    }
                    if (buy ? next.high() >= p : next.low() <= p) {
                        return fill(order, p, next.tsEventNanos(), Liquidity.TAKER, BarFill.Reason.STOP_INTRA_BAR);
                    }
                    return Optional.empty();
                default:
                    throw new IllegalArgumentException(order.type() + " is not modelled on bar data");
            }
        }
    };

    /**
     * Decides one order.
     *
     * @param order the order, created at {@code bar}'s close
     * @param bar   the decision bar
     * @param next  the bar after it, or null when not known yet
     * @return the fill, or empty
     */
    public abstract Optional<BarFill> decide(OrderSpec order, Bar bar, Bar next);

    /**
     * Decides several orders live over the same bars, returning the fills in the order the model assumes they
     * happen: by {@link BarFill.Reason#stage()} (open, then stops inside the bar, then limits inside the bar), ties
     * in the given order. Each order is decided independently; a caller managing one-cancels-other groups keeps the
     * first fill of each group.
     */
    public List<BarFill> decideAll(final List<OrderSpec> orders, final Bar bar, final Bar next) {
        final List<BarFill> fills = new ArrayList<>();
        for (final OrderSpec o : orders) {
            decide(o, bar, next).ifPresent(fills::add);
        }
        fills.sort(Comparator.comparingInt(f -> f.reason().stage())); // List.sort is stable
        return fills;
    }

    /** Parses a model name as written in results (case-insensitive). */
    public static BarFillModel named(final String name) {
        for (final BarFillModel m : values()) {
            if (m.name().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown bar fill model '" + name + "'; known: BAR_CLOSE, NEXT_OPEN, "
                + "INTRA_BAR_PESSIMISTIC");
    }

    Optional<BarFill> singlePrice(final OrderSpec order, final long x, final long ts, final BarFill.Reason market,
            final BarFill.Reason limit, final BarFill.Reason stop) {
        final boolean buy = order.side() == Side.BUY;
        final long p = order.price();
        final OrderType type = order.type();
        if (type == OrderType.MARKET) {
            return fill(order, x, ts, Liquidity.TAKER, market);
        }
        if (type == OrderType.LIMIT) {
            return (buy ? x < p : x > p) ? fill(order, x, ts, Liquidity.TAKER, limit) : Optional.empty();
        }
        return (buy ? x >= p : x <= p) ? fill(order, x, ts, Liquidity.TAKER, stop) : Optional.empty();
    }

    Optional<BarFill> fill(final OrderSpec order, final long price, final long ts, final Liquidity liquidity,
            final BarFill.Reason reason) {
        return Optional.of(new BarFill(name(), order, price, order.qty(), ts, liquidity, reason));
    }

    static void check(final OrderSpec order, final Bar bar, final Bar next) {
        if (order == null || bar == null) {
            throw new IllegalArgumentException("order and bar are required");
        }
        if (next != null) {
            if (!next.instrumentId().equals(bar.instrumentId())) {
                throw new IllegalArgumentException("bars of different instruments: " + bar.instrumentId() + ", "
                        + next.instrumentId());
            }
            if (next.openTimeNanos() < bar.tsEventNanos()) {
                throw new IllegalArgumentException("next bar opens at " + next.openTimeNanos()
                        + ", before the decision bar closes at " + bar.tsEventNanos());
            }
        }
    }
}
