package dev.tandem.scenarios.model;

import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.sim.LedgerKind;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kernel's account: the same starting balances at the venue (account 1) and in the kernel.
 *
 * @param currency the currency equity is measured in (default: the first instrument's quote asset)
 * @param balances starting wallet per asset, money units (8 decimals)
 * @param leverage leverage per perpetual (absent: 1)
 * @param ledger   the venue's ledger: SIMPLE (default) or MARGIN (margin, funding, liquidation)
 */
public record AccountSpec(String currency, SortedMap<String, Long> balances, SortedMap<InstrumentId, Integer> leverage,
                          LedgerKind ledger) {
    public AccountSpec {
        balances = Collections.unmodifiableSortedMap(new TreeMap<>(balances));
        leverage = Collections.unmodifiableSortedMap(new TreeMap<>(leverage));
    }
}
