package dev.tandem.scenarios.run;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.scenarios.check.Violation;
import dev.tandem.scenarios.expect.RunFacts;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.SimVenue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything a run recorded, and the final kernel and venue: what expectations and results are computed from. */
public final class RunRecord implements RunFacts {
    private final long startNanos;
    private final long endNanos;
    private final long kernelAccount;
    private final List<KernelEvent> events = new ArrayList<>();
    private final List<SentCommand> sent = new ArrayList<>();
    private final List<EquitySample> equity = new ArrayList<>();
    private List<Violation> violations = List.of();
    private Kernel kernel;
    private SimVenue venue;

    RunRecord(final long startNanos, final long endNanos, final long kernelAccount) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.kernelAccount = kernelAccount;
    }

    void bind(final Kernel k, final SimVenue v) {
        this.kernel = k;
        this.venue = v;
    }

    void event(final KernelEvent e) {
        events.add(e);
    }

    void sent(final SentCommand c) {
        sent.add(c);
    }

    void violations(final List<Violation> found) {
        this.violations = List.copyOf(found);
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }

    void equity(final long nanos, final long money) {
        equity.add(new EquitySample(nanos, money));
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long endNanos() {
        return endNanos;
    }

    @Override
    public List<KernelEvent> events() {
        return Collections.unmodifiableList(events);
    }

    @Override
    public List<SentCommand> sent() {
        return Collections.unmodifiableList(sent);
    }

    @Override
    public List<EquitySample> equity() {
        return Collections.unmodifiableList(equity);
    }

    @Override
    public Kernel kernel() {
        return kernel;
    }

    @Override
    public SimVenue venue() {
        return venue;
    }

    @Override
    public long kernelAccount() {
        return kernelAccount;
    }

    @Override
    public String formatTime(final long nanos) {
        return TimeText.formatRunTime(nanos, startNanos);
    }
}
