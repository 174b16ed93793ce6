package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Liquidation, <b>cross margin per account and settle asset</b> (Bybit's unified-account default).
 *
 * <p><b>Trigger</b>: an account with perpetual positions settling in an asset is liquidated when its margin balance
 * {@code E = wallet + ΣU} (at the mark) is <b>at or below</b> its maintenance margin {@code ΣMM}; an account without
 * positions whose wallet is negative is settled the same way (the fund makes it whole).
 *
 * <p><b>Procedure</b> (all positions of the account in that asset are taken over at once, a named simplification of
 * Bybit's step-wise partial liquidation):
 * <ol>
 *   <li>every live order of the account is canceled ({@link LiquidationExecutor#cancelAllOrders});</li>
 *   <li>the margin balance is allotted to the positions in proportion to their maintenance margin
 *       ({@code E_j = floor(E × MM_j / ΣMM)}, the last one takes the rest);</li>
 *   <li>each position {@code (q, mark M)} is taken over by the venue's liquidation account at its <b>bankruptcy
 *       price</b> {@code Pb}, where its allotted equity after the liquidation fee (rate {@code r} on the notional at
 *       {@code Pb}) is zero: {@code E_j + q × (Pb − M) − r × |q| × Pb = 0}, i.e.
 *       <pre>  Pb = (q × M − E_j) / (q × (1 − sign(q) × r))</pre>
 *       rounded to the tick <em>toward the mark</em> (up for a long, down for a short) and at least one tick. The
 *       account's fill is {@code Liquidity.LIQUIDATION}; the fee goes to the insurance fund;</li>
 *   <li>whatever is then left in the account's wallet of that asset ({@code ≥ 0} from the rounding toward the mark) is
 *       paid into the fund, so the account ends at exactly zero;</li>
 *   <li>the liquidation account closes each position in the book with an immediate-or-cancel limit order whose limit
 *       is as far beyond {@code Pb} as the insurance fund can pay for ({@code floor(fund / (tick × |q|))} ticks), so a
 *       close never loses more than the fund holds; the result (better or worse than {@code Pb}) is swept into the
 *       fund;</li>
 *   <li>what the book could not take is <b>auto-deleveraged</b> at {@code Pb}: opposite positions of other accounts
 *       ranked by {@code PnL% × leverage = U / |C| × leverage} (descending; profitable positions come first; ties by
 *       account id), each reduced by as much as needed, without fee. In a closed world the opposite positions always
 *       suffice; if none are left the remainder stays with the liquidation account and is retried at the next check.</li>
 * </ol>
 * {@link #checkAll} repeats until no account is liquidatable (deleveraging at a price worse than the mark can push
 * another account under its maintenance margin). Before that it cancels the orders of accounts whose wallet fell below
 * their spot locks ({@link #cancelOrdersBeyondWallet}).
 */
public final class LiquidationEngine {

    private final SimLedger ledger;
    private final LiquidationExecutor executor;
    private final long feeRate;

    /**
     * @param liquidationFeeRate rate on the notional at the bankruptcy price, at RATE_SCALE, in [0, 1)
     */
    public LiquidationEngine(final SimLedger ledger, final LiquidationExecutor executor, final long liquidationFeeRate) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (liquidationFeeRate < 0 || liquidationFeeRate >= Fixed.RATE_ONE) {
            throw new IllegalArgumentException("liquidation fee rate must be in [0, 1): " + liquidationFeeRate);
        }
        this.feeRate = liquidationFeeRate;
    }

    /** The liquidation fee rate. */
    public long feeRate() {
        return feeRate;
    }

    /** True if the account must be liquidated in the settle asset now. */
    public boolean isLiquidatable(final SimAccount a, final String asset) {
        if (a.isVenueAccount()) {
            return false;
        }
        if (a.hasPositions(asset)) {
            return a.marginBalance(asset) <= a.maintenanceMarginTotal(asset);
        }
        return a.walletBalance(asset) < 0;
    }

    /**
     * Cancels every order of each trading account whose wallet in some asset has fallen below what its spot orders
     * lock there (a perpetual loss realized in the shared wallet can eat into spot-locked funds; Bybit cancels orders
     * when margin runs short, {@code CancelByPrepareLiq}). Returns the accounts, in id order. {@link #checkAll} does
     * this first.
     */
    public List<Long> cancelOrdersBeyondWallet() {
        final List<Long> out = new ArrayList<>();
        for (final SimAccount a : ledger.accounts()) {
            if (a.isVenueAccount()) {
                continue;
            }
            for (final String asset : a.assets()) {
                if (a.lockedBalance(asset) > a.walletBalance(asset)) {
                    executor.cancelAllOrders(a.id());
                    ledger.releaseAllOrders(a.id());
                    out.add(a.id());
                    break;
                }
            }
        }
        return out;
    }

    /**
     * First {@link #cancelOrdersBeyondWallet}, then liquidates every liquidatable account, in account order, until none
     * is left; returns what it did.
     */
    public List<LiquidationReport> checkAll() {
        cancelOrdersBeyondWallet();
        final List<LiquidationReport> out = new ArrayList<>();
        final int maxRounds = ledger.accounts().size() + 1;
        for (int round = 0; round < maxRounds; round++) {
            boolean any = false;
            for (final SimAccount a : new ArrayList<>(ledger.accounts())) {
                if (a.isVenueAccount()) {
                    continue;
                }
                for (final String asset : a.assets()) {
                    if (isLiquidatable(a, asset)) {
                        out.add(liquidate(a, asset));
                        any = true;
                    }
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    /**
     * Liquidates the account in the settle asset now, whether or not it is under its maintenance margin (the venue's
     * "forced liquidation" fault uses this).
     */
    public LiquidationReport liquidate(final long accountId, final String asset) {
        final SimAccount a = ledger.account(accountId);
        if (a.isVenueAccount()) {
            throw new IllegalArgumentException("the venue's own account is never liquidated");
        }
        return liquidate(a, asset);
    }

    private LiquidationReport liquidate(final SimAccount a, final String asset) {
        final int reserved = a.reservedOrderCount();
        executor.cancelAllOrders(a.id());
        ledger.releaseAllOrders(a.id());
        final long equity = a.marginBalance(asset);
        final long mmTotal = a.maintenanceMarginTotal(asset);
        final List<String> symbols = new ArrayList<>();
        for (final String s : a.openPositionSymbols()) {
            if (ledger.instrument(s).settleAsset().equals(asset)) {
                symbols.add(s);
            }
        }
        final long[] allotted = allot(a, symbols, equity, mmTotal);
        final SimAccount liq = ledger.liquidationAccount();
        final List<InsuranceFundChange> fund = new ArrayList<>();
        final List<AdlFill> adl = new ArrayList<>();
        final long[] pbs = new long[symbols.size()];
        final List<Takeover> partial = new ArrayList<>();
        for (int j = 0; j < symbols.size(); j++) {
            final String symbol = symbols.get(j);
            final Instrument ins = ledger.instrument(symbol);
            final long q = a.positionQty(symbol);
            final long mark = ledger.marks().mark(symbol);
            final long markNotional = signedValue(a, ins, symbol, q, mark);
            final long pb = bankruptcyPrice(ins, q, markNotional, allotted[j], feeRate);
            pbs[j] = pb;
            final long fee = Money.fee(Money.notional(ins, pb, Math.abs(q)), feeRate);
            final Side side = Side.reducing(q);
            final long realized = ledger.transfer(ins, a, liq, side, pb, Math.abs(q), fee);
            if (fee != 0) {
                fund.add(ledger.feeToInsuranceFund(asset, fee, a.id(), symbol));
            }
            partial.add(new Takeover(a.id(), symbol, side, Math.abs(q), mark, pb, allotted[j], fee, realized, 0, 0, 0));
        }
        final long remainder = a.walletBalance(asset);
        if (remainder != 0) {
            fund.add(ledger.toInsuranceFund(a, asset, remainder, InsuranceFundChange.Kind.BANKRUPTCY_REMAINDER, ""));
        }
        final List<Takeover> takeovers = new ArrayList<>();
        for (int j = 0; j < symbols.size(); j++) {
            final Takeover t = partial.get(j);
            final long[] closed = close(ledger.instrument(t.symbol()), pbs[j], fund, adl);
            takeovers.add(new Takeover(t.account(), t.symbol(), t.side(), t.qty(), t.markPrice(), t.bankruptcyPrice(),
                    t.allocatedEquity(), t.liquidationFee(), t.realizedPnl(), closed[0], closed[1], closed[2]));
        }
        return new LiquidationReport(a.id(), asset, equity, mmTotal, reserved, takeovers, adl, fund);
    }

    /** Signed notional at the mark ({@code q × M}); the cost basis when there is no mark yet. */
    private static long signedValue(final SimAccount a, final Instrument ins, final String symbol, final long q,
                                    final long mark) {
        if (mark == MarkPrices.NONE) {
            return a.entryCost(symbol);
        }
        final long v = Money.notional(ins, mark, Math.abs(q));
        return q > 0 ? v : -v;
    }

    private long[] allot(final SimAccount a, final List<String> symbols, final long equity, final long mmTotal) {
        final int n = symbols.size();
        final long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        final long[] w = new long[n];
        long total = 0;
        for (int j = 0; j < n; j++) {
            w[j] = mmTotal > 0 ? a.maintenanceMargin(symbols.get(j)) : Math.max(1, a.positionNotional(symbols.get(j)));
            total = Math.addExact(total, w[j]);
        }
        long given = 0;
        for (int j = 0; j < n - 1; j++) {
            out[j] = Fixed.mulDiv(equity, w[j], total, RoundingMode.FLOOR);
            given = Math.addExact(given, out[j]);
        }
        out[n - 1] = Math.subtractExact(equity, given);
        return out;
    }

    /**
     * The bankruptcy price of a position: where its allotted equity, after a liquidation fee at {@code feeRate} on the
     * notional at that price, is zero: {@code Pb = (q × M − E) / (q × (1 − sign(q) × r))}, rounded to the tick toward
     * the mark (up for a long, down for a short), at least one tick.
     *
     * @param signedMarkNotional {@code q × mark} in money (negative for a short)
     * @param equity             the equity allotted to the position (may be negative)
     */
    public static long bankruptcyPrice(final Instrument ins, final long signedQty, final long signedMarkNotional,
                                       final long equity, final long feeRate) {
        if (signedQty == 0) {
            throw new IllegalArgumentException("no position");
        }
        final int s = Long.signum(signedQty);
        BigInteger num = BigInteger.valueOf(signedMarkNotional).subtract(BigInteger.valueOf(equity))
                .multiply(BigInteger.valueOf(Fixed.RATE_ONE));
        BigInteger den = BigInteger.valueOf(signedQty).multiply(BigInteger.valueOf(Fixed.RATE_ONE - s * feeRate))
                .multiply(BigInteger.valueOf(ins.tickSize()));
        final int e = ins.priceScale() + ins.qtyScale() - Fixed.MONEY_SCALE;
        if (e >= 0) {
            num = num.multiply(BigInteger.TEN.pow(e));
        } else {
            den = den.multiply(BigInteger.TEN.pow(-e));
        }
        final BigInteger ticks = s > 0 ? Money.ceilDiv(num, den) : Money.floorDiv(num, den);
        final BigInteger price = ticks.multiply(BigInteger.valueOf(ins.tickSize()));
        if (price.signum() <= 0) {
            return ins.tickSize();
        }
        return price.longValueExact();
    }

    /** {@link #bankruptcyPrice(Instrument, long, long, long, long)} from a mark price. */
    public static long bankruptcyPriceAtMark(final Instrument ins, final long signedQty, final long markPrice,
                                             final long equity, final long feeRate) {
        final long v = Money.notional(ins, markPrice, Math.abs(signedQty));
        return bankruptcyPrice(ins, signedQty, signedQty > 0 ? v : -v, equity, feeRate);
    }

    /** Closes the liquidation account's position in the book, deleverages the rest; returns {limit, book, adl}. */
    private long[] close(final Instrument ins, final long pb, final List<InsuranceFundChange> fund,
                         final List<AdlFill> adl) {
        final String symbol = ins.id().symbol();
        final String asset = ins.settleAsset();
        final SimAccount liq = ledger.liquidationAccount();
        final long q = liq.positionQty(symbol);
        if (q == 0) {
            return new long[] {0, 0, 0};
        }
        final Side side = Side.reducing(q);
        final long x = Math.abs(q);
        final long limit = closeLimit(ins, side, pb, x, ledger.insuranceFund().balance(asset));
        long remaining = x;
        while (remaining > 0) {
            final long chunk = Math.min(remaining, ins.maxQty() - ins.maxQty() % ins.lotSize());
            executor.submitImmediateOrCancel(symbol, SimLedger.LIQUIDATION_ACCOUNT, side, limit, chunk);
            final long now = Math.abs(liq.positionQty(symbol));
            if (Long.signum(liq.positionQty(symbol)) == -Long.signum(q) && now != 0) {
                throw new IllegalStateException("the liquidation close flipped the venue's position in " + symbol);
            }
            if (now >= remaining) {
                break;
            }
            remaining = now;
        }
        final long inBook = x - remaining;
        long deleveraged = 0;
        if (remaining > 0) {
            deleveraged = deleverage(ins, side, remaining, pb, adl);
        }
        final long result = liq.walletBalance(asset);
        if (result != 0) {
            fund.add(ledger.toInsuranceFund(liq, asset, result, InsuranceFundChange.Kind.CLOSE_RESULT, symbol));
        }
        return new long[] {limit, inBook, deleveraged};
    }

    /**
     * The limit of the close: {@code Pb ∓ n} ticks with {@code n = floor(fund / notional(tick, x))}, so that closing
     * {@code x} at prices no worse than the limit loses at most the fund; at least one tick, at most the largest
     * tick multiple of a long.
     */
    static long closeLimit(final Instrument ins, final Side side, final long pb, final long x, final long fund) {
        final long tick = ins.tickSize();
        final long tickValue = Money.notional(ins, tick, x);
        final long maxTicks = tickValue <= 0 ? Long.MAX_VALUE : Math.max(0, fund) / tickValue;
        if (side == Side.SELL) {
            final long room = (pb - tick) / tick;
            return pb - Math.min(maxTicks, room) * tick;
        }
        final long room = (Long.MAX_VALUE - pb) / tick;
        return pb + Math.min(maxTicks, room) * tick;
    }

    /** Auto-deleverages: the liquidation account trades {@code side} against ranked opposite positions at {@code pb}. */
    private long deleverage(final Instrument ins, final Side side, final long qty, final long pb,
                            final List<AdlFill> adl) {
        final String symbol = ins.id().symbol();
        final List<SimAccount> candidates = new ArrayList<>();
        for (final SimAccount c : ledger.accounts()) {
            if (!c.isVenueAccount() && Long.signum(c.positionQty(symbol)) == side.sign()) {
                candidates.add(c);
            }
        }
        candidates.sort(rank(symbol));
        final SimAccount liq = ledger.liquidationAccount();
        long remaining = qty;
        for (final SimAccount c : candidates) {
            if (remaining == 0) {
                break;
            }
            final long k = Math.min(remaining, Math.abs(c.positionQty(symbol)));
            final Side cSide = side.opposite();
            final long realized = ledger.transfer(ins, c, liq, cSide, pb, k, 0);
            adl.add(new AdlFill(c.id(), symbol, cSide, pb, k, realized));
            remaining -= k;
        }
        return qty - remaining;
    }

    /**
     * The ADL ranking: {@code U / |C| × leverage} descending (compared exactly as fractions), ties by account id.
     * Profitable positions (U &gt; 0) always rank before the others.
     */
    static Comparator<SimAccount> rank(final String symbol) {
        return (a, b) -> {
            final BigInteger left = BigInteger.valueOf(a.unrealizedPnl(symbol)).multiply(BigInteger.valueOf(a.leverage(symbol)))
                    .multiply(BigInteger.valueOf(Math.abs(b.entryCost(symbol))));
            final BigInteger right = BigInteger.valueOf(b.unrealizedPnl(symbol)).multiply(BigInteger.valueOf(b.leverage(symbol)))
                    .multiply(BigInteger.valueOf(Math.abs(a.entryCost(symbol))));
            final int c = right.compareTo(left);
            return c != 0 ? c : Long.compare(a.id(), b.id());
        };
    }
}
