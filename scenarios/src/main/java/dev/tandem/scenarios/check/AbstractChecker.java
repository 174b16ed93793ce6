package dev.tandem.scenarios.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps a checker's violations, bounded so that a run breaking an invariant at every event stays readable. */
public abstract class AbstractChecker implements InvariantChecker {
    /** Violations kept per checker; later ones are counted only. */
    public static final int MAX_VIOLATIONS = 20;

    private final String name;
    private final List<Violation> violations = new ArrayList<>();
    private long dropped;

    /** A checker reporting under this name. */
    protected AbstractChecker(final String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Records a violation at {@code nanos}. */
    protected final void violation(final long nanos, final String detail) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(new Violation(name, nanos, detail));
        } else {
            dropped++;
        }
    }

    @Override
    public final List<Violation> violations() {
        if (dropped == 0) {
            return Collections.unmodifiableList(violations);
        }
        final List<Violation> out = new ArrayList<>(violations);
        out.add(new Violation(name, violations.get(violations.size() - 1).nanos(), "... and " + dropped + " more"));
        return out;
    }
}
