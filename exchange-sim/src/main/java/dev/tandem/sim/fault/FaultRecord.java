package dev.tandem.sim.fault;

import dev.tandem.kernel.digest.StateDigest;
import java.util.Objects;

/**
 * One entry of the venue's fault log: the venue-side record of an injected fault, for tests and reports, covered
 * by the venue's digest.
 *
 * @param timeNanos venue time
 * @param type      the fault type
 * @param phase     START, HIT or END
 * @param detail    what happened, in words (parameters, the request or report hit, counts)
 */
public record FaultRecord(long timeNanos, FaultType type, FaultPhase phase, String detail) {
    public FaultRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
    }

    /** Writes this record into a digest. */
    public void writeTo(final StateDigest d) {
        d.putLong(timeNanos).putEnum(type).putEnum(phase).putString(detail);
    }

    @Override
    public String toString() {
        return timeNanos + " " + type + " " + phase + " " + detail;
    }
}
