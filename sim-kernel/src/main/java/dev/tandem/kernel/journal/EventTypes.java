package dev.tandem.kernel.journal;

import dev.tandem.kernel.data.MarketData;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OperatorCommand;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import java.util.List;

/** The closed lists of inbound and outbound event types, for codecs. */
public final class EventTypes {
    private EventTypes() {}

    /** Every inbound event type (journaled). */
    public static final List<Class<?>> INBOUND = List.of(MarketData.class, ExecutionReport.class, OperatorCommand.class);

    /** Every outbound event type (hashed into the trace). */
    public static final List<Class<?>> OUTBOUND = List.of(
            KernelStarted.class,
            OrderEvent.class,
            PositionChanged.class,
            FundingApplied.class,
            TradingStateChanged.class,
            StrategyStateChanged.class,
            CircuitBreakerStateChanged.class,
            DriftDetected.class,
            ReconciliationCompleted.class,
            ReportAnomaly.class);

    /** A codec for inbound events. */
    public static CanonicalCodec inboundCodec() {
        return new CanonicalCodec(INBOUND);
    }

    /** A codec for outbound events. */
    public static CanonicalCodec outboundCodec() {
        return new CanonicalCodec(OUTBOUND);
    }
}
