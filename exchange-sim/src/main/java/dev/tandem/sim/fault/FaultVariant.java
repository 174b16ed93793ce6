package dev.tandem.sim.fault;

/** The mode of an {@link FaultType#OUTAGE} or the flavour of a {@link FaultType#RATE_LIMIT}; NONE for the others. */
public enum FaultVariant {
    /** No variant (every fault type except OUTAGE and RATE_LIMIT). */
    NONE(null, ""),
    /** Outage: requests time out; order entry ends in an unknown outcome. */
    TIMEOUT(FaultType.OUTAGE, "request timed out (venue unreachable)"),
    /** Outage: the connection is refused at once (transient). */
    CONNECTION_REFUSED(FaultType.OUTAGE, "connection refused"),
    /** Outage: the venue answers HTTP 503 (transient). */
    HTTP_5XX(FaultType.OUTAGE, "HTTP 503 Service Unavailable"),
    /** Rate limit: HTTP 429 Too Many Requests. */
    HTTP_429(FaultType.RATE_LIMIT, "HTTP 429 Too Many Requests"),
    /** Rate limit: Bybit v5 retCode 10006 "Too many visits". */
    BYBIT_10006(FaultType.RATE_LIMIT, "Bybit retCode 10006: Too many visits"),
    /** Rate limit: MEXC HTTP 418, the IP is banned for repeated violations. */
    MEXC_418(FaultType.RATE_LIMIT, "MEXC HTTP 418: IP banned after repeated rate-limit violations");

    private final FaultType type;
    private final String detail;

    FaultVariant(final FaultType type, final String detail) {
        this.type = type;
        this.detail = detail;
    }

    /** The fault type this variant belongs to (null for NONE). */
    public FaultType type() {
        return type;
    }

    /** What a client would see, for the failure's detail text. */
    public String detail() {
        return detail;
    }
}
