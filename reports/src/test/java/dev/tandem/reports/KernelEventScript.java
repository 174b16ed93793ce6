package dev.tandem.reports;

import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.portfolio.Portfolio;
import dev.tandem.kernel.portfolio.PositionUpdate;
import dev.tandem.testkit.Instruments;
import java.util.List;
import java.util.TreeMap;

/**
 * Feeds a {@link RunRecorder} the outbound events the kernel would emit, with the kernel's own {@link Portfolio} doing
 * the accounting, so position changes carry exactly the kernel's cumulative realized PnL, fees and funding. Prices
 * and quantities are written as decimals of {@link Instruments#btcUsdtPerp()} (2 price, 3 quantity decimals).
 */
final class KernelEventScript {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    final Instrument btc = Instruments.btcUsdtPerp();
    final Portfolio portfolio;
    final RunRecorder recorder;
    private final StrategyId strategy = new StrategyId("s1");
    private int orders;

    KernelEventScript(final RunRecorder.Options options) {
        final TreeMap<String, Long> balances = new TreeMap<>();
        balances.put("USDT", Fixed.money("10000"));
        portfolio = new Portfolio("USDT", InstrumentRegistry.of(List.of(btc)), balances, 5);
        recorder = new RunRecorder(List.of(btc), "USDT", null, options);
        recorder.onEvent(new KernelStarted(42, "tag", "fp", T0, T0));
    }

    KernelEventScript() {
        this(RunRecorder.Options.defaults());
    }

    long at(final double seconds) {
        return T0 + Math.round(seconds * SECOND);
    }

    void emit(final KernelEvent e) {
        recorder.onEvent(e);
    }

    /** An order of ours: submitted, sent, accepted 20 ms later, filled whole at the price. Returns its id. */
    ClientOrderId order(final double atSeconds, final Side side, final String price, final String qty, final String fee) {
        final ClientOrderId id = new ClientOrderId("o" + ++orders);
        final long t = at(atSeconds);
        final long q = btc.qty(qty);
        emit(new OrderSubmitted(id, strategy, btc.id(), side, OrderType.MARKET, TimeInForce.IOC, 0, 0, q, false, t, t));
        emit(new OrderSent(id, strategy, btc.id(), 1, t, t));
        emit(new OrderAccepted(id, strategy, btc.id(), "v" + orders, t + 20_000_000, t + 40_000_000));
        fill(id, t + 20_000_000, side, price, qty, fee, Liquidity.TAKER, q);
        return id;
    }

    /** A fill of an order and the position change the kernel emits after it. */
    void fill(final ClientOrderId id, final long t, final Side side, final String price, final String qty, final String fee, final Liquidity liquidity,
            final long orderQty) {
        final long p = btc.price(price);
        final long q = btc.qty(qty);
        final long f = Fixed.money(fee);
        emit(new OrderFilled(id, strategy, btc.id(), "T" + t, side, p, q, q, orderQty - q, f, liquidity, false, t, t + 40_000_000));
        position(portfolio.onFill(btc.id(), side, p, q, f), t);
    }

    /** The venue liquidates: a fill without a client id (the kernel emits a drift, then the position change). */
    void liquidation(final double atSeconds, final Side side, final String price, final String qty, final String fee) {
        final long t = at(atSeconds);
        final long before = portfolio.positionQty(btc.id());
        final PositionUpdate u = portfolio.onFill(btc.id(), side, btc.price(price), btc.qty(qty), Fixed.money(fee));
        emit(new DriftDetected("SIM", DriftKind.LIQUIDATION, btc.id(), null, null, before, u.signedQty(), "fill LIQ of an order not placed by this process",
                t, t));
        position(u, t);
    }

    /** Funding at a rate and mark (the kernel emits FundingApplied, then the position change). */
    void funding(final double atSeconds, final String rate, final String mark) {
        final long t = at(atSeconds);
        final long qty = portfolio.positionQty(btc.id());
        final long amount = portfolio.applyFunding(btc.id(), Fixed.rate(rate), btc.price(mark));
        emit(new FundingApplied(btc.id(), qty, btc.price(mark), Fixed.rate(rate), amount, t, t));
        emit(new PositionChanged(btc.id(), portfolio.positionQty(btc.id()), portfolio.avgEntryPrice(btc.id()), portfolio.realizedPnlMoney(btc.id()),
                portfolio.feesMoney(btc.id()), portfolio.fundingMoney(btc.id()), t, t));
    }

    void mark(final String price) {
        portfolio.onMarkPrice(btc.id(), btc.price(price));
    }

    void sample(final double atSeconds) {
        recorder.sample(at(atSeconds), portfolio);
    }

    private void position(final PositionUpdate u, final long t) {
        emit(new PositionChanged(btc.id(), u.signedQty(), u.avgEntryPrice(), u.realizedPnlTotalMoney(), u.feesTotalMoney(), u.fundingTotalMoney(), t,
                t + 40_000_000));
    }

    RunRecord finish() {
        return recorder.finish(Provenance.of("script", 42));
    }
}
