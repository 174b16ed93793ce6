package dev.tandem.scenarios.model;

import dev.tandem.kernel.data.Bar;
import dev.tandem.kernel.model.Side;
import dev.tandem.sim.BarFill;

/**
 * How bars meet the simulated venue's book ({@code fill-model:} in the file), mapped onto exchange-sim's
 * {@link BarFill}.
 */
public enum FillModel {
    /** {@link BarFill#CLOSE}: taking orders fill at the last bar's close when they reach the venue. */
    BAR_CLOSE("bar-close", BarFill.CLOSE),
    /** {@link BarFill#NEXT_OPEN}: market orders wait for the next bar's open; limits rest. */
    NEXT_OPEN("next-open", BarFill.NEXT_OPEN),
    /**
     * The pessimistic intra-bar model: market orders wait and fill at the next bar's open (like NEXT_OPEN); resting
     * limits fill only when a later bar trades strictly through them, at their own price; and the venue walks every
     * bar as open, low, high, close, so a long position's stop below is reached before its target above (a named
     * simplification: one path for every order of the bar, the worst one for longs, not the worst path per order).
     */
    INTRA_BAR_PESSIMISTIC("intra-bar-pessimistic", new BarFill() {
        @Override
        public String name() {
            return "intra-bar-pessimistic";
        }

        @Override
        public long takerPrice(final Bar lastBar, final Side side) {
            return NO_PRICE;
        }

        @Override
        public boolean marketOrdersWaitForNextBar() {
            return true;
        }

        @Override
        public long[] path(final Bar bar) {
            return new long[] {bar.open(), bar.low(), bar.high(), bar.close()};
        }
    }),
    /** {@link BarFill#NONE}: no bar liquidity; orders meet the book of the background agents. */
    NONE("none", BarFill.NONE);

    private final String text;
    private final BarFill barFill;

    FillModel(final String text, final BarFill barFill) {
        this.text = text;
        this.barFill = barFill;
    }

    /** The name used in scenario files. */
    public String text() {
        return text;
    }

    /** The simulator's bar fill. */
    public BarFill barFill() {
        return barFill;
    }

    /** The model with this file name, or null. */
    public static FillModel named(final String text) {
        for (final FillModel m : values()) {
            if (m.text.equals(text)) {
                return m;
            }
        }
        return null;
    }
}
