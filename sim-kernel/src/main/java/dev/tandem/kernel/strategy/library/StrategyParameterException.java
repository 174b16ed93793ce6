package dev.tandem.kernel.strategy.library;

/**
 * A built-in strategy was asked for by a name the library does not know, or given a parameter it does not have or a
 * value it cannot use. The message says what is wrong in words a scenario author understands and lists the valid
 * names or values; {@link #strategy()} and {@link #parameter()} let a caller (the scenario validator) point at the
 * offending place in its own file.
 */
public final class StrategyParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String strategy;
    private final String parameter;

    /**
     * @param strategy  the strategy name as given (never null)
     * @param parameter the parameter the problem is about, or null when it is about the strategy name itself
     * @param message   the full message
     */
    public StrategyParameterException(final String strategy, final String parameter, final String message) {
        super(message);
        this.strategy = strategy;
        this.parameter = parameter;
    }

    /** The strategy name as given. */
    public String strategy() {
        return strategy;
    }

    /** The parameter in question, or null when the strategy name is unknown. */
    public String parameter() {
        return parameter;
    }
}
