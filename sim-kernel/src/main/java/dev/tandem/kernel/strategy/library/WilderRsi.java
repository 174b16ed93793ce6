package dev.tandem.kernel.strategy.library;

/**
 * Wilder's RSI with a state that can be saved and restored exactly, for snapshottable strategies. It performs the
 * same floating-point operations in the same order as {@link dev.tandem.kernel.indicator.Rsi} (which keeps its state
 * private), so the two give bit-identical values; {@code WilderRsiTest} checks that on generated price paths.
 */
final class WilderRsi {
    private final int period;
    private long updates;
    private double previous;
    private double avgGain = Double.NaN;
    private double avgLoss = Double.NaN;
    private double gainSum;
    private double lossSum;

    WilderRsi(final int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        this.period = period;
    }

    void update(final double price) {
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite, was " + price);
        }
        if (updates > 0) {
            final double change = price - previous;
            final double gain = change > 0.0 ? change : 0.0;
            final double loss = change < 0.0 ? -change : 0.0;
            if (updates <= period) {
                gainSum += gain;
                lossSum += loss;
                if (updates == period) {
                    avgGain = gainSum / period;
                    avgLoss = lossSum / period;
                }
            } else {
                avgGain = (avgGain * (period - 1) + gain) / period;
                avgLoss = (avgLoss * (period - 1) + loss) / period;
            }
        }
        previous = price;
        updates++;
    }

    boolean isReady() {
        return updates > period;
    }

    /** RSI in [0, 100]; NaN before ready; 100 when there were only gains, 50 when the price never moved. */
    double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        if (avgLoss == 0.0) {
            return avgGain == 0.0 ? 50.0 : 100.0;
        }
        return 100.0 * avgGain / (avgGain + avgLoss);
    }

    long updates() {
        return updates;
    }

    void save(final StateText s) {
        s.put("rsiUpdates", updates).putDouble("rsiPrevious", previous).putDouble("rsiAvgGain", avgGain)
                .putDouble("rsiAvgLoss", avgLoss).putDouble("rsiGainSum", gainSum).putDouble("rsiLossSum", lossSum);
    }

    void restore(final StateText s) {
        updates = s.getLong("rsiUpdates");
        previous = s.getDouble("rsiPrevious");
        avgGain = s.getDouble("rsiAvgGain");
        avgLoss = s.getDouble("rsiAvgLoss");
        gainSum = s.getDouble("rsiGainSum");
        lossSum = s.getDouble("rsiLossSum");
    }
}
