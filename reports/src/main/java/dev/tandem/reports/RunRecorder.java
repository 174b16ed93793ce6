package dev.tandem.reports;

import dev.tandem.kernel.Kernel;
import dev.tandem.kernel.data.MarketView;
import dev.tandem.kernel.event.AmendRejected;
import dev.tandem.kernel.event.CancelRejected;
import dev.tandem.kernel.event.CircuitBreakerStateChanged;
import dev.tandem.kernel.event.DriftDetected;
import dev.tandem.kernel.event.FundingApplied;
import dev.tandem.kernel.event.KernelEvent;
import dev.tandem.kernel.event.KernelStarted;
import dev.tandem.kernel.event.OrderAccepted;
import dev.tandem.kernel.event.OrderCanceled;
import dev.tandem.kernel.event.OrderDenied;
import dev.tandem.kernel.event.OrderEvent;
import dev.tandem.kernel.event.OrderExpired;
import dev.tandem.kernel.event.OrderFilled;
import dev.tandem.kernel.event.OrderQueued;
import dev.tandem.kernel.event.OrderRejected;
import dev.tandem.kernel.event.OrderRetryScheduled;
import dev.tandem.kernel.event.OrderSent;
import dev.tandem.kernel.event.OrderStatusUnknown;
import dev.tandem.kernel.event.OrderSubmitted;
import dev.tandem.kernel.event.PositionChanged;
import dev.tandem.kernel.event.ReconciliationCompleted;
import dev.tandem.kernel.event.ReportAnomaly;
import dev.tandem.kernel.event.StrategyStateChanged;
import dev.tandem.kernel.event.TradingStateChanged;
import dev.tandem.kernel.model.DriftKind;
import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.portfolio.PortfolioView;
import dev.tandem.reports.RunRecord.Counters;
import dev.tandem.reports.RunRecord.EquitySeries;
import dev.tandem.reports.RunRecord.Fill;
import dev.tandem.reports.RunRecord.InstrumentInfo;
import dev.tandem.reports.RunRecord.InstrumentTotals;
import dev.tandem.reports.RunRecord.Refusal;
import dev.tandem.reports.RunRecord.RunInfo;
import dev.tandem.reports.RunRecord.Sample;
import dev.tandem.reports.RunRecord.TimelineEntry;
import dev.tandem.reports.RunRecord.Trade;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Records one run for a report: a {@link Kernel.Listener} that consumes every outbound kernel event (orders, fills,
 * denials and rejections with reasons, position changes, funding, risk-state, strategy-state and breaker changes,
 * drifts and liquidations, anomalies), plus what the runner tells it directly: account samples ({@link #sample})
 * after market-data steps and timeline entries the kernel cannot see ({@link #timeline}, {@link #span}: the
 * simulator's injected faults, venue-side events). {@link #finish} turns it into a {@link RunRecord}.
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.attach(kernel);          // before kernel.start(), to see KernelStarted
 * kernel.start();
 * while (more data) { loop.runUntil(nextBarTime); recorder.sample(loop.nowNanos()); }
 * recorder.span(fault.start, fault.end, TimelineCategory.FAULT, "OUTAGE", "HTTP 5xx");
 * RunRecord record = recorder.finish(provenance.withTraceHash(kernel.traceHash()));
 * }</pre>
 *
 * <p>Bounded memory where a long run could grow without bound: the equity series keeps at most
 * {@link Options#maxSamples} samples (older samples are merged into time buckets of a growing "nice" width, keeping
 * the last sample of each bucket and always the first), and each timeline category keeps at most
 * {@link Options#maxTimelineEntriesPerCategory} entries (the rest are counted). Orders, fills and trades are all
 * kept: they are what a report is about.
 *
 * <p>Single-threaded, like the kernel it listens to. Deterministic: the same events and samples give an equal record.
 */
public final class RunRecorder implements Kernel.Listener {

    /**
     * Bounds of a recorder.
     *
     * @param maxSamples                    most equity samples kept (≥ 16)
     * @param maxTimelineEntriesPerCategory most timeline entries kept per category (≥ 1)
     */
    public record Options(int maxSamples, int maxTimelineEntriesPerCategory) {
        public Options {
            if (maxSamples < 16 || maxTimelineEntriesPerCategory < 1) {
                throw new IllegalArgumentException("need maxSamples >= 16 and maxTimelineEntriesPerCategory >= 1");
            }
        }

        /** 5 000 samples, 2 000 timeline entries per category. */
        public static Options defaults() {
            return new Options(5_000, 2_000);
        }
    }

    /** Bucket widths the series is merged into, smallest first: round numbers a person can read on an axis. */
    private static final long[] BUCKETS_NANOS;

    static {
        final long s = 1_000_000_000L;
        BUCKETS_NANOS = new long[] {s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s, 60 * s, 120 * s, 300 * s, 600 * s, 900 * s, 1_800 * s,
            3_600 * s, 7_200 * s, 14_400 * s, 21_600 * s, 43_200 * s, 86_400 * s, 172_800 * s, 604_800 * s, 2_592_000 * s};
    }

    private final Options options;
    private final List<Instrument> instruments;
    private final Map<InstrumentId, Instrument> byId = new TreeMap<>();
    private final String accountCurrency;
    private final MarketView market;
    private PortfolioView portfolio;

    // run
    private KernelStarted started;
    private long firstTime = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private final TreeSet<String> strategies = new TreeSet<>();

    // equity
    private final List<Sample> samples = new ArrayList<>();
    private long bucketNanos;
    private int bucketIndex = -1;
    private long samplesSeen;

    // orders and fills
    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final Map<InstrumentId, PositionState> positions = new TreeMap<>();
    private final List<Trade> closedTrades = new ArrayList<>();
    private int tradeNumber;

    // timeline
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final EnumMap<TimelineCategory, Integer> perCategory = new EnumMap<>(TimelineCategory.class);
    private long timelineDropped;

    // counters
    private long outboundEvents;
    private long ordersSubmitted;
    private long denials;
    private long rejections;
    private long unknownOutcomes;
    private long retries;
    private long queued;
    private long reconciliations;
    private long drifts;
    private long anomalies;
    private long fundingPayments;
    private long liquidationFills;

    /**
     * A recorder for a kernel with these instruments.
     *
     * @param instruments     the kernel's instruments (the report lists positions in this order)
     * @param accountCurrency the currency equity is measured in
     * @param market          the kernel's market view, for arrival prices and end-of-run marks; may be null (then
     *                        slippage is not measured)
     * @param options         bounds
     */
    public RunRecorder(final List<Instrument> instruments, final String accountCurrency, final MarketView market, final Options options) {
        this.instruments = List.copyOf(instruments);
        this.accountCurrency = Objects.requireNonNull(accountCurrency, "accountCurrency");
        this.market = market;
        this.options = Objects.requireNonNull(options, "options");
        for (final Instrument i : this.instruments) {
            byId.put(i.id(), i);
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one instrument");
        }
    }

    /**
     * A recorder listening to this kernel (added as a listener; attach before {@code start()} so it sees
     * {@code KernelStarted}), reading arrival prices from the kernel's market view and samples from its portfolio.
     */
    public static RunRecorder attach(final Kernel kernel) {
        return attach(kernel, Options.defaults());
    }

    /** {@link #attach(Kernel)} with other bounds. */
    public static RunRecorder attach(final Kernel kernel, final Options options) {
        final RunRecorder r = new RunRecorder(kernel.config().instruments(), kernel.config().accountCurrency(), kernel.data(), options);
        r.portfolio = kernel.portfolio();
        kernel.addListener(r);
        return r;
    }

    // ================================================================================================ runner input

    /** Samples the attached kernel's portfolio (see {@link #sample(long, PortfolioView)}). */
    public void sample(final long nanos) {
        if (portfolio == null) {
            throw new IllegalStateException("no portfolio attached: use sample(nanos, portfolio) or RunRecorder.attach(kernel)");
        }
        sample(nanos, portfolio);
    }

    /**
     * Takes a sample of the account: equity, wallet balance of the account currency, gross exposure and every
     * position. Call it after each market-data step (a bar, a batch of trades); a sample at the same time as the
     * previous one replaces it.
     *
     * @throws IllegalArgumentException if time goes backwards
     */
    public void sample(final long nanos, final PortfolioView view) {
        Objects.requireNonNull(view, "portfolio");
        this.portfolio = view;
        if (!samples.isEmpty() && nanos < samples.get(samples.size() - 1).t()) {
            throw new IllegalArgumentException("sample at " + nanos + " is before the previous sample at " + samples.get(samples.size() - 1).t());
        }
        final List<BigDecimal> pos = new ArrayList<>(instruments.size());
        for (final Instrument i : instruments) {
            pos.add(Dec.of(view.positionQty(i.id()), i.qtyScale()));
        }
        final Sample s = new Sample(nanos, Dec.money(view.equityMoney()), Dec.money(view.balanceMoney(accountCurrency)),
                Dec.money(view.totalPositionNotionalMoney()), pos);
        samplesSeen++;
        seen(nanos);
        add(s);
        if (samples.size() > options.maxSamples()) {
            coarsen();
        }
    }

    /** Adds an instant to the timeline (an injected price gap, a venue-side liquidation, a note). */
    public void timeline(final long nanos, final TimelineCategory category, final String label, final String detail) {
        span(nanos, nanos, category, label, detail);
    }

    /** Adds an entry with a duration to the timeline (an outage window, a rate-limit window, a maintenance halt). */
    public void span(final long startNanos, final long endNanos, final TimelineCategory category, final String label, final String detail) {
        addTimeline(new TimelineEntry(startNanos, endNanos, category, null, null, label, detail == null ? "" : detail));
    }

    // ================================================================================================ kernel events

    @Override
    public void onEvent(final KernelEvent event) {
        outboundEvents++;
        seen(event.tsInitNanos());
        if (event instanceof OrderEvent oe) {
            strategies.add(oe.strategyId().value());
            onOrderEvent(oe);
        } else if (event instanceof PositionChanged p) {
            onPosition(p);
        } else if (event instanceof FundingApplied f) {
            fundingPayments++;
        } else if (event instanceof DriftDetected d) {
            onDrift(d);
        } else if (event instanceof TradingStateChanged t) {
            final StringBuilder detail = new StringBuilder(t.trigger().name()).append(": ").append(t.reason());
            t.metadata().forEach((k, v) -> detail.append("; ").append(k).append('=').append(readable(k, v)));
            addTimeline(new TimelineEntry(t.tsEventNanos(), t.tsEventNanos(), TimelineCategory.RISK_STATE, "account", t.to().name(),
                    "Trading " + t.from() + " → " + t.to(), detail.toString()));
        } else if (event instanceof StrategyStateChanged s) {
            strategies.add(s.strategyId().value());
            final StringBuilder detail = new StringBuilder(s.trigger().name()).append(": ").append(s.reason());
            s.metadata().forEach((k, v) -> detail.append("; ").append(k).append('=').append(readable(k, v)));
            addTimeline(new TimelineEntry(s.tsEventNanos(), s.tsEventNanos(), TimelineCategory.STRATEGY_STATE, s.strategyId().value(),
                    s.to().name(), "Strategy " + s.strategyId().value() + " " + s.from() + " → " + s.to(), detail.toString()));
        } else if (event instanceof CircuitBreakerStateChanged b) {
            addTimeline(new TimelineEntry(b.tsEventNanos(), b.tsEventNanos(), TimelineCategory.BREAKER, b.venue(), b.to().name(),
                    "Breaker " + b.venue() + " " + b.from() + " → " + b.to(),
                    b.consecutiveFailures() + " consecutive failures; " + b.reason()));
        } else if (event instanceof ReportAnomaly a) {
            anomalies++;
            addTimeline(new TimelineEntry(a.tsEventNanos(), a.tsEventNanos(), TimelineCategory.ANOMALY, a.venue(), null,
                    "Anomaly: " + a.reportType() + (a.clientOrderId() == null ? "" : " " + a.clientOrderId().value()), a.detail()));
        } else if (event instanceof ReconciliationCompleted) {
            reconciliations++;
        } else if (event instanceof KernelStarted k) {
            started = k;
        }
    }

    private void onOrderEvent(final OrderEvent e) {
        final String id = e.clientOrderId().value();
        if (e instanceof OrderSubmitted s) {
            ordersSubmitted++;
            final Instrument i = instrument(s.instrumentId());
            final long arrival = market == null ? 0 : market.referencePrice(s.instrumentId());
            final OrderState o = new OrderState(id, s, i, arrival > 0 ? arrival : 0);
            orders.put(id, o);
            return;
        }
        final OrderState o = orders.get(id);
        if (e instanceof OrderDenied d) {
            denials++;
            refusals.add(new Refusal(d.tsEventNanos(), "DENIED", d.reason().name(), d.message(), id, d.strategyId().value(),
                    d.instrumentId().toString()));
            if (o != null) {
                o.state = "DENIED";
                o.reason = d.reason().name();
            }
        } else if (e instanceof OrderRejected r) {
            rejections++;
            refusals.add(new Refusal(r.tsEventNanos(), "REJECTED", r.reason().name(), r.message(), id, r.strategyId().value(),
                    r.instrumentId().toString()));
            if (o != null) {
                o.state = "REJECTED";
                o.reason = r.reason().name();
            }
        } else if (e instanceof CancelRejected c) {
            refusals.add(new Refusal(c.tsEventNanos(), "CANCEL_REJECTED", c.reason().name(), c.message(), id, c.strategyId().value(),
                    c.instrumentId().toString()));
        } else if (e instanceof AmendRejected a) {
            refusals.add(new Refusal(a.tsEventNanos(), "AMEND_REJECTED", a.reason().name(), a.message(), id, a.strategyId().value(),
                    a.instrumentId().toString()));
        } else if (o == null) {
            // an order we never saw submitted (the recorder was attached late): nothing to attach the event to
            if (e instanceof OrderFilled f) {
                onFill(f, null);
            }
        } else if (e instanceof OrderQueued) {
            queued++;
        } else if (e instanceof OrderSent s) {
            o.sendAttempts++;
            if (o.firstSentNanos == null) {
                o.firstSentNanos = s.tsInitNanos();
            }
            o.lastSentNanos = s.tsInitNanos();
        } else if (e instanceof OrderRetryScheduled) {
            retries++;
            o.retries++;
        } else if (e instanceof OrderStatusUnknown) {
            unknownOutcomes++;
            o.unknownOutcome = true;
            o.state = "UNKNOWN";
        } else if (e instanceof OrderAccepted a) {
            if (o.ackVenueNanos == null) {
                o.ackVenueNanos = a.tsEventNanos();
                o.ackSeenNanos = a.tsInitNanos();
                o.ackSentNanos = o.lastSentNanos;
            }
            if ("PENDING_NEW".equals(o.state) || "UNKNOWN".equals(o.state)) {
                o.state = "NEW";
            }
        } else if (e instanceof OrderFilled f) {
            onFill(f, o);
        } else if (e instanceof OrderCanceled c) {
            o.state = "CANCELED";
            if (c.reason() != ReasonCode.NONE && c.reason() != ReasonCode.EXEC_CANCEL_REQUESTED) {
                o.reason = c.reason().name();
            }
        } else if (e instanceof OrderExpired) {
            o.state = "EXPIRED";
        }
    }

    private void onFill(final OrderFilled f, final OrderState o) {
        final Instrument i = instrument(f.instrumentId());
        final long arrival = o == null ? 0 : o.arrival;
        fills.add(new Fill(f.tsEventNanos(), f.clientOrderId().value(), f.strategyId().value(), f.instrumentId().toString(), f.side().name(),
                Dec.of(f.lastPrice(), i.priceScale()), Dec.of(f.lastQty(), i.qtyScale()), Dec.money(f.feeMoney()), f.liquidity().name(),
                f.late(), arrival > 0 ? Dec.of(arrival, i.priceScale()) : null));
        final PositionState p = position(f.instrumentId());
        p.pendingFill = f;
        p.tradedNotional = p.tradedNotional.add(Dec.of(f.lastPrice(), i.priceScale()).multiply(Dec.of(f.lastQty(), i.qtyScale())));
        if (f.liquidity() == Liquidity.LIQUIDATION) {
            liquidationFills++;
        }
        if (o != null) {
            o.filledQty = Math.addExact(o.filledQty, f.lastQty());
            o.fillNotional = o.fillNotional.add(Dec.of(f.lastPrice(), i.priceScale()).multiply(Dec.of(f.lastQty(), i.qtyScale())));
            o.fees = Math.addExact(o.fees, f.feeMoney());
            if (!f.late()) {
                o.state = f.leavesQty() == 0 ? "FILLED" : "PARTIALLY_FILLED";
            }
        }
    }

    private void onDrift(final DriftDetected d) {
        drifts++;
        final boolean liquidation = d.kind() == DriftKind.LIQUIDATION;
        if (d.instrumentId() != null && byId.containsKey(d.instrumentId())) {
            position(d.instrumentId()).pendingDrift = d.kind();
        }
        if (liquidation) {
            liquidationFills++;
        }
        final Instrument i = d.instrumentId() == null ? null : byId.get(d.instrumentId());
        final String subject = d.instrumentId() != null ? d.instrumentId().toString() : d.asset() != null ? d.asset() : d.venue();
        final String values = valueChange(d, i);
        if (liquidation && !timeline.isEmpty()) {
            // one liquidation often closes a position in several fills at one time: one entry, with the final value
            final TimelineEntry last = timeline.get(timeline.size() - 1);
            if (last.category() == TimelineCategory.LIQUIDATION && last.startNanos() == d.tsEventNanos() && subject.equals(last.subject())) {
                final String firstValue = last.label().substring(last.label().indexOf(": ") + 2, last.label().indexOf(" → "));
                final String lastValue = values.substring(values.indexOf(" → ") + 3);
                timeline.set(timeline.size() - 1, new TimelineEntry(last.startNanos(), last.endNanos(), last.category(), subject, null,
                        "Liquidation " + subject + ": " + firstValue + " → " + lastValue, last.detail() + "; " + d.detail()));
                return;
            }
        }
        final String label = (liquidation ? "Liquidation " : "Drift " + d.kind() + " ") + subject + ": " + values;
        addTimeline(new TimelineEntry(d.tsEventNanos(), d.tsEventNanos(), liquidation ? TimelineCategory.LIQUIDATION : TimelineCategory.DRIFT,
                subject, null, label, d.detail() == null ? "" : d.detail()));
    }

    /**
     * Audit metadata as a person reads it: values of keys ending in "Nanos" become UTC times (epoch values) or durations;
     * everything else is kept as the kernel wrote it.
     */
    static String readable(final String key, final String value) {
        if (!key.endsWith("Nanos")) {
            return value;
        }
        try {
            final long v = Long.parseLong(value);
            return v >= 1_000_000_000_000_000L ? Fmt.time(v) + "Z" : Fmt.duration(v);
        } catch (final NumberFormatException e) {
            return value;
        }
    }

    private static String valueChange(final DriftDetected d, final Instrument i) {
        final boolean position = d.kind() == DriftKind.LIQUIDATION || d.kind() == DriftKind.EXTERNAL_CLOSE || d.kind() == DriftKind.EXTERNAL_OPEN
                || d.kind() == DriftKind.EXTERNAL_FILL;
        if (position && i != null) {
            return i.formatQty(d.localValue()) + " → " + i.formatQty(d.venueValue());
        }
        if (d.kind() == DriftKind.BALANCE) {
            return Fixed.formatMoney(d.localValue()) + " → " + Fixed.formatMoney(d.venueValue());
        }
        return d.localValue() + " → " + d.venueValue();
    }

    // ================================================================================================ trades

    /** Builds round-trip trades from the kernel's position changes, which carry its exact cumulative accounting. */
    private void onPosition(final PositionChanged pc) {
        final Instrument i = instrument(pc.instrumentId());
        final PositionState p = position(pc.instrumentId());
        final OrderFilled fill = p.pendingFill != null && p.pendingFill.instrumentId().equals(pc.instrumentId()) ? p.pendingFill : null;
        final DriftKind drift = p.pendingDrift;
        p.pendingFill = null;
        p.pendingDrift = null;
        final long prev = p.qty;
        final long now = pc.signedQty();
        final long dRealized = Math.subtractExact(pc.realizedPnlMoney(), p.realized);
        final long dFees = Math.subtractExact(pc.feesMoney(), p.fees);
        final long dFunding = Math.subtractExact(pc.fundingMoney(), p.funding);
        final String cause = fill != null
                ? (fill.liquidity() == Liquidity.LIQUIDATION ? "LIQUIDATION" : "FILL")
                : drift == DriftKind.LIQUIDATION ? "LIQUIDATION" : "EXTERNAL";
        final BigDecimal fillPrice = fill == null ? null : Dec.of(fill.lastPrice(), i.priceScale());
        final long t = pc.tsEventNanos();

        if (prev == now) {
            if (p.open != null) {
                p.open.add(dRealized, dFees, dFunding);
            }
        } else if (p.open == null) {
            // a fresh position, or one that existed before the recorder saw it (then it is opened here, at the
            // kernel's entry price: the recorder cannot know its history)
            if (now != 0) {
                p.open = new OpenTrade(i, Long.signum(now), t);
                p.open.increase(Math.abs(now), prev == 0 && fillPrice != null ? fillPrice : Dec.of(pc.avgEntryPrice(), i.priceScale()));
                p.open.track(Math.abs(now));
                p.open.add(dRealized, dFees, dFunding);
            }
        } else if (Long.signum(now) == Long.signum(prev) && Math.abs(now) > Math.abs(prev)) {
            final long q = Math.abs(now) - Math.abs(prev);
            p.open.increase(q, fillPrice != null ? fillPrice : incrementPrice(i, p, pc, q));
            p.open.track(Math.abs(now));
            p.open.add(dRealized, dFees, dFunding);
        } else if (Long.signum(now) == Long.signum(prev)) {
            final long q = Math.abs(prev) - Math.abs(now);
            p.open.reduce(q, exitPrice(i, p, cause, fillPrice, dRealized, q));
            p.open.add(dRealized, dFees, dFunding);
            p.open.lastCause = cause;
        } else {
            // closed, or flipped through zero: the closing part ends this trade, the rest opens the next one
            final long closing = Math.abs(prev);
            final long opening = Math.abs(now);
            final long closeFees = opening == 0 ? dFees : Fixed.mulDiv(dFees, closing, closing + opening, RoundingMode.HALF_EVEN);
            p.open.reduce(closing, exitPrice(i, p, cause, fillPrice, dRealized, closing));
            p.open.add(dRealized, closeFees, dFunding);
            p.open.lastCause = cause;
            closedTrades.add(p.open.close(++tradeNumber, t, cause));
            p.open = null;
            if (opening != 0) {
                p.open = new OpenTrade(i, Long.signum(now), t);
                p.open.increase(opening, fillPrice != null ? fillPrice : Dec.of(pc.avgEntryPrice(), i.priceScale()));
                p.open.track(opening);
                p.open.add(0, dFees - closeFees, 0);
            }
        }
        p.qty = now;
        p.avgEntry = pc.avgEntryPrice();
        p.realized = pc.realizedPnlMoney();
        p.fees = pc.feesMoney();
        p.funding = pc.fundingMoney();
    }

    /** Price of a position increase that was not a fill of ours (reconciliation adopting the venue's position). */
    private static BigDecimal incrementPrice(final Instrument i, final PositionState p, final PositionChanged pc, final long q) {
        final BigDecimal after = Dec.of(pc.avgEntryPrice(), i.priceScale()).multiply(Dec.of(Math.abs(pc.signedQty()), i.qtyScale()));
        final BigDecimal before = Dec.of(p.avgEntry, i.priceScale()).multiply(Dec.of(Math.abs(p.qty), i.qtyScale()));
        final BigDecimal price = after.subtract(before).divide(Dec.of(q, i.qtyScale()), i.priceScale() + 4, RoundingMode.HALF_EVEN);
        return price.signum() > 0 ? Dec.normal(price) : Dec.of(pc.avgEntryPrice(), i.priceScale());
    }

    /**
     * Exit price of a reduction: the fill's price; for a liquidation without a fill of ours, the price its realized
     * PnL implies ({@code entry + direction × realized / qty}, exact for linear instruments); unknown (null) for a
     * position closed outside this process, which realizes nothing here.
     */
    private static BigDecimal exitPrice(final Instrument i, final PositionState p, final String cause, final BigDecimal fillPrice,
            final long dRealized, final long q) {
        if (fillPrice != null) {
            return fillPrice;
        }
        if (!"LIQUIDATION".equals(cause)) {
            return null;
        }
        final BigDecimal perUnit = Dec.money(dRealized).divide(Dec.of(q, i.qtyScale()), new MathContext(20, RoundingMode.HALF_EVEN));
        final BigDecimal price = Dec.of(p.avgEntry, i.priceScale()).add(perUnit.multiply(BigDecimal.valueOf(Long.signum(p.qty))));
        return Dec.normal(price.setScale(i.priceScale() + 2, RoundingMode.HALF_EVEN));
    }

    // ================================================================================================ finish

    /**
     * The record of the run so far; open positions become trades with exit {@code OPEN}, valued at the latest
     * portfolio sample's unrealized PnL. The recorder can keep recording afterwards.
     *
     * @throws IllegalArgumentException if the provenance's seed differs from the kernel's
     */
    public RunRecord finish(final Provenance provenance) {
        Objects.requireNonNull(provenance, "provenance");
        if (started != null && started.seed() != provenance.seed()) {
            throw new IllegalArgumentException("provenance seed " + provenance.seed() + " differs from the kernel's seed " + started.seed());
        }
        final long start = started != null ? started.tsInitNanos() : firstTime == Long.MIN_VALUE ? 0 : firstTime;
        final long end = Math.max(start, lastTime == Long.MIN_VALUE ? start : lastTime);
        final List<Trade> trades = new ArrayList<>(closedTrades);
        int n = tradeNumber;
        for (final Map.Entry<InstrumentId, PositionState> e : positions.entrySet()) {
            final OpenTrade open = e.getValue().open;
            if (open != null) {
                final long unrealized = portfolio == null ? 0 : portfolio.unrealizedPnlMoney(e.getKey());
                final long mark = market == null ? 0 : market.referencePrice(e.getKey());
                trades.add(open.snapshotOpen(++n, end, unrealized, mark));
            }
        }
        trades.sort((a, b) -> a.entryNanos() != b.entryNanos() ? Long.compare(a.entryNanos(), b.entryNanos()) : Integer.compare(a.number(), b.number()));
        final List<Trade> numbered = new ArrayList<>(trades.size());
        for (int k = 0; k < trades.size(); k++) {
            numbered.add(renumber(trades.get(k), k + 1));
        }
        final List<InstrumentInfo> infos = new ArrayList<>();
        final List<InstrumentTotals> totals = new ArrayList<>();
        for (final Instrument i : instruments) {
            infos.add(new InstrumentInfo(i.id().toString(), i.kind().name(), i.baseAsset(), i.quoteAsset(), i.priceScale(), i.qtyScale()));
            final PositionState p = positions.get(i.id());
            totals.add(p == null
                    ? new InstrumentTotals(i.id().toString(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)
                    : new InstrumentTotals(i.id().toString(), Dec.of(p.qty, i.qtyScale()), Dec.money(p.realized), Dec.money(p.fees),
                            Dec.money(p.funding), Dec.normal(p.tradedNotional)));
        }
        final List<RunRecord.Order> orderList = new ArrayList<>(orders.size());
        for (final OrderState o : orders.values()) {
            orderList.add(o.toRecord());
        }
        final List<TimelineEntry> sortedTimeline = new ArrayList<>(timeline);
        sortedTimeline.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos())); // stable: same-time entries keep their order
        final RunInfo run = new RunInfo(started != null ? started.seed() : provenance.seed(), started == null ? null : started.runTag(),
                started == null ? null : started.configFingerprint(), accountCurrency, start, end, new ArrayList<>(strategies));
        final Counters counters = new Counters(outboundEvents, ordersSubmitted, denials, rejections, unknownOutcomes, retries, queued,
                reconciliations, drifts, anomalies, fundingPayments, liquidationFills, timelineDropped);
        return new RunRecord(RunRecord.FORMAT_VERSION, run, provenance, infos, new EquitySeries(bucketNanos, samplesSeen, samples), numbered,
                fills, orderList, refusals, sortedTimeline, totals, counters);
    }

    private static Trade renumber(final Trade t, final int number) {
        return new Trade(number, t.instrument(), t.direction(), t.entryNanos(), t.exitNanos(), t.entryPrice(), t.exitPrice(), t.qty(),
                t.entryNotional(), t.realizedPnl(), t.unrealizedPnl(), t.fees(), t.funding(), t.netPnl(), t.exit(), t.fills());
    }

    // ================================================================================================ internals

    private void seen(final long nanos) {
        if (firstTime == Long.MIN_VALUE) {
            firstTime = nanos;
        }
        lastTime = Math.max(lastTime, nanos);
    }

    private Instrument instrument(final InstrumentId id) {
        final Instrument i = byId.get(id);
        if (i == null) {
            throw new IllegalArgumentException("event for instrument " + id + " which is not among the recorder's instruments " + byId.keySet());
        }
        return i;
    }

    private PositionState position(final InstrumentId id) {
        return positions.computeIfAbsent(id, k -> new PositionState());
    }

    private void addTimeline(final TimelineEntry e) {
        final int n = perCategory.getOrDefault(e.category(), 0);
        if (n >= options.maxTimelineEntriesPerCategory()) {
            timelineDropped++;
            return;
        }
        perCategory.put(e.category(), n + 1);
        timeline.add(e);
    }

    /** Appends a sample, merging it with the previous one when both fall in the same bucket (the first stays). */
    private void add(final Sample s) {
        final int last = samples.size() - 1;
        if (last >= 0 && samples.get(last).t() == s.t()) {
            samples.set(last, s);
            return;
        }
        if (last >= 1 && bucketNanos > 0 && Math.floorDiv(samples.get(last).t(), bucketNanos) == Math.floorDiv(s.t(), bucketNanos)) {
            samples.set(last, s);
            return;
        }
        samples.add(s);
    }

    /** Widens the bucket until the series is at most three quarters of the bound, keeping each bucket's last sample. */
    private void coarsen() {
        while (samples.size() > options.maxSamples() * 3 / 4 && bucketIndex < BUCKETS_NANOS.length - 1) {
            bucketIndex++;
            bucketNanos = BUCKETS_NANOS[bucketIndex];
            final List<Sample> old = new ArrayList<>(samples);
            samples.clear();
            for (final Sample s : old) {
                add(s);
            }
        }
    }

    /** What the recorder knows about one instrument's position. */
    private static final class PositionState {
        long qty;
        long avgEntry;
        long realized;
        long fees;
        long funding;
        BigDecimal tradedNotional = BigDecimal.ZERO;
        OpenTrade open;
        OrderFilled pendingFill;
        DriftKind pendingDrift;
    }

    /** A trade being built. */
    private static final class OpenTrade {
        final Instrument instrument;
        final int direction;
        final long entryNanos;
        long maxQty;
        long entryQty;
        BigDecimal entryNotional = BigDecimal.ZERO;
        long exitQty;
        BigDecimal exitNotional = BigDecimal.ZERO;
        long realized;
        long fees;
        long funding;
        int changes;
        String lastCause = "FILL";

        OpenTrade(final Instrument instrument, final int direction, final long entryNanos) {
            this.instrument = instrument;
            this.direction = direction;
            this.entryNanos = entryNanos;
        }

        void increase(final long q, final BigDecimal price) {
            entryQty = Math.addExact(entryQty, q);
            entryNotional = entryNotional.add(price.multiply(Dec.of(q, instrument.qtyScale())));
            changes++;
        }

        void reduce(final long q, final BigDecimal price) {
            if (price != null) {
                exitQty = Math.addExact(exitQty, q);
                exitNotional = exitNotional.add(price.multiply(Dec.of(q, instrument.qtyScale())));
            }
            changes++;
        }

        void track(final long absQty) {
            maxQty = Math.max(maxQty, absQty);
        }

        void add(final long dRealized, final long dFees, final long dFunding) {
            realized = Math.addExact(realized, dRealized);
            fees = Math.addExact(fees, dFees);
            funding = Math.addExact(funding, dFunding);
        }

        private BigDecimal vwap(final BigDecimal notional, final long qty) {
            if (qty == 0) {
                return null;
            }
            return Dec.normal(notional.divide(Dec.of(qty, instrument.qtyScale()), instrument.priceScale() + 4, RoundingMode.HALF_EVEN));
        }

        Trade close(final int number, final long exitNanos, final String cause) {
            final long net = Math.addExact(Math.subtractExact(realized, fees), funding);
            return new Trade(number, instrument.id().toString(), direction > 0 ? "LONG" : "SHORT", entryNanos, exitNanos,
                    vwap(entryNotional, entryQty), vwap(exitNotional, exitQty), Dec.of(maxQty, instrument.qtyScale()), Dec.normal(entryNotional),
                    Dec.money(realized), BigDecimal.ZERO, Dec.money(fees), Dec.money(funding), Dec.money(net), cause, changes);
        }

        Trade snapshotOpen(final int number, final long endNanos, final long unrealized, final long mark) {
            final long net = Math.addExact(Math.addExact(Math.subtractExact(realized, fees), funding), unrealized);
            return new Trade(number, instrument.id().toString(), direction > 0 ? "LONG" : "SHORT", entryNanos, endNanos,
                    vwap(entryNotional, entryQty), mark > 0 ? Dec.of(mark, instrument.priceScale()) : null, Dec.of(maxQty, instrument.qtyScale()),
                    Dec.normal(entryNotional), Dec.money(realized), Dec.money(unrealized), Dec.money(fees), Dec.money(funding), Dec.money(net),
                    Trade.OPEN, changes);
        }
    }

    /** An order being followed. */
    private static final class OrderState {
        final String id;
        final OrderSubmitted submitted;
        final Instrument instrument;
        final long arrival;
        String state = "PENDING_NEW";
        String reason;
        int sendAttempts;
        Long firstSentNanos;
        Long lastSentNanos;
        Long ackSentNanos;
        Long ackVenueNanos;
        Long ackSeenNanos;
        long filledQty;
        BigDecimal fillNotional = BigDecimal.ZERO;
        long fees;
        boolean unknownOutcome;
        int retries;

        OrderState(final String id, final OrderSubmitted submitted, final Instrument instrument, final long arrival) {
            this.id = id;
            this.submitted = submitted;
            this.instrument = instrument;
            this.arrival = arrival;
        }

        RunRecord.Order toRecord() {
            final OrderSubmitted s = submitted;
            final int ps = instrument.priceScale();
            final int qs = instrument.qtyScale();
            final BigDecimal avg = filledQty == 0 ? null
                    : Dec.normal(fillNotional.divide(Dec.of(filledQty, qs), ps + 4, RoundingMode.HALF_EVEN));
            return new RunRecord.Order(id, s.strategyId().value(), s.instrumentId().toString(), s.side().name(), s.type().name(),
                    s.timeInForce().name(), s.type().hasLimitPrice() ? Dec.of(s.price(), ps) : null, Dec.of(s.qty(), qs), s.reduceOnly(),
                    s.tsInitNanos(), arrival > 0 ? Dec.of(arrival, ps) : null, sendAttempts, firstSentNanos, ackSentNanos, ackVenueNanos,
                    ackSeenNanos, Dec.of(filledQty, qs), avg, Dec.money(fees), state, reason, unknownOutcome, retries);
        }
    }
}
