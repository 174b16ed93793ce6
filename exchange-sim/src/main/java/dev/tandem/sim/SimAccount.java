package dev.tandem.sim;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An account at the simulated venue.
 *
 * @param id        the account id (non-negative; negative ids are the venue's own)
 * @param balances  starting balance per asset, money units (8 decimals of each asset)
 * @param unchecked true for simulated background agents with unlimited credit: the ledger never refuses their
 *                  orders (their balances may go negative); false for accounts the kernel trades
 */
public record SimAccount(long id, SortedMap<String, Long> balances, boolean unchecked) {
    public SimAccount {
        if (id < 0) {
            throw new IllegalArgumentException("account ids are non-negative, got " + id);
        }
        Objects.requireNonNull(balances, "balances");
        balances = Collections.unmodifiableSortedMap(new TreeMap<>(balances));
    }

    /** An account the kernel trades, with these starting balances. */
    public static SimAccount trading(final long id, final SortedMap<String, Long> balances) {
        return new SimAccount(id, balances, false);
    }

    /** A background agent's account: no balances, never refused. */
    public static SimAccount agent(final long id) {
        return new SimAccount(id, new TreeMap<>(), true);
    }
}
