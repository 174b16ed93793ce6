package dev.tandem.sim;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.KernelConfig;
import dev.tandem.kernel.SimulationLoop;
import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.sim.fault.LatencyProfile;
import dev.tandem.sim.fault.LatencySpec;
import dev.tandem.testkit.AbstractExecutionPortContractTest;
import dev.tandem.testkit.Instruments;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated venue's port passes the kernel's port contract, faults included. The port runs as it does in a
 * backtest: on a {@link SimulationLoop} driving a kernel (with no strategies), with jittery latencies; the
 * contract's events are what the kernel's journal receives.
 */
final class SimExecutionPortContractTest extends AbstractExecutionPortContractTest {

    private static final long ACCOUNT = 7;
    private static final long AGENT = 8;

    @Override
    protected Harness newHarness() {
        final Instrument instrument = Instruments.btcUsdtPerp();
        final KernelConfig kc = KernelConfig.defaults(42, 1_700_000_000_000_000_000L, 10_000 * Fixed.MONEY_ONE, List.of(instrument));
        final LatencySpec jittery = LatencySpec.jittered(1_000_000, 2_000_000).withSpikes(0.05, 30_000_000);
        final SimVenueConfig vc = SimVenueConfig.defaults(Instruments.VENUE, 42, List.of(instrument))
                .withLatency(LatencyProfile.uniform(jittery))
                .withAccount(SimAccount.trading(ACCOUNT, kc.initialBalances()))
                .withAccount(SimAccount.agent(AGENT));
        final SimVenue venue = new SimVenue(vc);
        final SimExecutionPort port = venue.executionPort(ACCOUNT);
        final List<InboundEvent> inbound = new ArrayList<>();
        final Kernel kernel = new Kernel(kc, List.of(port), (seq, e) -> inbound.add(e));
        final SimulationLoop loop = new SimulationLoop(kernel);
        venue.attach(loop);
        kernel.start();
        return new Harness() {
            @Override
            public ExecutionPort port() {
                return port;
            }

            @Override
            public Instrument instrument() {
                return instrument;
            }

            @Override
            public long restingBuyPrice() {
                return instrument.price("50000.00");
            }

            @Override
            public long validQty() {
                return instrument.qty("0.010");
            }

            @Override
            public void provideLiquidity(final Side side, final long qty) {
                // a few levels on the other side, so a market order walks the book and fills in parts
                final long third = instrument.roundQtyDown(qty / 3);
                venue.placeOrder(AGENT, instrument.id().symbol(), side.opposite(), OrderType.LIMIT, TimeInForce.GTC,
                        instrument.price("60000.00"), third);
                venue.placeOrder(AGENT, instrument.id().symbol(), side.opposite(), OrderType.LIMIT, TimeInForce.GTC,
                        instrument.price("60000.50"), qty);
            }

            @Override
            public long nowNanos() {
                return loop.nowNanos();
            }

            @Override
            public List<InboundEvent> settle() {
                loop.runToCompletion();
                final List<InboundEvent> out = new ArrayList<>(inbound);
                inbound.clear();
                return out;
            }

            @Override
            public boolean supportsFaults() {
                return true;
            }

            @Override
            public void failNext(final RequestKind kind, final FailureKind failure, final long retryAfterNanos) {
                port.failNext(kind, failure, retryAfterNanos);
            }
        };
    }
}
