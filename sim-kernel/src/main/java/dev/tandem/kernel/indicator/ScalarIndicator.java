package dev.tandem.kernel.indicator;

/** An {@link Indicator} fed one finite {@code double} (typically a closing price) per update. */
public interface ScalarIndicator extends Indicator {

    /**
     * Feeds the next observation.
     *
     * @param value the observation; must be finite
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (the indicator is left unchanged)
     */
    void update(double value);
}
