package dev.tandem.sim;

import dev.tandem.kernel.model.Fixed;
import dev.tandem.sim.account.FundingRateSource;
import dev.tandem.sim.account.RiskLimitTable;
import dev.tandem.sim.account.SimAccount;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The settings of the {@link LedgerKind#MARGIN} ledger (ignored with {@link LedgerKind#SIMPLE}).
 *
 * @param leverage           every trading account's leverage on every perpetual at opening (a whole number; the
 *                           account model's default is 10); refused leverage (above the table) keeps the default
 * @param riskLimits         risk-limit table per symbol; a perpetual without one gets the single tier of its own
 *                           {@code Instrument} (maintenance rate, max leverage)
 * @param liquidationFeeRate the liquidation fee on the notional at the bankruptcy price, at RATE_SCALE (default
 *                           0.05 %), paid into the insurance fund
 * @param fundingRates       where funding rates come from (default a constant 0.01 % per 8 h)
 * @param insuranceFundSeed  money seeded into the insurance fund of every perpetual's settle asset (default 0)
 * @param agentCredit        what every unchecked account (background agent) is credited in every settle asset at
 *                           opening, so the margin model has collateral to work with (default 10^9 units)
 */
public record MarginSettings(int leverage, SortedMap<String, RiskLimitTable> riskLimits, long liquidationFeeRate,
                             FundingRateSource fundingRates, long insuranceFundSeed, long agentCredit) {

    /** Default liquidation fee: 0.05 %. */
    public static final long DEFAULT_LIQUIDATION_FEE_RATE = Fixed.RATE_ONE / 2_000;

    public MarginSettings {
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
        }
        riskLimits = Collections.unmodifiableSortedMap(new TreeMap<>(riskLimits));
        if (liquidationFeeRate < 0 || liquidationFeeRate >= Fixed.RATE_ONE) {
            throw new IllegalArgumentException("liquidation fee rate must be in [0, 1)");
        }
        Objects.requireNonNull(fundingRates, "fundingRates");
        if (insuranceFundSeed < 0 || agentCredit < 0) {
            throw new IllegalArgumentException("insurance fund seed and agent credit must not be negative");
        }
    }

    /** Leverage 10, the instruments' own tables, 0.05 % liquidation fee, 0.01 % funding, no seed, 10^9 agent credit. */
    public static MarginSettings defaults() {
        return new MarginSettings(SimAccount.DEFAULT_LEVERAGE, new TreeMap<>(), DEFAULT_LIQUIDATION_FEE_RATE,
                FundingRateSource.constant(FundingRateSource.DEFAULT_INTEREST), 0,
                Math.multiplyExact(1_000_000_000L, Fixed.MONEY_ONE));
    }

    /** A copy with another leverage. */
    public MarginSettings withLeverage(final int l) {
        return new MarginSettings(l, riskLimits, liquidationFeeRate, fundingRates, insuranceFundSeed, agentCredit);
    }

    /** A copy with a risk-limit table for a symbol. */
    public MarginSettings withRiskLimits(final String symbol, final RiskLimitTable table) {
        final SortedMap<String, RiskLimitTable> all = new TreeMap<>(riskLimits);
        all.put(symbol, Objects.requireNonNull(table, "table"));
        return new MarginSettings(leverage, all, liquidationFeeRate, fundingRates, insuranceFundSeed, agentCredit);
    }

    /** A copy with another liquidation fee rate. */
    public MarginSettings withLiquidationFeeRate(final long rate) {
        return new MarginSettings(leverage, riskLimits, rate, fundingRates, insuranceFundSeed, agentCredit);
    }

    /** A copy with another funding rate source. */
    public MarginSettings withFundingRates(final FundingRateSource rates) {
        return new MarginSettings(leverage, riskLimits, liquidationFeeRate, rates, insuranceFundSeed, agentCredit);
    }

    /** A copy with another insurance fund seed. */
    public MarginSettings withInsuranceFundSeed(final long seed) {
        return new MarginSettings(leverage, riskLimits, liquidationFeeRate, fundingRates, seed, agentCredit);
    }

    /** A copy with another agent credit. */
    public MarginSettings withAgentCredit(final long credit) {
        return new MarginSettings(leverage, riskLimits, liquidationFeeRate, fundingRates, insuranceFundSeed, credit);
    }
}
