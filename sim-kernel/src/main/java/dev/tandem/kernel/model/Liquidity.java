package dev.tandem.kernel.model;

/** Whether a fill added liquidity (maker), removed it (taker), or was a venue liquidation. */
public enum Liquidity {
    MAKER,
    TAKER,
    LIQUIDATION
}
