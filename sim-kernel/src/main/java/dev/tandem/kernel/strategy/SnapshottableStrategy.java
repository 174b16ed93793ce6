package dev.tandem.kernel.strategy;

/**
 * A strategy whose own state can be saved in a kernel snapshot ({@code dev.tandem.kernel.KernelSnapshot}) and
 * restored into a fresh instance, so that a restored kernel continues exactly where the original was.
 *
 * <p>On a kernel restored from a snapshot, {@link #restoreState} is called <em>instead of</em>
 * {@link #onStart}: it must rebuild the strategy as it was when {@link #saveState} was called (keep the context as
 * in {@code onStart}) and should not act (submit orders, set timers): its orders, timers and random stream are
 * already part of the kernel's snapshot. A strategy that does not implement this interface is restarted with
 * {@link #onStart} on a restored kernel and begins with whatever state its constructor gives it.
 */
public interface SnapshottableStrategy extends Strategy {
    /**
     * The strategy's whole state as text (any format the strategy can read back; it is stored as one string).
     * Called between inbound events, never during a callback. Must be deterministic: equal states give equal text.
     */
    String saveState();

    /**
     * Restores a state written by {@link #saveState} into this fresh instance, on a kernel restored from a
     * snapshot, in place of {@link #onStart}.
     *
     * @param context the strategy's context on the restored kernel
     * @param state   the text {@link #saveState} returned
     */
    void restoreState(StrategyContext context, String state);
}
