package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.sim.matching.BookRules;
import dev.tandem.sim.matching.CancelReason;
import dev.tandem.sim.matching.MarketProtection;
import dev.tandem.sim.matching.MatchListener;
import dev.tandem.sim.matching.MatchingEngine;
import dev.tandem.sim.matching.RejectReason;
import dev.tandem.sim.matching.SelfTradePrevention;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small test-side adapter between the matching engines and the ledger (what the simulated venue does for real):
 * reserve before placing, release on reject and cancel, book every trade; and a {@link LiquidationExecutor} over the
 * same engines.
 */
final class TestVenue implements LiquidationExecutor {

    final MarkPriceModel marks = new MarkPriceModel();
    final SimLedger ledger = new SimLedger(marks);
    final Map<String, MatchingEngine> books = new TreeMap<>();
    private long nextOrderId = 1;
    long trades;

    /** A perpetual with price scale 2 (tick 0.01), qty scale 3 (lot 0.001) and the given fee rates. */
    static Instrument perp(final String symbol, final String maker, final String taker) {
        return new Instrument(new InstrumentId(symbol, "SIM"), InstrumentKind.LINEAR_PERPETUAL,
                symbol.substring(0, symbol.length() - 4), "USDT", 2, 3, 1, 1, 1, 1_000_000, 0,
                Fixed.rate(maker), Fixed.rate(taker), 100, Fixed.rate("0.005"));
    }

    /** BTC spot: price scale 2, qty scale 6, 0.1 % fees. */
    static Instrument spot() {
        return new Instrument(new InstrumentId("BTCUSDT-SPOT", "SIM"), InstrumentKind.SPOT, "BTC", "USDT", 2, 6, 1, 1,
                1, 100_000_000, 0, Fixed.rate("0.001"), Fixed.rate("0.001"), 1, 0);
    }

    TestVenue add(final Instrument ins, final RiskLimitTable table) {
        ledger.addInstrument(ins, table);
        final String symbol = ins.id().symbol();
        if (ins.isPerpetual()) {
            marks.configure(symbol, ins.tickSize(), Fixed.RATE_ONE);
        }
        books.put(symbol, new MatchingEngine(
                BookRules.forInstrument(ins, SelfTradePrevention.CANCEL_TAKER, MarketProtection.none()),
                listener(symbol),
                account -> ledger.hasAccount(account) ? ledger.account(account).positionQty(symbol) : 0));
        return this;
    }

    TestVenue add(final Instrument ins) {
        return add(ins, RiskLimitTable.forInstrument(ins));
    }

    private MatchListener listener(final String symbol) {
        return new MatchListener() {
            @Override
            public void onRejected(final long orderId, final long account, final RejectReason reason) {
                ledger.releaseOrder(account, orderId);
            }

            @Override
            public void onTrade(final long takerId, final long takerAccount, final long makerId,
                                final long makerAccount, final Side aggressor, final long price, final long qty,
                                final long takerLeavesQty, final long makerLeavesQty) {
                ledger.applyTrade(symbol, takerAccount, takerId, makerAccount, makerId, aggressor, price, qty);
                trades++;
            }

            @Override
            public void onCanceled(final long orderId, final long account, final CancelReason reason,
                                   final long canceledQty) {
                ledger.releaseOrder(account, orderId);
            }
        };
    }

    SimAccount open(final long id, final String asset, final String amount) {
        final SimAccount a = ledger.open(id);
        ledger.deposit(id, asset, Fixed.money(amount));
        return a;
    }

    /** Places a limit order through the ledger's check; returns the reason (NONE if it reached the book). */
    ReasonCode limit(final long account, final String symbol, final Side side, final TimeInForce tif,
                     final long price, final long qty, final boolean reduceOnly) {
        final long id = nextOrderId++;
        final ReasonCode r = ledger.reserveOrder(account, id, symbol, side, price, qty, reduceOnly);
        if (r != ReasonCode.NONE) {
            return r;
        }
        books.get(symbol).place(id, account, side, OrderType.LIMIT, tif, price, qty, reduceOnly, null, 0);
        return ReasonCode.NONE;
    }

    ReasonCode limit(final long account, final String symbol, final Side side, final long price, final long qty) {
        return limit(account, symbol, side, TimeInForce.GTC, price, qty, false);
    }

    @Override
    public void cancelAllOrders(final long account) {
        for (final MatchingEngine book : books.values()) {
            book.cancelAll(account);
        }
    }

    @Override
    public void submitImmediateOrCancel(final String symbol, final long account, final Side side,
                                       final long limitPrice, final long qty) {
        books.get(symbol).place(nextOrderId++, account, side, OrderType.LIMIT, TimeInForce.IOC, limitPrice, qty, false,
                null, 0);
    }

    void setMark(final String symbol, final long price) {
        marks.setMark(symbol, price);
        books.get(symbol).onMarkPrice(price);
    }

    void executorCancelAll(final long account) {
        cancelAllOrders(account);
    }
}
