package dev.tandem.kernel.port;

import dev.tandem.kernel.model.InstrumentId;
import java.util.Set;

/**
 * Market-data subscriptions for one venue. Data arrives as {@link dev.tandem.kernel.data.MarketData} events
 * through the implementation's {@link InboundSink}. After a reconnect an implementation resubscribes and sends a
 * fresh snapshot before deltas.
 */
public interface MarketDataPort {
    /** The venue name. */
    String venue();

    /** Start receiving these kinds of data for an instrument (idempotent). */
    void subscribe(InstrumentId instrumentId, Set<DataKind> kinds);

    /** Stop receiving data for an instrument. */
    void unsubscribe(InstrumentId instrumentId);
}
