package dev.tandem.scenarios.check;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.Order;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.sim.LedgerKind;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.account.Conservation;
import dev.tandem.sim.matching.BookState;
import java.util.ArrayList;
import java.util.List;

/** The real {@link CheckContext}: a live kernel and the simulated venue holding its account. */
public final class KernelCheckContext implements CheckContext {
    private final Kernel kernel;
    private final SimVenue venue;
    private final long account;

    /** A context over this kernel and the venue account it trades. */
    public KernelCheckContext(final Kernel kernel, final SimVenue venue, final long account) {
        this.kernel = kernel;
        this.venue = venue;
        this.account = account;
    }

    @Override
    public long nowNanos() {
        return kernel.nowNanos();
    }

    @Override
    public long startNanos() {
        return kernel.config().startTimeNanos();
    }

    @Override
    public RiskLimits limits() {
        return kernel.config().risk();
    }

    @Override
    public List<Instrument> instruments() {
        return kernel.config().instruments();
    }

    @Override
    public TradingState tradingState() {
        return kernel.risk().tradingState();
    }

    @Override
    public StrategyState strategyState(final StrategyId id) {
        return kernel.risk().strategyState(id);
    }

    @Override
    public BreakerState breakerState(final String venueName) {
        return kernel.orders().breakerState(venueName);
    }

    @Override
    public long positionQty(final InstrumentId id) {
        return kernel.portfolio().positionQty(id);
    }

    @Override
    public long equityMoney() {
        return kernel.portfolio().equityMoney();
    }

    @Override
    public long positionNotionalMoney(final InstrumentId id) {
        return kernel.portfolio().positionNotionalMoney(id);
    }

    @Override
    public long totalPositionNotionalMoney() {
        return kernel.portfolio().totalPositionNotionalMoney();
    }

    @Override
    public long referencePrice(final InstrumentId id) {
        return kernel.data().referencePrice(id);
    }

    @Override
    public long markPrice(final InstrumentId id) {
        return kernel.data().markPrice(id);
    }

    @Override
    public BookSnapshot book(final InstrumentId id) {
        return kernel.data().book(id);
    }

    @Override
    public List<KernelOrder> orders() {
        return view(kernel.orders().orders());
    }

    @Override
    public List<KernelOrder> openOrders() {
        return view(kernel.orders().openOrders());
    }

    private static List<KernelOrder> view(final List<Order> orders) {
        final List<KernelOrder> out = new ArrayList<>(orders.size());
        for (final Order o : orders) {
            out.add(new KernelOrder(o.clientOrderId(), o.strategyId(), o.instrumentId(), o.side(), o.state(), o.qty(),
                    o.filledQty(), o.leavesQty(), o.lastUpdateNanos()));
        }
        return out;
    }

    @Override
    public List<String> accountingViolations() {
        final List<String> out = new ArrayList<>(kernel.checkInvariants());
        if (venue.config().ledger() == LedgerKind.MARGIN) {
            for (final Conservation.Violation v : Conservation.check(venue.marginLedger().simLedger(), false)) {
                out.add("venue " + v.invariant() + ": " + v.detail());
            }
        }
        return out;
    }

    @Override
    public VenueOrder venueOrder(final ClientOrderId id) {
        return venue.order(account, id);
    }

    @Override
    public List<VenueOrder> venueOpenOrders() {
        return venue.openOrders(account);
    }

    @Override
    public long venuePosition(final InstrumentId id) {
        return venue.position(account, id);
    }

    @Override
    public long[] venueTouch(final InstrumentId id) {
        final BookState b = venue.book(id);
        return new long[] {b.bestBid(), b.bestAsk()};
    }
}
