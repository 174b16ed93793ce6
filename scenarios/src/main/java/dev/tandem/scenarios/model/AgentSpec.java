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
     */
    record Ladder(InstrumentId instrument, long startMid, int levels, long qty, long periodNanos, long stepTicks)
            implements AgentSpec {}

    /**
     * A noise taker ({@code NoiseTaker}): IOC market orders of random side at random gaps.
     *
     * @param instrument   the instrument
     * @param meanGapNanos the mean gap between orders
     * @param maxLots      largest order in lots
     */
    record NoiseTaker(InstrumentId instrument, long meanGapNanos, long maxLots) implements AgentSpec {}
}
