package dev.tandem.kernel.model;

/** Instrument kinds: spot pairs and linear (quote-settled) perpetual swaps, one-way position mode. */
public enum InstrumentKind {
    SPOT,
    LINEAR_PERPETUAL
}
