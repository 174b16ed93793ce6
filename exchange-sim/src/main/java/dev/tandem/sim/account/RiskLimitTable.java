package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.kernel.model.Instrument;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tiered risk-limit table of one perpetual, in the shape of Bybit's {@code /v5/market/risk-limit} list
 * ({@code riskLimitValue}, {@code maintenanceMargin}, {@code maxLeverage}, {@code mmDeduction}).
 *
 * <p><b>Maintenance margin</b> of a position with notional {@code n} (money, at the mark price) in tier {@code t}:
 * <pre>
 *   MM(n) = ceil(n × mmr_t) − D_t,      D_0 = 0,   D_t = D_{t−1} + max_{t−1} × (mmr_t − mmr_{t−1})
 * </pre>
 * {@code D_t} is Bybit's {@code mmDeduction}, derived here from the tiers so that MM is continuous at every tier
 * boundary (it equals charging each slice of the notional at its own tier's rate). The deductions must be exact in
 * money units (checked at construction); {@code ceil} rounds the one product up to 1e-8. A notional above the last
 * tier still uses the last tier's rate (a price rise can push a position past the limit; new exposure beyond it is
 * refused with {@code VENUE_POSITION_LIMIT}).
 *
 * <p><b>Leverage</b>: a position in tier {@code t} may carry at most {@code maxLeverage_t}; leverage is a whole
 * number (a named simplification; Bybit allows steps of 0.01).
 */
public final class RiskLimitTable {

    private final RiskTier[] tiers;
    private final long[] deductions;

    /** @param tiers ascending by max notional, maintenance rates non-decreasing, max leverage non-increasing */
    public RiskLimitTable(final List<RiskTier> tiers) {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("a risk limit table needs at least one tier");
        }
        this.tiers = tiers.toArray(new RiskTier[0]);
        this.deductions = new long[this.tiers.length];
        for (int i = 1; i < this.tiers.length; i++) {
            final RiskTier prev = this.tiers[i - 1];
            final RiskTier cur = this.tiers[i];
            if (cur.maxNotionalMoney() <= prev.maxNotionalMoney()
                    || cur.maintenanceMarginRate() < prev.maintenanceMarginRate()
                    || cur.maxLeverage() > prev.maxLeverage()) {
                throw new IllegalArgumentException("tier " + (i + 1) + " must have a larger max notional, a rate not "
                        + "below and a max leverage not above tier " + i + ": " + prev + " then " + cur);
            }
            final long step;
            try {
                step = Fixed.mulDiv(prev.maxNotionalMoney(),
                        cur.maintenanceMarginRate() - prev.maintenanceMarginRate(), Fixed.RATE_ONE,
                        RoundingMode.UNNECESSARY);
            } catch (ArithmeticException notExact) {
                throw new IllegalArgumentException("the maintenance deduction of tier " + (i + 1)
                        + " is not a whole number of money units: " + prev + " then " + cur, notExact);
            }
            deductions[i] = Math.addExact(deductions[i - 1], step);
        }
    }

    /** A single tier without a position limit: the instrument's {@code maintenanceMarginRate} and {@code maxLeverage}. */
    public static RiskLimitTable forInstrument(final Instrument instrument) {
        return new RiskLimitTable(List.of(new RiskTier(Long.MAX_VALUE, instrument.maintenanceMarginRate(),
                instrument.maxLeverage())));
    }

    /**
     * An <b>illustrative</b> BTCUSDT table in Bybit's shape: tiers of 2 000 000 USDT, maintenance rate 0.5 % rising by
     * 0.5 % per tier, max leverage 100, 50, 33, 25, 20, limit 10 000 000 USDT. The figures follow the pattern of
     * Bybit's published BTCUSDT risk limits (base 2 M USDT at 0.5 % MMR / 100x) but are not a copy of today's live
     * table, which Bybit changes from time to time; load the live list for fidelity.
     */
    public static RiskLimitTable bybitLikeBtcUsdt() {
        return stepped(2_000_000, 5);
    }

    /**
     * An <b>illustrative</b> ETHUSDT table in Bybit's shape: tiers of 1 000 000 USDT, maintenance rate 0.5 % rising by
     * 0.5 % per tier, max leverage 100, 50, 33, 25, 20, limit 5 000 000 USDT (same caveat as {@link #bybitLikeBtcUsdt()}).
     */
    public static RiskLimitTable bybitLikeEthUsdt() {
        return stepped(1_000_000, 5);
    }

    private static RiskLimitTable stepped(final long stepUsdt, final int count) {
        final int[] leverage = {100, 50, 33, 25, 20};
        final List<RiskTier> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new RiskTier(Math.multiplyExact(stepUsdt * (i + 1), Fixed.MONEY_ONE),
                    Fixed.rate("0.005") * (i + 1), leverage[i]));
        }
        return new RiskLimitTable(list);
    }

    /** The tiers, lowest first. */
    public List<RiskTier> tiers() {
        final List<RiskTier> list = new ArrayList<>(tiers.length);
        Collections.addAll(list, tiers);
        return Collections.unmodifiableList(list);
    }

    /** Bybit's {@code mmDeduction} of tier {@code index} (0-based), money units. */
    public long deduction(final int index) {
        return deductions[index];
    }

    /** The 0-based tier of a position notional; a notional above the last tier maps to the last tier. */
    public int tierIndex(final long notionalMoney) {
        final long n = Math.abs(notionalMoney);
        for (int i = 0; i < tiers.length; i++) {
            if (n <= tiers[i].maxNotionalMoney()) {
                return i;
            }
        }
        return tiers.length - 1;
    }

    /** The tier of a position notional (see {@link #tierIndex}). */
    public RiskTier tier(final long notionalMoney) {
        return tiers[tierIndex(notionalMoney)];
    }

    /** True if a position of this notional is within the table (not above the last tier's max notional). */
    public boolean withinLimit(final long notionalMoney) {
        return Math.abs(notionalMoney) <= tiers[tiers.length - 1].maxNotionalMoney();
    }

    /** Maintenance margin of a position with this notional (sign ignored), money units, see the class comment. */
    public long maintenanceMargin(final long notionalMoney) {
        final long n = Math.abs(notionalMoney);
        if (n == 0) {
            return 0;
        }
        final int t = tierIndex(n);
        return Math.subtractExact(
                Fixed.mulDiv(n, tiers[t].maintenanceMarginRate(), Fixed.RATE_ONE, RoundingMode.CEILING),
                deductions[t]);
    }

    /** The largest leverage a position of this notional may carry. */
    public int maxLeverage(final long notionalMoney) {
        return tier(notionalMoney).maxLeverage();
    }

    /** The largest leverage of the table (its first tier). */
    public int maxLeverage() {
        return tiers[0].maxLeverage();
    }

    /** The largest position notional the table allows. */
    public long maxNotionalMoney() {
        return tiers[tiers.length - 1].maxNotionalMoney();
    }

    @Override
    public String toString() {
        return "RiskLimitTable" + tiers();
    }
}
