package dev.tandem.kernel.indicator;

/**
 * An incrementally updated technical indicator.
 *
 * <p>Conventions shared by every implementation in this package:
 * <ul>
 *   <li><b>Not ready means NaN.</b> Until {@link #isReady()} is {@code true}, {@link #value()} (and the
 *       implementation's derived outputs such as bands or smoothed averages, unless documented otherwise)
 *       returns {@link Double#NaN}. NaN compares false with
 *       everything, so a strategy rule such as {@code rsi.value() > 70} simply does not fire during warm-up.</li>
 *   <li><b>Inputs are validated.</b> Prices must be finite and volumes finite and {@code >= 0}; a violating
 *       update throws {@link IllegalArgumentException} and leaves the indicator exactly as it was (it is not
 *       counted in {@link #updates()}).</li>
 *   <li><b>No allocation per update.</b> All state is preallocated at construction.</li>
 *   <li><b>Deterministic.</b> The state is a pure function of the updates since construction or the last
 *       {@link #reset()}; there is no hidden time or randomness.</li>
 *   <li><b>Single-threaded.</b> Instances are mutable and not thread-safe.</li>
 * </ul>
 * The update method is not part of this interface because its arity depends on the input: single-value
 * indicators implement {@link ScalarIndicator#update(double)}, {@link Atr} takes {@code (high, low, close)}
 * bars and the VWAP variants take {@code (price, volume)}.
 */
public interface Indicator {

    /** Whether enough updates have been seen for {@link #value()} to be defined. */
    boolean isReady();

    /** The current value, or {@link Double#NaN} while {@link #isReady()} is {@code false}. */
    double value();

    /** The number of accepted updates since construction or the last {@link #reset()}. */
    long updates();

    /** Forgets every update, returning the indicator to the state it had right after construction. */
    void reset();
}
