package dev.tandem.kernel;

import dev.tandem.kernel.data.DataEngine;
import dev.tandem.kernel.execution.ExecutionSnapshot;
import dev.tandem.kernel.journal.CanonicalCodec;
import dev.tandem.kernel.model.StrategyId;
import dev.tandem.kernel.portfolio.PortfolioSnapshot;
import dev.tandem.kernel.risk.RiskSnapshot;
import java.util.List;
import java.util.SortedMap;
import java.util.Objects;

/**
 * Everything a {@link Kernel} needs to continue a run exactly (DESIGN §2.8, fast restart): taken with
 * {@link Kernel#snapshot()} between inbound events, restored with {@link Kernel#restore}. Immutable values only
 * (longs, ints, booleans, strings, enums, ids, records, lists, sorted maps), so it has a canonical one-line text
 * form ({@link #toText()}, {@link #fromText(String)}) written with the kernel's {@link CanonicalCodec}.
 *
 * <p>Not in here: the configuration (the caller supplies it; {@link #configFingerprint} must match), the execution
 * ports and the venue's own state, the journal, listeners, and strategy objects (only the state of
 * {@link dev.tandem.kernel.strategy.SnapshottableStrategy} instances). See docs/DETERMINISM.md.
 *
 * @param version             text-format version, {@value #VERSION}
 * @param configFingerprint   {@link KernelConfig#fingerprint()} of the run; a restore into another configuration is refused
 * @param clockNanos          kernel time
 * @param inboundSeq          inbound events handled (the journal sequence continues from here)
 * @param timers              pending timers in firing order
 * @param timerNextSeq        the timer queue's next insertion sequence
 * @param data                latest market state per instrument, in instrument order
 * @param portfolio           the portfolio
 * @param execution           the order manager: orders, breakers, limiters, queues, command and client-id counters
 * @param risk                the risk engine, including registered strategies
 * @param strategies          registered strategies in registration order
 * @param driftCandidates     reconciliation differences seen once, waiting for confirmation (key: venue|scope|id)
 * @param traceHash           the trace hash at snapshot time ({@link Kernel#traceHash()})
 * @param outboundEvents      outbound events emitted up to the snapshot ({@link Kernel#outboundEvents()})
 */
public record KernelSnapshot(
        int version,
        String configFingerprint,
        long clockNanos,
        long inboundSeq,
        List<TimerEntry> timers,
        long timerNextSeq,
        List<DataEngine.LatestSnapshot> data,
        PortfolioSnapshot portfolio,
        ExecutionSnapshot execution,
        RiskSnapshot risk,
        List<StrategyEntry> strategies,
        SortedMap<String, Long> driftCandidates,
        String traceHash,
        long outboundEvents) {

    /**
     * The current text-format version. 2: {@link #traceHash} is a trace of the binary trace encoding (32 hex digits,
     * see {@link dev.tandem.kernel.journal.TraceHash}); version 1 snapshots held a SHA-256 text trace, which a
     * restored kernel could not continue. 3: each order records {@code missingQueryFrom} (an order that
     * reconciliation found missing at the venue and is being asked about), each venue's latest booked venue time
     * and the reconciliation differences waiting for confirmation.
     */
    public static final int VERSION = 3;

    /** Copies every list; checks the fields every restore needs. */
    public KernelSnapshot {
        if (version != VERSION) {
            throw new IllegalArgumentException("kernel snapshot format version " + version + " is not supported (expected " + VERSION + ")");
        }
        Objects.requireNonNull(configFingerprint, "configFingerprint");
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(traceHash, "traceHash");
        timers = List.copyOf(timers);
        data = List.copyOf(data);
        strategies = List.copyOf(strategies);
        driftCandidates = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(driftCandidates));
    }

    /**
     * One pending timer, exactly as queued.
     *
     * @param name          timer name (its owner is the part before the first ':')
     * @param deadlineNanos when it fires
     * @param seq           its insertion sequence (orders timers with equal deadline and name)
     */
    public record TimerEntry(String name, long deadlineNanos, long seq) {}

    /**
     * One registered strategy.
     *
     * @param id          strategy id
     * @param randomState state of its random stream ({@code StrategyContext.random()})
     * @param state       {@link dev.tandem.kernel.strategy.SnapshottableStrategy#saveState()}, or null when the
     *                    strategy does not implement it (it is restarted with {@code onStart})
     */
    public record StrategyEntry(StrategyId id, long randomState, String state) {}

    private static final class Codec {
        static final CanonicalCodec INSTANCE = new CanonicalCodec(List.of(KernelSnapshot.class));
    }

    /** The canonical one-line text form (no line breaks; equal snapshots give equal text). */
    public String toText() {
        return Codec.INSTANCE.encode(this);
    }

    /**
     * Reads text written by {@link #toText()}.
     *
     * @throws IllegalArgumentException when the text is not a kernel snapshot, naming what is wrong
     */
    public static KernelSnapshot fromText(final String text) {
        final Object o;
        try {
            o = Codec.INSTANCE.decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a readable kernel snapshot: " + e.getMessage(), e);
        }
        if (!(o instanceof KernelSnapshot s)) {
            throw new IllegalArgumentException("not a kernel snapshot but a " + o.getClass().getSimpleName());
        }
        return s;
    }
}
