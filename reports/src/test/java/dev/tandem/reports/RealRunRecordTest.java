package dev.tandem.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.portfolio.PortfolioView;
import dev.tandem.reports.RunRecord.Trade;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recorder on a real kernel run (SMA crossover on real Bitstamp bars, with chaos; {@link SampleRuns}): the record
 * agrees with the kernel's own accounting and event stream, and the same run gives the same record and report, byte
 * for byte. Skipped when the shared data directory is absent.
 */
class RealRunRecordTest {
    private static SampleRuns.Run run;

    @BeforeAll
    static void runOnce() {
        run = SampleRuns.chaos(SampleRuns.barsFile(false));
    }

    @Test
    void theRecordAgreesWithTheKernel() {
        final RunRecord r = run.record();
        final var h = run.harness();
        final PortfolioView p = h.kernel().portfolio();
        final InstrumentId id = h.kernel().config().instruments().get(0).id();
        assertThat(r.fills()).hasSize(h.events(OrderFilled.class).size());
        assertThat(r.orders()).hasSize(h.events(OrderSubmitted.class).size());
        assertThat(r.counters().denials()).isEqualTo(h.events(OrderDenied.class).size());
        assertThat(r.counters().rejections()).isEqualTo(h.events(OrderRejected.class).size());
        assertThat(r.counters().outboundEvents()).isEqualTo(h.kernel().outboundEvents());
        // trades account for all realized PnL; totals are the kernel's
        BigDecimal realized = BigDecimal.ZERO;
        for (final Trade t : r.trades()) {
            realized = realized.add(t.realizedPnl());
        }
        assertThat(realized).isEqualByComparingTo(Dec.money(p.realizedPnlMoney(id)));
        assertThat(r.totals().get(0).realizedPnl()).isEqualByComparingTo(Dec.money(p.realizedPnlMoney(id)));
        // the last sample is the kernel's equity at the end
        final RunRecord.Sample last = r.equity().samples().get(r.equity().samples().size() - 1);
        assertThat(last.equity()).isEqualByComparingTo(BigDecimal.valueOf(p.equityMoney(), Fixed.MONEY_SCALE));
        assertThat(Metrics.of(r).get(Metric.NET_PNL)).isEqualTo(last.equity().subtract(new BigDecimal("10000")).doubleValue());
        // the chaos is on the timeline: the drill's halt, the breaker, the liquidation, the injected faults
        assertThat(r.timeline()).filteredOn(e -> e.category() == TimelineCategory.RISK_STATE).hasSize(h.events(TradingStateChanged.class).size());
        assertThat(r.timeline()).extracting(RunRecord.TimelineEntry::category).contains(TimelineCategory.FAULT, TimelineCategory.BREAKER,
                TimelineCategory.LIQUIDATION, TimelineCategory.STRATEGY_STATE);
        assertThat(r.trades()).extracting(Trade::exit).contains("LIQUIDATION");
        assertThat(r.run().seed()).isEqualTo(SampleRuns.SEED);
        assertThat(r.provenance().traceHash()).isEqualTo(h.traceHash());
        // slippage is measured: market orders fill at the next bar's open, decided on the close
        assertThat(RunAnalysis.of(r).execution().slippageBps()).isNotEmpty();
    }

    @Test
    void theSameRunGivesTheSameRecordAndTheSameReport() {
        final Path bars = SampleRuns.barsFile(false);
        final RunRecord again = SampleRuns.chaos(bars).record();
        assertThat(RunRecordJson.toJson(again)).isEqualTo(RunRecordJson.toJson(run.record()));
        assertThat(HtmlReport.render(again)).isEqualTo(HtmlReport.render(run.record()));
    }
}
