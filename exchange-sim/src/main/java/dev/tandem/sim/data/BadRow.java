package dev.tandem.sim.data;

/** Internal signal from a row or message parser: the text becomes a {@link DataProblem}. No stack trace. */
final class BadRow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRow(final String message) {
        super(message, null, false, false);
    }
}
