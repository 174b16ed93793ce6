package dev.tandem.sim.data;

import dev.tandem.kernel.random.RandomSource;

/**
 * Geometric Brownian motion {@code dS = mu S dt + sigma S dW}, sampled exactly: the log-Euler step
 * {@code ln S(t+dt) = ln S(t) + (mu - sigma^2/2) dt + sigma sqrt(dt) Z}, {@code Z ~ N(0,1)}, is the exact transition
 * of GBM, so the discretisation adds no error whatever the step. {@code E[S(t)] = S(0) e^(mu t)}; the mean log
 * return per step is {@code (mu - sigma^2/2) dt}. One standard normal (two uniform draws) per step.
 *
 * @param drift      mu, per year (0.10 = 10 %)
 * @param volatility sigma, per square-root year (0.80 = 80 %), non-negative
 */
public record GeometricBrownianMotion(double drift, double volatility) implements PriceProcess {
    public GeometricBrownianMotion {
        if (!Double.isFinite(drift) || !Double.isFinite(volatility) || volatility < 0) {
            throw new IllegalArgumentException("drift must be finite and volatility finite and >= 0: " + drift + ", "
                    + volatility);
        }
    }

    @Override
    public String name() {
        return "gbm";
    }

    @Override
    public double logReturn(final long startNanos, final long dtNanos, final RandomSource random) {
        final double dt = PriceProcess.years(dtNanos);
        final double z = random.nextGaussian();
        return (drift - 0.5 * volatility * volatility) * dt + volatility * Math.sqrt(dt) * z;
    }
}
