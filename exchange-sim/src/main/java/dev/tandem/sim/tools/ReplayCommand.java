package dev.tandem.sim.tools;

import dev.tandem.kernel.model.OrderType;
import dev.tandem.kernel.model.Side;
import dev.tandem.kernel.model.TimeInForce;

/** One parsed line of a book replay command file; {@code cmd} is the 0-based line index in the file. */
sealed interface ReplayCommand permits ReplayCommand.Place, ReplayCommand.Cancel, ReplayCommand.Amend {

    /** The 0-based line index of the command in its file (line number − 1). */
    int cmd();

    /** The order id the command is about. */
    long id();

    /** {@code {"op":"place",...}}; {@code price} is 0 for a market order. */
    record Place(int cmd, long id, long account, Side side, OrderType type, TimeInForce tif, long price, long qty)
            implements ReplayCommand {
    }

    /** {@code {"op":"cancel",...}}. */
    record Cancel(int cmd, long id, long account) implements ReplayCommand {
    }

    /** {@code {"op":"amend",...}}; a missing price or qty is {@link dev.tandem.sim.matching.OrderBook#KEEP}. */
    record Amend(int cmd, long id, long account, long price, long qty) implements ReplayCommand {
    }
}
