package dev.tandem.sim.account;

/** The venue's current mark price per symbol, in the instrument's price units; {@link #NONE} when there is none yet. */
@FunctionalInterface
public interface MarkPrices {

    /** Returned when a symbol has no mark price yet. */
    long NONE = 0L;

    /** @return the mark price of the symbol, or {@link #NONE} */
    long mark(String symbol);
}
