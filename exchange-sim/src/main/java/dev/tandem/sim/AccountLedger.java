package dev.tandem.sim;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.account.MarkPriceModel;
import dev.tandem.sim.account.RiskLimitTable;
import dev.tandem.sim.account.SimAccount;
import dev.tandem.sim.account.SimLedger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The {@link VenueLedger} of the full venue-side account model ({@link LedgerKind#MARGIN}): an adapter over a
 * {@link SimLedger} and its {@link MarkPriceModel}. The venue drives margin, funding and liquidation around it
 * ({@link SimVenue}); this class translates the venue's per-order, per-side calls:
 * <ul>
 *   <li>{@link #canPlace}: the account model's check of the order (spot locks, perpetual order margin of the new
 *       exposure, risk limits) at the order's valuation price, made by reserving and releasing at once; a market
 *       order is valued at its reference price (the best opposite price, else last), an order with nothing to value
 *       it at is left to the book;</li>
 *   <li>{@link #reserve}: the order's reservation at its limit price once the book accepted it
 *       ({@link SimLedger#reserveOrder}); {@link #updateReservation}: after a fill the account model has already
 *       consumed the reservation, an amend re-reserves ({@link SimLedger#amendOrder}: if the account cannot afford
 *       the amended order it keeps the reservation it had, since the book has already amended it), the end of an
 *       order releases it;</li>
 *   <li>{@link #onFill}: one side of a trade ({@link SimLedger#applyFill}): fees at the instrument's maker or taker
 *       rate <em>rounded toward zero</em> (LIQUIDATION pays the taker rate), into the venue's fee pool; the venue's
 *       own accounts pay none;</li>
 *   <li>{@link #closeOutside}: the position closes at the price with no fee and no counterparty
 *       ({@link SimLedger#closeOutside}).</li>
 * </ul>
 * The venue's books know the ledger's liquidation account ({@link SimLedger#LIQUIDATION_ACCOUNT}, −1, which is also
 * the id of the venue's bar liquidity) as {@link #LIQUIDATION_BOOK_ACCOUNT}; bar liquidity books nowhere, so a trade
 * against it books only the account's side (the world is then not closed).
 *
 * <p>Accounts: a trading account gets its configured balances as deposits and the configured leverage on every
 * perpetual; an <b>unchecked</b> account (a background agent) is never refused and reserves nothing, and is credited
 * {@link MarginSettings#agentCredit()} of every perpetual's settle asset so that it has collateral (it can still be
 * liquidated if it loses it, and takes part in auto-deleveraging).
 */
public final class AccountLedger implements VenueLedger {

    /** The account id the venue's books give the liquidation account's orders. */
    public static final long LIQUIDATION_BOOK_ACCOUNT = -2L;

    /** The order id of {@link #canPlace}'s trial reservation (venue order ids are positive). */
    private static final long PROBE = Long.MIN_VALUE + 1;

    private final MarkPriceModel marks = new MarkPriceModel();
    private final SimLedger ledger = new SimLedger(marks);
    private final MarginSettings settings;
    private final TreeMap<String, Instrument> instruments = new TreeMap<>();
    private final TreeSet<Long> unchecked = new TreeSet<>();
    /** Venue order id → {account, price, leaves} as last reserved. */
    private final LongObjectHashMap<long[]> orders = new LongObjectHashMap<>();

    /** A ledger of these instruments (perpetuals get their risk-limit table and a mark that follows what it is set to). */
    public AccountLedger(final List<Instrument> instrumentList, final MarginSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        final TreeSet<String> settleAssets = new TreeSet<>();
        for (final Instrument i : instrumentList) {
            final String symbol = i.id().symbol();
            final RiskLimitTable table = settings.riskLimits().get(symbol);
            ledger.addInstrument(i, table != null ? table : RiskLimitTable.forInstrument(i));
            instruments.put(symbol, i);
            if (i.isPerpetual()) {
                marks.configure(symbol, i.tickSize(), Fixed.RATE_ONE);
                settleAssets.add(i.settleAsset());
            }
        }
        if (settings.insuranceFundSeed() > 0) {
            for (final String asset : settleAssets) {
                ledger.seedInsuranceFund(asset, settings.insuranceFundSeed());
            }
        }
    }

    /** The account model. */
    public SimLedger simLedger() {
        return ledger;
    }

    /** The mark prices the account model computes margin at (the venue sets them). */
    public MarkPriceModel marks() {
        return marks;
    }

    /** The settings. */
    public MarginSettings settings() {
        return settings;
    }

    private static long id(final long venueAccount) {
        return venueAccount == LIQUIDATION_BOOK_ACCOUNT ? SimLedger.LIQUIDATION_ACCOUNT : venueAccount;
    }

    @Override
    public void open(final long account, final SortedMap<String, Long> balances, final boolean isUnchecked) {
        if (account < 0) {
            throw new IllegalArgumentException("account ids are non-negative, got " + account);
        }
        ledger.open(account);
        for (final Map.Entry<String, Long> e : balances.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("account " + account + ": negative opening balance of " + e.getKey());
            }
            if (e.getValue() > 0) {
                ledger.deposit(account, e.getKey(), e.getValue());
            }
        }
        if (isUnchecked) {
            unchecked.add(account);
            if (settings.agentCredit() > 0) {
                final TreeSet<String> assets = new TreeSet<>();
                for (final Instrument i : instruments.values()) {
                    if (i.isPerpetual()) {
                        assets.add(i.settleAsset());
                    }
                }
                for (final String asset : assets) {
                    ledger.deposit(account, asset, settings.agentCredit());
                }
            }
        }
        final SimAccount a = ledger.account(account);
        for (final Instrument i : instruments.values()) {
            if (i.isPerpetual()) {
                a.setLeverage(i.id().symbol(), settings.leverage()); // refused above the table: keeps the default
            }
        }
    }

    @Override
    public boolean has(final long account) {
        return account != SimLedger.LIQUIDATION_ACCOUNT && ledger.hasAccount(id(account));
    }

    @Override
    public ReasonCode canPlace(final long account, final OrderTicket order) {
        final long a = id(account);
        if (unchecked.contains(a) || a == SimLedger.LIQUIDATION_ACCOUNT) {
            return ReasonCode.NONE;
        }
        final long px = order.valuationPrice();
        if (px <= 0) {
            return ReasonCode.NONE; // nothing to value the order at: the book decides
        }
        final ReasonCode r = ledger.reserveOrder(a, PROBE, order.instrument().id().symbol(), order.side(), px,
                order.qty(), order.reduceOnly());
        if (r == ReasonCode.NONE) {
            ledger.releaseOrder(a, PROBE);
        }
        return r;
    }

    @Override
    public void reserve(final long account, final OrderTicket order) {
        final long a = id(account);
        if (unchecked.contains(a) || a == SimLedger.LIQUIDATION_ACCOUNT || order.price() <= 0) {
            return;
        }
        final ReasonCode r = ledger.reserveOrder(a, order.orderId(), order.instrument().id().symbol(), order.side(),
                order.price(), order.qty(), order.reduceOnly());
        if (r == ReasonCode.NONE) {
            orders.put(order.orderId(), new long[] {a, order.price(), order.qty()});
        }
        // refused now (the account changed since canPlace, or a stop-limit valued at its trigger): the order rests
        // without a reservation (named simplification)
    }

    @Override
    public void updateReservation(final long account, final long orderId, final long price, final long leavesQty) {
        final long[] t = orders.get(orderId);
        if (t == null) {
            return;
        }
        if (leavesQty <= 0) {
            ledger.releaseOrder(t[0], orderId);
            orders.remove(orderId);
            return;
        }
        if (t[1] != price || t[2] != leavesQty) {
            ledger.amendOrder(t[0], orderId, price, leavesQty); // refused: keeps its reservation
            t[1] = price;
            t[2] = leavesQty;
        }
    }

    @Override
    public long onFill(final long account, final Instrument instrument, final Side side, final long price, final long qty,
                       final Liquidity liquidity) {
        return onFill(account, SimLedger.NO_ORDER, instrument, side, price, qty, liquidity);
    }

    @Override
    public long onFill(final long account, final long orderId, final Instrument instrument, final Side side,
                       final long price, final long qty, final Liquidity liquidity) {
        final long[] booked = ledger.applyFill(instrument.id().symbol(), id(account), orderId, side, price, qty,
                liquidity != Liquidity.MAKER);
        final long[] t = orderId == SimLedger.NO_ORDER ? null : orders.get(orderId);
        if (t != null) {
            t[2] = Math.max(0, t[2] - qty);
        }
        return booked[0];
    }

    @Override
    public long closeOutside(final long account, final Instrument instrument, final long price) {
        if (!instrument.isPerpetual()) {
            return 0;
        }
        return ledger.closeOutside(id(account), instrument.id().symbol(), price);
    }

    @Override
    public long position(final long account, final Instrument i) {
        final long a = id(account);
        if (!ledger.hasAccount(a)) {
            return 0;
        }
        final SimAccount acc = ledger.account(a);
        if (i.isPerpetual()) {
            return acc.positionQty(i.id().symbol());
        }
        final long base = acc.walletBalance(i.baseAsset());
        return base <= 0 ? 0 : Fixed.rescale(base, Fixed.MONEY_SCALE, i.qtyScale(), RoundingMode.DOWN);
    }

    /** Total = the wallet; reserved = spot locks plus perpetual order margin. */
    @Override
    public List<VenueBalance> balances(final long account) {
        final SimAccount a = ledger.account(id(account));
        final List<VenueBalance> out = new ArrayList<>();
        for (final String asset : a.assets()) {
            out.add(new VenueBalance(asset, a.walletBalance(asset),
                    Math.addExact(a.lockedBalance(asset), a.orderMargin(asset))));
        }
        return out;
    }

    @Override
    public List<VenuePosition> positions(final long account) {
        final SimAccount a = ledger.account(id(account));
        final List<VenuePosition> out = new ArrayList<>();
        for (final String symbol : a.openPositionSymbols()) {
            out.add(new VenuePosition(instruments.get(symbol).id(), a.positionQty(symbol), a.avgEntryPrice(symbol)));
        }
        return out;
    }

    @Override
    public void digest(final StateDigest d) {
        d.section("account-ledger").putInt(ledger.accounts().size());
        for (final SimAccount a : ledger.accounts()) {
            d.putLong(a.id()).putBoolean(unchecked.contains(a.id())).putInt(a.reservedOrderCount());
            final List<String> assets = a.assets();
            d.putInt(assets.size());
            for (final String asset : assets) {
                d.putString(asset).putLong(a.walletBalance(asset)).putLong(a.lockedBalance(asset))
                        .putLong(a.orderMargin(asset));
            }
            final List<String> symbols = a.perpSymbols();
            d.putInt(symbols.size());
            for (final String s : symbols) {
                d.putString(s).putLong(a.positionQty(s)).putLong(a.entryCost(s)).putLong(a.realizedPnl(s))
                        .putLong(a.perpFees(s)).putLong(a.fundingPnl(s)).putInt(a.leverage(s));
            }
        }
        final List<String> assets = ledger.assets();
        d.putInt(assets.size());
        for (final String asset : assets) {
            d.putString(asset).putLong(ledger.feesCollected(asset)).putLong(ledger.insuranceFund().balance(asset))
                    .putLong(ledger.roundingBalance(asset)).putLong(ledger.netDeposits(asset));
        }
        for (final String symbol : instruments.keySet()) {
            d.putString(symbol).putLong(marks.mark(symbol));
        }
        final long[] ids = orders.keySet().toSortedArray();
        d.putInt(ids.length);
        for (final long id : ids) {
            final long[] t = orders.get(id);
            d.putLong(id).putLong(t[0]).putLong(t[1]).putLong(t[2]);
        }
    }
}
