package dev.tandem.scenarios.load;

import java.util.List;

/** A scenario file that cannot be used; carries every problem found, sorted by position. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /** An exception with these problems (at least one). */
    public ScenarioException(final List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, sorted by line and column. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(final List<Problem> problems) {
        final StringBuilder sb = new StringBuilder();
        for (final Problem p : problems) {
            sb.append(sb.length() == 0 ? "" : "\n").append(p);
        }
        return sb.toString();
    }
}
