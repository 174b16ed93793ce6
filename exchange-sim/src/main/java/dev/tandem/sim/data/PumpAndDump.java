package dev.tandem.sim.data;

import dev.tandem.kernel.random.RandomSource;

/**
 * A base process with a scheduled pump and dump: during {@code [pumpStart, pumpStart + pumpDuration)} the log price
 * rises by {@code ln(1 + pumpFraction)} (e.g. +80 % over two hours), then during the next {@code dumpDuration} it
 * moves by {@code ln(1 + dumpFraction)} (e.g. -60 % from the top), both spread evenly in log space; afterwards the
 * base process alone. As with {@link RegimeCrash} the base draws the same random numbers as alone, so the path is
 * the base path times a deterministic overlay.
 *
 * @param base              the process under the moves
 * @param pumpStartNanos    when the pump begins
 * @param pumpDurationNanos how long it lasts, positive
 * @param pumpFraction      relative rise, positive (0.8 = +80 %)
 * @param dumpDurationNanos how long the dump lasts, positive; it starts when the pump ends
 * @param dumpFraction      relative fall from the top, in (-1, 0)
 */
public record PumpAndDump(PriceProcess base, long pumpStartNanos, long pumpDurationNanos, double pumpFraction,
        long dumpDurationNanos, double dumpFraction) implements PriceProcess {
    public PumpAndDump {
        if (base == null) {
            throw new IllegalArgumentException("base process is required");
        }
        if (pumpDurationNanos <= 0 || dumpDurationNanos <= 0) {
            throw new IllegalArgumentException("pump and dump durations must be positive");
        }
        if (!(pumpFraction > 0) || !Double.isFinite(pumpFraction) || !(dumpFraction > -1 && dumpFraction < 0)) {
            throw new IllegalArgumentException("pump fraction must be > 0 and dump fraction in (-1, 0)");
        }
        Math.addExact(Math.addExact(pumpStartNanos, pumpDurationNanos), dumpDurationNanos);
    }

    /** A pump of {@code pumpFraction} whose dump brings the price back exactly to where the pump started. */
    public static PumpAndDump backToStart(final PriceProcess base, final long pumpStartNanos,
            final long pumpDurationNanos, final double pumpFraction, final long dumpDurationNanos) {
        return new PumpAndDump(base, pumpStartNanos, pumpDurationNanos, pumpFraction, dumpDurationNanos,
                1.0 / (1.0 + pumpFraction) - 1.0);
    }

    @Override
    public String name() {
        return "pump-and-dump";
    }

    /** When the pump ends and the dump begins. */
    public long pumpEndNanos() {
        return pumpStartNanos + pumpDurationNanos;
    }

    /** The deterministic part of the log return over a step. */
    public double overlay(final long startNanos, final long dtNanos) {
        return LogMoves.share(startNanos, dtNanos, pumpStartNanos, pumpDurationNanos, StrictMath.log1p(pumpFraction))
                + LogMoves.share(startNanos, dtNanos, pumpEndNanos(), dumpDurationNanos, StrictMath.log1p(dumpFraction));
    }

    @Override
    public double logReturn(final long startNanos, final long dtNanos, final RandomSource random) {
        return base.logReturn(startNanos, dtNanos, random) + overlay(startNanos, dtNanos);
    }
}
