package dev.tandem.scenarios.check;

import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Side;

/** Whether an order can only shrink |position| (shared by the REDUCING and risk checkers). */
final class Exposure {
    private Exposure() {}

    /** Filled alone, right now, it reduces the position without flipping it. */
    static boolean reducesNow(final Side side, final long qty, final long position) {
        return position != 0 && qty > 0 && side == Side.reducing(position) && qty <= Math.abs(position);
    }

    /** It reduces now and cannot flip the position even if every other open order on its side fills first. */
    static boolean reducing(final CheckContext ctx, final InstrumentId id, final Side side, final long qty,
                            final ClientOrderId self) {
        final long position = ctx.positionQty(id);
        return reducesNow(side, qty, position) && ctx.openLeaves(id, side, self) + qty <= Math.abs(position);
    }
}
