package dev.tandem.sim.account;

import dev.tandem.kernel.model.Side;

/**
 * How the {@link LiquidationEngine} reaches the order books (implemented by the simulated venue over its matching
 * engines). Both calls are synchronous: when they return, every resulting cancel must have been released in the
 * {@link SimLedger} ({@link SimLedger#releaseOrder}) and every resulting trade booked ({@link SimLedger#applyTrade}),
 * exactly as for any other order (the engine checks the liquidation account's position afterwards).
 */
public interface LiquidationExecutor {

    /** Reaches no book: nothing is canceled and nothing fills, so every taken-over position is auto-deleveraged. */
    LiquidationExecutor NONE = new LiquidationExecutor() {
        @Override
        public void cancelAllOrders(final long account) {
        }

        @Override
        public void submitImmediateOrCancel(final String symbol, final long account, final Side side,
                                            final long limitPrice, final long qty) {
        }
    };

    /** Cancels every live order of the account in every book (Bybit: {@code CancelAllBeforeLiq}). */
    void cancelAllOrders(long account);

    /**
     * Submits an immediate-or-cancel limit order owned by {@code account} (the venue's liquidation account, no client
     * order id) into the symbol's book; what does not fill at once is canceled.
     *
     * @param limitPrice on the tick grid; the engine chooses it so that the close cannot lose more than the insurance
     *                   fund holds
     * @param qty        at most the instrument's max order quantity, a multiple of the lot
     */
    void submitImmediateOrCancel(String symbol, long account, Side side, long limitPrice, long qty);
}
