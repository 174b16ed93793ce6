package dev.tandem.scenarios.check;

import dev.tandem.kernel.data.BookSnapshot;
import dev.tandem.kernel.event.VenueOrder;
import dev.tandem.kernel.model.BreakerState;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.StrategyState;
import dev.tandem.kernel.model.TradingState;
import dev.tandem.kernel.risk.RiskLimits;
import dev.tandem.scenarios.model.InstrumentPresets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A hand-set {@link CheckContext} for checker unit tests: every field is what the test says. */
final class FakeContext implements CheckContext {
    static final Instrument BTC = InstrumentPresets.named("bybit-btcusdt-linear");
    static final long START = 1_704_067_200_000_000_000L;

    long now = START;
    RiskLimits limits = RiskLimits.defaults();
    TradingState trading = TradingState.ACTIVE;
    StrategyState strategy = StrategyState.RUNNING;
    BreakerState breaker = BreakerState.CLOSED;
    long position;
    long equity = 10_000_00000000L;
    long reference = 6_000_000; // 60000.00
    long mark;
    BookSnapshot book;
    final List<KernelOrder> orders = new ArrayList<>();
    final List<String> accounting = new ArrayList<>();
    final TreeMap<ClientOrderId, VenueOrder> venueOrders = new TreeMap<>();
    long venuePosition;
    long[] touch = {0, 0};

    FakeContext at(final long secondsAfterStart) {
        now = START + secondsAfterStart * 1_000_000_000L;
        return this;
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public long startNanos() {
        return START;
    }

    @Override
    public RiskLimits limits() {
        return limits;
    }

    @Override
    public List<Instrument> instruments() {
        return List.of(BTC);
    }

    @Override
    public TradingState tradingState() {
        return trading;
    }

    @Override
    public StrategyState strategyState(final StrategyId id) {
        return strategy;
    }

    @Override
    public BreakerState breakerState(final String venue) {
        return breaker;
    }

    @Override
    public long positionQty(final InstrumentId id) {
        return position;
    }

    @Override
    public long equityMoney() {
        return equity;
    }

    @Override
    public long positionNotionalMoney(final InstrumentId id) {
        return Math.abs(position) * reference * 1000; // price scale 2, qty scale 3 -> money scale 8
    }

    @Override
    public long totalPositionNotionalMoney() {
        return positionNotionalMoney(BTC.id());
    }

    @Override
    public long referencePrice(final InstrumentId id) {
        return reference;
    }

    @Override
    public long markPrice(final InstrumentId id) {
        return mark;
    }

    @Override
    public BookSnapshot book(final InstrumentId id) {
        return book;
    }

    @Override
    public List<KernelOrder> orders() {
        return orders;
    }

    @Override
    public List<KernelOrder> openOrders() {
        return orders.stream().filter(o -> o.state().isOpen()).toList();
    }

    @Override
    public List<String> accountingViolations() {
        return accounting;
    }

    @Override
    public VenueOrder venueOrder(final ClientOrderId id) {
        return venueOrders.get(id);
    }

    @Override
    public List<VenueOrder> venueOpenOrders() {
        return venueOrders.values().stream().filter(v -> !v.status().isClosed()).toList();
    }

    @Override
    public long venuePosition(final InstrumentId id) {
        return venuePosition;
    }

    @Override
    public long[] venueTouch(final InstrumentId id) {
        return touch;
    }
}
