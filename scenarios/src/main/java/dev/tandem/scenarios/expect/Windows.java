package dev.tandem.scenarios.expect;

import dev.tandem.scenarios.time.TimeText;
import java.util.List;

/** Shared logic of the "state reaches X within D after A" expectations. */
final class Windows {
    private Windows() {}

    /** One state change: when, the new state, its trigger (null when changes have none), why. */
    record Change(long nanos, String to, String trigger, String why) {
        Change(final long nanos, final String to, final String why) {
            this(nanos, to, null, why);
        }
    }

    static String byTrigger(final Enum<?> trigger) {
        return trigger == null ? "" : " by " + trigger.name();
    }

    static String text(final Anchor after, final Long withinNanos) {
        if (withinNanos == null) {
            return after == null ? "" : " after " + after.label();
        }
        return " within " + TimeText.formatDuration(withinNanos) + " of " + (after == null ? "the start" : after.label());
    }

    /**
     * Passes if the state is {@code target} at some moment of {@code [from, from + within]} ({@code within} null:
     * until the end): already at {@code from}, or a change to it inside the window.
     */
    static ExpectationOutcome reached(final Expectation e, final RunFacts run, final String initial, final List<Change> changes,
                                      final String target, final Anchor after, final Long withinNanos) {
        return reached(e, run, initial, changes, target, null, after, withinNanos);
    }

    /**
     * As above; with {@code trigger} non-null only a change to {@code target} with that trigger counts (also for
     * "already in it when the window opens": the change that put it there must have had the trigger).
     */
    static ExpectationOutcome reached(final Expectation e, final RunFacts run, final String initial, final List<Change> changes,
                                      final String target, final Enum<?> trigger, final Anchor after, final Long withinNanos) {
        final long from = after == null ? run.startNanos() : after.nanos();
        final long to = withinNanos == null ? Long.MAX_VALUE : from + withinNanos;
        final String fromText = after == null ? "the start"
                : after.label().startsWith("T+") ? after.label() : after.label() + " at " + run.formatTime(from);
        String state = initial;
        String stateTrigger = null;
        for (final Change c : changes) {
            if (c.nanos() > from) {
                break;
            }
            state = c.to();
            stateTrigger = c.trigger();
        }
        final String want = trigger == null ? null : trigger.name();
        final String expected = target + byTrigger(trigger) + (withinNanos == null ? " after " : " within " + TimeText.formatDuration(withinNanos)
                + " of ") + fromText;
        if (state.equals(target) && (want == null || want.equals(stateTrigger))) {
            return ExpectationOutcome.of(e, true, expected, "already " + target + " at " + fromText, run.formatTime(from));
        }
        Change late = null;
        for (final Change c : changes) {
            if (c.nanos() <= from || !c.to().equals(target) || want != null && !want.equals(c.trigger())) {
                continue;
            }
            if (c.nanos() <= to) {
                return ExpectationOutcome.of(e, true, expected, "reached " + target + " after "
                        + TimeText.formatDuration(c.nanos() - from) + " (" + c.why() + ")", run.formatTime(c.nanos()));
            }
            late = c;
            break;
        }
        if (late != null) {
            return ExpectationOutcome.of(e, false, expected, "reached " + target + " only after "
                    + TimeText.formatDuration(late.nanos() - from), run.formatTime(late.nanos()));
        }
        final StringBuilder seen = new StringBuilder();
        for (final Change c : changes) {
            if (c.nanos() > from) {
                seen.append(seen.length() == 0 ? "" : ", ").append(c.to()).append(want == null || c.trigger() == null ? "" : " (" + c.trigger() + ")")
                        .append(" at ").append(run.formatTime(c.nanos()));
            }
        }
        return ExpectationOutcome.of(e, false, expected, "never reached " + target + byTrigger(trigger) + "; it was " + state + " at " + fromText
                + (seen.length() == 0 ? " and did not change" : " and then became " + seen), "");
    }
}
