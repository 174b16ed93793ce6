package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The venue's truth about one account (the client's own view is the kernel's {@code Portfolio}; the two are kept
 * independent so reconciliation can find differences). Created and mutated through {@link SimLedger}, which owns the
 * money that leaves an account (fees, insurance fund, rounding); this class answers queries.
 *
 * <p><b>Balances</b>: one wallet per asset at 8 decimals ({@link #walletBalance}), of which {@link #lockedBalance}
 * is reserved by resting spot orders. The wallet of a perpetual's settle asset is also its margin collateral (one
 * unified wallet, like Bybit's UTA; other assets are <em>not</em> collateral).
 *
 * <p><b>Perpetual positions</b> (linear, one-way): signed quantity {@code q}, signed cost basis {@code C} (the exact
 * sum of entry notionals, positive for a long), realized PnL, fees and funding. Opening or adding:
 * {@code q += ±n, C += ±N}. Reducing by {@code k}: {@code released = C × k / |q|} (half-even; all of {@code C} when
 * the position closes), {@code realized = −sign(fill) × N_k − released}. So per fill
 * {@code realized − ΔC = −sign(fill) × N} exactly: every account's trading cash flow equals the notional it paid or
 * received.
 *
 * <p><b>Margin</b> (cross margin per settle asset): unrealized PnL {@code U = q × mark − C}; initial margin
 * {@code IM = ceil(|C| / leverage)}; maintenance margin from the symbol's {@link RiskLimitTable} at the mark notional;
 * margin balance {@code = wallet + ΣU}; available balance
 * {@code = margin balance − spot locked − ΣIM − order margin}.
 */
public final class SimAccount {

    /** Per-asset wallet plus the flows it is made of (for the per-account ledger identity). */
    static final class AssetBalance {
        long total;
        long locked;
        long deposits;
        long spotFlows;
        long realized;
        long fees;
        long funding;
        long settlements;

        /** What the flows say the wallet should hold. */
        long fromFlows() {
            return Math.addExact(Math.addExact(Math.addExact(deposits, spotFlows), Math.subtractExact(realized, fees)),
                    Math.addExact(funding, settlements));
        }
    }

    /** A linear perpetual position. */
    static final class PerpPosition {
        final Instrument ins;
        long qty;
        long cost;
        long realized;
        long fees;
        long funding;

        PerpPosition(final Instrument ins) {
            this.ins = ins;
        }
    }

    /** What a live order holds back: spot funds (in {@code locked}) or perpetual order margin. */
    static final class Reservation {
        final long orderId;
        final Instrument ins;
        final Side side;
        final String asset;
        long price;
        long origQty;
        long leaves;
        long origLocked;
        long locked;

        Reservation(final long orderId, final Instrument ins, final Side side, final String asset) {
            this.orderId = orderId;
            this.ins = ins;
            this.side = side;
            this.asset = asset;
        }
    }

    /** Leverage of a perpetual until {@link #setLeverage} is called: 10, or the table's maximum if lower. */
    public static final int DEFAULT_LEVERAGE = 10;

    private final long id;
    private final SimLedger ledger;
    private final boolean venueAccount;
    private final Map<String, AssetBalance> balances = new TreeMap<>();
    private final Map<String, PerpPosition> positions = new TreeMap<>();
    private final Map<String, Integer> leverage = new TreeMap<>();
    private final Map<String, Long> orderMargin = new TreeMap<>();
    private final LongObjectHashMap<Reservation> reservations = new LongObjectHashMap<>();

    SimAccount(final long id, final SimLedger ledger, final boolean venueAccount) {
        this.id = id;
        this.ledger = ledger;
        this.venueAccount = venueAccount;
    }

    /** The account id. */
    public long id() {
        return id;
    }

    /** True for the venue's own accounts (the liquidation account): no fees, no margin checks, never liquidated. */
    public boolean isVenueAccount() {
        return venueAccount;
    }

    // ------------------------------------------------------------------ balances

    /** The wallet balance of an asset (free plus locked), money units. */
    public long walletBalance(final String asset) {
        final AssetBalance b = balances.get(asset);
        return b == null ? 0 : b.total;
    }

    /** The part of the wallet reserved by resting spot orders. */
    public long lockedBalance(final String asset) {
        final AssetBalance b = balances.get(asset);
        return b == null ? 0 : b.locked;
    }

    /** {@code walletBalance − lockedBalance}. */
    public long freeBalance(final String asset) {
        return Math.subtractExact(walletBalance(asset), lockedBalance(asset));
    }

    /** The assets this account has ever held, sorted. */
    public List<String> assets() {
        return Collections.unmodifiableList(new ArrayList<>(balances.keySet()));
    }

    // ------------------------------------------------------------------ positions

    /** Signed position (positive long) in the symbol, in the instrument's quantity units; 0 when flat. */
    public long positionQty(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        return p == null ? 0 : p.qty;
    }

    /** Signed cost basis {@code C} (money; positive for a long): the entry notional still held. */
    public long entryCost(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        return p == null ? 0 : p.cost;
    }

    /** Average entry price {@code C / q}, half-even to the instrument's price units; 0 when flat. */
    public long avgEntryPrice(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        if (p == null || p.qty == 0) {
            return 0;
        }
        return priceOf(p.ins, p.cost, p.qty, RoundingMode.HALF_EVEN);
    }

    /** Realized PnL of the symbol since the account opened (before fees and funding). */
    public long realizedPnl(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        return p == null ? 0 : p.realized;
    }

    /** Fees paid on the symbol's perpetual fills (negative: net rebates received), incl. liquidation fees. */
    public long perpFees(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        return p == null ? 0 : p.fees;
    }

    /** Funding received (positive) or paid (negative) on the symbol. */
    public long fundingPnl(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        return p == null ? 0 : p.funding;
    }

    /** Symbols of the open (non-flat) perpetual positions, sorted. */
    public List<String> openPositionSymbols() {
        final List<String> list = new ArrayList<>();
        for (final Map.Entry<String, PerpPosition> e : positions.entrySet()) {
            if (e.getValue().qty != 0) {
                list.add(e.getKey());
            }
        }
        return list;
    }

    /** Symbols this account has ever traded as a perpetual, sorted (flat ones included). */
    public List<String> perpSymbols() {
        return Collections.unmodifiableList(new ArrayList<>(positions.keySet()));
    }

    /** The leverage of the symbol (one-way mode: one value for both sides). */
    public int leverage(final String symbol) {
        final Integer lev = leverage.get(symbol);
        return lev != null ? lev : Math.min(DEFAULT_LEVERAGE, ledger.riskLimits(symbol).maxLeverage());
    }

    // ------------------------------------------------------------------ margin

    /** Position notional at the mark price (at the entry cost when there is no mark yet), money, unsigned. */
    public long positionNotional(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        if (p == null || p.qty == 0) {
            return 0;
        }
        final long mark = ledger.marks().mark(symbol);
        return mark == MarkPrices.NONE ? Math.abs(p.cost) : Money.notional(p.ins, mark, Math.abs(p.qty));
    }

    /** Unrealized PnL {@code q × mark − C} (0 without a mark price). */
    public long unrealizedPnl(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        if (p == null || p.qty == 0) {
            return 0;
        }
        final long mark = ledger.marks().mark(symbol);
        return mark == MarkPrices.NONE ? 0 : unrealizedAt(p, mark);
    }

    static long unrealizedAt(final PerpPosition p, final long price) {
        final long value = Money.notional(p.ins, price, Math.abs(p.qty));
        return Math.subtractExact(p.qty > 0 ? value : -value, p.cost);
    }

    /** Initial margin {@code ceil(|C| / leverage)}. */
    public long initialMargin(final String symbol) {
        final PerpPosition p = positions.get(symbol);
        if (p == null || p.qty == 0) {
            return 0;
        }
        return Fixed.divide(Math.abs(p.cost), leverage(symbol), RoundingMode.CEILING);
    }

    /** Maintenance margin of the position at the mark notional, from the symbol's risk-limit table. */
    public long maintenanceMargin(final String symbol) {
        return ledger.riskLimits(symbol).maintenanceMargin(positionNotional(symbol));
    }

    /** Σ unrealized PnL of the perpetuals settling in the asset. */
    public long unrealizedPnlTotal(final String asset) {
        long sum = 0;
        for (final PerpPosition p : positions.values()) {
            if (p.qty != 0 && p.ins.settleAsset().equals(asset)) {
                sum = Math.addExact(sum, unrealizedPnl(p.ins.id().symbol()));
            }
        }
        return sum;
    }

    /** Σ initial margin of the positions settling in the asset. */
    public long initialMarginTotal(final String asset) {
        long sum = 0;
        for (final PerpPosition p : positions.values()) {
            if (p.qty != 0 && p.ins.settleAsset().equals(asset)) {
                sum = Math.addExact(sum, initialMargin(p.ins.id().symbol()));
            }
        }
        return sum;
    }

    /** Σ maintenance margin of the positions settling in the asset. */
    public long maintenanceMarginTotal(final String asset) {
        long sum = 0;
        for (final PerpPosition p : positions.values()) {
            if (p.qty != 0 && p.ins.settleAsset().equals(asset)) {
                sum = Math.addExact(sum, maintenanceMargin(p.ins.id().symbol()));
            }
        }
        return sum;
    }

    /** Margin reserved by open perpetual orders settling in the asset. */
    public long orderMargin(final String asset) {
        final Long m = orderMargin.get(asset);
        return m == null ? 0 : m;
    }

    /** Margin balance {@code wallet + ΣU} of the asset. */
    public long marginBalance(final String asset) {
        return Math.addExact(walletBalance(asset), unrealizedPnlTotal(asset));
    }

    /** Available balance {@code margin balance − spot locked − ΣIM − order margin} (may be negative). */
    public long availableBalance(final String asset) {
        return Math.subtractExact(Math.subtractExact(Math.subtractExact(marginBalance(asset), lockedBalance(asset)),
                initialMarginTotal(asset)), orderMargin(asset));
    }

    /** True if the account holds any non-flat perpetual position settling in the asset. */
    public boolean hasPositions(final String asset) {
        for (final PerpPosition p : positions.values()) {
            if (p.qty != 0 && p.ins.settleAsset().equals(asset)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ orders

    /** The number of live orders holding a reservation. */
    public int reservedOrderCount() {
        return reservations.size();
    }

    /** What a live order currently reserves (spot funds or order margin), or 0. */
    public long reservedBy(final long orderId) {
        final Reservation r = reservations.get(orderId);
        return r == null ? 0 : r.locked;
    }

    /**
     * Sets the leverage of a perpetual (one-way mode). Refused with {@code VENUE_OTHER} below 1, with
     * {@code VENUE_POSITION_LIMIT} above the risk-limit tier of the current position, and with
     * {@code VENUE_INSUFFICIENT_BALANCE} if the larger initial margin would make the available balance negative.
     * Open orders keep the margin they reserved.
     */
    public ReasonCode setLeverage(final String symbol, final int newLeverage) {
        final Instrument ins = ledger.instrument(symbol);
        if (!ins.isPerpetual() || newLeverage < 1) {
            return ReasonCode.VENUE_OTHER;
        }
        final RiskLimitTable table = ledger.riskLimits(symbol);
        if (newLeverage > table.maxLeverage(positionNotional(symbol))) {
            return ReasonCode.VENUE_POSITION_LIMIT;
        }
        final long oldIm = initialMargin(symbol);
        final PerpPosition p = positions.get(symbol);
        final long newIm = p == null || p.qty == 0 ? 0
                : Fixed.divide(Math.abs(p.cost), newLeverage, RoundingMode.CEILING);
        if (newIm > oldIm && !venueAccount
                && Math.addExact(availableBalance(ins.settleAsset()), oldIm - newIm) < 0) {
            return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
        }
        leverage.put(symbol, newLeverage);
        return ReasonCode.NONE;
    }

    ReasonCode reserve(final long orderId, final Instrument ins, final Side side, final long price, final long qty,
                       final boolean reduceOnly) {
        if (reservations.containsKey(orderId)) {
            return ReasonCode.VENUE_DUPLICATE_CLIENT_ID;
        }
        if (price <= 0) {
            return ReasonCode.VENUE_INVALID_PRICE;
        }
        if (qty <= 0) {
            return ReasonCode.VENUE_INVALID_QTY;
        }
        if (!ins.isPerpetual()) {
            if (reduceOnly) {
                return ReasonCode.VENUE_REDUCE_ONLY;
            }
            final String asset = side == Side.BUY ? ins.quoteAsset() : ins.baseAsset();
            final long lock = spotLock(ins, side, price, qty);
            if (!venueAccount && (lock > freeBalance(asset)
                    || (side == Side.BUY && lock > availableBalance(asset)))) {
                return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
            }
            final Reservation r = newReservation(orderId, ins, side, asset, price, qty, lock);
            balance(asset).locked = Math.addExact(balance(asset).locked, r.locked);
            return ReasonCode.NONE;
        }
        if (reduceOnly || venueAccount) {
            return ReasonCode.NONE; // no new exposure, nothing reserved; the book enforces reduce-only
        }
        final String symbol = ins.id().symbol();
        final long q = positionQty(symbol);
        final long reducible = q != 0 && side == Side.reducing(q) ? Math.abs(q) : 0;
        final long opening = Math.max(0, qty - reducible);
        if (opening == 0) {
            return ReasonCode.NONE;
        }
        final long resulting = reducible > 0 ? opening : Math.addExact(Math.abs(q), opening);
        final RiskLimitTable table = ledger.riskLimits(symbol);
        final long resultingNotional = Money.notionalCeil(ins, price, resulting);
        if (!table.withinLimit(resultingNotional) || leverage(symbol) > table.maxLeverage(resultingNotional)) {
            return ReasonCode.VENUE_POSITION_LIMIT;
        }
        final long margin = perpMargin(ins, price, opening);
        if (margin > availableBalance(ins.settleAsset())) {
            return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
        }
        final Reservation r = newReservation(orderId, ins, side, ins.settleAsset(), price, qty, margin);
        addOrderMargin(r.asset, r.locked);
        return ReasonCode.NONE;
    }

    private Reservation newReservation(final long orderId, final Instrument ins, final Side side, final String asset,
                                       final long price, final long qty, final long lock) {
        final Reservation r = new Reservation(orderId, ins, side, asset);
        r.price = price;
        r.origQty = qty;
        r.leaves = qty;
        r.origLocked = lock;
        r.locked = lock;
        reservations.put(orderId, r);
        return r;
    }

    /** Spot BUY: {@code ceil(notional) + ceil(max(maker, taker) × notional)} of the quote; SELL: the base quantity. */
    static long spotLock(final Instrument ins, final Side side, final long price, final long qty) {
        if (side == Side.SELL) {
            return Money.qtyAsMoney(ins, qty);
        }
        final long n = Money.notionalCeil(ins, price, qty);
        return Math.addExact(n, Money.feeReserve(n, Math.max(ins.makerFeeRate(), ins.takerFeeRate())));
    }

    /** Perpetual order margin: {@code ceil(notional / leverage) + ceil(taker rate × notional)} of the new exposure. */
    private long perpMargin(final Instrument ins, final long price, final long openingQty) {
        final long n = Money.notionalCeil(ins, price, openingQty);
        return Math.addExact(Fixed.divide(n, leverage(ins.id().symbol()), RoundingMode.CEILING),
                Money.feeReserve(n, ins.takerFeeRate()));
    }

    ReasonCode amend(final long orderId, final long newPrice, final long newLeaves) {
        final Reservation r = reservations.get(orderId);
        if (r == null) {
            return ReasonCode.NONE;
        }
        if (newPrice <= 0) {
            return ReasonCode.VENUE_INVALID_PRICE;
        }
        if (newLeaves <= 0) {
            return ReasonCode.VENUE_INVALID_QTY;
        }
        final long newLock;
        if (r.ins.isPerpetual()) {
            final long q = positionQty(r.ins.id().symbol());
            final long reducible = q != 0 && r.side == Side.reducing(q) ? Math.abs(q) : 0;
            newLock = perpMargin(r.ins, newPrice, Math.max(0, newLeaves - reducible));
            if (newLock > r.locked && newLock - r.locked > availableBalance(r.asset)) {
                return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
            }
            addOrderMargin(r.asset, newLock - r.locked);
        } else {
            newLock = spotLock(r.ins, r.side, newPrice, newLeaves);
            if (newLock > r.locked && (newLock - r.locked > freeBalance(r.asset)
                    || (r.side == Side.BUY && newLock - r.locked > availableBalance(r.asset)))) {
                return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
            }
            balance(r.asset).locked = Math.addExact(balance(r.asset).locked, newLock - r.locked);
        }
        r.price = newPrice;
        r.origQty = newLeaves;
        r.leaves = newLeaves;
        r.origLocked = newLock;
        r.locked = newLock;
        return ReasonCode.NONE;
    }

    boolean release(final long orderId) {
        final Reservation r = reservations.remove(orderId);
        if (r == null) {
            return false;
        }
        unlock(r, r.locked);
        return true;
    }

    /** Releases every reservation (liquidation); returns how many there were. */
    int releaseAll() {
        final int n = reservations.size();
        reservations.forEachValue(r -> unlock(r, r.locked));
        reservations.clear();
        return n;
    }

    private void unlock(final Reservation r, final long amount) {
        if (r.ins.isPerpetual()) {
            addOrderMargin(r.asset, -amount);
        } else {
            final AssetBalance b = balance(r.asset);
            b.locked = Math.subtractExact(b.locked, amount);
        }
    }

    private void addOrderMargin(final String asset, final long delta) {
        final long v = Math.addExact(orderMargin(asset), delta);
        if (v == 0) {
            orderMargin.remove(asset);
        } else {
            orderMargin.put(asset, v);
        }
    }

    /** A fill of {@code qty} consumes the order's reservation: it shrinks to {@code ceil(orig × leaves / origQty)}. */
    private void consume(final long orderId, final long qty) {
        final Reservation r = reservations.get(orderId);
        if (r == null) {
            return;
        }
        r.leaves = Math.max(0, r.leaves - qty);
        final long newLocked = r.leaves == 0 ? 0
                : Fixed.mulDiv(r.origLocked, r.leaves, r.origQty, RoundingMode.CEILING);
        unlock(r, r.locked - newLocked);
        r.locked = newLocked;
        if (r.leaves == 0) {
            reservations.remove(orderId);
        }
    }

    /** The sum of the reservations held in an asset (spot locks and perpetual order margin). */
    long reservedTotal(final String asset, final boolean perpetual) {
        final long[] sum = {0};
        reservations.forEachValue(r -> {
            if (r.asset.equals(asset) && r.ins.isPerpetual() == perpetual) {
                sum[0] = Math.addExact(sum[0], r.locked);
            }
        });
        return sum[0];
    }

    // ------------------------------------------------------------------ booking (SimLedger only)

    AssetBalance balance(final String asset) {
        return balances.computeIfAbsent(asset, a -> new AssetBalance());
    }

    Map<String, AssetBalance> balances() {
        return balances;
    }

    Map<String, PerpPosition> positions() {
        return positions;
    }

    PerpPosition position(final Instrument ins) {
        return positions.computeIfAbsent(ins.id().symbol(), s -> new PerpPosition(ins));
    }

    /**
     * Books one fill. {@code notional} is the trade's money value (computed once per trade), {@code fee} what this
     * side pays (negative: rebate). Returns the realized PnL of a perpetual fill (0 for spot).
     */
    long fill(final Instrument ins, final long orderId, final Side side, final long price, final long qty,
              final long notional, final long fee) {
        consume(orderId, qty);
        if (!ins.isPerpetual()) {
            final AssetBalance quote = balance(ins.quoteAsset());
            final AssetBalance base = balance(ins.baseAsset());
            final long baseMoney = Money.qtyAsMoney(ins, qty);
            final long s = side.sign();
            base.total = Math.addExact(base.total, s * baseMoney);
            base.spotFlows = Math.addExact(base.spotFlows, s * baseMoney);
            quote.total = Math.subtractExact(Math.subtractExact(quote.total, s * notional), fee);
            quote.spotFlows = Math.subtractExact(quote.spotFlows, s * notional);
            quote.fees = Math.addExact(quote.fees, fee);
            return 0;
        }
        final PerpPosition p = position(ins);
        final long s = side.sign();
        long realized = 0;
        long openQty = qty;
        long openNotional = notional;
        if (p.qty != 0 && Long.signum(p.qty) != s) {
            final long absQ = Math.abs(p.qty);
            final long k = Math.min(qty, absQ);
            final long nk = k == qty ? notional : Money.notional(ins, price, k);
            final long released = k == absQ ? p.cost : Fixed.mulDiv(p.cost, k, absQ, RoundingMode.HALF_EVEN);
            realized = Math.subtractExact(-s * nk, released);
            p.cost = Math.subtractExact(p.cost, released);
            p.qty = Math.addExact(p.qty, s * k);
            openQty = qty - k;
            openNotional = Math.subtractExact(notional, nk);
        }
        if (openQty > 0) {
            p.qty = Math.addExact(p.qty, s * openQty);
            p.cost = Math.addExact(p.cost, s * openNotional);
        }
        p.realized = Math.addExact(p.realized, realized);
        p.fees = Math.addExact(p.fees, fee);
        final AssetBalance b = balance(ins.settleAsset());
        b.total = Math.addExact(b.total, Math.subtractExact(realized, fee));
        b.realized = Math.addExact(b.realized, realized);
        b.fees = Math.addExact(b.fees, fee);
        return realized;
    }

    static long priceOf(final Instrument ins, final long money, final long qty, final RoundingMode mode) {
        final int e = ins.priceScale() + ins.qtyScale() - Fixed.MONEY_SCALE;
        final long absMoney = Math.abs(money);
        final long absQty = Math.abs(qty);
        if (e >= 0) {
            return Fixed.mulDiv(absMoney, Fixed.pow10(e), absQty, mode);
        }
        return Fixed.divide(absMoney, Math.multiplyExact(absQty, Fixed.pow10(-e)), mode);
    }

    void applyFunding(final PerpPosition p, final long amount) {
        p.funding = Math.addExact(p.funding, amount);
        final AssetBalance b = balance(p.ins.settleAsset());
        b.total = Math.addExact(b.total, amount);
        b.funding = Math.addExact(b.funding, amount);
    }

    void settle(final String asset, final long amount) {
        final AssetBalance b = balance(asset);
        b.total = Math.addExact(b.total, amount);
        b.settlements = Math.addExact(b.settlements, amount);
    }

    void deposit(final String asset, final long amount) {
        final AssetBalance b = balance(asset);
        b.total = Math.addExact(b.total, amount);
        b.deposits = Math.addExact(b.deposits, amount);
    }

    @Override
    public String toString() {
        return "SimAccount[" + id + "]";
    }
}
