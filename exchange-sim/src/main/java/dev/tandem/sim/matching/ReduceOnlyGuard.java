package dev.tandem.sim.matching;

/**
 * The engine's only view of accounts: the signed position of an account in this book's symbol (positive long,
 * negative short), asked when a reduce-only order is placed, amended up, or triggered. A reduce-only order on the
 * side that would increase or open the position is refused; otherwise its quantity is capped at the position's
 * size. The engine never asks for anything else and does not remember the answer.
 */
@FunctionalInterface
public interface ReduceOnlyGuard {

    /** Every account is flat: every reduce-only order is refused. The default when no accounts are attached. */
    ReduceOnlyGuard FLAT = account -> 0L;

    /**
     * @param account the account id
     * @return the account's signed position in this symbol, in the book's quantity units
     */
    long position(long account);
}
