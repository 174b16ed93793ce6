package dev.tandem.sim;

/**
 * A simulated participant trading inside the venue (market makers posting ladders, noise takers, ...), so that a
 * generated book has depth and queue position matters. An agent acts only through its {@link AgentContext}, on
 * the simulation loop: its orders reach the book without latency or faults (it is part of the simulated market),
 * and it draws randomness only from the context's seeded stream.
 */
public interface VenueAgent {

    /** A stable name: it names the agent's random stream ({@code "sim:<venue>:agent:<name>"}). */
    String name();

    /** Called once, on the loop, when the venue is attached (or at once if it already is). */
    void start(AgentContext context);
}
