package dev.tandem.kernel.event;

import java.util.List;

/** The answer to {@code QueryBalances}: every balance of the account at the venue. */
public record VenueBalances(String venue, List<VenueBalance> balances, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
    public VenueBalances {
        balances = List.copyOf(balances);
    }
}
