package dev.tandem.sim.account;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The venue's insurance fund, one balance per settle asset. It receives liquidation fees and whatever a liquidated
 * account had left at its bankruptcy price, gains when the venue closes a taken-over position better than the
 * bankruptcy price and pays when it closes worse. The liquidation engine never lets a book close lose more than the
 * fund holds (the rest is auto-deleveraged), so the balance stays non-negative except for one documented case: an
 * account whose wallet went negative without any position left to take over is made whole from the fund, which may
 * then show a deficit (see the module README).
 */
public final class InsuranceFund {

    private final Map<String, Long> balances = new TreeMap<>();
    private long changes;

    /** Owned by a {@link SimLedger}. */
    InsuranceFund() {
    }

    /** The fund's balance in an asset, money units. */
    public long balance(final String asset) {
        final Long b = balances.get(asset);
        return b == null ? 0 : b;
    }

    /** The assets the fund has ever held, sorted. */
    public List<String> assets() {
        return Collections.unmodifiableList(new ArrayList<>(balances.keySet()));
    }

    /** How many changes the fund has seen. */
    public long changeCount() {
        return changes;
    }

    /** Applies a change and returns the record of it. */
    InsuranceFundChange apply(final String asset, final InsuranceFundChange.Kind kind, final long amount,
                              final long account, final String symbol) {
        final long after = Math.addExact(balance(asset), amount);
        balances.put(asset, after);
        changes++;
        return new InsuranceFundChange(asset, kind, amount, after, account, symbol);
    }
}
