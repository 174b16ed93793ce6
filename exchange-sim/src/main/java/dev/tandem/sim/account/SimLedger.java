package dev.tandem.sim.account;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The venue's books: every {@link SimAccount}, the instruments with their risk-limit tables, and the venue's own
 * money: trading fees collected per asset, the {@link InsuranceFund}, and the <b>rounding account</b> that holds
 * funding rounding residues. All money moves go through here, so in a closed world (every agent simulated)
 * <pre>
 *   Σ_accounts wallet(asset) + fees collected(asset) + insurance fund(asset) + rounding(asset)
 *       − Σ_accounts open cost basis of the perpetuals settling in asset = net deposits(asset)
 * </pre>
 * holds exactly after every operation (the cost-basis term vanishes once everybody is flat; {@link Conservation}).
 *
 * <p>How the venue drives it: {@link #reserveOrder} before placing an order in the book (refuse the order unless
 * {@link ReasonCode#NONE}), {@link #releaseOrder} when the book rejects or cancels it, {@link #amendOrder} before an
 * amend, {@link #applyTrade} for every trade the book reports. Order ids must be unique among an account's live
 * orders across all symbols. Iteration (funding, liquidation, checks) is in account-id order; the id index is an
 * Eclipse Collections map that is only probed by key.
 */
public final class SimLedger {

    /** The venue's liquidation account: it takes over liquidated positions and closes them. */
    public static final long LIQUIDATION_ACCOUNT = -1L;

    /** Passed as the order id of fills that belong to no order (takeovers, auto-deleveraging). */
    public static final long NO_ORDER = Long.MIN_VALUE;

    private final MarkPrices marks;
    private final Map<String, Instrument> instruments = new TreeMap<>();
    private final Map<String, RiskLimitTable> riskLimits = new TreeMap<>();
    private final Map<Long, SimAccount> accounts = new TreeMap<>();
    private final LongObjectHashMap<SimAccount> index = new LongObjectHashMap<>();
    private final Map<String, Long> feesCollected = new TreeMap<>();
    private final Map<String, Long> rounding = new TreeMap<>();
    private final Map<String, Long> fundingResidueBySymbol = new TreeMap<>();
    private final Map<String, Long> netDeposits = new TreeMap<>();
    private final InsuranceFund insuranceFund = new InsuranceFund();

    /** @param marks the mark prices margin is computed at (usually a {@link MarkPriceModel}) */
    public SimLedger(final MarkPrices marks) {
        this.marks = Objects.requireNonNull(marks, "marks");
        open(LIQUIDATION_ACCOUNT, true);
    }

    // ------------------------------------------------------------------ set-up

    /** Registers an instrument; a perpetual gets the single-tier table of its own maintenance rate and max leverage. */
    public SimLedger addInstrument(final Instrument ins) {
        return addInstrument(ins, RiskLimitTable.forInstrument(ins));
    }

    /** Registers an instrument with a risk-limit table (ignored for spot). */
    public SimLedger addInstrument(final Instrument ins, final RiskLimitTable table) {
        if (!ins.isPerpetual() && ins.qtyScale() > 8) {
            throw new IllegalArgumentException(ins.id() + ": spot quantities need at most 8 decimals");
        }
        final String symbol = ins.id().symbol();
        if (instruments.containsKey(symbol)) {
            throw new IllegalArgumentException("instrument already registered: " + symbol);
        }
        instruments.put(symbol, ins);
        riskLimits.put(symbol, Objects.requireNonNull(table, "table"));
        return this;
    }

    /** The instrument of a symbol. */
    public Instrument instrument(final String symbol) {
        final Instrument ins = instruments.get(symbol);
        if (ins == null) {
            throw new IllegalArgumentException("unknown symbol: " + symbol);
        }
        return ins;
    }

    /** The risk-limit table of a symbol. */
    public RiskLimitTable riskLimits(final String symbol) {
        final RiskLimitTable t = riskLimits.get(symbol);
        if (t == null) {
            throw new IllegalArgumentException("unknown symbol: " + symbol);
        }
        return t;
    }

    /** The registered symbols, sorted. */
    public List<String> symbols() {
        return Collections.unmodifiableList(new ArrayList<>(instruments.keySet()));
    }

    /** The mark prices margin is computed at. */
    public MarkPrices marks() {
        return marks;
    }

    /** Opens a trading account (ids other than {@link #LIQUIDATION_ACCOUNT}). */
    public SimAccount open(final long accountId) {
        if (accountId == LIQUIDATION_ACCOUNT) {
            throw new IllegalArgumentException("account id " + accountId + " is the venue's liquidation account");
        }
        return open(accountId, false);
    }

    private SimAccount open(final long accountId, final boolean venue) {
        if (index.containsKey(accountId)) {
            throw new IllegalArgumentException("account already open: " + accountId);
        }
        final SimAccount a = new SimAccount(accountId, this, venue);
        accounts.put(accountId, a);
        index.put(accountId, a);
        return a;
    }

    /** The account with this id. */
    public SimAccount account(final long accountId) {
        final SimAccount a = index.get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown account: " + accountId);
        }
        return a;
    }

    /** True if the account is open. */
    public boolean hasAccount(final long accountId) {
        return index.containsKey(accountId);
    }

    /** Every account, the liquidation account included, by id. */
    public Collection<SimAccount> accounts() {
        return Collections.unmodifiableCollection(accounts.values());
    }

    /** The venue's liquidation account. */
    public SimAccount liquidationAccount() {
        return account(LIQUIDATION_ACCOUNT);
    }

    // ------------------------------------------------------------------ money in and out

    /** Credits an account (a deposit from outside the venue). */
    public void deposit(final long accountId, final String asset, final long amount) {
        requirePositive(amount);
        account(accountId).deposit(asset, amount);
        addTo(netDeposits, asset, amount);
    }

    /**
     * Debits an account (a withdrawal): refused with {@code VENUE_INSUFFICIENT_BALANCE} if it exceeds the free
     * balance or, for a margin asset, the available balance.
     */
    public ReasonCode withdraw(final long accountId, final String asset, final long amount) {
        requirePositive(amount);
        final SimAccount a = account(accountId);
        if (amount > a.freeBalance(asset) || amount > a.availableBalance(asset)) {
            return ReasonCode.VENUE_INSUFFICIENT_BALANCE;
        }
        a.deposit(asset, -amount);
        addTo(netDeposits, asset, -amount);
        return ReasonCode.NONE;
    }

    /** Seeds the insurance fund from outside (counts as a deposit). */
    public InsuranceFundChange seedInsuranceFund(final String asset, final long amount) {
        requirePositive(amount);
        addTo(netDeposits, asset, amount);
        return insuranceFund.apply(asset, InsuranceFundChange.Kind.DEPOSIT, amount, 0, "");
    }

    // ------------------------------------------------------------------ orders

    /**
     * Reserves what a new order needs, before it goes into the book.
     * <ul>
     *   <li>spot BUY: {@code ceil(price × qty) + ceil(max(maker, taker) × notional)} of the quote asset is locked;
     *       spot SELL: the base quantity is locked; refused if the free balance (for a BUY also the available
     *       balance, since the quote is margin collateral) is too small;</li>
     *   <li>perpetual: only the <em>new exposure</em> needs margin: {@code opening = max(0, qty − |position|)} if the
     *       order is on the reducing side, else {@code qty}; reserved
     *       {@code ceil(notional(opening) / leverage) + ceil(taker × notional(opening))}, refused with
     *       {@code VENUE_INSUFFICIENT_BALANCE} above the available balance, and with {@code VENUE_POSITION_LIMIT} if
     *       the resulting position would exceed the risk-limit table or its tier's max leverage. Reduce-only orders
     *       reserve nothing (the book enforces reduce-only).</li>
     * </ul>
     *
     * @param price the limit price; for a market order the worst price it may reach (the protection bound), which
     *              the venue computes
     */
    public ReasonCode reserveOrder(final long accountId, final long orderId, final String symbol, final Side side,
                                   final long price, final long qty, final boolean reduceOnly) {
        return account(accountId).reserve(orderId, instrument(symbol), side, price, qty, reduceOnly);
    }

    /** Releases an order's reservation (the book rejected or canceled it). Returns false if it held none. */
    public boolean releaseOrder(final long accountId, final long orderId) {
        return account(accountId).release(orderId);
    }

    /** Re-reserves an order for a new price and unfilled quantity; refused (nothing changes) if unaffordable. */
    public ReasonCode amendOrder(final long accountId, final long orderId, final long newPrice, final long newLeaves) {
        return account(accountId).amend(orderId, newPrice, newLeaves);
    }

    /** Releases every reservation of the account (after its orders were canceled for liquidation). */
    public int releaseAllOrders(final long accountId) {
        return account(accountId).releaseAll();
    }

    // ------------------------------------------------------------------ trades

    /**
     * Books one trade of the book: the taker pays the taker fee, the maker the maker fee (negative: rebate); the
     * venue's own accounts pay no fee. Fees go to the fee pool of the settle (quote) asset.
     */
    public TradeBooking applyTrade(final String symbol, final long takerAccount, final long takerOrderId,
                                   final long makerAccount, final long makerOrderId, final Side aggressor,
                                   final long price, final long qty) {
        if (price <= 0 || qty <= 0) {
            throw new IllegalArgumentException("trade price and qty must be positive: " + price + " x " + qty);
        }
        final Instrument ins = instrument(symbol);
        final SimAccount taker = account(takerAccount);
        final SimAccount maker = account(makerAccount);
        final long notional = Money.notional(ins, price, qty);
        final long takerFee = taker.isVenueAccount() ? 0 : Money.fee(notional, ins.takerFeeRate());
        final long makerFee = maker.isVenueAccount() ? 0 : Money.fee(notional, ins.makerFeeRate());
        final long takerRealized = taker.fill(ins, takerOrderId, aggressor, price, qty, notional, takerFee);
        final long makerRealized = maker.fill(ins, makerOrderId, aggressor.opposite(), price, qty, notional, makerFee);
        addTo(feesCollected, ins.quoteAsset(), Math.addExact(takerFee, makerFee));
        return new TradeBooking(notional, takerFee, makerFee, takerRealized, makerRealized);
    }

    /**
     * Books <b>one side</b> of a trade of the book, for a venue that reports each side separately: the account pays
     * the maker or taker fee of the instrument (venue accounts pay none), the fee goes to the fee pool of the quote
     * asset. Booking both sides of a trade this way is exactly {@link #applyTrade}. A trade whose other side belongs to
     * no account of this ledger (the venue's bar liquidity) books only this side: the world is then not closed.
     *
     * @return the fee charged (negative: rebate) and the realized PnL of the fill, {@code {fee, realized}}
     */
    public long[] applyFill(final String symbol, final long accountId, final long orderId, final Side side,
                            final long price, final long qty, final boolean taker) {
        if (price <= 0 || qty <= 0) {
            throw new IllegalArgumentException("fill price and qty must be positive: " + price + " x " + qty);
        }
        final Instrument ins = instrument(symbol);
        final SimAccount a = account(accountId);
        final long notional = Money.notional(ins, price, qty);
        final long fee = a.isVenueAccount() ? 0 : Money.fee(notional, taker ? ins.takerFeeRate() : ins.makerFeeRate());
        final long realized = a.fill(ins, orderId, side, price, qty, notional, fee);
        addTo(feesCollected, ins.quoteAsset(), fee);
        return new long[] {fee, realized};
    }

    /**
     * Closes an account's perpetual position outside the book and outside the venue (the account closed it
     * elsewhere): realized at {@code price}, no fee, no counterparty here (so the closed-world laws no longer hold).
     *
     * @return the signed quantity that was closed (0 if flat or spot)
     */
    public long closeOutside(final long accountId, final String symbol, final long price) {
        final Instrument ins = instrument(symbol);
        final SimAccount a = account(accountId);
        final long q = a.positionQty(symbol);
        if (!ins.isPerpetual() || q == 0) {
            return 0;
        }
        final long qty = Math.abs(q);
        a.fill(ins, NO_ORDER, Side.reducing(q), price, qty, Money.notional(ins, price, qty), 0);
        return q;
    }

    /**
     * Moves {@code qty} of a perpetual position between two accounts at {@code price} outside the book (a takeover
     * or an auto-deleveraging fill): {@code from} trades {@code side}, {@code to} the opposite side, no trading fee;
     * {@code fromFee} (a liquidation fee) is charged to {@code from} and paid into the insurance fund by the caller.
     * Returns {@code from}'s realized PnL.
     */
    long transfer(final Instrument ins, final SimAccount from, final SimAccount to, final Side side, final long price,
                  final long qty, final long fromFee) {
        final long notional = Money.notional(ins, price, qty);
        final long realized = from.fill(ins, NO_ORDER, side, price, qty, notional, fromFee);
        to.fill(ins, NO_ORDER, side.opposite(), price, qty, notional, 0);
        return realized;
    }

    /** Moves money between an account's wallet and the insurance fund (positive: into the fund). */
    InsuranceFundChange toInsuranceFund(final SimAccount a, final String asset, final long amount,
                                        final InsuranceFundChange.Kind kind, final String symbol) {
        a.settle(asset, -amount);
        return insuranceFund.apply(asset, kind, amount, a.id(), symbol);
    }

    /** Moves an already-charged amount (a liquidation fee booked as a fill fee) into the insurance fund. */
    InsuranceFundChange feeToInsuranceFund(final String asset, final long amount, final long account,
                                           final String symbol) {
        return insuranceFund.apply(asset, InsuranceFundChange.Kind.LIQUIDATION_FEE, amount, account, symbol);
    }

    /** Books funding payments and their rounding residue (called by {@link FundingEngine}). */
    void bookFunding(final Instrument ins, final SimAccount a, final long amount) {
        a.applyFunding(a.position(ins), amount);
    }

    void bookFundingResidue(final Instrument ins, final long residue) {
        addTo(rounding, ins.settleAsset(), residue);
        addTo(fundingResidueBySymbol, ins.id().symbol(), residue);
    }

    // ------------------------------------------------------------------ venue money

    /** Net trading fees collected in an asset (taker fees plus maker fees, rebates negative). */
    public long feesCollected(final String asset) {
        return get(feesCollected, asset);
    }

    /** The insurance fund. */
    public InsuranceFund insuranceFund() {
        return insuranceFund;
    }

    /** The rounding account's balance in an asset (funding rounding residues, ≥ 0). */
    public long roundingBalance(final String asset) {
        return get(rounding, asset);
    }

    /** The funding rounding residue collected on a symbol. */
    public long fundingRoundingResidue(final String symbol) {
        return get(fundingResidueBySymbol, symbol);
    }

    /** Deposits minus withdrawals (the insurance fund's seed included) of an asset. */
    public long netDeposits(final String asset) {
        return get(netDeposits, asset);
    }

    /** Every asset any account or venue pool has touched, sorted. */
    public List<String> assets() {
        final Map<String, Boolean> all = new TreeMap<>();
        for (final SimAccount a : accounts.values()) {
            for (final String asset : a.balances().keySet()) {
                all.put(asset, Boolean.TRUE);
            }
        }
        for (final String asset : feesCollected.keySet()) {
            all.put(asset, Boolean.TRUE);
        }
        for (final String asset : rounding.keySet()) {
            all.put(asset, Boolean.TRUE);
        }
        for (final String asset : netDeposits.keySet()) {
            all.put(asset, Boolean.TRUE);
        }
        for (final String asset : insuranceFund.assets()) {
            all.put(asset, Boolean.TRUE);
        }
        return new ArrayList<>(all.keySet());
    }

    private static long get(final Map<String, Long> map, final String key) {
        final Long v = map.get(key);
        return v == null ? 0 : v;
    }

    private static void addTo(final Map<String, Long> map, final String key, final long delta) {
        map.put(key, Math.addExact(get(map, key), delta));
    }

    private static void requirePositive(final long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}
