package dev.tandem.testkit;

import dev.tandem.kernel.event.InboundEvent;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentRegistry;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.kernel.time.SimClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The test double passes the port contract too, so tests built on it test against a faithful venue. */
final class ScriptedExecutionPortContractTest extends AbstractExecutionPortContractTest {

    @Override
    protected Harness newHarness() {
        final Instrument instrument = Instruments.btcUsdtPerp();
        final SimClock clock = new SimClock(1_700_000_000_000_000_000L);
        final List<InboundEvent> pending = new ArrayList<>();
        final ScriptedExecutionPort port = new ScriptedExecutionPort(
                Instruments.VENUE, InstrumentRegistry.of(List.of(instrument)), clock, pending::add, 1_000_000L);
        port.setFillChunks(3);
        port.setBalance("USDT", 10_000 * 100_000_000L);
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
                port.setMarketPrice(instrument.id(), instrument.price("60000.00"));
            }

            @Override
            public long nowNanos() {
                return clock.nowNanos();
            }

            @Override
            public List<InboundEvent> settle() {
                final List<InboundEvent> out = new ArrayList<>(pending);
                pending.clear();
                out.sort(Comparator.comparingLong(InboundEvent::tsInitNanos)); // stable: publish order within a time
                if (!out.isEmpty()) {
                    clock.advanceTo(Math.max(clock.nowNanos(), out.get(out.size() - 1).tsInitNanos()));
                }
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
