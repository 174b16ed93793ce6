package dev.tandem.kernel.model;

/** Order or trade side. */
public enum Side {
    BUY(1),
    SELL(-1);

    private final int sign;

    Side(final int sign) {
        this.sign = sign;
    }

    /** +1 for BUY, -1 for SELL: signed quantity = sign * qty. */
    public int sign() {
        return sign;
    }

    /** The opposite side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** The side that reduces a position of this signed quantity (a long is reduced by selling). */
    public static Side reducing(final long signedPositionQty) {
        return signedPositionQty > 0 ? SELL : BUY;
    }
}
