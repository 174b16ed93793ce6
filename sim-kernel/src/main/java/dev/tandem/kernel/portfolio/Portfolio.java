package dev.tandem.kernel.portfolio;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.portfolio.PortfolioSnapshot.AssetEntry;
import dev.tandem.kernel.portfolio.PortfolioSnapshot.LockEntry;
import dev.tandem.kernel.portfolio.PortfolioSnapshot.PositionEntry;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The account of one venue: spot balances (with amounts locked by resting orders) and one-way linear-perpetual
 * positions, kept exactly in fixed point. Single-threaded, deterministic (sorted maps only), no {@code double}; every
 * sum and product is overflow-checked and a mutation that would overflow throws {@link ArithmeticException}
 * <em>before</em> any state changes.
 *
 * <h2>Units</h2>
 * Every balance is a {@code long} with {@link Fixed#MONEY_SCALE} (8) decimals <em>of its own asset</em>: USDT in
 * 1e-8 USDT, BTC in 1e-8 BTC. A spot fill of {@code qty} (instrument qty scale) moves the base balance by
 * {@code Fixed.rescale(qty, qtyScale, 8, UNNECESSARY)}, exact or failing. Per-instrument money (realized,
 * unrealized, fees, funding, notional, margin) is in the instrument's quote (= settlement) asset. Account-level
 * money ({@link #equityMoney()}, {@link #totalPositionNotionalMoney()}, {@link #marginUsedMoney()},
 * {@link #maintenanceMarginMoney()}, {@link #marginBalanceMoney()}) is in the account currency; an amount in another
 * asset {@code A} is converted at the mark of the first spot instrument (by id) with base {@code A} and quote the
 * account currency. With USDT-quoted instruments and a USDT account, no conversion happens.
 *
 * <h2>Positions: what is exact</h2>
 * Each instrument keeps a signed quantity and a <b>cost basis</b> {@code C ≥ 0}: the exact entry notional of the open
 * quantity in money units, the sum of {@link Instrument#notional} of the opening fills. {@code C} is the exact value;
 * the average entry price is derived, {@code avgEntry = C / |qty|} rounded half-even at the instrument's price
 * scale (it is not tick-aligned). A fill of {@code n} at price {@code p} with notional {@code N = notional(p, n)}:
 * <ul>
 *   <li><b>increasing</b> (flat or same side): {@code qty += sign × n; C += N} (VWAP entry);</li>
 *   <li><b>reducing</b> by {@code k = min(n, |qty|)}: {@code released = C × k / |qty|} (half-even, and exactly
 *       {@code C} when {@code k = |qty|}); {@code realized = sign(qty) × (notional(p, k) − released)};
 *       {@code C −= released}. This is {@code (exit − entry) × k × sign} computed from the exact cost basis;
 *       closing the whole position releases all of {@code C}, so the position's realized PnL over its life is
 *       exactly {@code Σ sell notional − Σ buy notional}, with no rounding residue;</li>
 *   <li><b>flipping</b> through zero: close {@code |qty|} as above, then open {@code n − |qty|} at {@code p} with
 *       cost {@code N − notional(p, |qty|)} (so the fill's pieces add up to {@code N} exactly).</li>
 * </ul>
 * Perpetual wallet (settlement asset) balance changes by {@code realized − fee + funding}. The only rounding is
 * in {@code released} of a partial close (1e-8 of the quote asset, half-even); whatever it moves stays in {@code C}
 * and is realized at the final close. When {@code priceScale + qtyScale > 8}, {@link Instrument#notional} itself
 * rounds half-even, and {@code N} (as rounded) is the amount of money that changed hands.
 *
 * <h2>Spot</h2>
 * BUY: {@code quote −= N + fee; base += qty}. SELL: {@code base −= qty; quote += N − fee}. Spot realized PnL uses the
 * same cost-basis mathematics on the <em>PnL position</em>, the signed sum of this instrument's fills since start.
 * <b>Simplification:</b> holdings present at start (or adopted from the venue) carry no cost basis; selling them
 * opens a negative PnL position that a later buy closes, so spot realized PnL is measured against simply holding the
 * initial inventory. When the account starts without the base asset, the PnL position equals the holding.
 * {@link #positionQty} of a spot instrument is the base <em>balance</em> (as the {@link PortfolioView} contract says),
 * truncated to the lot scale; two spot pairs on the same base asset both report that shared balance.
 * <b>Simplification:</b> all fees are charged in the quote (settlement) asset; Bybit charges spot <em>buy</em> fees
 * in the base asset, we charge every fee in quote.
 *
 * <h2>Funding, margin, liquidation</h2>
 * <ul>
 *   <li>funding payment {@code = −qty × mark × rate}, one exact product rounded half-even to 1e-8 (longs pay when
 *       the rate is positive, shorts receive), credited to the settlement wallet and the funding total;</li>
 *   <li>margin used {@code = C / leverage} (i.e. {@code |qty| × entry / leverage}), rounded up;</li>
 *   <li>maintenance margin {@code = |qty| × mark × maintenanceMarginRate}, one exact product rounded up (before the
 *       first mark: {@code C × rate});</li>
 *   <li>liquidation price, a <b>simplified isolated-margin</b> formula that ignores fees, funding and risk tiers:
 *       long {@code entry × (1 − 1/lev + mmr)}, short {@code entry × (1 + 1/lev − mmr)}, with the exact entry
 *       {@code C / |qty|}, one rounding (half-even) to the price scale; 0 when flat or spot;</li>
 *   <li>margin balance {@code = Σ settlement wallets + Σ perpetual unrealized PnL}; margin ratio
 *       {@code = maintenance margin / margin balance} as a rate ({@link Fixed#RATE_SCALE}), rounded up.</li>
 * </ul>
 * Before an instrument's first {@link #onMarkPrice}, a perpetual is valued at its entry (unrealized 0, notional
 * {@code C}); a spot holding is valued at 0.
 *
 * <h2>Equity</h2>
 * {@code equity = Σ balances valued in the account currency + Σ perpetual unrealized PnL}. <b>Simplification:</b>
 * an asset with no price (no spot instrument to the account currency with a mark) is valued at 0 and listed by
 * {@link #unpricedAssets()} so reports can flag it. The spot PnL position's unrealized PnL is <em>not</em> added:
 * spot holdings are already in equity through their balances.
 *
 * <h2>Locks</h2>
 * A resting order reserves part of a balance: spot BUY {@code ceil(notional) + max fee}, spot SELL the base quantity,
 * perpetual (either side) {@code ceil(notional / leverage) + max fee} of the settlement asset, where max fee uses the
 * larger of the maker and taker rate (the taker rate on real venues), rounded up. <b>Simplification:</b> perpetual
 * orders lock margin even when they would only reduce the position. {@code free = balance − locked − margin used by
 * perpetuals settling in that asset}; it may be negative (over-committed) and is reported as such: refusing orders
 * that do not fit is the risk engine's job.
 *
 * <h2>Reconciliation and identities</h2>
 * {@link #adoptPosition} and {@link #adoptBalance} replace our values with the venue's and record the difference as
 * an adjustment, so that {@link #checkIdentities()} still holds exactly:
 * <ul>
 *   <li>per asset: {@code balance == initial + adjustments + Σ_perps settling in it (realized − fees + funding)
 *       + Σ_spot quoted in it (sell notional − buy notional − fees) + Σ_spot based in it (bought − sold qty)};</li>
 *   <li>per instrument: {@code qty == bought − sold + qty adjustments};
 *       {@code sell notional − buy notional + cost adjustments == realized − sign(qty) × C};
 *       {@code C ≥ 0} and {@code C == 0} when flat;</li>
 *   <li>per asset: locked == the sum of its locks.</li>
 * </ul>
 * One portfolio covers one venue account; the registry it is given should hold that venue's instruments.
 */
public final class Portfolio implements PortfolioView {
    private final String accountCurrency;
    private final InstrumentRegistry instruments;
    private final int defaultPerpLeverage;
    private final TreeMap<String, AssetLedger> assets = new TreeMap<>();
    private final TreeMap<InstrumentId, PositionState> positions = new TreeMap<>();
    private final TreeMap<ClientOrderId, LockEntry> locks = new TreeMap<>();

    /** A portfolio whose perpetuals start at leverage 1. */
    public Portfolio(
            final String accountCurrency,
            final InstrumentRegistry instruments,
            final SortedMap<String, Long> initialBalances) {
        this(accountCurrency, instruments, initialBalances, 1);
    }

    /**
     * A portfolio.
     *
     * @param accountCurrency     currency equity is measured in (USDT)
     * @param instruments         the venue's instruments (read on every call, so instruments added later work)
     * @param initialBalances     starting wallet balances, 8 decimals of each asset
     * @param defaultPerpLeverage leverage a perpetual starts at (capped at the instrument's maximum); the kernel sets
     *                            it from its config, {@link #setLeverage} changes it per instrument
     */
    public Portfolio(
            final String accountCurrency,
            final InstrumentRegistry instruments,
            final SortedMap<String, Long> initialBalances,
            final int defaultPerpLeverage) {
        this.accountCurrency = requireAsset(accountCurrency);
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        if (defaultPerpLeverage < 1) {
            throw new IllegalArgumentException("default leverage must be at least 1, got " + defaultPerpLeverage);
        }
        this.defaultPerpLeverage = defaultPerpLeverage;
        for (final Map.Entry<String, Long> e : initialBalances.entrySet()) {
            final AssetLedger l = new AssetLedger();
            l.initial = Objects.requireNonNull(e.getValue(), "initial balance of " + e.getKey());
            l.balance = l.initial;
            assets.put(requireAsset(e.getKey()), l);
        }
    }

    // ------------------------------------------------------------------------------------------------ mutations

    /**
     * Applies a fill (see the class comment for the formulas).
     *
     * @param id       instrument
     * @param side     side of the fill
     * @param price    fill price (scaled, &gt; 0)
     * @param qty      fill quantity (scaled, &gt; 0)
     * @param feeMoney fee in the quote/settlement asset: positive paid, negative rebate
     * @return the position after the fill and what the fill realized
     * @throws ArithmeticException on overflow, with no state changed
     */
    public PositionUpdate onFill(
            final InstrumentId id, final Side side, final long price, final long qty, final long feeMoney) {
        final Instrument ins = instruments.get(id);
        Objects.requireNonNull(side, "side");
        if (price <= 0 || qty <= 0) {
            throw new IllegalArgumentException(id + ": fill price and qty must be positive, got " + price + " x " + qty);
        }
        final PositionState cur = positions.get(id);
        final PositionState next = cur == null ? new PositionState(ins, defaultLeverage(ins)) : cur.copy();
        final long notional = ins.notional(price, qty);
        final long realized = applyTrade(next, side, price, qty, notional);
        next.realized = Fixed.add(next.realized, realized);
        next.fees = Fixed.add(next.fees, feeMoney);
        if (side == Side.BUY) {
            next.buyQty = Fixed.add(next.buyQty, qty);
            next.buyNotional = Fixed.add(next.buyNotional, notional);
        } else {
            next.sellQty = Fixed.add(next.sellQty, qty);
            next.sellNotional = Fixed.add(next.sellNotional, notional);
        }
        // balances: computed in full before anything is stored, so an overflow leaves the portfolio untouched
        final String quote = ins.quoteAsset();
        final long newQuote;
        long newBase = 0;
        if (ins.isPerpetual()) {
            newQuote = Fixed.add(balanceMoney(quote), Fixed.sub(realized, feeMoney));
        } else {
            final long baseMoney = toBaseMoney(ins, qty);
            if (side == Side.BUY) {
                newQuote = Fixed.sub(balanceMoney(quote), Fixed.add(notional, feeMoney));
                newBase = Fixed.add(balanceMoney(ins.baseAsset()), baseMoney);
            } else {
                newQuote = Fixed.add(balanceMoney(quote), Fixed.sub(notional, feeMoney));
                newBase = Fixed.sub(balanceMoney(ins.baseAsset()), baseMoney);
            }
        }
        final long avgEntry = avgEntry(next);
        // commit
        positions.put(id, next);
        ledger(quote).balance = newQuote;
        if (!ins.isPerpetual()) {
            ledger(ins.baseAsset()).balance = newBase;
        }
        return new PositionUpdate(id, next.signedQty, avgEntry, realized, next.realized, next.fees, next.funding);
    }

    /**
     * Charges or credits funding on a perpetual position: {@code amount = −qty × markPrice × fundingRate}, exact,
     * rounded half-even once to money units; added to the settlement wallet and the funding total. A flat
     * position pays nothing and nothing changes.
     *
     * @param id          a linear perpetual
     * @param fundingRate rate at {@link Fixed#RATE_SCALE}; positive: longs pay shorts
     * @param markPrice   mark price the venue settled at (scaled, &gt; 0)
     * @return the amount credited (positive) or charged (negative), for {@link dev.tandem.kernel.event.FundingApplied}
     */
    public long applyFunding(final InstrumentId id, final long fundingRate, final long markPrice) {
        final Instrument ins = requirePerpetual(id, "funding");
        final PositionState cur = positions.get(id);
        if (cur == null || cur.signedQty == 0) {
            return 0;
        }
        if (markPrice <= 0) {
            throw new IllegalArgumentException(id + ": funding mark price must be positive, got " + markPrice);
        }
        final long amount = Math.negateExact(ExactMath.productDivPow10(
                cur.signedQty, markPrice, fundingRate, ins.priceScale() + ins.qtyScale(), RoundingMode.HALF_EVEN));
        final long newFunding = Fixed.add(cur.funding, amount);
        final long newWallet = Fixed.add(balanceMoney(ins.settleAsset()), amount);
        cur.funding = newFunding;
        ledger(ins.settleAsset()).balance = newWallet;
        return amount;
    }

    /**
     * Records the latest mark price of an instrument, used for unrealized PnL, notional, maintenance margin and
     * valuing spot holdings. The kernel passes the last trade or bar close when the venue has no mark.
     */
    public void onMarkPrice(final InstrumentId id, final long markPrice) {
        final Instrument ins = instruments.get(id);
        if (markPrice <= 0) {
            throw new IllegalArgumentException(id + ": mark price must be positive, got " + markPrice);
        }
        state(ins).markPrice = markPrice;
    }

    /** Sets an instrument's leverage, 1..{@link Instrument#maxLeverage()} (spot: only 1). */
    public void setLeverage(final InstrumentId id, final int leverage) {
        final Instrument ins = instruments.get(id);
        if (leverage < 1 || leverage > ins.maxLeverage()) {
            throw new IllegalArgumentException(
                    id + ": leverage must be within 1.." + ins.maxLeverage() + ", got " + leverage);
        }
        state(ins).leverage = leverage;
    }

    /**
     * Reserves part of a balance for a resting order (amounts in the class comment). Locking an id that is
     * already locked replaces its lock (as after an amend; pass the new leaves quantity).
     *
     * @param id         the order
     * @param instrument its instrument
     * @param side       its side
     * @param price      limit price, or the worst price a market order may fill at (scaled, &gt; 0)
     * @param qty        quantity still to fill (scaled, &gt; 0)
     */
    public void lock(
            final ClientOrderId id, final InstrumentId instrument, final Side side, final long price, final long qty) {
        Objects.requireNonNull(id, "client order id");
        Objects.requireNonNull(side, "side");
        final Instrument ins = instruments.get(instrument);
        if (price <= 0 || qty <= 0) {
            throw new IllegalArgumentException(id + ": lock price and qty must be positive, got " + price + " x " + qty);
        }
        final String asset;
        final long amount;
        if (ins.isPerpetual()) {
            // rounding up everywhere: a lock is a reservation, it may be a little large, never too small
            final long notional = Fixed.notional(price, ins.priceScale(), qty, ins.qtyScale(), RoundingMode.CEILING);
            final long margin = Fixed.divide(notional, leverage(instrument), RoundingMode.CEILING);
            asset = ins.settleAsset();
            amount = Fixed.add(margin, maxFee(ins, notional));
        } else if (side == Side.BUY) {
            final long notional = Fixed.notional(price, ins.priceScale(), qty, ins.qtyScale(), RoundingMode.CEILING);
            asset = ins.quoteAsset();
            amount = Fixed.add(notional, maxFee(ins, notional));
        } else {
            asset = ins.baseAsset();
            amount = toBaseMoney(ins, qty);
        }
        final LockEntry old = locks.get(id);
        final long oldAmount = old != null && old.asset().equals(asset) ? old.lockedMoney() : 0;
        final long newLocked = Fixed.add(Fixed.sub(lockedMoney(asset), oldAmount), amount);
        if (old != null) {
            release(id);
        }
        ledger(asset).locked = newLocked;
        locks.put(id, new LockEntry(id, instrument, side, price, qty, qty, asset, amount, amount));
    }

    /**
     * Reduces a lock after a fill of {@code qtyFilled} (this fill's quantity, not the cumulative one): the lock
     * becomes {@code ceil(originalLocked × remainingQty / originalQty)}, and disappears when nothing remains. A
     * fill larger than the remaining quantity just empties the lock. Unknown ids are ignored (market orders and
     * orders of other processes have no lock).
     */
    public void onLockFill(final ClientOrderId id, final long qtyFilled) {
        if (qtyFilled <= 0) {
            throw new IllegalArgumentException(id + ": filled qty must be positive, got " + qtyFilled);
        }
        final LockEntry l = locks.get(id);
        if (l == null) {
            return;
        }
        final long remaining = Math.max(0, l.remainingQty() - qtyFilled);
        final long amount = remaining == 0
                ? 0
                : Fixed.mulDiv(l.originalLockedMoney(), remaining, l.originalQty(), RoundingMode.CEILING);
        ledger(l.asset()).locked = Fixed.sub(lockedMoney(l.asset()), Fixed.sub(l.lockedMoney(), amount));
        if (remaining == 0) {
            locks.remove(id);
        } else {
            locks.put(id, new LockEntry(id, l.instrumentId(), l.side(), l.price(), l.originalQty(), remaining,
                    l.asset(), l.originalLockedMoney(), amount));
        }
    }

    /** Releases an order's whole lock (cancel, reject, expiry). Unknown or already released ids are ignored. */
    public void release(final ClientOrderId id) {
        final LockEntry l = locks.remove(id);
        if (l != null) {
            final AssetLedger ledger = ledger(l.asset());
            ledger.locked = Fixed.sub(ledger.locked, l.lockedMoney());
        }
    }

    /**
     * Adopts the venue's position of a perpetual: quantity {@code signedQty}, cost basis
     * {@code notional(avgEntryPrice, |signedQty|)}. Realized PnL and the wallet do not change (the wallet is adopted
     * with {@link #adoptBalance}); the quantity and cost differences are recorded as adjustments so the identities
     * hold. When the venue agrees with us (same quantity, same rounded average entry) nothing changes, which keeps
     * our exact cost basis.
     *
     * @throws IllegalArgumentException for spot instruments (spot holdings are balances: use {@link #adoptBalance}),
     *                                  or a non-zero position without a positive entry price
     */
    public void adoptPosition(final InstrumentId id, final long signedQty, final long avgEntryPrice) {
        final Instrument ins = requirePerpetual(id, "adoptPosition (spot holdings are adopted with adoptBalance)");
        if (avgEntryPrice < 0 || (signedQty != 0 && avgEntryPrice == 0)) {
            throw new IllegalArgumentException(
                    id + ": an adopted position needs a positive entry price, got " + avgEntryPrice);
        }
        final PositionState cur = positions.get(id);
        final PositionState next = cur == null ? new PositionState(ins, defaultLeverage(ins)) : cur.copy();
        if (next.signedQty == signedQty && avgEntry(next) == (signedQty == 0 ? 0 : avgEntryPrice)) {
            return;
        }
        final long newCost = signedQty == 0 ? 0 : ins.notional(avgEntryPrice, Math.absExact(signedQty));
        next.qtyAdjustment = Fixed.add(next.qtyAdjustment, Fixed.sub(signedQty, next.signedQty));
        // keeps Σsell − Σbuy + costAdj == realized − sign(qty) × C true across the reset
        next.costAdjustment = Fixed.add(next.costAdjustment, Fixed.sub(
                Fixed.mul(Long.signum(next.signedQty), next.cost), Fixed.mul(Long.signum(signedQty), newCost)));
        next.signedQty = signedQty;
        next.cost = newCost;
        positions.put(id, next);
    }

    /** Adopts the venue's total balance of an asset; the difference is recorded as an adjustment. */
    public void adoptBalance(final String asset, final long totalMoney) {
        requireAsset(asset);
        final long adjustment = Fixed.add(adjustmentMoney(asset), Fixed.sub(totalMoney, balanceMoney(asset)));
        final AssetLedger l = ledger(asset);
        l.adjustment = adjustment;
        l.balance = totalMoney;
    }

    // ------------------------------------------------------------------------------------------------ PortfolioView

    @Override
    public String accountCurrency() {
        return accountCurrency;
    }

    /** Perpetual: the signed position. Spot: the base balance at the instrument's qty scale, truncated. */
    @Override
    public long positionQty(final InstrumentId instrumentId) {
        final Instrument ins = instruments.get(instrumentId);
        if (!ins.isPerpetual()) {
            return Fixed.rescale(balanceMoney(ins.baseAsset()), Fixed.MONEY_SCALE, ins.qtyScale(), RoundingMode.DOWN);
        }
        final PositionState st = positions.get(instrumentId);
        return st == null ? 0 : st.signedQty;
    }

    /** {@code C / |qty|} rounded half-even at the price scale; 0 when flat. Spot: of the PnL position. */
    @Override
    public long avgEntryPrice(final InstrumentId instrumentId) {
        instruments.get(instrumentId);
        final PositionState st = positions.get(instrumentId);
        return st == null ? 0 : avgEntry(st);
    }

    /**
     * Perpetual: {@code notional(mark, |qty|)}, or {@code C} before the first mark. Spot: the base balance at the
     * mark, 0 without a mark. In the quote asset.
     */
    @Override
    public long positionNotionalMoney(final InstrumentId instrumentId) {
        final Instrument ins = instruments.get(instrumentId);
        final PositionState st = positions.get(instrumentId);
        final long mark = st == null ? 0 : st.markPrice;
        if (!ins.isPerpetual()) {
            final long base = Math.absExact(balanceMoney(ins.baseAsset()));
            return mark == 0 ? 0 : Fixed.notional(mark, ins.priceScale(), base, Fixed.MONEY_SCALE, RoundingMode.HALF_EVEN);
        }
        if (st == null || st.signedQty == 0) {
            return 0;
        }
        return mark == 0 ? st.cost : ins.notional(mark, Math.absExact(st.signedQty));
    }

    @Override
    public long totalPositionNotionalMoney() {
        long total = 0;
        for (final Instrument ins : instruments.all()) {
            total = Fixed.add(total, toAccountMoney(ins.quoteAsset(), positionNotionalMoney(ins.id())));
        }
        return total;
    }

    @Override
    public int openPositionCount() {
        int n = 0;
        for (final Instrument ins : instruments.all()) {
            if (ins.isPerpetual() ? positionQty(ins.id()) != 0 : balanceMoney(ins.baseAsset()) != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code sign(qty) × (notional(mark, |qty|) − C)}, exact; 0 when flat or before the first mark. Spot: of the
     * PnL position (not part of equity).
     */
    @Override
    public long unrealizedPnlMoney(final InstrumentId instrumentId) {
        final Instrument ins = instruments.get(instrumentId);
        final PositionState st = positions.get(instrumentId);
        return st == null ? 0 : unrealized(ins, st);
    }

    @Override
    public long realizedPnlMoney(final InstrumentId instrumentId) {
        instruments.get(instrumentId);
        final PositionState st = positions.get(instrumentId);
        return st == null ? 0 : st.realized;
    }

    @Override
    public long balanceMoney(final String asset) {
        final AssetLedger l = assets.get(asset);
        return l == null ? 0 : l.balance;
    }

    /** {@code balance − locked − margin used by perpetuals settling in the asset}; negative when over-committed. */
    @Override
    public long freeBalanceMoney(final String asset) {
        long free = Fixed.sub(balanceMoney(asset), lockedMoney(asset));
        for (final PositionState st : positions.values()) {
            if (st.instrument.isPerpetual() && st.instrument.settleAsset().equals(asset)) {
                free = Fixed.sub(free, marginUsed(st));
            }
        }
        return free;
    }

    @Override
    public long equityMoney() {
        long equity = 0;
        for (final Map.Entry<String, AssetLedger> e : assets.entrySet()) {
            equity = Fixed.add(equity, toAccountMoney(e.getKey(), e.getValue().balance));
        }
        for (final PositionState st : positions.values()) {
            if (st.instrument.isPerpetual()) {
                equity = Fixed.add(equity, toAccountMoney(st.instrument.settleAsset(), unrealized(st.instrument, st)));
            }
        }
        return equity;
    }

    @Override
    public long marginUsedMoney() {
        long total = 0;
        for (final PositionState st : positions.values()) {
            if (st.instrument.isPerpetual()) {
                total = Fixed.add(total, toAccountMoney(st.instrument.settleAsset(), marginUsed(st)));
            }
        }
        return total;
    }

    @Override
    public long maintenanceMarginMoney() {
        long total = 0;
        for (final PositionState st : positions.values()) {
            if (st.instrument.isPerpetual()) {
                total = Fixed.add(total, toAccountMoney(st.instrument.settleAsset(), maintenanceMargin(st)));
            }
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------ more queries

    /** The current state of an instrument's position, with 0 as "realized by this fill". */
    public PositionUpdate currentPosition(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        if (st == null) {
            return new PositionUpdate(id, 0, 0, 0, 0, 0, 0);
        }
        return new PositionUpdate(id, st.signedQty, avgEntry(st), 0, st.realized, st.fees, st.funding);
    }

    /** The exact cost basis {@code C} of the open position (entry notional, money units, ≥ 0). */
    public long costBasisMoney(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null ? 0 : st.cost;
    }

    /** Fees paid on an instrument since start (rebates negative). */
    public long feesMoney(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null ? 0 : st.fees;
    }

    /** Funding received (positive) or paid (negative) on an instrument since start. */
    public long fundingMoney(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null ? 0 : st.funding;
    }

    /** The latest mark price given to {@link #onMarkPrice}, 0 if none. */
    public long markPrice(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null ? 0 : st.markPrice;
    }

    /** An instrument's leverage (the default until {@link #setLeverage}; always 1 for spot). */
    public int leverage(final InstrumentId id) {
        final Instrument ins = instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null ? defaultLeverage(ins) : st.leverage;
    }

    /** Initial margin of one perpetual position: {@code ceil(C / leverage)}; 0 for spot or flat. */
    public long marginUsedMoney(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null || !st.instrument.isPerpetual() ? 0 : marginUsed(st);
    }

    /** Maintenance margin of one perpetual position: {@code ceil(|qty| × mark × mmr)}; 0 for spot or flat. */
    public long maintenanceMarginMoney(final InstrumentId id) {
        instruments.get(id);
        final PositionState st = positions.get(id);
        return st == null || !st.instrument.isPerpetual() ? 0 : maintenanceMargin(st);
    }

    /**
     * Simplified isolated-margin liquidation price: long {@code entry × (1 − 1/lev + mmr)}, short
     * {@code entry × (1 + 1/lev − mmr)}, entry exact ({@code C / |qty|}), rounded half-even once to the price
     * scale, never negative. 0 when flat and for spot.
     */
    public long liquidationPrice(final InstrumentId id) {
        final Instrument ins = instruments.get(id);
        final PositionState st = positions.get(id);
        if (st == null || !ins.isPerpetual() || st.signedQty == 0) {
            return 0;
        }
        final BigInteger lev = BigInteger.valueOf(st.leverage);
        final BigInteger one = BigInteger.valueOf(Fixed.RATE_ONE);
        final BigInteger mmr = BigInteger.valueOf(ins.maintenanceMarginRate());
        // factor × lev × RATE_ONE: long lev(1 + mmr) − 1, short lev(1 − mmr) + 1
        final BigInteger factor = st.signedQty > 0
                ? lev.multiply(one.add(mmr)).subtract(one)
                : lev.multiply(one.subtract(mmr)).add(one);
        final BigInteger num = BigInteger.valueOf(st.cost)
                .multiply(BigInteger.TEN.pow(ins.priceScale() + ins.qtyScale()))
                .multiply(factor);
        final BigInteger den = BigInteger.TEN.pow(Fixed.MONEY_SCALE)
                .multiply(BigInteger.valueOf(Math.absExact(st.signedQty)))
                .multiply(lev)
                .multiply(one);
        return Math.max(0, ExactMath.divide(num, den, RoundingMode.HALF_EVEN));
    }

    /**
     * Margin balance in the account currency: for every settlement asset of the registry's perpetuals, its wallet
     * plus the unrealized PnL of the perpetuals settling in it.
     */
    public long marginBalanceMoney() {
        final TreeSet<String> settle = new TreeSet<>();
        for (final Instrument ins : instruments.all()) {
            if (ins.isPerpetual()) {
                settle.add(ins.settleAsset());
            }
        }
        long total = 0;
        for (final String asset : settle) {
            long amount = balanceMoney(asset);
            for (final PositionState st : positions.values()) {
                if (st.instrument.isPerpetual() && st.instrument.settleAsset().equals(asset)) {
                    amount = Fixed.add(amount, unrealized(st.instrument, st));
                }
            }
            total = Fixed.add(total, toAccountMoney(asset, amount));
        }
        return total;
    }

    /**
     * {@code maintenance margin / margin balance} at {@link Fixed#RATE_SCALE} (70 % = 70_000_000), rounded up. 0
     * without maintenance margin; {@link Long#MAX_VALUE} when positions are open and the margin balance is ≤ 0.
     */
    public long marginRatio() {
        final long mm = maintenanceMarginMoney();
        if (mm == 0) {
            return 0;
        }
        final long mb = marginBalanceMoney();
        if (mb <= 0) {
            return Long.MAX_VALUE;
        }
        return Fixed.mulDiv(mm, Fixed.RATE_ONE, mb, RoundingMode.CEILING);
    }

    /** Amount of an asset locked by resting orders. */
    public long lockedMoney(final String asset) {
        final AssetLedger l = assets.get(asset);
        return l == null ? 0 : l.locked;
    }

    /** Sum of reconciliation adjustments of an asset. */
    public long adjustmentMoney(final String asset) {
        final AssetLedger l = assets.get(asset);
        return l == null ? 0 : l.adjustment;
    }

    /** The lock of an order, or null. */
    public LockEntry lockOf(final ClientOrderId id) {
        return locks.get(id);
    }

    /** Every asset with a ledger, sorted (for balance reconciliation and reports). */
    public SortedSet<String> assets() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(assets.keySet()));
    }

    /**
     * Assets other than the account currency with a non-zero balance (or perpetual unrealized PnL) that have no
     * price and are therefore valued at 0 in {@link #equityMoney()}; sorted. Reports should flag them.
     */
    public SortedSet<String> unpricedAssets() {
        final TreeSet<String> out = new TreeSet<>();
        for (final Map.Entry<String, AssetLedger> e : assets.entrySet()) {
            if (e.getValue().balance != 0 && !e.getKey().equals(accountCurrency) && assetPrice(e.getKey()) == null) {
                out.add(e.getKey());
            }
        }
        for (final PositionState st : positions.values()) {
            final String settle = st.instrument.settleAsset();
            if (st.instrument.isPerpetual() && unrealized(st.instrument, st) != 0
                    && !settle.equals(accountCurrency) && assetPrice(settle) == null) {
                out.add(settle);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    // ------------------------------------------------------------------------------------------------ checks, state

    /**
     * Checks the accounting identities (class comment) exactly, with no tolerance.
     *
     * @return human-readable violations; empty when every identity holds
     */
    public List<String> checkIdentities() {
        final List<String> violations = new ArrayList<>();
        try {
            final TreeMap<String, Long> flows = new TreeMap<>();
            for (final PositionState st : positions.values()) {
                checkPosition(st, violations);
                final Instrument ins = st.instrument;
                if (ins.isPerpetual()) {
                    addFlow(flows, ins.settleAsset(), Fixed.add(Fixed.sub(st.realized, st.fees), st.funding));
                } else {
                    addFlow(flows, ins.quoteAsset(),
                            Fixed.sub(Fixed.sub(st.sellNotional, st.buyNotional), st.fees));
                    addFlow(flows, ins.baseAsset(), toBaseMoney(ins, Fixed.sub(st.buyQty, st.sellQty)));
                }
            }
            final TreeSet<String> all = new TreeSet<>(assets.keySet());
            all.addAll(flows.keySet());
            final TreeMap<String, Long> lockSums = new TreeMap<>();
            for (final LockEntry l : locks.values()) {
                checkLock(l, violations);
                lockSums.merge(l.asset(), l.lockedMoney(), Fixed::add);
            }
            all.addAll(lockSums.keySet());
            for (final String asset : all) {
                final AssetLedger l = assets.get(asset);
                final long initial = l == null ? 0 : l.initial;
                final long adjustment = l == null ? 0 : l.adjustment;
                final long flow = flows.getOrDefault(asset, 0L);
                final long expected = Fixed.add(Fixed.add(initial, adjustment), flow);
                if (balanceMoney(asset) != expected) {
                    violations.add(asset + ": balance " + Fixed.formatMoney(balanceMoney(asset))
                            + " != initial " + Fixed.formatMoney(initial) + " + adjustments "
                            + Fixed.formatMoney(adjustment) + " + fills/fees/funding " + Fixed.formatMoney(flow)
                            + " = " + Fixed.formatMoney(expected));
                }
                final long lockSum = lockSums.getOrDefault(asset, 0L);
                if (lockedMoney(asset) != lockSum) {
                    violations.add(asset + ": locked " + Fixed.formatMoney(lockedMoney(asset))
                            + " != sum of order locks " + Fixed.formatMoney(lockSum));
                }
            }
        } catch (ArithmeticException e) {
            violations.add("overflow while checking identities: " + e.getMessage());
        }
        return violations;
    }

    private static void checkPosition(final PositionState st, final List<String> violations) {
        final Instrument ins = st.instrument;
        final InstrumentId id = ins.id();
        final long fillQty = Fixed.add(Fixed.sub(st.buyQty, st.sellQty), st.qtyAdjustment);
        if (st.signedQty != fillQty) {
            violations.add(id + ": position " + st.signedQty + " != bought " + st.buyQty + " - sold " + st.sellQty
                    + " + adjustments " + st.qtyAdjustment);
        }
        final long cashflow = Fixed.add(Fixed.sub(st.sellNotional, st.buyNotional), st.costAdjustment);
        final long expected = Fixed.sub(st.realized, Fixed.mul(Long.signum(st.signedQty), st.cost));
        if (cashflow != expected) {
            violations.add(id + ": sell notional - buy notional + cost adjustments " + Fixed.formatMoney(cashflow)
                    + " != realized - sign(qty) x cost basis " + Fixed.formatMoney(expected));
        }
        if (st.cost < 0 || (st.signedQty == 0 && st.cost != 0)) {
            violations.add(id + ": cost basis " + Fixed.formatMoney(st.cost) + " invalid for position " + st.signedQty);
        }
        if (st.leverage < 1 || st.leverage > ins.maxLeverage()) {
            violations.add(id + ": leverage " + st.leverage + " outside 1.." + ins.maxLeverage());
        }
        if (!ins.isPerpetual() && (st.funding != 0 || st.qtyAdjustment != 0 || st.costAdjustment != 0)) {
            violations.add(id + ": spot instrument with funding or position adjustments");
        }
    }

    private static void checkLock(final LockEntry l, final List<String> violations) {
        final long expected = Fixed.mulDiv(
                l.originalLockedMoney(), l.remainingQty(), l.originalQty(), RoundingMode.CEILING);
        if (l.remainingQty() <= 0 || l.remainingQty() > l.originalQty() || l.lockedMoney() != expected
                || l.lockedMoney() < 0) {
            violations.add(l.clientOrderId() + ": lock " + Fixed.formatMoney(l.lockedMoney()) + " " + l.asset()
                    + " inconsistent with remaining " + l.remainingQty() + "/" + l.originalQty()
                    + " of " + Fixed.formatMoney(l.originalLockedMoney()));
        }
    }

    private static void addFlow(final TreeMap<String, Long> flows, final String asset, final long amount) {
        flows.merge(asset, amount, Fixed::add);
    }

    /** Writes the whole state in a fixed order: assets by name, positions by instrument id, locks by client id. */
    public void digest(final StateDigest d) {
        d.section("portfolio").putString(accountCurrency).putInt(defaultPerpLeverage);
        d.section("assets").putInt(assets.size());
        for (final Map.Entry<String, AssetLedger> e : assets.entrySet()) {
            final AssetLedger l = e.getValue();
            d.putString(e.getKey()).putLong(l.initial).putLong(l.balance).putLong(l.adjustment).putLong(l.locked);
        }
        d.section("positions").putInt(positions.size());
        for (final PositionState st : positions.values()) {
            d.putString(st.instrument.id().toString())
                    .putInt(st.leverage)
                    .putLong(st.markPrice)
                    .putLong(st.signedQty)
                    .putLong(st.cost)
                    .putLong(st.realized)
                    .putLong(st.fees)
                    .putLong(st.funding)
                    .putLong(st.buyQty)
                    .putLong(st.sellQty)
                    .putLong(st.buyNotional)
                    .putLong(st.sellNotional)
                    .putLong(st.qtyAdjustment)
                    .putLong(st.costAdjustment);
        }
        d.section("locks").putInt(locks.size());
        for (final LockEntry l : locks.values()) {
            d.putString(l.clientOrderId().value())
                    .putString(l.instrumentId().toString())
                    .putEnum(l.side())
                    .putLong(l.price())
                    .putLong(l.originalQty())
                    .putLong(l.remainingQty())
                    .putString(l.asset())
                    .putLong(l.originalLockedMoney())
                    .putLong(l.lockedMoney());
        }
    }

    /** An immutable copy of the whole state. */
    public PortfolioSnapshot snapshot() {
        final List<AssetEntry> a = new ArrayList<>(assets.size());
        assets.forEach((asset, l) -> a.add(new AssetEntry(asset, l.initial, l.balance, l.adjustment)));
        final List<PositionEntry> p = new ArrayList<>(positions.size());
        for (final PositionState st : positions.values()) {
            p.add(new PositionEntry(st.instrument.id(), st.leverage, st.markPrice, st.signedQty, st.cost, st.realized,
                    st.fees, st.funding, st.buyQty, st.sellQty, st.buyNotional, st.sellNotional, st.qtyAdjustment,
                    st.costAdjustment));
        }
        return new PortfolioSnapshot(accountCurrency, defaultPerpLeverage, a, p, new ArrayList<>(locks.values()));
    }

    /**
     * Rebuilds a portfolio from a snapshot; its {@link #digest} equals the original's. Every instrument of the
     * snapshot must be in the registry.
     */
    public static Portfolio restore(final PortfolioSnapshot s, final InstrumentRegistry r) {
        final Portfolio p = new Portfolio(s.accountCurrency(), r, new TreeMap<>(), s.defaultPerpLeverage());
        for (final AssetEntry e : s.assets()) {
            final AssetLedger l = p.ledger(e.asset());
            l.initial = e.initialMoney();
            l.balance = e.balanceMoney();
            l.adjustment = e.adjustmentMoney();
        }
        for (final PositionEntry e : s.positions()) {
            final PositionState st = new PositionState(r.get(e.instrumentId()), e.leverage());
            st.markPrice = e.markPrice();
            st.signedQty = e.signedQty();
            st.cost = e.costBasisMoney();
            st.realized = e.realizedPnlMoney();
            st.fees = e.feesMoney();
            st.funding = e.fundingMoney();
            st.buyQty = e.buyQty();
            st.sellQty = e.sellQty();
            st.buyNotional = e.buyNotionalMoney();
            st.sellNotional = e.sellNotionalMoney();
            st.qtyAdjustment = e.qtyAdjustment();
            st.costAdjustment = e.costAdjustmentMoney();
            p.positions.put(e.instrumentId(), st);
        }
        for (final LockEntry l : s.locks()) {
            r.get(l.instrumentId());
            if (p.locks.put(l.clientOrderId(), l) != null) {
                throw new IllegalArgumentException("duplicate lock " + l.clientOrderId() + " in snapshot");
            }
            final AssetLedger ledger = p.ledger(l.asset());
            ledger.locked = Fixed.add(ledger.locked, l.lockedMoney());
        }
        return p;
    }

    /**
     * Replaces this portfolio's whole state with a snapshot, in place (for owners that hold this instance, such as a
     * kernel restored from its snapshot); afterwards {@link #digest} equals the snapshot's portfolio's. The account
     * currency and default leverage are configuration and must match.
     */
    public void restoreState(final PortfolioSnapshot s) {
        if (!accountCurrency.equals(s.accountCurrency()) || defaultPerpLeverage != s.defaultPerpLeverage()) {
            throw new IllegalArgumentException("snapshot of a portfolio in " + s.accountCurrency() + " with default leverage "
                    + s.defaultPerpLeverage() + " cannot restore into one in " + accountCurrency + " with " + defaultPerpLeverage);
        }
        final Portfolio restored = restore(s, instruments);
        assets.clear();
        assets.putAll(restored.assets);
        positions.clear();
        positions.putAll(restored.positions);
        locks.clear();
        locks.putAll(restored.locks);
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("Portfolio[").append(accountCurrency);
        assets.forEach((a, l) -> sb.append(' ').append(a).append('=').append(Fixed.formatMoney(l.balance)));
        positions.forEach((id, st) -> sb.append(' ').append(id).append(':').append(st.signedQty));
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------------------------------------ internals

    /**
     * Moves a fill through the position and cost basis of {@code st} (see the class comment) and returns the PnL it
     * realized. Only touches {@code st}, which is a copy until the caller commits it.
     */
    private static long applyTrade(
            final PositionState st, final Side side, final long price, final long qty, final long notional) {
        final long q = st.signedQty;
        final int s = side.sign();
        if (q == 0 || Long.signum(q) == s) {
            st.signedQty = Fixed.add(q, s * qty);
            st.cost = Fixed.add(st.cost, notional);
            return 0;
        }
        final long absQ = Math.absExact(q);
        final long closeQty = Math.min(absQ, qty);
        final long closeNotional = closeQty == qty ? notional : st.instrument.notional(price, closeQty);
        // the released share of the cost basis; all of it on a full close, so nothing is left behind by rounding
        final long released = closeQty == absQ ? st.cost : Fixed.mulDiv(st.cost, closeQty, absQ, RoundingMode.HALF_EVEN);
        final long realized = Fixed.mul(Long.signum(q), Fixed.sub(closeNotional, released));
        final long openQty = qty - closeQty;
        if (openQty == 0) {
            st.signedQty = q + s * qty; // |q| ≥ qty, so this moves towards zero and cannot overflow
            st.cost = st.cost - released;
        } else {
            st.signedQty = s * openQty;
            st.cost = Fixed.sub(notional, closeNotional);
        }
        return realized;
    }

    private static long avgEntry(final PositionState st) {
        if (st.signedQty == 0) {
            return 0;
        }
        final Instrument ins = st.instrument;
        return ExactMath.costToPrice(
                st.cost, Math.absExact(st.signedQty), ins.priceScale(), ins.qtyScale(), RoundingMode.HALF_EVEN);
    }

    private static long unrealized(final Instrument ins, final PositionState st) {
        if (st.signedQty == 0 || st.markPrice == 0) {
            return 0;
        }
        final long value = ins.notional(st.markPrice, Math.absExact(st.signedQty));
        return Fixed.mul(Long.signum(st.signedQty), Fixed.sub(value, st.cost));
    }

    private static long marginUsed(final PositionState st) {
        return st.signedQty == 0 ? 0 : Fixed.divide(st.cost, st.leverage, RoundingMode.CEILING);
    }

    private static long maintenanceMargin(final PositionState st) {
        if (st.signedQty == 0) {
            return 0;
        }
        final Instrument ins = st.instrument;
        if (st.markPrice == 0) {
            return Fixed.applyRate(st.cost, ins.maintenanceMarginRate(), RoundingMode.CEILING);
        }
        return ExactMath.productDivPow10(Math.absExact(st.signedQty), st.markPrice, ins.maintenanceMarginRate(),
                ins.priceScale() + ins.qtyScale(), RoundingMode.CEILING);
    }

    private static long maxFee(final Instrument ins, final long notional) {
        final long rate = Math.max(0, Math.max(ins.makerFeeRate(), ins.takerFeeRate()));
        return Fixed.applyRate(notional, rate, RoundingMode.CEILING);
    }

    /** A spot quantity as an amount of the base asset (8 decimals), exact or failing. */
    private static long toBaseMoney(final Instrument ins, final long qty) {
        return Fixed.rescale(qty, ins.qtyScale(), Fixed.MONEY_SCALE, RoundingMode.UNNECESSARY);
    }

    /** An amount of {@code asset} in the account currency; 0 when the asset has no price. */
    private long toAccountMoney(final String asset, final long amount) {
        if (asset.equals(accountCurrency) || amount == 0) {
            return amount;
        }
        final PositionState priced = assetPrice(asset);
        if (priced == null) {
            return 0;
        }
        return Fixed.notional(
                priced.markPrice, priced.instrument.priceScale(), amount, Fixed.MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** The first spot instrument (by id) from {@code asset} to the account currency that has a mark, or null. */
    private PositionState assetPrice(final String asset) {
        for (final PositionState st : positions.values()) {
            final Instrument ins = st.instrument;
            if (!ins.isPerpetual() && st.markPrice > 0 && ins.baseAsset().equals(asset)
                    && ins.quoteAsset().equals(accountCurrency)) {
                return st;
            }
        }
        return null;
    }

    private int defaultLeverage(final Instrument ins) {
        return ins.isPerpetual() ? Math.min(defaultPerpLeverage, ins.maxLeverage()) : 1;
    }

    private Instrument requirePerpetual(final InstrumentId id, final String what) {
        final Instrument ins = instruments.get(id);
        if (!ins.isPerpetual()) {
            throw new IllegalArgumentException(id + ": " + what + " applies to perpetuals only");
        }
        return ins;
    }

    private PositionState state(final Instrument ins) {
        // get before put: a computeIfAbsent lambda would capture ins and be allocated on every quote
        PositionState st = positions.get(ins.id());
        if (st == null) {
            st = new PositionState(ins, defaultLeverage(ins));
            positions.put(ins.id(), st);
        }
        return st;
    }

    private AssetLedger ledger(final String asset) {
        AssetLedger l = assets.get(asset);
        if (l == null) {
            l = new AssetLedger();
            assets.put(asset, l);
        }
        return l;
    }

    private static String requireAsset(final String asset) {
        if (asset == null || asset.isEmpty()) {
            throw new IllegalArgumentException("asset name must not be empty");
        }
        return asset;
    }

    /** One asset: balance (total, 8 decimals), what it started at, reconciliation adjustments and locked part. */
    private static final class AssetLedger {
        long initial;
        long balance;
        long adjustment;
        long locked;
    }

    /** One instrument's position, cost basis and running totals; money in the quote asset. */
    private static final class PositionState {
        final Instrument instrument;
        int leverage;
        long markPrice;
        long signedQty;
        long cost;
        long realized;
        long fees;
        long funding;
        long buyQty;
        long sellQty;
        long buyNotional;
        long sellNotional;
        long qtyAdjustment;
        long costAdjustment;

        PositionState(final Instrument instrument, final int leverage) {
            this.instrument = instrument;
            this.leverage = leverage;
        }

        PositionState copy() {
            final PositionState c = new PositionState(instrument, leverage);
            c.markPrice = markPrice;
            c.signedQty = signedQty;
            c.cost = cost;
            c.realized = realized;
            c.fees = fees;
            c.funding = funding;
            c.buyQty = buyQty;
            c.sellQty = sellQty;
            c.buyNotional = buyNotional;
            c.sellNotional = sellNotional;
            c.qtyAdjustment = qtyAdjustment;
            c.costAdjustment = costAdjustment;
            return c;
        }
    }
}
