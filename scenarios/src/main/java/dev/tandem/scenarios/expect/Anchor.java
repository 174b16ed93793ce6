package dev.tandem.scenarios.expect;

/**
 * The moment an expectation's window starts: the run's start, a time, or a fault's start or end (resolved to
 * absolute nanoseconds when the file is loaded).
 *
 * @param nanos epoch nanoseconds
 * @param label how messages name it, e.g. {@code start of fault 'outage'}
 */
public record Anchor(long nanos, String label) {}
