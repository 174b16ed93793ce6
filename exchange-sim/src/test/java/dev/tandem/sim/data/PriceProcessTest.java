package dev.tandem.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.kernel.random.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Statistical sanity of the processes. Every test draws from a fixed seed, so it is deterministic (it cannot be
 * flaky); the bounds are generous (4 standard errors, or a few percent where the standard error is far smaller) so
 * that a correct implementation passes for essentially any seed while a wrong drift, variance or compensator fails.
 */
class PriceProcessTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final int N = 200_000;

    /** Mean, variance and mean of e^r of N log returns of daily steps. */
    private static double[] moments(final PriceProcess p, final long dt, final String stream) {
        final RandomSource random = RandomSource.forComponent(20_240_101L, stream);
        double sum = 0;
        double sumSq = 0;
        double sumExp = 0;
        double sumExpSq = 0;
        for (int i = 0; i < N; i++) {
            final double r = p.logReturn(i * dt, dt, random);
            sum += r;
            sumSq += r * r;
            final double e = StrictMath.exp(r);
            sumExp += e;
            sumExpSq += e * e;
        }
        final double mean = sum / N;
        final double var = (sumSq - N * mean * mean) / (N - 1);
        final double meanExp = sumExp / N;
        final double varExp = (sumExpSq - N * meanExp * meanExp) / (N - 1);
        return new double[] {mean, var, meanExp, Math.sqrt(varExp / N)};
    }

    @Test
    void gbmLogReturnsHaveTheExactTransitionMoments() {
        final double mu = 2.0;
        final double sigma = 0.5;
        final double dt = 1.0 / 365;
        final double[] m = moments(new GeometricBrownianMotion(mu, sigma), DAY, "gbm-stats");
        final double expectedMean = (mu - sigma * sigma / 2) * dt;
        final double expectedVar = sigma * sigma * dt;
        final double se = Math.sqrt(expectedVar / N);
        assertThat(m[0]).isCloseTo(expectedMean, within(4 * se));
        // the -sigma^2/2 Ito term is 5.8 standard errors: a log-Euler step without it would fail the bound above
        assertThat(Math.abs(mu * dt - expectedMean)).isGreaterThan(4 * se);
        assertThat(m[1] / expectedVar).isCloseTo(1.0, within(0.03)); // relative SE of a variance ~ 0.3 %
        assertThat(m[2]).isCloseTo(StrictMath.exp(mu * dt), within(4 * m[3])); // E[S(t+dt)/S(t)] = e^(mu dt)
    }

    @Test
    void gbmStepSizeDoesNotChangeTheDistribution() {
        // exactness: 1440 one-minute steps have the same law as one day-step; compare the means of daily sums
        final GeometricBrownianMotion gbm = new GeometricBrownianMotion(1.0, 0.4);
        final RandomSource random = RandomSource.forComponent(7, "gbm-steps");
        final int days = 2_000;
        double sum = 0;
        for (int d = 0; d < days; d++) {
            for (int k = 0; k < 1440; k++) {
                sum += gbm.logReturn(0, MINUTE, random);
            }
        }
        final double dt = 1.0 / 365;
        final double se = 0.4 * Math.sqrt(dt) / Math.sqrt(days);
        assertThat(sum / days).isCloseTo((1.0 - 0.08) * dt, within(4 * se));
    }

    @Test
    void mertonMomentsAndCompensator() {
        final double mu = 0.1;
        final double sigma = 0.3;
        final double lambda = 50;
        final double m = -0.05;
        final double delta = 0.03;
        final MertonJumpDiffusion merton = new MertonJumpDiffusion(mu, sigma, lambda, m, delta);
        final double dt = 1.0 / 365;
        final double k = StrictMath.exp(m + delta * delta / 2) - 1;
        assertThat(merton.compensator()).isCloseTo(k, within(1e-15));
        final double[] r = moments(merton, DAY, "merton-stats");
        final double expectedMean = (mu - sigma * sigma / 2 - lambda * k + lambda * m) * dt;
        final double expectedVar = (sigma * sigma + lambda * (m * m + delta * delta)) * dt;
        final double se = Math.sqrt(expectedVar / N);
        assertThat(r[0]).isCloseTo(expectedMean, within(4 * se));
        assertThat(r[1] / expectedVar).isCloseTo(1.0, within(0.05));
        // the compensator makes E[S(t+dt)/S(t)] = e^(mu dt); without it the mean would be 100+ SE away
        assertThat(r[2]).isCloseTo(StrictMath.exp(mu * dt), within(4 * r[3]));
        assertThat(Math.abs(StrictMath.exp((mu + lambda * k) * dt) - StrictMath.exp(mu * dt))).isGreaterThan(40 * r[3]);
    }

    @Test
    void mertonWithoutJumpsIsGbm() {
        final RandomSource a = RandomSource.forComponent(3, "s");
        final RandomSource b = RandomSource.forComponent(3, "s");
        final MertonJumpDiffusion merton = new MertonJumpDiffusion(0.2, 0.6, 0, -0.1, 0.05);
        final GeometricBrownianMotion gbm = new GeometricBrownianMotion(0.2, 0.6);
        for (int i = 0; i < 100; i++) {
            final double x = merton.logReturn(0, DAY, a);
            final double y = gbm.logReturn(0, DAY, b);
            b.nextDouble(); // merton also draws the jump count (1 uniform) and the jump normal (2 uniforms)
            b.nextDouble();
            b.nextDouble();
            assertThat(x).isCloseTo(y, within(1e-15));
        }
    }

    @Test
    void poissonInversionHasTheRightLaw() {
        for (final double mean : new double[] {0.01, 0.7, 4.0, 30.0}) {
            final RandomSource random = RandomSource.forComponent(11, "poisson-" + mean);
            double sum = 0;
            long zeros = 0;
            for (int i = 0; i < N; i++) {
                final int n = MertonJumpDiffusion.poisson(mean, random.nextDouble());
                sum += n;
                zeros += n == 0 ? 1 : 0;
            }
            assertThat(sum / N).as("mean %s", mean).isCloseTo(mean, within(4 * Math.sqrt(mean / N)));
            final double p0 = StrictMath.exp(-mean);
            assertThat((double) zeros / N).as("P(0) %s", mean).isCloseTo(p0, within(4 * Math.sqrt(p0 * (1 - p0) / N) + 1e-9));
        }
        assertThat(MertonJumpDiffusion.poisson(0, 0.99)).isZero();
        assertThat(MertonJumpDiffusion.poisson(1, 0.0)).isZero();
        assertThat(MertonJumpDiffusion.poisson(1, Math.nextDown(1.0))).isBetween(10, 30);
        assertThat(MertonJumpDiffusion.poisson(50, Math.nextDown(1.0))).isBetween(80, 200);
    }

    @Test
    void mertonRefusesTooManyJumpsPerStep() {
        final MertonJumpDiffusion merton = new MertonJumpDiffusion(0, 0.1, 1_000_000, 0, 0.01);
        assertThatThrownBy(() -> merton.logReturn(0, DAY, RandomSource.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a shorter step");
    }

    @Test
    void crashOverlayIsExactWhateverTheStepAlignment() {
        final long start = 3 * MINUTE;
        final RegimeCrash crash = new RegimeCrash(new GeometricBrownianMotion(0, 0.5), start, 10 * MINUTE, -0.30,
                30 * MINUTE, 0.20);
        for (final long step : new long[] {MINUTE, 7 * MINUTE, 1_000_000_007L, 3 * 60 * MINUTE}) {
            double crashPart = 0;
            double recoveryPart = 0;
            for (long t = 0; t < 120 * MINUTE; t += step) {
                final long end = Math.min(t + step, 120 * MINUTE);
                crashPart += LogMoves.share(t, end - t, start, 10 * MINUTE, StrictMath.log(0.7));
                recoveryPart += LogMoves.share(t, end - t, crash.crashEndNanos(), 30 * MINUTE, StrictMath.log(1.2));
            }
            assertThat(crashPart).as("step %s", step).isCloseTo(StrictMath.log(0.7), within(1e-12));
            assertThat(recoveryPart).as("step %s", step).isCloseTo(StrictMath.log(1.2), within(1e-12));
        }
        assertThat(crash.overlay(0, start)).isZero();
        assertThat(crash.overlay(start + 40 * MINUTE, DAY)).isZero(); // after the recovery: the base alone
        assertThat(crash.overlay(start, MINUTE)).isCloseTo(StrictMath.log(0.7) / 10, within(1e-15));
    }

    @Test
    void crashAndPumpAddOnlyTheirOverlayToTheSameNoise() {
        final GeometricBrownianMotion base = new GeometricBrownianMotion(0.1, 0.9);
        final PumpAndDump pump = PumpAndDump.backToStart(base, 60 * MINUTE, 120 * MINUTE, 0.8, 30 * MINUTE);
        final RandomSource a = RandomSource.forComponent(5, "same");
        final RandomSource b = RandomSource.forComponent(5, "same");
        double diff = 0;
        for (long t = 0; t < 400 * MINUTE; t += MINUTE) {
            final double x = pump.logReturn(t, MINUTE, a);
            final double y = base.logReturn(t, MINUTE, b);
            diff += x - y;
            if (t + MINUTE == pump.pumpEndNanos()) {
                assertThat(diff).isCloseTo(StrictMath.log(1.8), within(1e-9));
            }
        }
        assertThat(diff).isCloseTo(0, within(1e-9)); // the dump brought it back exactly
        assertThat(pump.dumpFraction()).isCloseTo(1 / 1.8 - 1, within(1e-15));
    }

    @Test
    void parametersAreValidated() {
        final GeometricBrownianMotion base = new GeometricBrownianMotion(0, 0.1);
        assertThatThrownBy(() -> new GeometricBrownianMotion(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeometricBrownianMotion(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MertonJumpDiffusion(0, 0.1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegimeCrash.thenFlat(base, 0, MINUTE, -1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegimeCrash.thenFlat(base, 0, MINUTE, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegimeCrash.thenFlat(base, 0, 0, -0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegimeCrash(base, 0, MINUTE, -0.3, 0, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegimeCrash(null, 0, MINUTE, -0.3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PumpAndDump(base, 0, MINUTE, 0, MINUTE, -0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PumpAndDump(base, 0, MINUTE, 1, MINUTE, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PumpAndDump(base, Long.MAX_VALUE - 1, MINUTE, 1, MINUTE, -0.5))
                .isInstanceOf(ArithmeticException.class);
    }
}
