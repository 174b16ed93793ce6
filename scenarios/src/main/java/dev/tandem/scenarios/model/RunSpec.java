package dev.tandem.scenarios.model;

/**
 * When and how the run goes.
 *
 * @param startNanos          the kernel clock's start (epoch nanoseconds)
 * @param endNanos            the run stops after everything due at or before this time
 * @param sampleEveryNanos    equity is sampled on this grid (and at the end) for drawdown and the equity series
 * @param reconcileEveryNanos periodic reconciliation with the venue; 0 = only at start and after the breaker closes
 * @param requestTimeoutNanos how long the client waits for an answer that never comes (outage timeouts, lost acks)
 * @param crash               a simulated kernel crash and restart, or null for none
 */
public record RunSpec(long startNanos, long endNanos, long sampleEveryNanos, long reconcileEveryNanos,
                      long requestTimeoutNanos, KernelCrash crash) {

    /** How a restarted kernel rebuilds its state. */
    public enum Restore {
        /** A fresh kernel with the same configuration and fresh strategies replays the journal up to the crash. */
        JOURNAL,
        /** {@code Kernel.restore} from a snapshot taken at the crash. */
        SNAPSHOT
    }

    /**
     * The kernel process dies at {@code atNanos} and a new one starts {@code downtimeNanos} later. While it is down
     * nothing the venue sends reaches it (reports and market data are lost) and it sends nothing; the venue, the market
     * and the agents go on. The new kernel rebuilds its state from the journal (or a snapshot) as of the crash, fires
     * the timers that fell due while it was down, and reconciles with the venue before anything else reaches it.
     */
    public record KernelCrash(long atNanos, long downtimeNanos, Restore restore) {
        public KernelCrash {
            if (downtimeNanos < 0 || restore == null) {
                throw new IllegalArgumentException("downtime must be >= 0 and the restore mode given");
            }
        }

        /** When the new kernel starts. */
        public long restartNanos() {
            return atNanos + downtimeNanos;
        }
    }

    /** A run without a crash. */
    public RunSpec(final long startNanos, final long endNanos, final long sampleEveryNanos, final long reconcileEveryNanos,
                   final long requestTimeoutNanos) {
        this(startNanos, endNanos, sampleEveryNanos, reconcileEveryNanos, requestTimeoutNanos, null);
    }

    public RunSpec {
        if (endNanos <= startNanos) {
            throw new IllegalArgumentException("the run must end after it starts");
        }
        if (sampleEveryNanos <= 0 || requestTimeoutNanos <= 0 || reconcileEveryNanos < 0) {
            throw new IllegalArgumentException("sampling and request timeout must be positive, reconciliation >= 0");
        }
        if (crash != null && (crash.atNanos() <= startNanos || crash.restartNanos() >= endNanos)) {
            throw new IllegalArgumentException("the kernel must crash after the start and restart before the end");
        }
    }

    /** The run's length. */
    public long lengthNanos() {
        return endNanos - startNanos;
    }
}
