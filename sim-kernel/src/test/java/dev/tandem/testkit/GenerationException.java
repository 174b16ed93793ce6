package dev.tandem.testkit;

/**
 * Thrown when a generator cannot produce a value: a {@link Gen#filter filter} rejected too many
 * candidates in a row, or a test case drew more than {@link Rng#MAX_CHOICES} choices.
 *
 * <p>Inside a property run such a try is <em>discarded</em> (not counted as a failure); if too many
 * tries are discarded, the run gives up with a {@code GenerationException} that explains why and
 * names the seed. While shrinking, a candidate that cannot be generated is simply skipped.
 */
public final class GenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what could not be generated and how to fix the generator */
    public GenerationException(String message) {
        super(message);
    }

    /**
     * @param message what could not be generated and how to fix the generator
     * @param cause the underlying generation failure
     */
    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
