package dev.tandem.kernel.event;

import dev.tandem.kernel.model.InstrumentId;

/** A position as the venue sees it: signed quantity (long > 0), average entry price (scaled). */
public record VenuePosition(InstrumentId instrumentId, long signedQty, long avgEntryPrice) {}
