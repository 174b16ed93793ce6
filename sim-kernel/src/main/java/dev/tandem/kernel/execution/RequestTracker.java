package dev.tandem.kernel.execution;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.model.RequestKind;

/**
 * Bookkeeping for one kind of request of one order (or one cancel-all of an instrument): its status, the command
 * id of the last send (failure reports for other command ids are stale), the number of sends and the failure
 * budgets. Owned and mutated by the order manager only.
 */
final class RequestTracker {
    final RequestKind kind;
    RequestStatus status = RequestStatus.IDLE;
    long commandId;
    int attempt;
    int transientFailures;
    int rateLimitedFailures;

    RequestTracker(final RequestKind kind) {
        this.kind = kind;
    }

    /** A new request sequence: the failure budgets start over (the attempt count keeps growing for submits). */
    void startSequence() {
        transientFailures = 0;
        rateLimitedFailures = 0;
        if (kind != RequestKind.SUBMIT) {
            attempt = 0;
        }
    }

    boolean isIdle() {
        return status == RequestStatus.IDLE;
    }

    ExecutionSnapshot.RequestRecord snapshot() {
        return new ExecutionSnapshot.RequestRecord(kind, status, commandId, attempt, transientFailures, rateLimitedFailures);
    }

    void restore(final ExecutionSnapshot.RequestRecord r) {
        if (r.kind() != kind) {
            throw new IllegalArgumentException("request record of kind " + r.kind() + " restored into " + kind);
        }
        status = r.status();
        commandId = r.commandId();
        attempt = r.attempt();
        transientFailures = r.transientFailures();
        rateLimitedFailures = r.rateLimitedFailures();
    }

    void digest(final StateDigest d) {
        d.putEnum(kind).putEnum(status).putLong(commandId).putInt(attempt).putInt(transientFailures).putInt(rateLimitedFailures);
    }
}
