package dev.tandem.sim.data;

/** Deterministic log-price moves spread linearly over time intervals (the overlays of crash and pump scenarios). */
final class LogMoves {
    private LogMoves() {}

    /**
     * The part of a move of {@code totalLog} spread evenly over {@code [moveStart, moveStart + moveDuration)} that
     * falls in {@code [start, start + dt)}: {@code totalLog * overlap / moveDuration}. Summed over any step grid it
     * gives exactly (to rounding) {@code totalLog}.
     */
    static double share(final long start, final long dt, final long moveStart, final long moveDuration,
            final double totalLog) {
        if (moveDuration <= 0 || totalLog == 0) {
            return 0;
        }
        final long from = Math.max(start, moveStart);
        final long to = Math.min(start + dt, moveStart + moveDuration);
        if (to <= from) {
            return 0;
        }
        return totalLog * ((double) (to - from) / (double) moveDuration);
    }
}
