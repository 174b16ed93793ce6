package dev.tandem.sim.account;

import dev.tandem.kernel.model.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Funding of linear perpetuals every 8 hours, at 00:00, 08:00 and 16:00 UTC of kernel time (epoch nanoseconds: the
 * multiples of 8 h since the epoch).
 *
 * <p>At each funding time every open position of every perpetual in the ledger is credited
 * <pre>
 *   amount = floor(−q × mark × rate)        (money, one exact product rounded toward −∞)
 * </pre>
 * so at a positive rate longs pay and shorts receive. Rounding toward −∞ makes every payer pay at most 1e-8 more and
 * every receiver get at most 1e-8 less than exact, so {@code Σ amount ≤ 0} when positions net to zero; the residue
 * {@code −Σ amount} goes to the ledger's rounding account and funding is exactly zero-sum. The rate comes from a
 * {@link FundingRateSource}, the mark from {@link MarkPrices} at the moment of the call; a symbol without a mark is
 * skipped. If time jumps over several funding times, each is settled in turn (all at the current mark).
 */
public final class FundingEngine {

    /** The funding interval: 8 hours. */
    public static final long INTERVAL_NANOS = 8L * 3600L * 1_000_000_000L;

    private final SimLedger ledger;
    private final MarkPrices marks;
    private final FundingRateSource rates;
    private long nextFundingNanos;

    /**
     * @param startNanos kernel time at start; the first settlement is the first funding time strictly after it
     */
    public FundingEngine(final SimLedger ledger, final MarkPrices marks, final FundingRateSource rates,
                         final long startNanos) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.nextFundingNanos = Math.addExact(Math.floorDiv(startNanos, INTERVAL_NANOS) * INTERVAL_NANOS,
                INTERVAL_NANOS);
    }

    /** The next funding time, epoch nanoseconds. */
    public long nextFundingNanos() {
        return nextFundingNanos;
    }

    /** Settles every funding time at or before {@code nowNanos} that has not been settled yet. */
    public List<FundingSettlement> onTime(final long nowNanos) {
        final List<FundingSettlement> out = new ArrayList<>();
        while (nowNanos >= nextFundingNanos) {
            final long t = nextFundingNanos;
            for (final String symbol : ledger.symbols()) {
                final Instrument ins = ledger.instrument(symbol);
                final long mark = marks.mark(symbol);
                if (ins.isPerpetual() && mark != MarkPrices.NONE) {
                    out.add(settle(symbol, rates.rate(symbol, t), mark, t));
                }
            }
            nextFundingNanos = Math.addExact(nextFundingNanos, INTERVAL_NANOS);
        }
        return out;
    }

    /** Settles one symbol now at the given rate and mark (recorded funding events, tests). */
    public FundingSettlement settle(final String symbol, final long rate, final long markPrice,
                                    final long fundingTimeNanos) {
        final Instrument ins = ledger.instrument(symbol);
        if (!ins.isPerpetual()) {
            throw new IllegalArgumentException(symbol + " is not a perpetual");
        }
        if (markPrice <= 0) {
            throw new IllegalArgumentException(symbol + ": funding mark price must be positive: " + markPrice);
        }
        final List<FundingPayment> payments = new ArrayList<>();
        long sum = 0;
        for (final SimAccount a : ledger.accounts()) {
            final long q = a.positionQty(symbol);
            if (q == 0) {
                continue;
            }
            final long amount = Money.funding(ins, q, markPrice, rate);
            ledger.bookFunding(ins, a, amount);
            sum = Math.addExact(sum, amount);
            payments.add(new FundingPayment(a.id(), symbol, q, amount));
        }
        final long residue = -sum;
        ledger.bookFundingResidue(ins, residue);
        return new FundingSettlement(symbol, fundingTimeNanos, rate, markPrice, payments, residue);
    }
}
