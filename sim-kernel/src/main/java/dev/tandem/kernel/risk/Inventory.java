package dev.tandem.kernel.risk;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.math.RoundingMode;

/**
 * A market maker's own inventory on one instrument, built from its fills only (not the account position, which
 * other strategies share). Average-cost accounting: {@code costMoney} is the signed cost basis of the open
 * quantity (positive for a long, negative for a short); reducing keeps the average price, flipping starts a new
 * basis at the fill price. Realized PnL and fees are deliberately not tracked: the edge check looks only at the
 * price risk of what is still held.
 */
final class Inventory {
    private long qty;
    private long costMoney;

    Inventory() {}

    Inventory(final long qty, final long costMoney) {
        this.qty = qty;
        this.costMoney = costMoney;
    }

    long qty() {
        return qty;
    }

    long costMoney() {
        return costMoney;
    }

    /** Applies a fill of {@code fillQty} (positive) at {@code price} on {@code side}. */
    void apply(final Instrument instrument, final Side side, final long price, final long fillQty) {
        if (fillQty <= 0) {
            return;
        }
        final long signedFill = side.sign() * fillQty;
        if (qty == 0 || Long.signum(qty) == Long.signum(signedFill)) {
            qty = Fixed.add(qty, signedFill);
            costMoney = Fixed.add(costMoney, side.sign() * instrument.notional(price, fillQty));
            return;
        }
        final long held = Math.abs(qty);
        if (fillQty <= held) {
            final long left = held - fillQty;
            costMoney = left == 0 ? 0 : Fixed.mulDiv(costMoney, left, held, RoundingMode.HALF_EVEN);
            qty = Long.signum(qty) * left;
        } else {
            final long flipped = fillQty - held;
            qty = side.sign() * flipped;
            costMoney = side.sign() * instrument.notional(price, flipped);
        }
    }

    /** |qty| valued at {@code mark}, money units. */
    long notionalMoney(final Instrument instrument, final long mark) {
        return instrument.notional(mark, Math.abs(qty));
    }

    /** Signed value at {@code mark} minus cost basis: the unrealized PnL of the inventory. */
    long unrealizedMoney(final Instrument instrument, final long mark) {
        return Fixed.sub(Long.signum(qty) * notionalMoney(instrument, mark), costMoney);
    }

    /** Re-bases the cost to {@code mark}: the loss so far is acknowledged (operator resumed after a halt). */
    void rebase(final Instrument instrument, final long mark) {
        costMoney = Long.signum(qty) * notionalMoney(instrument, mark);
    }
}
