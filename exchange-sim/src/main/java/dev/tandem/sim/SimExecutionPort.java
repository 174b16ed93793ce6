package dev.tandem.sim;

import dev.tandem.kernel.command.AmendOrder;
import dev.tandem.kernel.command.CancelAllOrders;
import dev.tandem.kernel.command.CancelOrder;
import dev.tandem.kernel.command.QueryBalances;
import dev.tandem.kernel.command.QueryOpenOrders;
import dev.tandem.kernel.command.QueryOrder;
import dev.tandem.kernel.command.QueryPositions;
import dev.tandem.kernel.command.SubmitOrder;
import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.ExecutionReport;
import dev.tandem.kernel.event.VenueAmendRejected;
import dev.tandem.kernel.event.VenueCancelRejected;
import dev.tandem.kernel.event.VenueRejected;
import dev.tandem.kernel.event.VenueRequestFailed;
import dev.tandem.kernel.model.ClientOrderId;
import dev.tandem.kernel.model.FailureKind;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.RequestKind;
import dev.tandem.kernel.port.ExecutionPort;
import dev.tandem.sim.fault.FaultInjector;
import dev.tandem.sim.fault.FaultType;
import dev.tandem.sim.fault.FaultVariant;
import dev.tandem.sim.fault.InjectedFault;
import dev.tandem.sim.fault.LatencyModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;

/**
 * The kernel's {@link ExecutionPort} for one account on a {@link SimVenue}.
 *
 * <p><b>Requests.</b> Every command reaches the venue after the order-entry latency (submit, amend, queries) or the
 * cancel latency (cancel, cancel-all), as a loop action ({@link dev.tandem.kernel.SimulationLoop#scheduleAction}).
 * Requests travel one connection: they arrive in the order they were sent (a request never overtakes an earlier
 * one, whatever the jitter). On arrival the fault gate decides, in this order: a scripted one-shot failure
 * ({@link #failNext}); an OUTAGE (TIMEOUT: not processed, {@code UNKNOWN_OUTCOME} when the client's request timeout
 * expires; CONNECTION_REFUSED / HTTP_5XX: not processed, {@code TRANSIENT}); a RATE_LIMIT (not processed,
 * {@code RATE_LIMITED} with retry-after); a MAINTENANCE_HALT (orders, cancels and amends rejected with
 * {@code VENUE_MAINTENANCE}; cancel-all and queries fail {@code TRANSIENT}); a LOST_ACK (submit, cancel, amend:
 * processed, every report about its order produced meanwhile lost, {@code UNKNOWN_OUTCOME} at the timeout);
 * otherwise the venue processes it.
 *
 * <p><b>Reports.</b> Everything the venue says to this account (answers, fills, cancels, query results) is
 * published to the loop with {@code tsEventNanos} = venue time and {@code tsInitNanos} = venue time + report
 * latency, in the order produced (one stream; jitter never reorders it) — except under REORDER_REPORTS (each report
 * delayed by a seeded amount, so later ones overtake it) and DUPLICATE_REPORTS (a copy follows). Failures the
 * client detects itself (timeouts) arrive at the send time + timeout instead.
 *
 * <p>One port per account: {@link SimVenue#executionPort(long)}.
 */
public final class SimExecutionPort implements ExecutionPort {

    private record ScriptedFailure(FailureKind failure, long retryAfterNanos) {}

    private final SimVenue venue;
    private final long account;
    private final EnumMap<RequestKind, ArrayDeque<ScriptedFailure>> scripted = new EnumMap<>(RequestKind.class);
    private long lastArrivalNanos = Long.MIN_VALUE;
    private long lastReportNanos = Long.MIN_VALUE;
    private long requests;
    private long reports;
    private long lost;
    /** While a request whose answer is lost is processed: the order whose reports are lost (the answer), or null. */
    private ClientOrderId losing;
    /** Reports held back (CANCEL_REJECT_FILLED), or null. */
    private List<ExecutionReport> held;
    /** Rate-limit answers given so far. */
    private long rateLimitAnswers;
    /** Venue time until which the last rate-limit answer told the client to wait. */
    private long retryAfterUntilNanos = Long.MIN_VALUE;
    /** When the client received the last rate-limit answer (Long.MAX_VALUE while it never did: lost or held). */
    private long retryAfterToldNanos = Long.MAX_VALUE;
    /** Venue times of the retry-after violations so far. */
    private final List<Long> retryAfterViolations = new ArrayList<>();
    /** Arrival time of the last report published, for {@link #retryAfterToldNanos}. */
    private long lastPublishedAtNanos = Long.MAX_VALUE;

    SimExecutionPort(final SimVenue venue, final long account) {
        this.venue = venue;
        this.account = account;
        for (final RequestKind k : RequestKind.values()) {
            scripted.put(k, new ArrayDeque<>());
        }
    }

    /** The account this port trades. */
    public long account() {
        return account;
    }

    /** Requests received by the venue so far (processed or failed). */
    public long requestsReceived() {
        return requests;
    }

    /** Reports published to the kernel so far (duplicates included). */
    public long reportsPublished() {
        return reports;
    }

    /** Reports lost by lost acknowledgements so far. */
    public long reportsLost() {
        return lost;
    }

    /**
     * Venue times of the <b>retry-after violations</b> so far: requests that arrived while a RATE_LIMIT fault was
     * active, before the retry-after of the last rate-limit answer had passed, and that the client sent after it had
     * received that answer — i.e. it was told to wait and did not. Real venues escalate on exactly this (Binance
     * and MEXC answer HTTP 418 and ban the IP, Bybit extends the block); the simulator counts it and does not ban
     * (a named simplification). Requests already on the way when the answer arrived are not violations.
     */
    public List<Long> retryAfterViolations() {
        return Collections.unmodifiableList(retryAfterViolations);
    }

    /**
     * Scripts a one-shot failure of the next request of this kind to reach the venue (the contract suite's fault
     * capability; scenario files use {@link dev.tandem.sim.fault.FaultPlan}s): TRANSIENT and RATE_LIMITED requests
     * are not processed; an UNKNOWN_OUTCOME request is processed and its answer lost. Logged in the fault log as a
     * HIT of OUTAGE (HTTP_5XX), RATE_LIMIT or LOST_ACK.
     */
    public void failNext(final RequestKind kind, final FailureKind failure, final long retryAfterNanos) {
        scripted.get(Objects.requireNonNull(kind, "kind")).addLast(new ScriptedFailure(Objects.requireNonNull(failure, "failure"),
                retryAfterNanos));
    }

    // ------------------------------------------------------------------ ExecutionPort

    @Override
    public String venue() {
        return venue.name();
    }

    @Override
    public void submit(final SubmitOrder c) {
        send(RequestKind.SUBMIT, c.clientOrderId(), c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.submit(this, c));
    }

    @Override
    public void cancel(final CancelOrder c) {
        send(RequestKind.CANCEL, c.clientOrderId(), c.commandId(), LatencyModel.Operation.CANCEL, () -> venue.cancel(this, c));
    }

    @Override
    public void amend(final AmendOrder c) {
        send(RequestKind.AMEND, c.clientOrderId(), c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.amend(this, c));
    }

    @Override
    public void cancelAll(final CancelAllOrders c) {
        send(RequestKind.CANCEL_ALL, null, c.commandId(), LatencyModel.Operation.CANCEL, () -> venue.cancelAll(this, c));
    }

    @Override
    public void queryOrder(final QueryOrder c) {
        send(RequestKind.QUERY_ORDER, c.clientOrderId(), c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.queryOrder(this, c));
    }

    @Override
    public void queryOpenOrders(final QueryOpenOrders c) {
        send(RequestKind.QUERY_OPEN_ORDERS, null, c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.queryOpenOrders(this, c));
    }

    @Override
    public void queryPositions(final QueryPositions c) {
        send(RequestKind.QUERY_POSITIONS, null, c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.queryPositions(this, c));
    }

    @Override
    public void queryBalances(final QueryBalances c) {
        send(RequestKind.QUERY_BALANCES, null, c.commandId(), LatencyModel.Operation.ORDER_ENTRY, () -> venue.queryBalances(this, c));
    }

    // ------------------------------------------------------------------ requests

    private void send(final RequestKind kind, final ClientOrderId id, final long commandId, final LatencyModel.Operation op,
                      final Runnable process) {
        final long sent = venue.loop().nowNanos();
        final long arrival = Math.max(lastArrivalNanos, sent + venue.latency(op));
        lastArrivalNanos = arrival;
        venue.loop().scheduleAction(arrival, () -> arrive(kind, id, commandId, sent, process));
    }

    /** A request reaches the venue: the fault gate, then (maybe) the venue. */
    private void arrive(final RequestKind kind, final ClientOrderId id, final long commandId, final long sentNanos,
                        final Runnable process) {
        requests++;
        try {
            gate(kind, id, commandId, sentNanos, process);
        } finally {
            venue.endAction();
        }
    }

    private void gate(final RequestKind kind, final ClientOrderId id, final long commandId, final long sentNanos,
                      final Runnable process) {
        final FaultInjector faults = venue.faults();
        final long now = venue.loop().nowNanos();
        final String what = kind + (id == null ? "" : " " + id) + " (command " + commandId + ")";

        final ScriptedFailure s = scripted.get(kind).pollFirst();
        if (s != null) {
            switch (s.failure()) {
                case TRANSIENT -> {
                    faults.scriptedHit(FaultType.OUTAGE, now, "scripted TRANSIENT failure of " + what);
                    deliver(failed(kind, id, commandId, FailureKind.TRANSIENT, 0, "scripted: " + FaultVariant.HTTP_5XX.detail(), now));
                }
                case RATE_LIMITED -> {
                    faults.scriptedHit(FaultType.RATE_LIMIT, now, "scripted RATE_LIMITED answer to " + what);
                    deliver(failed(kind, id, commandId, FailureKind.RATE_LIMITED, s.retryAfterNanos(),
                            "scripted: " + FaultVariant.HTTP_429.detail(), now));
                }
                case UNKNOWN_OUTCOME -> {
                    faults.scriptedHit(FaultType.LOST_ACK, now, "scripted lost answer to " + what);
                    processLosingAnswer(id, process);
                    timeout(kind, id, commandId, sentNanos, 0, "scripted: answer lost");
                }
                default -> throw new IllegalStateException("unhandled failure " + s.failure());
            }
            return;
        }

        final InjectedFault outage = faults.active(FaultType.OUTAGE, now);
        if (outage != null && faults.roll(outage)) {
            faults.hit(outage, now, outage.fault().variant() + ": " + what + " not processed");
            if (outage.fault().variant() == FaultVariant.TIMEOUT) {
                timeout(kind, id, commandId, sentNanos, outage.fault().magnitude(), FaultVariant.TIMEOUT.detail());
            } else {
                deliver(failed(kind, id, commandId, FailureKind.TRANSIENT, 0, outage.fault().variant().detail(), now));
            }
            return;
        }

        final InjectedFault limited = faults.active(FaultType.RATE_LIMIT, now);
        if (limited != null && faults.roll(limited)) {
            final long retryAfter = limited.fault().magnitude() > 0 ? limited.fault().magnitude() : limited.fault().endNanos() - now;
            String violation = "";
            if (now < retryAfterUntilNanos && sentNanos >= retryAfterToldNanos) {
                retryAfterViolations.add(now);
                violation = "; retry-after violation #" + retryAfterViolations.size() + " (sent before the retry-after it"
                        + " was given had passed)";
            }
            faults.hit(limited, now, limited.fault().variant() + ": " + what + " refused, retry after " + retryAfter + " ns"
                    + violation);
            rateLimitAnswers++;
            retryAfterUntilNanos = now + retryAfter;
            lastPublishedAtNanos = Long.MAX_VALUE;
            deliver(failed(kind, id, commandId, FailureKind.RATE_LIMITED, retryAfter, limited.fault().variant().detail(), now));
            retryAfterToldNanos = lastPublishedAtNanos;
            return;
        }

        final InjectedFault maintenance = faults.active(FaultType.MAINTENANCE_HALT, now);
        if (maintenance != null) {
            faults.hit(maintenance, now, what + " refused: venue under maintenance");
            final String text = "venue under maintenance";
            switch (kind) {
                case SUBMIT -> deliver(new VenueRejected(venue.name(), id, ReasonCode.VENUE_MAINTENANCE, text, now, now));
                case CANCEL -> deliver(new VenueCancelRejected(venue.name(), id, ReasonCode.VENUE_MAINTENANCE, text, now, now));
                case AMEND -> deliver(new VenueAmendRejected(venue.name(), id, ReasonCode.VENUE_MAINTENANCE, text, now, now));
                default -> deliver(failed(kind, id, commandId, FailureKind.TRANSIENT, 0, ReasonCode.VENUE_MAINTENANCE + ": " + text, now));
            }
            return;
        }

        if (kind == RequestKind.SUBMIT || kind == RequestKind.CANCEL || kind == RequestKind.AMEND) {
            final InjectedFault lostAck = faults.active(FaultType.LOST_ACK, now);
            if (lostAck != null && faults.roll(lostAck)) {
                final long before = lost;
                processLosingAnswer(id, process);
                faults.hit(lostAck, now, what + " processed, its answer lost (" + (lost - before) + " report(s))");
                timeout(kind, id, commandId, sentNanos, lostAck.fault().magnitude(), "no answer (timeout): acknowledgement lost");
                return;
            }
        }
        process.run();
    }

    /**
     * Processes a request whose answer is lost: every report about its order produced while it is processed (the
     * acknowledgement, immediate fills and cancels) is lost. Reports about other orders (a stop the request's trades
     * triggered) travel the report stream as usual.
     */
    private void processLosingAnswer(final ClientOrderId id, final Runnable process) {
        losing = id;
        try {
            process.run();
        } finally {
            losing = null;
        }
    }

    private VenueRequestFailed failed(final RequestKind kind, final ClientOrderId id, final long commandId, final FailureKind failure,
                                      final long retryAfterNanos, final String detail, final long now) {
        return new VenueRequestFailed(venue.name(), kind, id, commandId, failure, retryAfterNanos, detail, now, now);
    }

    /** The client gives up waiting: UNKNOWN_OUTCOME at the send time + timeout (not before now). */
    private void timeout(final RequestKind kind, final ClientOrderId id, final long commandId, final long sentNanos,
                         final long timeoutNanos, final String detail) {
        final long timeout = timeoutNanos > 0 ? timeoutNanos : venue.config().requestTimeoutNanos();
        final long at = Math.max(venue.loop().nowNanos(), sentNanos + timeout);
        reports++;
        venue.loop().publish(new VenueRequestFailed(venue.name(), kind, id, commandId, FailureKind.UNKNOWN_OUTCOME, 0,
                detail + " after " + timeout + " ns", at, at));
    }

    // ------------------------------------------------------------------ reports (from the venue)

    /** Publishes a report to the kernel after the report latency (and the report-stream faults). */
    void deliver(final ExecutionReport r) {
        if (losing != null && losing.equals(Restamp.clientOrderIdOf(r))) {
            lost++;
            return;
        }
        if (held != null) {
            held.add(r);
            return;
        }
        publish(r, 0);
    }

    /** Starts holding this port's reports back (CANCEL_REJECT_FILLED). */
    void holdReports() {
        held = new ArrayList<>();
    }

    /** Stops holding; returns what was held, in order. */
    List<ExecutionReport> releaseHeld() {
        final List<ExecutionReport> out = held == null ? List.of() : held;
        held = null;
        return out;
    }

    /** Publishes held reports, each {@code extraNanos} later than it would arrive otherwise (the stream keeps its order). */
    void deliverLate(final List<ExecutionReport> reportsToSend, final long extraNanos) {
        for (final ExecutionReport r : reportsToSend) {
            if (losing != null && losing.equals(Restamp.clientOrderIdOf(r))) {
                lost++;
            } else {
                publish(r, extraNanos);
            }
        }
    }

    private void publish(final ExecutionReport r, final long extraNanos) {
        final FaultInjector faults = venue.faults();
        final long now = venue.loop().nowNanos();
        long at = Math.max(lastReportNanos, now + venue.latency(LatencyModel.Operation.REPORT) + extraNanos);
        final InjectedFault reorder = faults.active(FaultType.REORDER_REPORTS, now);
        if (reorder != null && faults.roll(reorder)) {
            at += faults.draw(FaultType.REORDER_REPORTS, reorder.fault().magnitude());
            faults.count(reorder); // not the stream's watermark: later reports may overtake this one
        } else {
            lastReportNanos = at;
        }
        reports++;
        lastPublishedAtNanos = at;
        venue.loop().publish(Restamp.report(r, at));
        final InjectedFault dup = faults.active(FaultType.DUPLICATE_REPORTS, now);
        if (dup != null && faults.roll(dup)) {
            faults.count(dup);
            reports++;
            venue.loop().publish(Restamp.report(r, at + dup.fault().magnitude()));
        }
    }

    void digest(final StateDigest d) {
        d.section("port").putLong(account).putLong(lastArrivalNanos).putLong(lastReportNanos).putLong(requests)
                .putLong(reports).putLong(lost);
        if (rateLimitAnswers > 0) {
            // only once a rate limit was answered, so digests of runs without one are unchanged
            d.putLong(rateLimitAnswers).putLong(retryAfterUntilNanos).putLong(retryAfterToldNanos).putInt(retryAfterViolations.size());
        }
        for (final ArrayDeque<ScriptedFailure> q : scripted.values()) {
            d.putInt(q.size());
            for (final ScriptedFailure s : q) {
                d.putEnum(s.failure()).putLong(s.retryAfterNanos());
            }
        }
    }
}
