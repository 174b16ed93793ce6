package dev.tandem.bench;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.data.QuoteTick;
import dev.tandem.kernel.event.VenueAccepted;
import dev.tandem.kernel.event.VenueCanceled;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderIntent;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.strategy.StrategySpec;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A started kernel for the order path: one strategy on BTCUSDT, a fresh quote, the default risk limits without the
 * order-rate windows, a token bucket that never runs dry, and a {@link NullExecutionPort}. {@link #settle()} plays
 * the venue for the last order (accepted, then canceled) so that no order stays open: the pre-trade check scans
 * open orders (resting exposure), and letting them pile up would make every order slower than the one before.
 */
@State(Scope.Thread)
public class OrderRig {
    /** Every this many orders, a new quote (keeps data fresh and the reference price moving) and a prune. */
    static final int MAINTENANCE_EVERY = 1_024;
    /** Simulated time between an order and the venue's accept, and between accept and cancel. */
    static final long VENUE_NANOS = 500L;

    Kernel kernel;
    NullExecutionPort port;
    QuoteStrategy strategy;
    Instrument btc;
    OrderIntent intent;
    private QuoteTick[] quotes;
    private int nextQuote;
    private int sinceMaintenance;
    private long settled;

    @Setup(Level.Trial)
    public void setUp() {
        btc = BenchFixtures.btcUsdtPerp();
        port = new NullExecutionPort(BenchFixtures.VENUE);
        kernel = BenchFixtures.kernel(BenchFixtures.orderPathConfig(btc), port);
        strategy = new QuoteStrategy(btc.priceScale());
        kernel.addStrategy(StrategySpec.of("maker", btc.id(), strategy));
        kernel.start();
        // one quote per MAINTENANCE_EVERY orders; a new block (later timestamps) when these run out
        quotes = BenchFixtures.quotes(btc, 4_096, kernel.nowNanos(), 1_000L);
        nextQuote = 0;
        kernel.onEvent(quotes[nextQuote++]);
        // a GTC limit buy 0.001 BTC ten ticks under the mid: about 60 USDT, passes every default pre-trade check
        intent = OrderIntent.limit(strategy.context.strategyId(), btc.id(), Side.BUY, BenchFixtures.MID - 10 * btc.tickSize(), 1);
        if (!strategy.context.submit(intent).passed()) {
            throw new IllegalStateException("the benchmark intent is denied: " + kernel.risk().strategies());
        }
        settle();
    }

    /**
     * The venue's answers to the last submitted order (accepted, then canceled), so the order is closed; every
     * {@value #MAINTENANCE_EVERY} orders also a new quote and a prune of closed orders.
     */
    void settle() {
        final SubmitOrder s = port.lastSubmit;
        if (s != null) {
            port.lastSubmit = null;
            long t = kernel.nowNanos() + VENUE_NANOS;
            kernel.onEvent(new VenueAccepted(BenchFixtures.VENUE, s.clientOrderId(), "V", t, t));
            t += VENUE_NANOS;
            kernel.onEvent(new VenueCanceled(BenchFixtures.VENUE, s.clientOrderId(), ReasonCode.NONE, t, t));
            settled++;
        }
        if (++sinceMaintenance >= MAINTENANCE_EVERY) {
            sinceMaintenance = 0;
            if (nextQuote == quotes.length) {
                quotes = BenchFixtures.quotes(btc, quotes.length, kernel.nowNanos(), 1_000L);
                nextQuote = 0;
            }
            kernel.onEvent(quotes[nextQuote++]);
            kernel.orders().pruneTerminal(kernel.nowNanos() + 1);
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        settle(); // the last op's order
        if (kernel.orders().openOrderCount() != 0 || port.submits != settled) {
            throw new IllegalStateException("orders left open: " + kernel.orders().openOrderCount() + ", submits "
                    + port.submits + ", settled " + settled);
        }
        if (!kernel.checkInvariants().isEmpty()) {
            throw new IllegalStateException("books do not balance: " + kernel.checkInvariants());
        }
    }
}
