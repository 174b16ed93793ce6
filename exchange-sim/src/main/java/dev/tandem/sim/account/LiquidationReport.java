package dev.tandem.sim.account;

import java.util.List;

/**
 * Everything one liquidation of one account did, for the venue to report (liquidation fills, ADL fills, insurance fund
 * changes; the liquidation account's own book trades went through the venue's normal trade path).
 *
 * @param account             the liquidated account
 * @param asset               the settle asset whose cross margin was breached
 * @param marginBalance       the margin balance at the trigger (after its orders were canceled)
 * @param maintenanceMargin   the maintenance margin at the trigger
 * @param releasedOrders      reservations released when the account's orders were canceled
 * @param takeovers           one per position, in symbol order
 * @param adlFills            auto-deleveraging fills, in execution order
 * @param fundChanges         insurance fund changes, in order
 */
public record LiquidationReport(long account, String asset, long marginBalance, long maintenanceMargin,
                                int releasedOrders, List<Takeover> takeovers, List<AdlFill> adlFills,
                                List<InsuranceFundChange> fundChanges) {
    public LiquidationReport {
        takeovers = List.copyOf(takeovers);
        adlFills = List.copyOf(adlFills);
        fundChanges = List.copyOf(fundChanges);
    }
}
