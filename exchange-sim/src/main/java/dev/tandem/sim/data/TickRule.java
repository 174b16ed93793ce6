package dev.tandem.sim.data;

import dev.tandem.kernel.model.Side;

/**
 * The tick rule, used to infer the aggressor (taker) side of a trade print whose side is not recorded: a trade at a
 * higher price than the previous trade is a BUY (an uptick: buyers lifted the offer), at a lower price a SELL
 * (downtick), at the same price it inherits the previous trade's side (zero-uptick stays BUY, zero-downtick stays
 * SELL). The first trade has no reference and gets {@link #firstSide()} (BUY by default). Only accepted trades move
 * the rule; a skipped bad row does not.
 *
 * <p>The tick rule is a classifier, not a fact: it misclassifies trades inside the spread and bursts at one price.
 * Use data with a recorded taker side (Bybit's archive) when the side matters.
 */
public final class TickRule {
    private final Side firstSide;
    private long lastPrice;
    private Side lastSide;

    /** A rule whose first trade is BUY. */
    public TickRule() {
        this(Side.BUY);
    }

    /** A rule whose first trade gets {@code firstSide}. */
    public TickRule(final Side firstSide) {
        if (firstSide == null) {
            throw new IllegalArgumentException("firstSide is required");
        }
        this.firstSide = firstSide;
    }

    /** The side given to the first trade. */
    public Side firstSide() {
        return firstSide;
    }

    /** The side a trade at {@code price} would get now; does not change the rule. */
    public Side classify(final long price) {
        if (lastSide == null) {
            return firstSide;
        }
        if (price > lastPrice) {
            return Side.BUY;
        }
        if (price < lastPrice) {
            return Side.SELL;
        }
        return lastSide;
    }

    /** Classifies and records a trade; returns its side. */
    public Side apply(final long price) {
        final Side side = classify(price);
        lastPrice = price;
        lastSide = side;
        return side;
    }
}
