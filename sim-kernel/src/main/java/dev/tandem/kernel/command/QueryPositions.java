package dev.tandem.kernel.command;

/** Ask the venue for all positions of this account (reconciliation). */
public record QueryPositions(long commandId, long tsInitNanos, String venue) implements Command {}
