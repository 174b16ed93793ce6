package dev.tandem.sim.data;

import dev.tandem.kernel.model.Liquidity;

/**
 * A fill decided by a {@link BarFillModel}.
 *
 * @param model     the model's name ({@link BarFillModel#name()}), to be quoted in results
 * @param order     the order filled
 * @param price     the fill price (scaled)
 * @param qty       the fill quantity: always the whole order
 * @param tsNanos   when the fill happens in simulated time (see {@link Reason})
 * @param liquidity MAKER for a resting limit traded through during the bar, TAKER otherwise
 * @param reason    which rule filled it
 */
public record BarFill(String model, OrderSpec order, long price, long qty, long tsNanos, Liquidity liquidity,
        Reason reason) {

    /** The rule that produced a fill, with its position on the assumed intra-bar path. */
    public enum Reason {
        /** BAR_CLOSE: a market order at the decision bar's close. */
        MARKET_AT_CLOSE(0),
        /** BAR_CLOSE: a limit whose price the close traded through, at the close. */
        LIMIT_AT_CLOSE(0),
        /** BAR_CLOSE: a stop the close reached, at the close. */
        STOP_AT_CLOSE(0),
        /** NEXT_OPEN or INTRA_BAR_PESSIMISTIC: a market order at the next bar's open. */
        MARKET_AT_OPEN(0),
        /** NEXT_OPEN: a limit whose price the open traded through, at the open. */
        LIMIT_AT_OPEN(0),
        /** NEXT_OPEN or INTRA_BAR_PESSIMISTIC: a stop the open reached (a gap), at the open. */
        STOP_AT_OPEN(0),
        /** INTRA_BAR_PESSIMISTIC: a limit the open traded through, at the limit price. */
        LIMIT_THROUGH_AT_OPEN(0),
        /** INTRA_BAR_PESSIMISTIC: a stop triggered inside the bar, at the trigger price. */
        STOP_INTRA_BAR(1),
        /** INTRA_BAR_PESSIMISTIC: a limit traded through inside the bar, at the limit price. */
        LIMIT_THROUGH_INTRA_BAR(2);

        private final int stage;

        Reason(final int stage) {
            this.stage = stage;
        }

        /**
         * Position on the assumed path: 0 at the open (or the single price of BAR_CLOSE/NEXT_OPEN), 1 stops inside
         * the bar, 2 limits inside the bar. Fills are ordered by stage: stops are hit before targets.
         */
        public int stage() {
            return stage;
        }
    }
}
