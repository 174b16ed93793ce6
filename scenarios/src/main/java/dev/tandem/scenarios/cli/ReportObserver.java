package dev.tandem.scenarios.cli;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.reports.Provenance;
import dev.tandem.reports.RunRecord;
import dev.tandem.reports.RunRecorder;
import dev.tandem.reports.TimelineCategory;
import dev.tandem.scenarios.model.FaultSpec;
import dev.tandem.scenarios.model.Scenario;
import dev.tandem.scenarios.run.RunObserver;
import dev.tandem.scenarios.run.ScenarioResult;
import dev.tandem.scenarios.run.ScenarioRunner;
import dev.tandem.scenarios.time.TimeText;
import dev.tandem.sim.SimVenue;
import dev.tandem.sim.account.InsuranceFundChange;
import dev.tandem.sim.account.LiquidationReport;
import dev.tandem.sim.account.Takeover;
import dev.tandem.sim.fault.Fault;
import dev.tandem.sim.fault.FaultPhase;
import dev.tandem.sim.fault.FaultRecord;
import dev.tandem.sim.fault.FaultVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Records a scenario run for its report: a {@link RunRecorder} on the kernel (every outbound event), an account
 * sample at the start and at every step of the run's sampling grid, the scenario's injected faults as timeline
 * windows (with what the venue's fault log says each one did), and the venue's own liquidations (margin ledger) as
 * timeline entries. It also keeps every sample of the grid for {@code equity.csv} (the recorder merges samples of
 * long runs into buckets; the CSV does not).
 *
 * <p>Used once, for one run, on the run's thread.
 */
final class ReportObserver implements RunObserver {

    /** One row of the full equity series: time, equity, wallet balance, exposure (money) and positions (quantities). */
    record Row(long nanos, long equityMoney, long balanceMoney, long exposureMoney, long[] positions) {}

    private final Scenario scenario;
    private final Function<ScenarioResult, Provenance> provenance;
    private final List<Row> rows = new ArrayList<>();
    private Kernel kernel;
    private SimVenue venue;
    private RunRecorder recorder;
    private int liquidationsSeen;
    private RunRecord record;

    /**
     * @param scenario   the scenario being run
     * @param provenance makes the run's provenance from its result (which holds the trace hash)
     */
    ReportObserver(final Scenario scenario, final Function<ScenarioResult, Provenance> provenance) {
        this.scenario = scenario;
        this.provenance = provenance;
    }

    @Override
    public void onStart(final Kernel k, final SimVenue v) {
        this.kernel = k;
        this.venue = v;
        this.recorder = RunRecorder.attach(k);
        // the kernel has not started: its portfolio holds the starting balances, which is the first point of the curve
        step(k.nowNanos());
    }

    @Override
    public void onStep(final long nanos) {
        step(nanos);
        final List<LiquidationReport> liquidations = venue.liquidations();
        for (; liquidationsSeen < liquidations.size(); liquidationsSeen++) {
            liquidation(nanos, liquidations.get(liquidationsSeen));
        }
    }

    @Override
    public void onFinish(final ScenarioResult result) {
        faults();
        record = recorder.finish(provenance.apply(result));
    }

    /** The run's record (after the run). */
    RunRecord record() {
        if (record == null) {
            throw new IllegalStateException("the run has not finished");
        }
        return record;
    }

    /** Every sample of the run's grid, the start first. */
    List<Row> rows() {
        return rows;
    }

    private void step(final long nanos) {
        recorder.sample(nanos);
        final List<Instrument> instruments = scenario.instruments();
        final long[] positions = new long[instruments.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = kernel.portfolio().positionQty(instruments.get(i).id());
        }
        final String currency = kernel.config().accountCurrency();
        final Row row = new Row(nanos, kernel.portfolio().equityMoney(), kernel.portfolio().balanceMoney(currency),
                kernel.portfolio().totalPositionNotionalMoney(), positions);
        if (!rows.isEmpty() && rows.get(rows.size() - 1).nanos() == nanos) {
            rows.set(rows.size() - 1, row);
        } else {
            rows.add(row);
        }
    }

    /**
     * A liquidation the venue ran (margin ledger). The venue's report carries no time; it is seen at the sampling
     * step after it happened, so the entry is placed there and says so. The kernel's own liquidation fill (our
     * account) is on the timeline at its exact time through the recorder.
     */
    private void liquidation(final long nanos, final LiquidationReport r) {
        final StringBuilder d = new StringBuilder();
        d.append(r.account() == ScenarioRunner.KERNEL_ACCOUNT ? "our account" : "account " + r.account())
                .append(": margin balance ").append(Fixed.formatMoney(r.marginBalance())).append(' ').append(r.asset())
                .append(" below the maintenance margin ").append(Fixed.formatMoney(r.maintenanceMargin()));
        for (final Takeover t : r.takeovers()) {
            d.append("; ").append(t.symbol()).append(' ').append(t.side()).append(" qty ").append(instrumentQty(t.symbol(), t.qty()))
                    .append(" taken over at mark ").append(instrumentPrice(t.symbol(), t.markPrice())).append(" (bankruptcy ")
                    .append(instrumentPrice(t.symbol(), t.bankruptcyPrice())).append(')');
        }
        if (!r.adlFills().isEmpty()) {
            d.append("; ").append(r.adlFills().size()).append(" auto-deleveraging fill(s)");
        }
        for (final InsuranceFundChange c : r.fundChanges()) {
            d.append("; insurance fund ").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                    .append(Fixed.formatMoney(c.amount())).append(" → ").append(Fixed.formatMoney(c.balanceAfter()));
        }
        d.append(" (seen at this sampling step; the venue's report has no time of its own)");
        recorder.timeline(nanos, TimelineCategory.LIQUIDATION, "venue liquidation of "
                + (r.account() == ScenarioRunner.KERNEL_ACCOUNT ? "our account" : "account " + r.account()), d.toString());
    }

    /** Each scheduled fault as one timeline entry: a window (or an instant) with what the venue logged at its end. */
    private void faults() {
        final List<FaultRecord> log = venue.faultLog();
        final boolean[] used = new boolean[log.size()];
        for (final FaultSpec spec : scenario.faults()) {
            final Fault f = spec.fault();
            final StringBuilder d = new StringBuilder(spec.id()).append(": ").append(words(f));
            for (int i = 0; i < log.size(); i++) {
                final FaultRecord r = log.get(i);
                if (!used[i] && r.phase() == FaultPhase.END && r.type() == f.type() && r.timeNanos() >= f.atNanos()) {
                    used[i] = true;
                    if (!r.detail().isEmpty()) {
                        d.append(" — ").append(r.detail());
                    }
                    break;
                }
            }
            final String type = f.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            final String label = spec.id().equals(type) ? type : type + " (" + spec.id() + ")";
            if (f.type().windowed()) {
                recorder.span(f.atNanos(), f.endNanos(), TimelineCategory.FAULT, label, d.toString());
            } else {
                recorder.timeline(f.atNanos(), TimelineCategory.FAULT, label, d.toString());
            }
        }
    }

    /** A fault's parameters in the scenario file's words. */
    private String words(final Fault f) {
        final StringBuilder sb = new StringBuilder(f.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (f.variant() != FaultVariant.NONE) {
            sb.append(' ').append(f.variant().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        sb.append(" at T+").append(TimeText.formatDuration(f.atNanos() - scenario.run().startNanos()));
        if (f.durationNanos() > 0) {
            sb.append(" for ").append(TimeText.formatDuration(f.durationNanos()));
        }
        if (f.symbol() != null) {
            sb.append(" on ").append(f.symbol());
        }
        if (f.probability() < 1.0) {
            sb.append(", probability ").append(new java.math.BigDecimal(f.probability()).round(new java.math.MathContext(6)).stripTrailingZeros()
                    .toPlainString());
        }
        return sb.toString();
    }

    private String instrumentQty(final String symbol, final long qty) {
        for (final Instrument i : scenario.instruments()) {
            if (i.id().symbol().equals(symbol)) {
                return i.formatQty(qty);
            }
        }
        return Long.toString(qty);
    }

    private String instrumentPrice(final String symbol, final long price) {
        for (final Instrument i : scenario.instruments()) {
            if (i.id().symbol().equals(symbol)) {
                return i.formatPrice(price);
            }
        }
        return Long.toString(price);
    }
}
