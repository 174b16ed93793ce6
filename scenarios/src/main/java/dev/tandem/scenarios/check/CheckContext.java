package dev.tandem.scenarios.check;

import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.execution.OrderState;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import java.util.List;

/**
 * What checkers may read of a run at the moment they are called: the kernel's state (clock, trading state,
 * portfolio, market view, open orders, limits) and the venue's view of the kernel's account. A narrow seam so each
 * checker can be tested with a hand-made context and hand-made events ({@link KernelCheckContext} is the real one).
 */
public interface CheckContext {

    /** A kernel order as the checkers see it. */
    record KernelOrder(ClientOrderId clientOrderId, StrategyId strategyId, InstrumentId instrumentId, Side side, OrderState state,
                       long qty, long filledQty, long leavesQty, long lastUpdateNanos) {}

    /** The kernel's clock. */
    long nowNanos();

    /** The run's start. */
    long startNanos();

    /** The kernel's risk limits. */
    RiskLimits limits();

    /** The instruments of the run. */
    List<Instrument> instruments();

    /** The kernel's trading state now. */
    TradingState tradingState();

    /** A strategy's state now. */
    StrategyState strategyState(StrategyId id);

    /** A venue's circuit breaker now. */
    BreakerState breakerState(String venue);

    /** The kernel's signed position. */
    long positionQty(InstrumentId id);

    /** The kernel's equity, money units. */
    long equityMoney();

    /** The kernel's position notional of one instrument, money units. */
    long positionNotionalMoney(InstrumentId id);

    /** The kernel's sum of position notionals, money units. */
    long totalPositionNotionalMoney();

    /** The kernel's reference price (last trade or bar close, else mark), 0 if none. */
    long referencePrice(InstrumentId id);

    /** The kernel's latest mark price, 0 if none. */
    long markPrice(InstrumentId id);

    /** The kernel's latest book, or null. */
    BookSnapshot book(InstrumentId id);

    /** Every order the kernel holds (open and closed). */
    List<KernelOrder> orders();

    /** The kernel's open orders. */
    List<KernelOrder> openOrders();

    /** Kernel accounting identities that do not hold ({@code Kernel.checkInvariants()}), and the venue's conservation. */
    List<String> accountingViolations();

    /** The venue's view of the kernel account's order, or null if the venue never saw it. */
    VenueOrder venueOrder(ClientOrderId id);

    /** The venue's open orders of the kernel's account. */
    List<VenueOrder> venueOpenOrders();

    /** The venue's position of the kernel's account. */
    long venuePosition(InstrumentId id);

    /** The venue's best bid and ask of its own book ({@code [bid, ask]}, 0 when a side is empty). */
    long[] venueTouch(InstrumentId id);

    /** The instrument with this id. */
    default Instrument instrument(final InstrumentId id) {
        for (final Instrument i : instruments()) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no instrument " + id);
    }

    /** Leaves of the kernel's open orders on one instrument and side, except {@code self}. */
    default long openLeaves(final InstrumentId id, final Side side, final ClientOrderId self) {
        long sum = 0;
        for (final KernelOrder o : openOrders()) {
            if (o.instrumentId().equals(id) && o.side() == side && !o.clientOrderId().equals(self)) {
                sum = Math.addExact(sum, o.leavesQty());
            }
        }
        return sum;
    }
}
