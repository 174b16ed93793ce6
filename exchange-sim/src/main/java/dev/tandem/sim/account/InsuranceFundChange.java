package dev.tandem.sim.account;

/**
 * One change of the {@link InsuranceFund}, for the venue to report.
 *
 * @param asset        the settle asset
 * @param kind         why
 * @param amount       signed change, money units (positive: the fund gained)
 * @param balanceAfter the fund's balance after the change
 * @param account      the account concerned (the liquidated account; the liquidation account for closes), or 0
 * @param symbol       the symbol concerned, or "" for account-level changes
 */
public record InsuranceFundChange(String asset, Kind kind, long amount, long balanceAfter, long account,
                                  String symbol) {

    /** Why the fund changed. */
    public enum Kind {
        /** Seed capital deposited into the fund (counts as a deposit in the conservation identity). */
        DEPOSIT,
        /** The liquidation fee charged to a liquidated position. */
        LIQUIDATION_FEE,
        /** What a liquidated account had left after its positions were taken over (≥ 0 but for the deficit case). */
        BANKRUPTCY_REMAINDER,
        /** The result of closing a taken-over position: positive if closed better than bankruptcy, negative if worse. */
        CLOSE_RESULT
    }
}
