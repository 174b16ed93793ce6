package dev.tandem.kernel.command;

/** Ask the venue for all balances of this account (reconciliation). */
public record QueryBalances(long commandId, long tsInitNanos, String venue) implements Command {}
