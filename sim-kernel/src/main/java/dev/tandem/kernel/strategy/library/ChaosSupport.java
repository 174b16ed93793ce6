package dev.tandem.kernel.strategy.library;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Side;
import java.math.RoundingMode;

/** Price helpers of the deliberately bad strategies. */
final class ChaosSupport {
    private ChaosSupport() {}

    /**
     * A passive limit price {@code offsetUnits} basis-point units away from the reference: below it for a BUY (rounded
     * down to the tick), above it for a SELL (rounded up); never below one tick.
     */
    static long passivePrice(final Instrument instrument, final Side side, final long reference, final long offsetUnits) {
        final long offset = LibMath.bps(reference, offsetUnits, RoundingMode.HALF_EVEN);
        final long price = side == Side.BUY
                ? LibMath.floorToTick(reference - offset, instrument.tickSize())
                : LibMath.ceilToTick(reference + offset, instrument.tickSize());
        return Math.max(instrument.tickSize(), price);
    }
}
