package dev.tandem.kernel.event;

/** A report from a venue about orders, positions or balances. It may be late, duplicated, out of order, or never come. */
public sealed interface ExecutionReport extends InboundEvent
        permits VenueAccepted, VenueRejected, VenueFill, VenueCanceled, VenueCancelRejected, VenueAmended, VenueAmendRejected, VenueExpired, VenueRequestFailed, VenueOrderStatusReport, VenueOpenOrders, VenuePositions, VenueBalances, FundingSettled {
    /** The venue it came from. */
    String venue();
}
