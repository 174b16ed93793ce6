package dev.tandem.sim.fault;

/** Where in its life a {@link FaultRecord} catches a fault. */
public enum FaultPhase {
    /** The fault's window opened (or an instant fault acted). */
    START,
    /** One request, report or position was hit by the fault while it was active. */
    HIT,
    /** The window closed (for an instant fault: right after START); the detail sums up what it did. */
    END
}
