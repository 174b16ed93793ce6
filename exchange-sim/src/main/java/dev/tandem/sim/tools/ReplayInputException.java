package dev.tandem.sim.tools;

/** A command line that cannot be understood; the message says what is wrong, for a person. */
final class ReplayInputException extends Exception {
    private static final long serialVersionUID = 1L;

    ReplayInputException(final String message) {
        super(message);
    }
}
