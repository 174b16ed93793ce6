package dev.tandem.sim;

/** Which {@link VenueLedger} a {@link SimVenue} keeps its accounts in ({@link SimVenueConfig#ledger()}). */
public enum LedgerKind {
    /** {@link SimpleLedger}: balances, spot reservations, perpetual positions; no margin, funding or liquidation. */
    SIMPLE,
    /**
     * {@link AccountLedger} over the full venue-side accounts ({@code dev.tandem.sim.account}): margin and leverage,
     * risk limits, mark price, funding every 8 hours, liquidation through the book, insurance fund and ADL.
     */
    MARGIN
}
