package dev.tandem.sim.account;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's conservation laws as checks that return violations (empty = all hold). All identities are exact (no
 * tolerance); the only rounding in the ledger (funding) is tracked in the rounding account.
 *
 * <p>Always (open or closed world):
 * <ol>
 *   <li><b>account ledger</b>, per account and asset: {@code wallet = deposits + spot flows + realized − fees +
 *       funding + settlements};</li>
 *   <li><b>locks</b>, per account and asset: {@code locked ≥ 0} and {@code locked = Σ} the spot reservations of its
 *       live orders; order margin {@code = Σ} the perpetual reservations;</li>
 *   <li><b>positions</b>: a flat position has no cost basis; an open one has a cost basis of its own sign (or 0).</li>
 * </ol>
 * In a closed world (every account that trades is in the ledger):
 * <ol start="4">
 *   <li><b>money</b>, per asset: {@code Σ wallet (locked included, venue accounts included) + fees collected +
 *       insurance fund + rounding account − Σ open cost basis C of the perpetuals settling in it = net deposits}.
 *       The cost basis term is the money longs paid and shorts received for positions still open (0 once everybody
 *       is flat, so then wallets + fees + fund + rounding are exactly the deposits); equivalently, at any common mark
 *       with exact notionals, {@code Σ margin balances + fees + fund + rounding = net deposits};</li>
 *   <li>per perpetual: {@code Σ q = 0} (positions net to zero);</li>
 *   <li>per perpetual: {@code Σ realized − Σ C = 0} (trading is zero-sum: every account's trading cash flow is the
 *       notional it received or paid, and both sides of a trade book the same notional; equivalently
 *       {@code Σ realized + Σ U = 0} at any common mark when notionals are exact);</li>
 *   <li>per perpetual: {@code Σ funding + funding rounding residue = 0}; with 6: {@code Σ realized + Σ funding +
 *       residue = Σ C}, which is 0 once everybody is flat.</li>
 * </ol>
 * {@link #solvency} adds the checks that hold after the venue's liquidation pass: spot locks within the wallet, no
 * trading account with a negative wallet unless unrealized profit covers it (cross margin above maintenance), the
 * insurance fund not negative (see the README for its one documented exception).
 */
public final class Conservation {
    private Conservation() {}

    /** A broken invariant. */
    public record Violation(String invariant, String detail) {
        @Override
        public String toString() {
            return invariant + ": " + detail;
        }
    }

    /** Checks 1–3, and 4–7 if {@code closedWorld}. */
    public static List<Violation> check(final SimLedger ledger, final boolean closedWorld) {
        final List<Violation> out = new ArrayList<>();
        if (closedWorld) {
            for (final String asset : ledger.assets()) {
                long wallets = 0;
                long openCost = 0;
                for (final SimAccount a : ledger.accounts()) {
                    wallets = Math.addExact(wallets, a.walletBalance(asset));
                    for (final SimAccount.PerpPosition p : a.positions().values()) {
                        if (p.ins.settleAsset().equals(asset)) {
                            openCost = Math.addExact(openCost, p.cost);
                        }
                    }
                }
                final long total = Math.addExact(Math.addExact(wallets, ledger.feesCollected(asset)),
                        Math.addExact(ledger.insuranceFund().balance(asset), ledger.roundingBalance(asset)));
                if (Math.subtractExact(total, openCost) != ledger.netDeposits(asset)) {
                    out.add(new Violation("money", asset + ": wallets " + wallets + " + fees "
                            + ledger.feesCollected(asset) + " + insurance " + ledger.insuranceFund().balance(asset)
                            + " + rounding " + ledger.roundingBalance(asset) + " - open cost basis " + openCost
                            + " != net deposits " + ledger.netDeposits(asset)));
                }
            }
        }
        for (final SimAccount a : ledger.accounts()) {
            for (final var e : a.balances().entrySet()) {
                final String asset = e.getKey();
                final SimAccount.AssetBalance b = e.getValue();
                if (b.total != b.fromFlows()) {
                    out.add(new Violation("account ledger", a + " " + asset + ": wallet " + b.total + " != flows "
                            + b.fromFlows()));
                }
                if (b.locked < 0) {
                    out.add(new Violation("locks", a + " " + asset + ": locked " + b.locked + " < 0"));
                }
                if (b.locked != a.reservedTotal(asset, false)) {
                    out.add(new Violation("locks", a + " " + asset + ": locked " + b.locked + " != reservations "
                            + a.reservedTotal(asset, false)));
                }
                if (a.orderMargin(asset) != a.reservedTotal(asset, true)) {
                    out.add(new Violation("locks", a + " " + asset + ": order margin " + a.orderMargin(asset)
                            + " != reservations " + a.reservedTotal(asset, true)));
                }
            }
            for (final var e : a.positions().entrySet()) {
                final SimAccount.PerpPosition p = e.getValue();
                if ((p.qty == 0 && p.cost != 0) || (p.qty != 0 && p.cost != 0 && Long.signum(p.cost) != Long.signum(p.qty))) {
                    out.add(new Violation("positions", a + " " + e.getKey() + ": qty " + p.qty + " with cost " + p.cost));
                }
            }
        }
        if (closedWorld) {
            for (final String symbol : ledger.symbols()) {
                if (!ledger.instrument(symbol).isPerpetual()) {
                    continue;
                }
                long qty = 0;
                long realized = 0;
                long cost = 0;
                long funding = 0;
                for (final SimAccount a : ledger.accounts()) {
                    qty = Math.addExact(qty, a.positionQty(symbol));
                    realized = Math.addExact(realized, a.realizedPnl(symbol));
                    cost = Math.addExact(cost, a.entryCost(symbol));
                    funding = Math.addExact(funding, a.fundingPnl(symbol));
                }
                if (qty != 0) {
                    out.add(new Violation("positions net to zero", symbol + ": Σ q = " + qty));
                }
                if (realized != cost) {
                    out.add(new Violation("trading zero-sum", symbol + ": Σ realized " + realized + " != Σ cost basis "
                            + cost));
                }
                final long residue = ledger.fundingRoundingResidue(symbol);
                if (Math.addExact(funding, residue) != 0) {
                    out.add(new Violation("funding zero-sum", symbol + ": Σ funding " + funding + " + residue "
                            + residue + " != 0"));
                }
            }
        }
        return out;
    }

    /**
     * After a liquidation pass: locks within wallets; no trading account with a negative wallet unless it holds
     * positions in that asset and its margin balance is above maintenance; no negative insurance fund.
     */
    public static List<Violation> solvency(final SimLedger ledger) {
        final List<Violation> out = new ArrayList<>();
        for (final SimAccount a : ledger.accounts()) {
            if (a.isVenueAccount()) {
                continue;
            }
            for (final String asset : a.assets()) {
                if (a.lockedBalance(asset) > a.walletBalance(asset)) {
                    out.add(new Violation("locks", a + " " + asset + ": locked " + a.lockedBalance(asset)
                            + " > wallet " + a.walletBalance(asset)));
                }
                if (a.walletBalance(asset) < 0 && !(a.hasPositions(asset)
                        && a.marginBalance(asset) > a.maintenanceMarginTotal(asset))) {
                    out.add(new Violation("solvency", a + " " + asset + ": wallet " + a.walletBalance(asset)
                            + " not covered by unrealized profit"));
                }
            }
        }
        for (final String asset : ledger.insuranceFund().assets()) {
            if (ledger.insuranceFund().balance(asset) < 0) {
                out.add(new Violation("insurance fund", asset + ": " + ledger.insuranceFund().balance(asset)));
            }
        }
        return out;
    }
}
