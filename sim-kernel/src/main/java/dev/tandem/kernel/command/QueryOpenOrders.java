package dev.tandem.kernel.command;

/** Ask the venue for all open orders of this account (reconciliation). */
public record QueryOpenOrders(long commandId, long tsInitNanos, String venue) implements Command {}
