package dev.tandem.sim;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The simple venue ledger: balances per asset, spot reservations, and one-way perpetual positions with an exact
 * cost basis. <b>Simple</b> means: no margin, no leverage, no funding, no liquidation; the full venue-side accounts
 * ({@code dev.tandem.sim.account}) replace it behind {@link VenueLedger}.
 *
 * <p>It books fills with the same arithmetic as the kernel's {@code Portfolio}, so a kernel and this venue that
 * saw the same fills agree to the last unit and reconciliation finds no drift:
 * <ul>
 *   <li>fee = {@code instrument.fee(instrument.notional(price, qty), liquidity)} (half-even; LIQUIDATION pays the
 *       taker rate; a negative maker rate is a rebate, credited);</li>
 *   <li>perpetual: a fill that opens or adds to the position adds its notional to the cost basis {@code C}; one that
 *       reduces by {@code k} of {@code |q|} releases {@code C·k/|q|} (half-even; all of {@code C} on a full close) and
 *       realizes {@code sign(q)·(notional(price, k) − released)}; a flip closes then opens the rest at the fill
 *       price. The settlement wallet moves by {@code realized − fee}. The average entry reported is
 *       {@code C/|q|} at the price scale, half-even;</li>
 *   <li>spot: a buy pays {@code notional + fee} of the quote and receives the quantity in base (8 decimals); a sell
 *       the reverse.</li>
 * </ul>
 * Spot orders with a limit price reserve, while they rest, {@code ceil(notional(price, leaves)) + max fee} of the
 * quote (buys; max fee at the larger of the maker and taker rates, rounded up) or the base quantity (sells); a spot
 * order is refused ({@code VENUE_INSUFFICIENT_BALANCE}) when the free balance (total − reserved) cannot cover it —
 * market buys are valued at the order's reference price. Perpetual orders are never refused and reserve nothing
 * (no margin: named simplification). Unchecked accounts (background agents) are never refused.
 */
public final class SimpleLedger implements VenueLedger {

    private static final class Position {
        final Instrument instrument;
        long qty;
        long cost;

        Position(final Instrument instrument) {
            this.instrument = instrument;
        }
    }

    private static final class Reservation {
        final Instrument instrument;
        final Side side;
        final String asset;
        long amount;

        Reservation(final Instrument instrument, final Side side, final String asset) {
            this.instrument = instrument;
            this.side = side;
            this.asset = asset;
        }
    }

    private static final class Account {
        final boolean unchecked;
        final TreeMap<String, long[]> assets = new TreeMap<>(); // {balance, reserved}
        final TreeMap<InstrumentId, Position> positions = new TreeMap<>();
        final LongObjectHashMap<Reservation> reservations = new LongObjectHashMap<>();

        Account(final boolean unchecked) {
            this.unchecked = unchecked;
        }

        long[] asset(final String name) {
            return assets.computeIfAbsent(name, k -> new long[2]);
        }
    }

    private final TreeMap<Long, Account> accounts = new TreeMap<>();

    @Override
    public void open(final long account, final SortedMap<String, Long> balances, final boolean unchecked) {
        if (accounts.containsKey(account)) {
            throw new IllegalArgumentException("account " + account + " is already open");
        }
        final Account a = new Account(unchecked);
        for (final Map.Entry<String, Long> e : balances.entrySet()) {
            a.asset(e.getKey())[0] = e.getValue();
        }
        accounts.put(account, a);
    }

    @Override
    public boolean has(final long account) {
        return accounts.containsKey(account);
    }

    private Account account(final long account) {
        final Account a = accounts.get(account);
        if (a == null) {
            throw new IllegalArgumentException("no account " + account + " in the ledger");
        }
        return a;
    }

    @Override
    public ReasonCode canPlace(final long account, final OrderTicket order) {
        final Account a = account(account);
        final Instrument i = order.instrument();
        if (a.unchecked || i.isPerpetual()) {
            return ReasonCode.NONE;
        }
        final String asset = reservedAsset(i, order.side());
        final long needed;
        if (order.side() == Side.BUY) {
            final long px = order.valuationPrice();
            if (px <= 0) {
                return ReasonCode.NONE; // nothing to value a market buy at: the book decides
            }
            needed = buyReservation(i, px, order.qty());
        } else {
            needed = toBaseMoney(i, order.qty());
        }
        final long[] b = a.asset(asset);
        final long free = b[0] - b[1];
        return needed > free ? ReasonCode.VENUE_INSUFFICIENT_BALANCE : ReasonCode.NONE;
    }

    @Override
    public void reserve(final long account, final OrderTicket order) {
        final Account a = account(account);
        final Instrument i = order.instrument();
        if (a.unchecked || i.isPerpetual() || !order.type().hasLimitPrice() || order.type() == OrderType.MARKET) {
            return;
        }
        final Reservation r = new Reservation(i, order.side(), reservedAsset(i, order.side()));
        if (a.reservations.containsKey(order.orderId())) {
            throw new IllegalStateException("order " + order.orderId() + " already reserves funds");
        }
        a.reservations.put(order.orderId(), r);
        setReservation(a, r, order.price(), order.qty());
    }

    @Override
    public void updateReservation(final long account, final long orderId, final long price, final long leavesQty) {
        final Account a = accounts.get(account);
        if (a == null) {
            return;
        }
        final Reservation r = a.reservations.get(orderId);
        if (r == null) {
            return;
        }
        setReservation(a, r, price, leavesQty);
        if (leavesQty <= 0) {
            a.reservations.remove(orderId);
        }
    }

    private static void setReservation(final Account a, final Reservation r, final long price, final long leaves) {
        final long amount = leaves <= 0 ? 0
                : r.side == Side.BUY ? buyReservation(r.instrument, price, leaves) : toBaseMoney(r.instrument, leaves);
        final long[] b = a.asset(r.asset);
        b[1] = Math.addExact(b[1] - r.amount, amount);
        r.amount = amount;
    }

    @Override
    public long onFill(final long account, final Instrument i, final Side side, final long price, final long qty,
                       final Liquidity liquidity) {
        if (price <= 0 || qty <= 0) {
            throw new IllegalArgumentException("fill needs a positive price and quantity: " + qty + " @ " + price);
        }
        final Account a = account(account);
        final long notional = i.notional(price, qty);
        final long fee = i.fee(notional, liquidity);
        final long[] quote = a.asset(i.quoteAsset());
        if (i.isPerpetual()) {
            final long realized = trade(position(a, i), side, price, qty, notional);
            quote[0] = Math.addExact(quote[0], Math.subtractExact(realized, fee));
        } else {
            final long[] base = a.asset(i.baseAsset());
            final long baseMoney = toBaseMoney(i, qty);
            if (side == Side.BUY) {
                quote[0] = Math.subtractExact(quote[0], Math.addExact(notional, fee));
                base[0] = Math.addExact(base[0], baseMoney);
            } else {
                quote[0] = Math.addExact(quote[0], Math.subtractExact(notional, fee));
                base[0] = Math.subtractExact(base[0], baseMoney);
            }
        }
        return fee;
    }

    @Override
    public long closeOutside(final long account, final Instrument i, final long price) {
        final Account a = account(account);
        if (!i.isPerpetual()) {
            return 0;
        }
        final Position p = a.positions.get(i.id());
        if (p == null || p.qty == 0) {
            return 0;
        }
        final long closed = p.qty;
        final long qty = Math.abs(closed);
        final long realized = trade(p, Side.reducing(closed), price, qty, i.notional(price, qty));
        final long[] quote = a.asset(i.quoteAsset());
        quote[0] = Math.addExact(quote[0], realized);
        return closed;
    }

    /** The kernel Portfolio's cost-basis arithmetic; returns the realized PnL. */
    private static long trade(final Position p, final Side side, final long price, final long qty, final long notional) {
        final long q = p.qty;
        final int s = side.sign();
        if (q == 0 || Long.signum(q) == s) {
            p.qty = Math.addExact(q, s * qty);
            p.cost = Math.addExact(p.cost, notional);
            return 0;
        }
        final long absQ = Math.absExact(q);
        final long closeQty = Math.min(absQ, qty);
        final long closeNotional = closeQty == qty ? notional : p.instrument.notional(price, closeQty);
        final long released = closeQty == absQ ? p.cost : Fixed.mulDiv(p.cost, closeQty, absQ, RoundingMode.HALF_EVEN);
        final long realized = Long.signum(q) * Math.subtractExact(closeNotional, released);
        final long openQty = qty - closeQty;
        if (openQty == 0) {
            p.qty = q + s * qty;
            p.cost = p.cost - released;
        } else {
            p.qty = s * openQty;
            p.cost = Math.subtractExact(notional, closeNotional);
        }
        return realized;
    }

    private static Position position(final Account a, final Instrument i) {
        return a.positions.computeIfAbsent(i.id(), k -> new Position(i));
    }

    @Override
    public long position(final long account, final Instrument i) {
        final Account a = accounts.get(account);
        if (a == null) {
            return 0;
        }
        if (i.isPerpetual()) {
            final Position p = a.positions.get(i.id());
            return p == null ? 0 : p.qty;
        }
        final long[] base = a.assets.get(i.baseAsset());
        if (base == null || base[0] <= 0) {
            return 0;
        }
        return Fixed.rescale(base[0], Fixed.MONEY_SCALE, i.qtyScale(), RoundingMode.DOWN);
    }

    @Override
    public List<VenueBalance> balances(final long account) {
        final Account a = account(account);
        final List<VenueBalance> out = new ArrayList<>(a.assets.size());
        for (final Map.Entry<String, long[]> e : a.assets.entrySet()) {
            out.add(new VenueBalance(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return out;
    }

    @Override
    public List<VenuePosition> positions(final long account) {
        final Account a = account(account);
        final List<VenuePosition> out = new ArrayList<>();
        for (final Position p : a.positions.values()) {
            if (p.qty != 0) {
                out.add(new VenuePosition(p.instrument.id(), p.qty, avgEntry(p)));
            }
        }
        return out;
    }

    @Override
    public void digest(final StateDigest d) {
        d.section("ledger").putInt(accounts.size());
        for (final Map.Entry<Long, Account> e : accounts.entrySet()) {
            final Account a = e.getValue();
            d.putLong(e.getKey()).putBoolean(a.unchecked).putInt(a.assets.size());
            for (final Map.Entry<String, long[]> b : a.assets.entrySet()) {
                d.putString(b.getKey()).putLong(b.getValue()[0]).putLong(b.getValue()[1]);
            }
            d.putInt(a.positions.size());
            for (final Position p : a.positions.values()) {
                d.putString(p.instrument.id().toString()).putLong(p.qty).putLong(p.cost);
            }
            final long[] ids = a.reservations.keySet().toSortedArray();
            d.putInt(ids.length);
            for (final long id : ids) {
                final Reservation r = a.reservations.get(id);
                d.putLong(id).putString(r.asset).putLong(r.amount);
            }
        }
    }

    // ------------------------------------------------------------------ arithmetic

    private static String reservedAsset(final Instrument i, final Side side) {
        return side == Side.BUY ? i.quoteAsset() : i.baseAsset();
    }

    private static long buyReservation(final Instrument i, final long price, final long qty) {
        final long notional = i.notional(price, qty);
        final long rate = Math.max(0, Math.max(i.makerFeeRate(), i.takerFeeRate()));
        return Math.addExact(notional, Fixed.applyRate(notional, rate, RoundingMode.CEILING));
    }

    private static long toBaseMoney(final Instrument i, final long qty) {
        return Fixed.rescale(qty, i.qtyScale(), Fixed.MONEY_SCALE, RoundingMode.UNNECESSARY);
    }

    /** {@code C / |q|} at the price scale, half-even: cost (8 decimals) over quantity (qtyScale) to priceScale. */
    private static long avgEntry(final Position p) {
        final Instrument i = p.instrument;
        final BigDecimal cost = BigDecimal.valueOf(p.cost, Fixed.MONEY_SCALE);
        final BigDecimal qty = BigDecimal.valueOf(Math.absExact(p.qty), i.qtyScale());
        final BigDecimal px = cost.divide(qty, i.priceScale(), RoundingMode.HALF_EVEN);
        final BigInteger unscaled = px.unscaledValue();
        return unscaled.longValueExact();
    }
}
