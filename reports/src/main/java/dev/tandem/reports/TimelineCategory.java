package dev.tandem.reports;

/**
 * What kind of thing a {@link RunRecord.TimelineEntry} is. The report draws each category in its own colour over
 * the equity curve and lists every entry with its time.
 */
public enum TimelineCategory {
    /** A fault injected by the simulator (outage, rate limit, lost acks, price gap...); supplied by the runner. */
    FAULT("Injected fault"),
    /** The account-wide trading state changed (ACTIVE / REDUCING / HALTED), including the kill switch. */
    RISK_STATE("Risk state"),
    /** One strategy's state changed (RUNNING / PAUSED / DISABLED). */
    STRATEGY_STATE("Strategy state"),
    /** A venue's circuit breaker changed state (CLOSED / OPEN / HALF_OPEN). */
    BREAKER("Circuit breaker"),
    /** A position was liquidated by the venue (seen by the kernel as a liquidation fill, or reported by the runner). */
    LIQUIDATION("Liquidation"),
    /** Reconciliation found a difference with the venue and adopted the venue's value. */
    DRIFT("Reconciliation drift"),
    /** A venue report could not be applied (illegal transition, overfill, unknown order). */
    ANOMALY("Report anomaly"),
    /** Anything else the runner wants on the timeline (a note, a phase of the scenario). */
    NOTE("Note");

    private final String label;

    TimelineCategory(final String label) {
        this.label = label;
    }

    /** A human-readable name, e.g. "Circuit breaker". */
    public String label() {
        return label;
    }

    /** The CSS class suffix of the category, e.g. {@code risk-state}. */
    public String cssName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
