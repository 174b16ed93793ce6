package dev.tandem.kernel.event;

import java.util.List;

/** The answer to {@code QueryPositions}: every non-zero position of the account at the venue. */
public record VenuePositions(String venue, List<VenuePosition> positions, long tsEventNanos, long tsInitNanos) implements ExecutionReport {
    public VenuePositions {
        positions = List.copyOf(positions);
    }
}
