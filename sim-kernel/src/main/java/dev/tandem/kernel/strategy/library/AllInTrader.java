package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.InstrumentKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategyContext;
import dev.tandem.kernel.strategy.SubmitResult;

/**
 * The order side of the long-only, all-in strategies ({@code sma-cross}, {@code rsi-reversion}): enters with one market
 * BUY of {@link LibMath#allInQty all-in} size, exits with one market SELL of the whole position, and keeps at most one
 * such order in flight. While an order is in flight the strategy defers its decisions to the order's end.
 */
final class AllInTrader {
    private final String strategy;
    private final InstrumentId instrumentId;
    private final long allocationUnits;
    private StrategyContext ctx;
    private Instrument instrument;
    private ClientOrderId inFlight;

    AllInTrader(final String strategy, final InstrumentId instrumentId, final long allocationUnits) {
        this.strategy = strategy;
        this.instrumentId = instrumentId;
        this.allocationUnits = allocationUnits;
    }

    /** Binds the context; all-in sizing needs the instrument quoted in the account currency. */
    void start(final StrategyContext context) {
        this.ctx = context;
        this.instrument = context.instrument(instrumentId);
        final String currency = context.portfolio().accountCurrency();
        if (!instrument.quoteAsset().equals(currency)) {
            throw new IllegalArgumentException(strategy + ": " + instrumentId + " is quoted in " + instrument.quoteAsset()
                    + " but account equity is in " + currency + "; all-in sizing needs them to be the same");
        }
    }

    Instrument instrument() {
        return instrument;
    }

    /** True while an order of this trader is open. */
    boolean busy() {
        return inFlight != null;
    }

    /** The account's position on the instrument (shared by every strategy trading it). */
    long position() {
        return ctx.portfolio().positionQty(instrumentId);
    }

    /**
     * Market BUY of {@code floor(equity × allocation / price)} rounded down to the lot; nothing (null) when that is
     * below the minimum quantity.
     */
    SubmitResult buyAllIn(final long price) {
        final long qty = LibMath.allInQty(instrument, ctx.portfolio().equityMoney(), price, allocationUnits);
        if (qty == 0) {
            return null;
        }
        return track(ctx.marketOrder(instrumentId, Side.BUY, qty));
    }

    /** Market SELL of the whole long position (spot: the base holding rounded down to the lot); null when flat. */
    SubmitResult sellAll() {
        long qty = position();
        if (instrument.kind() == InstrumentKind.SPOT) {
            qty = instrument.roundQtyDown(qty);
        }
        if (qty <= 0) {
            return null;
        }
        return track(ctx.marketOrder(instrumentId, Side.SELL, qty));
    }

    private SubmitResult track(final SubmitResult r) {
        if (r.passed()) {
            inFlight = r.clientOrderId();
        }
        return r;
    }

    /** Returns true when the event ends this trader's order in flight (the strategy may then act on what it deferred). */
    boolean onOrderEvent(final OrderEvent e) {
        if (inFlight != null && e.clientOrderId().equals(inFlight) && Orders.isTerminal(e)) {
            inFlight = null;
            return true;
        }
        return false;
    }

    void save(final StateText s) {
        s.put("inFlight", Orders.text(inFlight));
    }

    void restore(final StrategyContext context, final StateText s) {
        start(context);
        inFlight = Orders.id(s.getString("inFlight"));
    }
}
