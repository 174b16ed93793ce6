package dev.tandem.kernel.model;

/** Per-strategy state kept by the risk engine. */
public enum StrategyState {
    /** Intents are evaluated normally. */
    RUNNING,
    /** Temporarily not trading (stale data, venue breaker open, operator); resumes automatically or by operator. */
    PAUSED,
    /** Stopped for misbehaving (order-rate abuse, repeated venue failures); only an operator re-enables it. */
    DISABLED
}
