package dev.tandem.kernel.indicator;

/** Argument validation shared by the indicators. Messages are only built on the failure path. */
final class Checks {

    private Checks() {
    }

    static int period(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        return period;
    }

    static void finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    static void volume(double volume) {
        if (!(Double.isFinite(volume) && volume >= 0.0)) {
            throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
        }
    }
}
