package dev.tandem.scenarios.check;

import dev.tandem.kernel.model.Instrument;

/** The venue's resting book is never crossed: at every sampling step its best bid is below its best ask. */
public final class CrossedBookChecker extends AbstractChecker {

    /** A fresh checker. */
    public CrossedBookChecker() {
        super("crossed-book");
    }

    @Override
    public void onStep(final CheckContext ctx) {
        for (final Instrument i : ctx.instruments()) {
            final long[] touch = ctx.venueTouch(i.id());
            if (touch[0] > 0 && touch[1] > 0 && touch[0] >= touch[1]) {
                violation(ctx.nowNanos(), "the venue's " + i.id().symbol() + " book is crossed: best bid " + i.formatPrice(touch[0])
                        + " >= best ask " + i.formatPrice(touch[1]));
            }
        }
    }
}
