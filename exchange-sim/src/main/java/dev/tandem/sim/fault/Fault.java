package dev.tandem.sim.fault;

import java.util.Objects;

/**
 * One scheduled fault: a type, when it starts, for how long, and its parameters. Built with the static factories
 * (one per type) or, from configuration and scenario files, with the canonical constructor, which validates every
 * field against the type.
 *
 * <p>The meaning of {@code magnitude} depends on the type (0 picks the default where one is given):
 * <ul>
 *   <li>OUTAGE (TIMEOUT) and LOST_ACK: the client's request timeout in nanoseconds (default: the venue's
 *       {@code requestTimeoutNanos});</li>
 *   <li>RATE_LIMIT: the retry-after in nanoseconds (default: what is left of the window);</li>
 *   <li>LATENCY_SPIKE: the extra latency in nanoseconds (required, positive);</li>
 *   <li>DUPLICATE_REPORTS: how much later than the original the copy arrives, in nanoseconds;</li>
 *   <li>REORDER_REPORTS: the largest extra delay of a report, in nanoseconds (required, positive);</li>
 *   <li>CANCEL_REJECT_FILLED: how much later than the cancel rejection the fill reports arrive, in nanoseconds;</li>
 *   <li>PRICE_GAP: the jump in basis points, signed (required, non-zero, above -10 000);</li>
 *   <li>FORCED_LIQUIDATION: how far beyond the reference price, in basis points against the position, the venue
 *       closes it (0: at the reference price);</li>
 *   <li>everything else: unused, 0.</li>
 * </ul>
 *
 * @param type          what goes wrong
 * @param atNanos       venue time the fault starts
 * @param durationNanos how long a windowed fault lasts (positive); 0 for instant faults
 * @param symbol        the instrument symbol it applies to, or null for every instrument of the venue (only
 *                      MD_GAP, STALE_BOOK, PRICE_GAP, EXTERNAL_CLOSE and FORCED_LIQUIDATION look at it)
 * @param variant       the outage mode or rate-limit flavour; NONE for the other types
 * @param probability   chance that the fault hits each candidate (request, report, market-data event), in (0, 1]
 * @param magnitude     the type's amount (see above)
 */
public record Fault(FaultType type, long atNanos, long durationNanos, String symbol, FaultVariant variant,
                    double probability, long magnitude) {

    public Fault {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(variant, "variant");
        if (atNanos < 0) {
            throw new IllegalArgumentException(type + ": start time must not be negative: " + atNanos);
        }
        if (type.windowed() ? durationNanos <= 0 : durationNanos != 0) {
            throw new IllegalArgumentException(type + (type.windowed() ? " needs a positive duration" : " is instant: duration must be 0")
                    + ", got " + durationNanos);
        }
        if (atNanos > Long.MAX_VALUE - durationNanos) {
            throw new IllegalArgumentException(type + ": start + duration overflows");
        }
        if (!(probability > 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException(type + ": probability must be in (0, 1], got " + probability);
        }
        final boolean variantNeeded = type == FaultType.OUTAGE || type == FaultType.RATE_LIMIT;
        if (variantNeeded ? variant.type() != type : variant != FaultVariant.NONE) {
            throw new IllegalArgumentException(type + ": variant " + variant + " does not apply");
        }
        if (symbol != null && symbol.isEmpty()) {
            throw new IllegalArgumentException(type + ": symbol must be null (all) or non-empty");
        }
        switch (type) {
            case LATENCY_SPIKE, REORDER_REPORTS -> require(magnitude > 0, type + " needs a positive magnitude (nanoseconds)");
            case PRICE_GAP -> require(magnitude != 0 && magnitude > -10_000, "PRICE_GAP needs a non-zero jump above -10000 bps");
            default -> require(magnitude >= 0, type + ": magnitude must not be negative");
        }
    }

    private static void require(final boolean ok, final String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    // ------------------------------------------------------------------ factories

    /** The venue is unreachable for {@code durationNanos}: TIMEOUT, CONNECTION_REFUSED or HTTP_5XX. */
    public static Fault outage(final long atNanos, final long durationNanos, final FaultVariant mode) {
        return new Fault(FaultType.OUTAGE, atNanos, durationNanos, null, mode, 1.0, 0);
    }

    /** Every request is rate limited; {@code retryAfterNanos} 0 means "until the window ends". */
    public static Fault rateLimit(final long atNanos, final long durationNanos, final FaultVariant flavour, final long retryAfterNanos) {
        return new Fault(FaultType.RATE_LIMIT, atNanos, durationNanos, null, flavour, 1.0, retryAfterNanos);
    }

    /** Every latency grows by {@code extraNanos}. */
    public static Fault latencySpike(final long atNanos, final long durationNanos, final long extraNanos) {
        return new Fault(FaultType.LATENCY_SPIKE, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, extraNanos);
    }

    /** The market-data feed is down, then resyncs. */
    public static Fault mdDisconnect(final long atNanos, final long durationNanos) {
        return new Fault(FaultType.MD_DISCONNECT, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, 0);
    }

    /** Market-data events are dropped with this probability. */
    public static Fault mdGap(final long atNanos, final long durationNanos, final double dropProbability) {
        return new Fault(FaultType.MD_GAP, atNanos, durationNanos, null, FaultVariant.NONE, dropProbability, 0);
    }

    /** Book snapshots and quotes are frozen. */
    public static Fault staleBook(final long atNanos, final long durationNanos) {
        return new Fault(FaultType.STALE_BOOK, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, 0);
    }

    /** Answers to order-entry requests are lost with this probability (the request itself is processed). */
    public static Fault lostAck(final long atNanos, final long durationNanos, final double probability) {
        return new Fault(FaultType.LOST_ACK, atNanos, durationNanos, null, FaultVariant.NONE, probability, 0);
    }

    /** Reports are delivered twice with this probability. */
    public static Fault duplicateReports(final long atNanos, final long durationNanos, final double probability) {
        return new Fault(FaultType.DUPLICATE_REPORTS, atNanos, durationNanos, null, FaultVariant.NONE, probability, 0);
    }

    /** Reports are delayed by up to {@code maxExtraDelayNanos}, so they overtake each other. */
    public static Fault reorderReports(final long atNanos, final long durationNanos, final long maxExtraDelayNanos) {
        return new Fault(FaultType.REORDER_REPORTS, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, maxExtraDelayNanos);
    }

    /** Cancels of resting orders find them filled; the fills are reported {@code fillReportDelayNanos} after the rejection. */
    public static Fault cancelRejectFilled(final long atNanos, final long durationNanos, final long fillReportDelayNanos) {
        return new Fault(FaultType.CANCEL_REJECT_FILLED, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, fillReportDelayNanos);
    }

    /** The venue rejects everything with VENUE_MAINTENANCE. */
    public static Fault maintenanceHalt(final long atNanos, final long durationNanos) {
        return new Fault(FaultType.MAINTENANCE_HALT, atNanos, durationNanos, null, FaultVariant.NONE, 1.0, 0);
    }

    /** The last and mark prices of {@code symbol} (null: all) jump by {@code bps} basis points. */
    public static Fault priceGap(final long atNanos, final String symbol, final long bps) {
        return new Fault(FaultType.PRICE_GAP, atNanos, 0, symbol, FaultVariant.NONE, 1.0, bps);
    }

    /** Positions in {@code symbol} (null: all) are closed outside the kernel. */
    public static Fault externalClose(final long atNanos, final String symbol) {
        return new Fault(FaultType.EXTERNAL_CLOSE, atNanos, 0, symbol, FaultVariant.NONE, 1.0, 0);
    }

    /** The venue liquidates positions in {@code symbol} (null: all) at its reference price. */
    public static Fault forcedLiquidation(final long atNanos, final String symbol) {
        return new Fault(FaultType.FORCED_LIQUIDATION, atNanos, 0, symbol, FaultVariant.NONE, 1.0, 0);
    }

    // ------------------------------------------------------------------ copies and queries

    /** A copy for one symbol. */
    public Fault withSymbol(final String newSymbol) {
        return new Fault(type, atNanos, durationNanos, newSymbol, variant, probability, magnitude);
    }

    /** A copy with another probability. */
    public Fault withProbability(final double p) {
        return new Fault(type, atNanos, durationNanos, symbol, variant, p, magnitude);
    }

    /** A copy with another magnitude. */
    public Fault withMagnitude(final long m) {
        return new Fault(type, atNanos, durationNanos, symbol, variant, probability, m);
    }

    /** A copy starting at another time. */
    public Fault at(final long newAtNanos) {
        return new Fault(type, newAtNanos, durationNanos, symbol, variant, probability, magnitude);
    }

    /** When the window closes (exclusive); equal to {@link #atNanos()} for instant faults. */
    public long endNanos() {
        return atNanos + durationNanos;
    }

    /** True if a windowed fault covers this venue time. */
    public boolean covers(final long nanos) {
        return nanos >= atNanos && nanos < atNanos + durationNanos;
    }

    /** True if the fault applies to this symbol (a fault without symbol applies to all). */
    public boolean appliesTo(final String s) {
        return symbol == null || symbol.equals(s);
    }

    /** The parameters in words, for the fault log. */
    public String describe() {
        final StringBuilder sb = new StringBuilder();
        sb.append(type);
        if (variant != FaultVariant.NONE) {
            sb.append(' ').append(variant);
        }
        if (durationNanos > 0) {
            sb.append(" for ").append(durationNanos).append(" ns");
        }
        if (symbol != null) {
            sb.append(" on ").append(symbol);
        }
        if (probability < 1.0) {
            // six decimals with integer arithmetic: Double.toString differs between JDK versions
            final long micros = Math.min(999_999, Math.round(probability * 1_000_000.0));
            final String digits = Long.toString(1_000_000 + micros).substring(1);
            sb.append(" p=0.").append(digits);
        }
        if (magnitude != 0) {
            sb.append(" magnitude=").append(magnitude);
        }
        return sb.toString();
    }
}
