package dev.tandem.reports;

import dev.tandem.reports.RunRecord.Counters;
import dev.tandem.reports.RunRecord.EquitySeries;
import dev.tandem.reports.RunRecord.Fill;
import dev.tandem.reports.RunRecord.InstrumentInfo;
import dev.tandem.reports.RunRecord.InstrumentTotals;
import dev.tandem.reports.RunRecord.RunInfo;
import dev.tandem.reports.RunRecord.Sample;
import dev.tandem.reports.RunRecord.TimelineEntry;
import dev.tandem.reports.RunRecord.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Hand-built run records for metric and report tests: equity by day, trades by net PnL. */
final class Records {
    static final long T0 = 1_700_000_000_000_000_000L; // 2023-11-14T22:13:20Z
    static final long DAY = 86_400_000_000_000L;
    static final String BTC = "BTCUSDT.SIM";

    private final List<Sample> samples = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal funding = BigDecimal.ZERO;
    private long start = T0;
    private long end = Long.MIN_VALUE;

    static Records create() {
        return new Records();
    }

    /** Equity samples one day apart from T0. */
    static Records daily(final String... equity) {
        final Records r = new Records();
        for (int i = 0; i < equity.length; i++) {
            r.sample(T0 + i * DAY, equity[i]);
        }
        return r;
    }

    Records sample(final long t, final String equity) {
        samples.add(new Sample(t, new BigDecimal(equity), new BigDecimal(equity), BigDecimal.ZERO, List.of(BigDecimal.ZERO)));
        end = Math.max(end, t);
        return this;
    }

    /** A closed LONG trade with this net PnL (entry notional 1000, so the return is net / 1000). */
    Records trade(final long entry, final long exit, final String net) {
        return trade(entry, exit, net, "FILL");
    }

    Records trade(final long entry, final long exit, final String net, final String how) {
        final BigDecimal n = new BigDecimal(net);
        trades.add(new Trade(trades.size() + 1, BTC, "LONG", entry, exit, new BigDecimal("100"), new BigDecimal("101"), BigDecimal.TEN,
                new BigDecimal("1000"), n, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, n, how, 2));
        end = Math.max(end, exit);
        return this;
    }

    Records fill(final long t, final String side, final String price, final String qty, final String arrival) {
        fills.add(new Fill(t, "o" + fills.size(), "s1", BTC, side, new BigDecimal(price), new BigDecimal(qty), BigDecimal.ZERO, "TAKER", false,
                arrival == null ? null : new BigDecimal(arrival)));
        return this;
    }

    Records costs(final String fees, final String funding) {
        this.fees = new BigDecimal(fees);
        this.funding = new BigDecimal(funding);
        return this;
    }

    Records timeline(final TimelineEntry e) {
        timeline.add(e);
        return this;
    }

    Records span(final long from, final long to) {
        this.start = from;
        this.end = to;
        return this;
    }

    RunRecord build() {
        final long e = end == Long.MIN_VALUE ? start : end;
        return new RunRecord(RunRecord.FORMAT_VERSION, new RunInfo(7, "tag", "fp", "USDT", start, e, List.of("s1")), Provenance.of("hand-built", 7),
                List.of(new InstrumentInfo(BTC, "LINEAR_PERPETUAL", "BTC", "USDT", 2, 3)), new EquitySeries(0, samples.size(), samples), trades, fills,
                List.of(), List.of(), timeline, List.of(new InstrumentTotals(BTC, BigDecimal.ZERO, BigDecimal.ZERO, fees, funding, BigDecimal.ZERO)),
                new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
