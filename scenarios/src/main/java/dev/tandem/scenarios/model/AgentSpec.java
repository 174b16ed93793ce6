package dev.tandem.scenarios.model;

import dev.tandem.kernel.model.InstrumentId;

/** A background agent trading inside the venue (exchange-sim's {@code dev.tandem.sim.agent}). */
public sealed interface AgentSpec {

    /** The instrument it trades. */
    InstrumentId instrument();

    /**
     * A ladder market maker ({@code LadderAgent}).
     *
     * @param instrument  the instrument
     * @param startMid    the first mid price, scaled
     * @param levels      price levels per side
     * @param qty         quantity per order, scaled
     * @param periodNanos time between re-quotes
     * @param stepTicks   the mid's largest random step per re-quote, in ticks
     * @param spacingTicks ticks between neighbouring levels (default 1)
     */
    record Ladder(InstrumentId instrument, long startMid, int levels, long qty, long periodNanos, long stepTicks, long spacingTicks)
            implements AgentSpec {
        /** Levels one tick apart. */
        public Ladder(final InstrumentId instrument, final long startMid, final int levels, final long qty, final long periodNanos,
                      final long stepTicks) {
            this(instrument, startMid, levels, qty, periodNanos, stepTicks, 1);
        }
    }

    /**
     * A noise taker ({@code NoiseTaker}): IOC market orders of random side at random gaps.
     *
     * @param instrument   the instrument
     * @param meanGapNanos the mean gap between orders
     * @param maxLots      largest order in lots
     */
    record NoiseTaker(InstrumentId instrument, long meanGapNanos, long maxLots) implements AgentSpec {}
}
