/**
 * Background liquidity agents for a generated book: {@link dev.tandem.sim.agent.LadderAgent} (a market maker
 * re-posting a ladder of bids and asks around a random-walk mid) and {@link dev.tandem.sim.agent.NoiseTaker} (market
 * orders of random side and size at random intervals). They are {@link dev.tandem.sim.VenueAgent}s: the venue
 * starts them on {@code SimVenue.addAgent(account, agent)}, they act only through their
 * {@link dev.tandem.sim.AgentContext} at venue time, and every random draw comes from the context's seeded
 * {@code RandomSource} (no clock, no threads), so a run is reproducible from its seed.
 */
package dev.tandem.sim.agent;
