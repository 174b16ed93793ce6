package dev.tandem.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run left behind that a report needs, as plain values: the input of {@link HtmlReport}, of
 * {@link Metrics}, and, written by {@link RunRecordJson}, the file {@code tandem report RESULT.json} rebuilds a
 * report from. Built by a {@link RunRecorder}; never changed afterwards.
 *
 * <h2>Units</h2>
 * <ul>
 *   <li>times are UTC epoch nanoseconds ({@code long}); {@code tsEventNanos} of the kernel event unless said otherwise;</li>
 *   <li>prices and quantities are exact decimals ({@link BigDecimal}) converted from the kernel's fixed-point values
 *       with the instrument's price and quantity scales;</li>
 *   <li>money (equity, balances, PnL, fees, funding, notional) is an exact decimal in the instrument's quote asset,
 *       which for every instrument Tandem ships is the account currency ({@link RunInfo#accountCurrency()});</li>
 *   <li>sides are {@code BUY}/{@code SELL}, trade directions {@code LONG}/{@code SHORT}, reasons the kernel's
 *       {@code ReasonCode} names.</li>
 * </ul>
 *
 * @param formatVersion the JSON format version ({@link #FORMAT_VERSION})
 * @param run           seed, run tag, times, account currency, strategies
 * @param provenance    what the caller said about the run (scenario, data, version, reproduce command)
 * @param instruments   the instruments of the run, in the order of {@link Sample#positions()}
 * @param equity        the sampled equity, balance, exposure and positions
 * @param trades        round-trip trades, in order of entry (open ones at the end of the run have exit {@code OPEN})
 * @param fills         every fill of an order this process placed, in order
 * @param orders        every order that passed the risk engine, in order of submission
 * @param refusals      every denial (risk engine, order manager), rejection (venue), cancel and amend rejection
 * @param timeline      faults, risk-state and strategy-state changes, breaker states, liquidations, drifts, anomalies
 * @param totals        per instrument: final position, realized PnL, fees, funding, traded notional
 * @param counters      counts of things that are not listed one by one
 */
public record RunRecord(
        int formatVersion,
        RunInfo run,
        Provenance provenance,
        List<InstrumentInfo> instruments,
        EquitySeries equity,
        List<Trade> trades,
        List<Fill> fills,
        List<Order> orders,
        List<Refusal> refusals,
        List<TimelineEntry> timeline,
        List<InstrumentTotals> totals,
        Counters counters) {

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public RunRecord {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(counters, "counters");
        instruments = copy(instruments);
        trades = copy(trades);
        fills = copy(fills);
        orders = copy(orders);
        refusals = copy(refusals);
        timeline = copy(timeline);
        totals = copy(totals);
    }

    private static <T> List<T> copy(final List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * The run as the kernel saw it.
     *
     * @param seed              master seed (from {@code KernelStarted}, else the provenance)
     * @param runTag            the kernel's run tag (prefix of client order ids), or null if the kernel start was not seen
     * @param configFingerprint the kernel's configuration fingerprint, or null
     * @param accountCurrency   the currency equity is measured in
     * @param startNanos        the kernel's start, or the first sample if the start was not seen
     * @param endNanos          the latest time seen (event or sample)
     * @param strategies        strategy ids that placed orders or changed state, sorted
     */
    public record RunInfo(
            long seed, String runTag, String configFingerprint, String accountCurrency, long startNanos, long endNanos, List<String> strategies) {
        public RunInfo {
            Objects.requireNonNull(accountCurrency, "accountCurrency");
            strategies = copy(strategies);
        }
    }

    /**
     * An instrument of the run.
     *
     * @param id         {@code SYMBOL.VENUE}
     * @param kind       {@code SPOT} or {@code LINEAR_PERPETUAL}
     * @param baseAsset  e.g. BTC
     * @param quoteAsset e.g. USDT (money of this instrument is in this asset)
     * @param priceScale decimals of prices
     * @param qtyScale   decimals of quantities
     */
    public record InstrumentInfo(String id, String kind, String baseAsset, String quoteAsset, int priceScale, int qtyScale) {}

    /**
     * The equity series. The recorder keeps at most a bounded number of samples: once there are more, it keeps the
     * last sample of each time bucket of {@code bucketNanos} (a "nice" width: 1 s, 5 s, 1 min, 5 min, 1 h, ...;
     * 0 = every sample kept) and always keeps the very first sample (the starting equity).
     *
     * @param bucketNanos width of a bucket, 0 when nothing was merged
     * @param samplesSeen how many samples the runner took in total
     * @param samples     the kept samples, strictly increasing in time
     */
    public record EquitySeries(long bucketNanos, long samplesSeen, List<Sample> samples) {
        public EquitySeries {
            samples = copy(samples);
        }
    }

    /**
     * One sample of the account.
     *
     * @param t         sample time
     * @param equity    account equity (wallet balances plus unrealized PnL), account currency
     * @param balance   wallet balance of the account currency
     * @param exposure  gross position notional over all instruments at the latest mark, account currency
     * @param positions signed position per instrument, in the order of {@link RunRecord#instruments()}
     */
    public record Sample(long t, BigDecimal equity, BigDecimal balance, BigDecimal exposure, List<BigDecimal> positions) {
        public Sample {
            Objects.requireNonNull(equity, "equity");
            positions = copy(positions);
        }
    }

    /**
     * A round trip: from a flat position to flat again (a flip through zero closes one trade and opens the next).
     * Scale-ins and partial exits belong to the trade.
     *
     * @param number        1, 2, ... in order of entry
     * @param instrument    instrument id
     * @param direction     {@code LONG} or {@code SHORT}
     * @param entryNanos    time of the fill that opened it
     * @param exitNanos     time of the fill that closed it, or the end of the run for an open trade
     * @param entryPrice    volume-weighted entry price
     * @param exitPrice     volume-weighted exit price, or null when the position was closed outside this process
     *                      (reconciliation) and no exit price is known
     * @param qty           the largest absolute position during the trade
     * @param entryNotional sum of entry price × quantity of every opening fill (the capital the trade put at risk)
     * @param realizedPnl   realized PnL (before fees and funding), from the kernel's exact accounting
     * @param unrealizedPnl for an open trade, its unrealized PnL at the end of the run; 0 when closed
     * @param fees          fees of the trade's fills (a flip's fee is split by quantity); negative is a rebate
     * @param funding       funding received (positive) or paid (negative) while it was open
     * @param netPnl        realized + unrealized − fees + funding
     * @param exit          how it ended: {@code FILL}, {@code LIQUIDATION}, {@code EXTERNAL} (closed outside this
     *                      process, found by reconciliation) or {@code OPEN} (still open at the end)
     * @param fills         number of position changes that made it up
     */
    public record Trade(
            int number,
            String instrument,
            String direction,
            long entryNanos,
            long exitNanos,
            BigDecimal entryPrice,
            BigDecimal exitPrice,
            BigDecimal qty,
            BigDecimal entryNotional,
            BigDecimal realizedPnl,
            BigDecimal unrealizedPnl,
            BigDecimal fees,
            BigDecimal funding,
            BigDecimal netPnl,
            String exit,
            int fills) {

        /** Exit value of a trade still open at the end of the run. */
        public static final String OPEN = "OPEN";

        /** True when the trade was still open at the end of the run. */
        public boolean isOpen() {
            return OPEN.equals(exit);
        }
    }

    /**
     * A fill of an order this process placed.
     *
     * @param t             venue time of the fill
     * @param clientOrderId our order id
     * @param strategy      owning strategy ({@code risk} for the risk engine's own orders)
     * @param instrument    instrument id
     * @param side          BUY or SELL
     * @param price         fill price
     * @param qty           fill quantity
     * @param fee           fee paid (negative: rebate)
     * @param liquidity     MAKER, TAKER or LIQUIDATION
     * @param late          true if it arrived after the order had ended (a race with a cancel)
     * @param arrivalPrice  the kernel's reference price (mark, else mid, else last) when the order was submitted, or
     *                      null if unknown; slippage is measured against it
     */
    public record Fill(
            long t,
            String clientOrderId,
            String strategy,
            String instrument,
            String side,
            BigDecimal price,
            BigDecimal qty,
            BigDecimal fee,
            String liquidity,
            boolean late,
            BigDecimal arrivalPrice) {}

    /**
     * An order that passed the risk engine ({@code OrderSubmitted}) and what became of it.
     *
     * @param clientOrderId  our id
     * @param strategy       owning strategy
     * @param instrument     instrument id
     * @param side           BUY or SELL
     * @param type           MARKET, LIMIT, STOP_MARKET, STOP_LIMIT
     * @param timeInForce    GTC, IOC, FOK, POST_ONLY
     * @param price          limit price, or null for orders without one
     * @param qty            quantity
     * @param reduceOnly     reduce-only flag
     * @param submittedNanos kernel time it passed risk
     * @param arrivalPrice   reference price at submission, or null
     * @param sendAttempts   submit requests sent (1 + retries; 0 if it never left the process)
     * @param firstSentNanos kernel time of the first submit request, or null
     * @param ackSentNanos   kernel time of the submit request the venue acknowledged, or null
     * @param ackVenueNanos  venue time of the acknowledgement ({@code OrderAccepted.tsEventNanos}), or null
     * @param ackSeenNanos   kernel time the acknowledgement arrived, or null
     * @param filledQty      filled quantity
     * @param avgFillPrice   volume-weighted fill price, or null if nothing filled
     * @param fees           fees of its fills
     * @param state          last state: PENDING_NEW, NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED,
     *                       DENIED, UNKNOWN
     * @param reason         reason code of a rejection, denial or venue cancel, or null
     * @param unknownOutcome true if a submit of it ever ended with an unknown outcome (lost ack, timeout)
     * @param retries        retries scheduled (transient failures, rate limits)
     */
    public record Order(
            String clientOrderId,
            String strategy,
            String instrument,
            String side,
            String type,
            String timeInForce,
            BigDecimal price,
            BigDecimal qty,
            boolean reduceOnly,
            long submittedNanos,
            BigDecimal arrivalPrice,
            int sendAttempts,
            Long firstSentNanos,
            Long ackSentNanos,
            Long ackVenueNanos,
            Long ackSeenNanos,
            BigDecimal filledQty,
            BigDecimal avgFillPrice,
            BigDecimal fees,
            String state,
            String reason,
            boolean unknownOutcome,
            int retries) {}

    /**
     * An order, cancel or amend that was refused.
     *
     * @param t             time of the refusal
     * @param kind          {@code DENIED} (our risk engine or order manager; never left the process), {@code REJECTED}
     *                      (the venue, or our order manager giving up), {@code CANCEL_REJECTED}, {@code AMEND_REJECTED}
     * @param reason        the kernel's reason code (its prefix names the deciding subsystem: RISK, EXEC, VENUE)
     * @param message       the accompanying text
     * @param clientOrderId our order id
     * @param strategy      owning strategy
     * @param instrument    instrument id
     */
    public record Refusal(long t, String kind, String reason, String message, String clientOrderId, String strategy, String instrument) {}

    /**
     * One entry of the chaos timeline. Instants have {@code endNanos == startNanos}.
     *
     * @param startNanos when it started
     * @param endNanos   when it ended (windowed faults), else the start
     * @param category   what kind of entry
     * @param subject    what it is about: {@code account}, a strategy id, a venue, an instrument id; null for entries
     *                   supplied by the runner
     * @param state      for state changes, the new state (HALTED, PAUSED, OPEN, ...); else null
     * @param label      a one-line summary, e.g. "ACTIVE → HALTED"
     * @param detail     what caused it, reasons, metadata
     */
    public record TimelineEntry(
            long startNanos, long endNanos, TimelineCategory category, String subject, String state, String label, String detail) {
        public TimelineEntry {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(label, "label");
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("timeline entry '" + label + "' ends (" + endNanos + ") before it starts (" + startNanos + ")");
            }
        }

        /** True for an entry with a duration. */
        public boolean isSpan() {
            return endNanos > startNanos;
        }
    }

    /**
     * Per-instrument totals from the kernel's accounting at the end of the run.
     *
     * @param instrument     instrument id
     * @param finalQty       signed position at the end
     * @param realizedPnl    realized PnL since start (before fees and funding)
     * @param fees           fees paid (all fills, including the venue's liquidation fills)
     * @param funding        funding received (positive) or paid (negative)
     * @param tradedNotional sum of price × quantity of this process's fills
     */
    public record InstrumentTotals(
            String instrument, BigDecimal finalQty, BigDecimal realizedPnl, BigDecimal fees, BigDecimal funding, BigDecimal tradedNotional) {}

    /**
     * Counts of things the record does not list one by one.
     *
     * @param outboundEvents   kernel events seen
     * @param ordersSubmitted  orders that passed risk
     * @param denials          {@code OrderDenied} events
     * @param rejections       {@code OrderRejected} events
     * @param unknownOutcomes  {@code OrderStatusUnknown} events
     * @param retries          {@code OrderRetryScheduled} events
     * @param queued           {@code OrderQueued} events
     * @param reconciliations  {@code ReconciliationCompleted} events
     * @param drifts           {@code DriftDetected} events (liquidations included)
     * @param anomalies        {@code ReportAnomaly} events
     * @param fundingPayments  {@code FundingApplied} events
     * @param liquidationFills liquidation fills (drifts of kind LIQUIDATION and fills with LIQUIDATION liquidity)
     * @param timelineDropped  timeline entries not kept because their category reached its bound
     */
    public record Counters(
            long outboundEvents,
            long ordersSubmitted,
            long denials,
            long rejections,
            long unknownOutcomes,
            long retries,
            long queued,
            long reconciliations,
            long drifts,
            long anomalies,
            long fundingPayments,
            long liquidationFills,
            long timelineDropped) {}

    /** The closed trades (exit other than {@code OPEN}), in order. */
    public List<Trade> closedTrades() {
        final List<Trade> out = new ArrayList<>();
        for (final Trade t : trades) {
            if (!t.isOpen()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The instrument with this id, or null. */
    public InstrumentInfo instrument(final String id) {
        for (final InstrumentInfo i : instruments) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        return null;
    }
}
