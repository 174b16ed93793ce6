package dev.tandem.kernel.data;

import dev.tandem.kernel.model.InstrumentId;

/** Read-only view of the latest market state per instrument, kept by the {@code DataEngine}. */
public interface MarketView {
    /** Latest mark price (scaled), 0 if none seen. */
    long markPrice(InstrumentId instrumentId);

    /** Latest trade price, or bar close (scaled), 0 if none seen. */
    long lastPrice(InstrumentId instrumentId);

    /**
     * The best available reference price: mark, else mid of the latest quote or book, else last trade or bar
     * close; 0 when nothing has been seen.
     */
    long referencePrice(InstrumentId instrumentId);

    /** Latest order-book snapshot, or null. */
    BookSnapshot book(InstrumentId instrumentId);

    /** Latest quote, or null. */
    QuoteTick quote(InstrumentId instrumentId);

    /** Kernel time ({@code tsInitNanos}) of the latest market data of any kind for the instrument; -1 if none. */
    long lastUpdateNanos(InstrumentId instrumentId);
}
