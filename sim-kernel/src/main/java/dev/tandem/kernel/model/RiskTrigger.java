package dev.tandem.kernel.model;

/** What caused a trading-state or strategy-state change (the audit trail's "trigger"). */
public enum RiskTrigger {
    KILL_SWITCH,
    OPERATOR,
    DAILY_LOSS,
    DRAWDOWN,
    MARGIN_RATIO,
    ORDER_RATE_ABUSE,
    VENUE_FAILURES,
    DATA_STALE,
    DATA_FRESH,
    BREAKER_OPEN,
    BREAKER_CLOSED,
    EDGE_COLLAPSE,
    NEW_TRADING_DAY
}
