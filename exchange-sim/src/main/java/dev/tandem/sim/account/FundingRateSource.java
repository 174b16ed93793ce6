package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import java.math.RoundingMode;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Where funding rates come from: recorded data or a generator. Rates are at {@link Fixed#RATE_SCALE}. */
@FunctionalInterface
public interface FundingRateSource {

    /** Bybit's default interest component per 8 h: 0.01 %. */
    long DEFAULT_INTEREST = 10_000L;
    /** The clamp around the interest term: ±0.05 %. */
    long DEFAULT_INTEREST_CLAMP = 50_000L;
    /** The funding cap: ±0.75 %. */
    long DEFAULT_CAP = 750_000L;

    /** The rate to settle at {@code fundingTimeNanos} (positive: longs pay shorts). */
    long rate(String symbol, long fundingTimeNanos);

    /** The same rate for every symbol and time. */
    static FundingRateSource constant(final long rate) {
        return (symbol, time) -> rate;
    }

    /**
     * Recorded rates: per symbol, the rate of the latest entry at or before the funding time; 0 before the first
     * entry and for symbols without data. The maps are copied.
     */
    static FundingRateSource series(final Map<String, ? extends NavigableMap<Long, Long>> ratesBySymbolAndTime) {
        final Map<String, NavigableMap<Long, Long>> copy = new TreeMap<>();
        ratesBySymbolAndTime.forEach((s, m) -> copy.put(s, new TreeMap<>(m)));
        return (symbol, time) -> {
            final NavigableMap<Long, Long> m = copy.get(symbol);
            if (m == null) {
                return 0L;
            }
            final Map.Entry<Long, Long> e = m.floorEntry(time);
            return e == null ? 0L : e.getValue();
        };
    }

    /**
     * A generator from the mark/index premium, Bybit's formula with a single premium sample:
     * <pre>
     *   P = (mark − index) / index                         (rounded toward zero at RATE_SCALE)
     *   F = clamp(P + clamp(I − P, −c, +c), −cap, +cap)
     * </pre>
     * with interest {@code I}, clamp {@code c} and cap {@code cap} (defaults 0.01 %, 0.05 %, 0.75 %). Without both
     * an index and a mark the rate is the clamped interest. The real venue averages the premium over the interval;
     * here the caller's last index observation stands for the average (named simplification).
     */
    static FundingRateSource premium(final MarkPriceModel marks, final long interest, final long clamp,
                                     final long cap) {
        return (symbol, time) -> {
            final long index = marks.index(symbol);
            final long mark = marks.mark(symbol);
            final long p = index <= 0 || mark <= 0 ? 0
                    : Fixed.mulDiv(mark - index, Fixed.RATE_ONE, index, RoundingMode.DOWN);
            final long withInterest = Math.addExact(p, clampTo(Math.subtractExact(interest, p), clamp));
            return clampTo(withInterest, cap);
        };
    }

    /** {@link #premium(MarkPriceModel, long, long, long)} with the defaults. */
    static FundingRateSource premium(final MarkPriceModel marks) {
        return premium(marks, DEFAULT_INTEREST, DEFAULT_INTEREST_CLAMP, DEFAULT_CAP);
    }

    /** {@code max(−bound, min(bound, value))}. */
    static long clampTo(final long value, final long bound) {
        return Math.max(-bound, Math.min(bound, value));
    }
}
