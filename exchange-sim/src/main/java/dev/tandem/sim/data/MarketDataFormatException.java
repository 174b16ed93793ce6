package dev.tandem.sim.data;

/**
 * A replay reader met a bad row or message under {@link DataErrorPolicy#FAIL}. The message reads
 * {@code <source> line <n>: <what is wrong>}.
 */
public final class MarketDataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DataProblem problem;

    /** Wraps a problem. */
    public MarketDataFormatException(final DataProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    /** The problem (source, line, message). */
    public DataProblem problem() {
        return problem;
    }

    /** The source's name. */
    public String sourceName() {
        return problem.sourceName();
    }

    /** The 1-based line number. */
    public long line() {
        return problem.line();
    }
}
