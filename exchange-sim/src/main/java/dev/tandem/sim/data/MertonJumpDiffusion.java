package dev.tandem.sim.data;

import dev.tandem.kernel.random.RandomSource;

/**
 * Merton's jump diffusion: GBM plus Poisson jumps whose log sizes are normal. Per step of {@code dt} years:
 * <pre>
 *   ln S(t+dt) = ln S(t) + (mu - sigma^2/2 - lambda k) dt + sigma sqrt(dt) Z + J,
 *   N ~ Poisson(lambda dt),  J | N ~ Normal(N m, N delta^2),  k = e^(m + delta^2/2) - 1
 * </pre>
 * The compensator {@code lambda k} keeps {@code E[S(t)] = S(0) e^(mu t)}. The step is exact (the sum of N normal
 * jump sizes is drawn as one normal), so it adds no discretisation error. The mean log return per step is
 * {@code (mu - sigma^2/2 - lambda k + lambda m) dt}, its variance {@code (sigma^2 + lambda (m^2 + delta^2)) dt}.
 *
 * <p>Draws per step, always the same number: a normal (diffusion), one uniform (the jump count, by inversion of the
 * Poisson distribution) and a normal (the jump sum). {@code lambda dt} must not exceed 50 per step.
 *
 * @param drift         mu, per year
 * @param volatility    sigma of the diffusion, per square-root year, non-negative
 * @param jumpIntensity lambda, expected jumps per year, non-negative
 * @param jumpMean      m, mean log jump size (-0.05 = jumps of about -5 %)
 * @param jumpStdDev    delta, standard deviation of the log jump size, non-negative
 */
public record MertonJumpDiffusion(double drift, double volatility, double jumpIntensity, double jumpMean,
        double jumpStdDev) implements PriceProcess {
    /** Largest expected jump count per step the Poisson inversion accepts. */
    public static final double MAX_JUMPS_PER_STEP = 50.0;

    public MertonJumpDiffusion {
        if (!Double.isFinite(drift) || !Double.isFinite(volatility) || !Double.isFinite(jumpIntensity)
                || !Double.isFinite(jumpMean) || !Double.isFinite(jumpStdDev) || volatility < 0 || jumpIntensity < 0
                || jumpStdDev < 0) {
            throw new IllegalArgumentException("parameters must be finite; volatility, intensity and jump std >= 0");
        }
    }

    @Override
    public String name() {
        return "merton";
    }

    /** The compensator {@code k = E[e^J1] - 1 = e^(m + delta^2/2) - 1}. */
    public double compensator() {
        return StrictMath.expm1(jumpMean + 0.5 * jumpStdDev * jumpStdDev);
    }

    @Override
    public double logReturn(final long startNanos, final long dtNanos, final RandomSource random) {
        final double dt = PriceProcess.years(dtNanos);
        final double expectedJumps = jumpIntensity * dt;
        if (expectedJumps > MAX_JUMPS_PER_STEP) {
            throw new IllegalArgumentException("lambda * dt = " + expectedJumps + " exceeds " + MAX_JUMPS_PER_STEP
                    + " per step; use a shorter step");
        }
        final double z = random.nextGaussian();
        final int jumps = poisson(expectedJumps, random.nextDouble());
        final double zj = random.nextGaussian();
        final double jump = jumps * jumpMean + jumpStdDev * Math.sqrt(jumps) * zj;
        return (drift - 0.5 * volatility * volatility - jumpIntensity * compensator()) * dt
                + volatility * Math.sqrt(dt) * z + jump;
    }

    /** The Poisson(mean) quantile of {@code u} in [0, 1) by inversion (sequential search of the CDF). */
    static int poisson(final double mean, final double u) {
        if (mean <= 0) {
            return 0;
        }
        double p = StrictMath.exp(-mean);
        double cdf = p;
        int n = 0;
        while (u >= cdf && n < 10_000) {
            n++;
            p = p * mean / n;
            cdf += p;
            if (n > mean && p < 1e-17) {
                break; // the rest of the tail is below double resolution: u is within rounding of 1
            }
        }
        return n;
    }
}
