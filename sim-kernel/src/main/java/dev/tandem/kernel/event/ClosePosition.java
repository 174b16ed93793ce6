package dev.tandem.kernel.event;

import dev.tandem.kernel.model.InstrumentId;

/** Operator: close one position with a reduce-only market order. */
public record ClosePosition(String operator, InstrumentId instrumentId, String reason, long tsEventNanos, long tsInitNanos) implements OperatorCommand {}
