package dev.tandem.sim.account;

import dev.tandem.kernel.model.Fixed;

/**
 * One tier of a {@link RiskLimitTable}: positions whose notional (at the mark price) is at most
 * {@code maxNotionalMoney} use this tier's maintenance margin rate (for the part of the notional inside the tier, see
 * {@link RiskLimitTable#maintenanceMargin(long)}) and may carry at most {@code maxLeverage}.
 *
 * @param maxNotionalMoney      the tier's upper bound of position notional, money units (1e-8 of the settle asset)
 * @param maintenanceMarginRate the tier's maintenance margin rate at {@link Fixed#RATE_SCALE} (0.5 % = 500_000)
 * @param maxLeverage           the largest leverage a position in this tier may have (whole numbers only)
 */
public record RiskTier(long maxNotionalMoney, long maintenanceMarginRate, int maxLeverage) {

    public RiskTier {
        if (maxNotionalMoney <= 0) {
            throw new IllegalArgumentException("tier max notional must be positive: " + maxNotionalMoney);
        }
        if (maintenanceMarginRate < 0 || maintenanceMarginRate >= Fixed.RATE_ONE) {
            throw new IllegalArgumentException("maintenance margin rate must be in [0, 1): " + maintenanceMarginRate);
        }
        if (maxLeverage < 1) {
            throw new IllegalArgumentException("max leverage must be >= 1: " + maxLeverage);
        }
        if (Math.multiplyExact(maintenanceMarginRate, (long) maxLeverage) >= Fixed.RATE_ONE) {
            throw new IllegalArgumentException("maintenance rate x max leverage must stay below 1 (else a position "
                    + "opened at max leverage is liquidatable at once): " + maintenanceMarginRate + " x " + maxLeverage);
        }
    }
}
