package dev.tandem.reports;

import dev.tandem.reports.RunRecord.Fill;
import dev.tandem.reports.RunRecord.Order;
import dev.tandem.reports.RunRecord.Refusal;
import dev.tandem.reports.RunRecord.Sample;
import dev.tandem.reports.RunRecord.TimelineEntry;
import dev.tandem.reports.RunRecord.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything a report computes from a {@link RunRecord}: the {@link Metrics}, and the series and tables behind the
 * charts (returns, drawdown, rolling Sharpe, monthly and daily returns, trade returns, slippage, latency, refusals by
 * reason, state bands). The equity series and the trades are Tablesaw tables; statistics (means, sample standard
 * deviations, rolling windows, grouping by month) come from Tablesaw columns. Pure: the same record and assumptions
 * give the same analysis.
 */
public final class RunAnalysis {
    /** A return over one calendar period (UTC). {@code day} is 0 for monthly returns. */
    public record PeriodReturn(int year, int month, int day, double value) {}

    /** Order and fill statistics. Latencies in nanoseconds; slippage in basis points (positive = worse than arrival). */
    public record ExecutionStats(
            int ordersSubmitted,
            int ordersSent,
            int ordersWithFills,
            int ordersFullyFilled,
            double fillRatioOrders,
            double fillRatioQty,
            int fills,
            int lateFills,
            double makerShare,
            double[] slippageBps,
            double slippageMeanBps,
            double slippageMedianBps,
            double slippageP90Bps,
            double slippageWorstBps,
            double[] ackLatencyNanos,
            double ackP50,
            double ackP90,
            double ackP99,
            double ackMax,
            double[] roundTripNanos,
            double roundTripP50,
            double roundTripP99,
            int unknownOutcomes,
            int retries,
            int retriedOrders) {}

    /** Refusals of one kind and reason. */
    public record RefusalGroup(String kind, String reason, String subsystem, int count, long firstNanos, long lastNanos, String example) {}

    /** A stretch of time in a non-normal state (HALTED, REDUCING, PAUSED, DISABLED, OPEN, HALF_OPEN) or a fault window. */
    public record Band(long startNanos, long endNanos, TimelineCategory category, String subject, String state, String label) {}

    private final RunRecord record;
    private final Assumptions assumptions;
    private final Table equity;
    private final long[] times;
    private final double[] values;
    private final double[] drawdown;
    private final double[] returns;
    private final double[] rollingSharpe;
    private final int rollingWindow;
    private final List<PeriodReturn> monthly;
    private final List<PeriodReturn> daily;
    private final Table trades;
    private final double[] tradeReturns;
    private final ExecutionStats execution;
    private final List<RefusalGroup> refusalGroups;
    private final List<Band> bands;
    private final Metrics metrics;

    private RunAnalysis(final RunRecord record, final Assumptions assumptions) {
        this.record = record;
        this.assumptions = assumptions;
        final List<Sample> samples = record.equity().samples();
        final int n = samples.size();
        times = new long[n];
        values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = samples.get(i).t();
            values[i] = samples.get(i).equity().doubleValue();
        }
        equity = Table.create("equity", LongColumn.create("t", times), DoubleColumn.create("equity", values));
        final DoubleColumn eq = equity.doubleColumn("equity");
        // period return r_i = E_i / E_{i-1} − 1; undefined after a non-positive equity (the account was wiped out)
        final DoubleColumn ret;
        if (n == 0) {
            ret = DoubleColumn.create("return");
        } else {
            final DoubleColumn previous = eq.lag(1);
            ret = eq.divide(previous).subtract(1).setName("return");
            for (int i = 0; i < n; i++) {
                if (i == 0 || !(previous.getDouble(i) > 0)) {
                    ret.setMissing(i);
                }
            }
        }
        equity.addColumns(ret);
        returns = ret.asDoubleArray();
        drawdown = new double[n];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            peak = Math.max(peak, values[i]);
            drawdown[i] = peak > 0 ? values[i] / peak - 1 : 0;
        }
        equity.addColumns(DoubleColumn.create("drawdown", drawdown));

        final EnumMap<Metric, Double> m = new EnumMap<>(Metric.class);
        final EnumMap<Metric, String> notes = new EnumMap<>(Metric.class);
        final DoubleColumn r = ret.removeMissing();
        final int count = r.size();

        // --- period and annualisation
        long periodNanos = 0;
        double periodsPerYear = Double.NaN;
        if (n >= 2) {
            // differences of the long times first: Tablesaw's LongColumn.asDoubleColumn() goes through float and
            // loses the nanoseconds of epoch times
            final double[] gaps = new double[n - 1];
            for (int i = 1; i < n; i++) {
                gaps[i - 1] = times[i] - times[i - 1];
            }
            periodNanos = Math.round(DoubleColumn.create("dt", gaps).median());
            periodsPerYear = Double.isNaN(assumptions.periodsPerYear()) ? Assumptions.YEAR_NANOS / periodNanos : assumptions.periodsPerYear();
        }
        final double rfPeriod = Double.isNaN(periodsPerYear) ? 0 : StrictMath.pow(1 + assumptions.riskFreeRate(), 1 / periodsPerYear) - 1;

        // --- equity metrics
        final String noSamples = "no equity samples";
        if (n == 0) {
            for (final Metric k : new Metric[] {Metric.START_EQUITY, Metric.END_EQUITY, Metric.NET_PNL, Metric.TOTAL_RETURN, Metric.MAX_DRAWDOWN,
                Metric.MAX_DRAWDOWN_DURATION, Metric.LONGEST_DRAWDOWN}) {
                notes.put(k, noSamples);
            }
        } else {
            final double e0 = values[0];
            final double en = values[n - 1];
            m.put(Metric.START_EQUITY, e0);
            m.put(Metric.END_EQUITY, en);
            m.put(Metric.NET_PNL, samples.get(n - 1).equity().subtract(samples.get(0).equity()).doubleValue());
            if (e0 > 0) {
                m.put(Metric.TOTAL_RETURN, en / e0 - 1);
            } else {
                notes.put(Metric.TOTAL_RETURN, "start equity is not positive");
            }
            drawdowns(m);
        }
        final double years = n >= 2 ? (times[n - 1] - times[0]) / Assumptions.YEAR_NANOS : 0;
        if (n < 2 || years <= 0) {
            notes.put(Metric.CAGR, "the run spans no time");
        } else if (values[0] > 0) {
            m.put(Metric.CAGR, values[n - 1] <= 0 ? -1.0 : StrictMath.pow(values[n - 1] / values[0], 1 / years) - 1);
            if (!Double.isFinite(m.get(Metric.CAGR))) {
                notes.put(Metric.CAGR, "too large to express (a short run extrapolated to a year)");
            }
        }
        if (count < 2) {
            final String few = "fewer than two period returns";
            notes.put(Metric.ANNUAL_VOLATILITY, few);
            notes.put(Metric.SHARPE, few);
            notes.put(Metric.SORTINO, few);
        } else {
            final double std = r.standardDeviation(); // sample standard deviation (n − 1)
            final double sqrtP = Math.sqrt(periodsPerYear);
            m.put(Metric.ANNUAL_VOLATILITY, std * sqrtP);
            final DoubleColumn excess = r.subtract(rfPeriod);
            final double mean = excess.mean();
            if (std > 0) {
                m.put(Metric.SHARPE, mean / std * sqrtP);
            } else {
                notes.put(Metric.SHARPE, "zero volatility");
            }
            double down = 0;
            for (int i = 0; i < excess.size(); i++) {
                final double x = Math.min(0, excess.getDouble(i));
                down += x * x;
            }
            final double downsideDeviation = Math.sqrt(down / excess.size());
            if (downsideDeviation > 0) {
                m.put(Metric.SORTINO, mean / downsideDeviation * sqrtP);
            } else {
                notes.put(Metric.SORTINO, "no period below the risk-free rate");
            }
        }
        final Double cagr = m.get(Metric.CAGR);
        final Double mdd = m.get(Metric.MAX_DRAWDOWN);
        if (cagr != null && mdd != null && mdd > 0 && Double.isFinite(cagr)) {
            m.put(Metric.CALMAR, cagr / mdd);
        } else {
            notes.put(Metric.CALMAR, mdd != null && mdd == 0 ? "no drawdown" : "needs CAGR and a drawdown");
        }

        // --- rolling Sharpe over a window of W returns, W = max(10, returns / 10)
        rollingWindow = Math.max(10, count / 10);
        rollingSharpe = new double[n];
        Arrays.fill(rollingSharpe, Double.NaN);
        if (count >= rollingWindow && n >= 2) {
            final DoubleColumn full = ret.copy();
            for (int i = 0; i < n; i++) {
                if (full.isMissing(i)) {
                    full.set(i, 0.0);
                }
            }
            final DoubleColumn rollMean = full.subtract(rfPeriod).rolling(rollingWindow).mean();
            final DoubleColumn rollStd = full.rolling(rollingWindow).stdDev();
            final double sqrtP = Math.sqrt(periodsPerYear);
            for (int i = rollingWindow; i < n; i++) {
                final double s = rollStd.getDouble(i);
                if (!rollStd.isMissing(i) && s > 0) {
                    rollingSharpe[i] = rollMean.getDouble(i) / s * sqrtP;
                }
            }
        }

        // --- calendar returns
        monthly = calendarReturns(false);
        daily = calendarReturns(true);

        // --- trades
        final List<Trade> closed = record.closedTrades();
        final double[] net = new double[closed.size()];
        tradeReturns = new double[closed.size()];
        for (int i = 0; i < closed.size(); i++) {
            net[i] = closed.get(i).netPnl().doubleValue();
            final double notional = closed.get(i).entryNotional().doubleValue();
            tradeReturns[i] = notional > 0 ? net[i] / notional : 0;
        }
        trades = Table.create("trades", DoubleColumn.create("net", net), DoubleColumn.create("return", tradeReturns));
        m.put(Metric.TRADES, (double) closed.size());
        if (closed.isEmpty()) {
            final String none = "no closed trades";
            for (final Metric k : new Metric[] {Metric.WIN_RATE, Metric.PROFIT_FACTOR, Metric.EXPECTANCY, Metric.AVG_WIN, Metric.AVG_LOSS}) {
                notes.put(k, none);
            }
        } else {
            final DoubleColumn netCol = trades.doubleColumn("net");
            final DoubleColumn wins = netCol.filter((java.util.function.DoublePredicate) x -> x > 0);
            final DoubleColumn losses = netCol.filter((java.util.function.DoublePredicate) x -> x < 0);
            m.put(Metric.WIN_RATE, (double) wins.size() / closed.size());
            m.put(Metric.EXPECTANCY, netCol.mean());
            if (losses.isEmpty()) {
                notes.put(Metric.PROFIT_FACTOR, "no losing trades");
                notes.put(Metric.AVG_LOSS, "no losing trades");
            } else {
                m.put(Metric.PROFIT_FACTOR, (wins.isEmpty() ? 0 : wins.sum()) / -losses.sum());
                m.put(Metric.AVG_LOSS, losses.mean());
            }
            if (wins.isEmpty()) {
                notes.put(Metric.AVG_WIN, "no winning trades");
            } else {
                m.put(Metric.AVG_WIN, wins.mean());
            }
        }

        // --- exposure: union of the time trades were open, over the sampled span (or the run's span)
        final long spanStart = n >= 2 ? times[0] : record.run().startNanos();
        final long spanEnd = n >= 2 ? times[n - 1] : record.run().endNanos();
        if (spanEnd > spanStart) {
            m.put(Metric.EXPOSURE, timeInMarket(spanStart, spanEnd) / (double) (spanEnd - spanStart));
        } else {
            notes.put(Metric.EXPOSURE, "the run spans no time");
        }

        // --- turnover
        double traded = 0;
        for (final Fill f : record.fills()) {
            traded += f.price().multiply(f.qty()).doubleValue();
        }
        if (n > 0 && eq.mean() > 0) {
            m.put(Metric.TURNOVER, traded / eq.mean());
        } else {
            notes.put(Metric.TURNOVER, "no positive mean equity");
        }

        // --- costs and liquidations
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal funding = BigDecimal.ZERO;
        for (final RunRecord.InstrumentTotals t : record.totals()) {
            fees = fees.add(t.fees());
            funding = funding.add(t.funding());
        }
        m.put(Metric.FEES, fees.doubleValue());
        m.put(Metric.FUNDING_PAID, funding.negate().doubleValue());
        int liquidations = 0;
        for (final TimelineEntry e : record.timeline()) {
            if (e.category() == TimelineCategory.LIQUIDATION && e.subject() != null && record.instrument(e.subject()) != null) {
                liquidations++;
            }
        }
        m.put(Metric.LIQUIDATIONS, (double) liquidations);

        execution = computeExecution();
        refusalGroups = computeRefusalGroups();
        bands = computeBands();
        metrics = new Metrics(m, notes, record.run().accountCurrency(), assumptions, periodsPerYear, periodNanos, count);
    }

    /** The analysis of a record under the default assumptions. */
    public static RunAnalysis of(final RunRecord record) {
        return new RunAnalysis(record, Assumptions.DEFAULT);
    }

    /** The analysis of a record under other assumptions. */
    public static RunAnalysis of(final RunRecord record, final Assumptions assumptions) {
        return new RunAnalysis(record, assumptions);
    }

    // ------------------------------------------------------------------------------------------------ drawdowns

    /**
     * Max drawdown (depth), the duration of its episode, and the longest episode. An episode starts at a peak (the
     * last sample at the running maximum) and ends at the first sample back at or above that peak, or at the last
     * sample if equity never recovers.
     */
    private void drawdowns(final Map<Metric, Double> m) {
        final int n = values.length;
        double maxDepth = 0;
        long maxDepthDuration = 0;
        long longest = 0;
        int peakIndex = 0;
        double peak = values[0];
        double episodeDepth = 0;
        boolean inEpisode = false;
        for (int i = 1; i < n; i++) {
            if (values[i] >= peak) {
                if (inEpisode) {
                    final long d = times[i] - times[peakIndex];
                    longest = Math.max(longest, d);
                    if (episodeDepth == maxDepth && episodeDepth > 0) {
                        maxDepthDuration = Math.max(maxDepthDuration, d);
                    }
                    inEpisode = false;
                    episodeDepth = 0;
                }
                peak = values[i];
                peakIndex = i;
            } else {
                inEpisode = true;
                final double depth = peak > 0 ? 1 - values[i] / peak : 0;
                if (depth > episodeDepth) {
                    episodeDepth = depth;
                }
                if (depth > maxDepth) {
                    maxDepth = depth;
                    maxDepthDuration = 0; // a new deepest episode: its duration is known at its end
                }
            }
        }
        if (inEpisode) {
            final long d = times[n - 1] - times[peakIndex];
            longest = Math.max(longest, d);
            if (episodeDepth == maxDepth && episodeDepth > 0) {
                maxDepthDuration = Math.max(maxDepthDuration, d);
            }
        }
        m.put(Metric.MAX_DRAWDOWN, maxDepth);
        m.put(Metric.MAX_DRAWDOWN_DURATION, (double) maxDepthDuration);
        m.put(Metric.LONGEST_DRAWDOWN, (double) longest);
    }

    // ------------------------------------------------------------------------------------------------ calendar

    /**
     * Returns per UTC month (or day): the last equity of the period over the last equity of the previous period
     * (the first period is measured from the first sample). Grouped with Tablesaw.
     */
    private List<PeriodReturn> calendarReturns(final boolean days) {
        final List<PeriodReturn> out = new ArrayList<>();
        if (values.length < 2) {
            return out;
        }
        final StringColumn key = StringColumn.create("period");
        for (final long t : times) {
            final LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(0, t), ZoneOffset.UTC);
            key.append(days ? d.toString() : d.toString().substring(0, 7));
        }
        final Table t = Table.create("calendar", key, DoubleColumn.create("equity", values));
        final Table last = t.summarize("equity", AggregateFunctions.last).by("period").sortOn("period");
        double base = values[0];
        for (int i = 0; i < last.rowCount(); i++) {
            final String k = last.stringColumn(0).get(i);
            final double end = last.doubleColumn(1).getDouble(i);
            final double ret = base > 0 ? end / base - 1 : Double.NaN;
            out.add(new PeriodReturn(Integer.parseInt(k.substring(0, 4)), Integer.parseInt(k.substring(5, 7)),
                    days ? Integer.parseInt(k.substring(8, 10)) : 0, ret));
            base = end;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ exposure

    /** Total time within [from, to] covered by at least one trade (the union of their intervals). */
    private long timeInMarket(final long from, final long to) {
        final List<long[]> intervals = new ArrayList<>();
        for (final Trade t : record.trades()) {
            final long a = Math.max(from, t.entryNanos());
            final long b = Math.min(to, t.exitNanos());
            if (b > a) {
                intervals.add(new long[] {a, b});
            }
        }
        intervals.sort((x, y) -> Long.compare(x[0], y[0]));
        long total = 0;
        long curStart = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (final long[] iv : intervals) {
            if (iv[0] > curEnd) {
                if (curEnd > curStart) {
                    total += curEnd - curStart;
                }
                curStart = iv[0];
                curEnd = iv[1];
            } else {
                curEnd = Math.max(curEnd, iv[1]);
            }
        }
        if (curEnd > curStart) {
            total += curEnd - curStart;
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------ execution

    private ExecutionStats computeExecution() {
        int sent = 0;
        int withFills = 0;
        int full = 0;
        BigDecimal qtySent = BigDecimal.ZERO;
        BigDecimal qtyFilled = BigDecimal.ZERO;
        int unknown = 0;
        int retries = 0;
        int retried = 0;
        final DoubleColumn ack = DoubleColumn.create("ack");
        final DoubleColumn roundTrip = DoubleColumn.create("roundTrip");
        for (final Order o : record.orders()) {
            if (o.unknownOutcome()) {
                unknown++;
            }
            retries += o.retries();
            if (o.retries() > 0) {
                retried++;
            }
            if (o.sendAttempts() == 0) {
                continue;
            }
            sent++;
            qtySent = qtySent.add(o.qty());
            qtyFilled = qtyFilled.add(o.filledQty());
            if (o.filledQty().signum() > 0) {
                withFills++;
            }
            if (o.filledQty().compareTo(o.qty()) >= 0) {
                full++;
            }
            if (o.ackVenueNanos() != null && o.ackSentNanos() != null) {
                ack.append((double) (o.ackVenueNanos() - o.ackSentNanos()));
            }
            if (o.ackSeenNanos() != null && o.ackSentNanos() != null) {
                roundTrip.append((double) (o.ackSeenNanos() - o.ackSentNanos()));
            }
        }
        final DoubleColumn slip = DoubleColumn.create("slippage");
        int late = 0;
        int maker = 0;
        for (final Fill f : record.fills()) {
            if (f.late()) {
                late++;
            }
            if ("MAKER".equals(f.liquidity())) {
                maker++;
            }
            if (f.arrivalPrice() != null && f.arrivalPrice().signum() > 0) {
                final double dir = "BUY".equals(f.side()) ? 1 : -1;
                slip.append(dir * (f.price().doubleValue() - f.arrivalPrice().doubleValue()) / f.arrivalPrice().doubleValue() * 1e4);
            }
        }
        final double[] s = slip.asDoubleArray();
        final double[] a = ack.asDoubleArray();
        final double[] rt = roundTrip.asDoubleArray();
        return new ExecutionStats(record.orders().size(), sent, withFills, full, sent == 0 ? Double.NaN : (double) withFills / sent,
                qtySent.signum() == 0 ? Double.NaN : qtyFilled.doubleValue() / qtySent.doubleValue(), record.fills().size(), late,
                record.fills().isEmpty() ? Double.NaN : (double) maker / record.fills().size(), s, s.length == 0 ? Double.NaN : slip.mean(),
                percentile(s, 50), percentile(s, 90), s.length == 0 ? Double.NaN : slip.max(), a, percentile(a, 50), percentile(a, 90),
                percentile(a, 99), a.length == 0 ? Double.NaN : ack.max(), rt, percentile(rt, 50), percentile(rt, 99), unknown, retries, retried);
    }

    /**
     * Nearest-rank percentile: the smallest value with at least p % of the values at or below it
     * ({@code sorted[ceil(p / 100 × n) − 1]}); NaN for no values.
     */
    public static double percentile(final double[] values, final double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    private List<RefusalGroup> computeRefusalGroups() {
        final Map<String, List<Refusal>> groups = new TreeMap<>();
        for (final Refusal r : record.refusals()) {
            groups.computeIfAbsent(r.kind() + "|" + r.reason(), k -> new ArrayList<>()).add(r);
        }
        final List<RefusalGroup> out = new ArrayList<>();
        for (final List<Refusal> g : groups.values()) {
            final Refusal first = g.get(0);
            final int underscore = first.reason().indexOf('_');
            out.add(new RefusalGroup(first.kind(), first.reason(), underscore < 0 ? first.reason() : first.reason().substring(0, underscore),
                    g.size(), first.t(), g.get(g.size() - 1).t(), first.message() == null ? "" : first.message()));
        }
        out.sort((x, y) -> x.count() != y.count() ? Integer.compare(y.count(), x.count()) : (x.kind() + x.reason()).compareTo(y.kind() + y.reason()));
        return out;
    }

    /**
     * Bands to shade over the equity curve: fault windows (timeline spans) and every stretch a subject spent in a
     * non-normal state (trading REDUCING/HALTED, a strategy PAUSED/DISABLED, a breaker OPEN/HALF_OPEN), until its next
     * state change or the end of the run.
     */
    private List<Band> computeBands() {
        final List<Band> out = new ArrayList<>();
        final Map<String, TimelineEntry> current = new LinkedHashMap<>();
        for (final TimelineEntry e : record.timeline()) {
            if (e.isSpan()) {
                out.add(new Band(e.startNanos(), e.endNanos(), e.category(), e.subject(), e.state(), e.label()));
                continue;
            }
            if (e.state() == null) {
                continue;
            }
            final String key = e.category() + "|" + e.subject();
            final TimelineEntry before = current.put(key, e);
            if (before != null && abnormal(before.state()) && e.startNanos() > before.startNanos()) {
                out.add(new Band(before.startNanos(), e.startNanos(), before.category(), before.subject(), before.state(), before.label()));
            }
        }
        final long end = Math.max(record.run().endNanos(), times.length == 0 ? Long.MIN_VALUE : times[times.length - 1]);
        for (final TimelineEntry e : current.values()) {
            if (abnormal(e.state()) && end > e.startNanos()) {
                out.add(new Band(e.startNanos(), end, e.category(), e.subject(), e.state(), e.label() + " (until the end)"));
            }
        }
        out.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
        return out;
    }

    private static boolean abnormal(final String state) {
        return !("ACTIVE".equals(state) || "RUNNING".equals(state) || "CLOSED".equals(state));
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** The record analysed. */
    public RunRecord record() {
        return record;
    }

    /** The assumptions used. */
    public Assumptions assumptions() {
        return assumptions;
    }

    /** The metrics. */
    public Metrics metrics() {
        return metrics;
    }

    /** The equity table: columns {@code t} (epoch nanos), {@code equity}, {@code return}, {@code drawdown}. */
    public Table equityTable() {
        return equity.copy();
    }

    /** The closed trades table: columns {@code net} (net PnL) and {@code return} (net PnL / entry notional). */
    public Table tradesTable() {
        return trades.copy();
    }

    /** Sample times. */
    public long[] times() {
        return times.clone();
    }

    /** Equity per sample. */
    public double[] equity() {
        return values.clone();
    }

    /** Drawdown per sample: E / running peak − 1 (≤ 0). */
    public double[] drawdown() {
        return drawdown.clone();
    }

    /** Period return per sample (NaN for the first). */
    public double[] returns() {
        return returns.clone();
    }

    /** Rolling annualised Sharpe per sample over {@link #rollingWindow()} returns (NaN where not available). */
    public double[] rollingSharpe() {
        return rollingSharpe.clone();
    }

    /** The rolling Sharpe window, in periods. */
    public int rollingWindow() {
        return rollingWindow;
    }

    /** Monthly returns (UTC months), in order. */
    public List<PeriodReturn> monthlyReturns() {
        return monthly;
    }

    /** Daily returns (UTC days), in order. */
    public List<PeriodReturn> dailyReturns() {
        return daily;
    }

    /** Net return of each closed trade (net PnL / entry notional), in order. */
    public double[] tradeReturns() {
        return tradeReturns.clone();
    }

    /** Order and fill statistics. */
    public ExecutionStats execution() {
        return execution;
    }

    /** Refusals grouped by kind and reason, most frequent first. */
    public List<RefusalGroup> refusalGroups() {
        return refusalGroups;
    }

    /** Shaded stretches for the equity chart, in time order. */
    public List<Band> bands() {
        return bands;
    }
}
