package dev.tandem.sim.matching;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;

/**
 * The canonical field sequence of a book digest, shared by {@link BookState#writeTo} and
 * {@link MatchingEngine#bookDigest} (which writes without copying the book) so the two can never drift apart.
 */
final class BookDigestFormat {
    static final String BIDS = "bids";
    static final String ASKS = "asks";

    private BookDigestFormat() {
    }

    static void begin(final StateDigest d, final long lastPrice, final long markPrice) {
        d.section("book").putLong(lastPrice).putLong(markPrice);
    }

    static void side(final StateDigest d, final String name, final int levels) {
        d.section(name).putInt(levels);
    }

    static void level(final StateDigest d, final long price, final long qty, final int orders) {
        d.putLong(price).putLong(qty).putInt(orders);
    }

    static void entry(final StateDigest d, final long id, final long account, final long qty, final long filled) {
        d.putLong(id).putLong(account).putLong(qty).putLong(filled);
    }

    static void stops(final StateDigest d, final int count) {
        d.section("stops").putInt(count);
    }

    static void stop(final StateDigest d, final long id, final long account, final Side side, final OrderType type,
                     final TimeInForce tif, final boolean reduceOnly, final TriggerSource source,
                     final long triggerPrice, final long price, final long qty) {
        d.putLong(id).putLong(account).putEnum(side).putEnum(type).putEnum(tif).putBoolean(reduceOnly)
                .putEnum(source).putLong(triggerPrice).putLong(price).putLong(qty);
    }
}
