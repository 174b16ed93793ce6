package dev.tandem.sim;

import dev.tandem.kernel.digest.StateDigest;
import dev.tandem.kernel.event.VenueBalance;
import dev.tandem.kernel.event.VenuePosition;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.Liquidity;
import dev.tandem.kernel.model.ReasonCode;
import dev.tandem.kernel.model.Side;
import java.util.List;
import java.util.SortedMap;

/**
 * What the simulated venue needs from its accounts: whether an order may be placed, what resting orders reserve,
 * booking fills (and charging fees), and the positions and balances it reports. {@link SimpleLedger} is the simple
 * implementation; the full venue-side accounts (margin, liquidation, funding) replace it behind this interface.
 *
 * <p>Money is in money units (8 decimals of each asset), prices and quantities in the instrument's scales, as in
 * the kernel. Implementations are deterministic: lists come sorted (balances by asset, positions by instrument).
 */
public interface VenueLedger {

    /**
     * Opens an account (before any order).
     *
     * @param unchecked the account is never refused (background agents with unlimited credit)
     */
    void open(long account, SortedMap<String, Long> balances, boolean unchecked);

    /** True if the account exists. */
    boolean has(long account);

    /** Whether the account may place this order now: {@link ReasonCode#NONE}, or the {@code VENUE_} reason why not. */
    ReasonCode canPlace(long account, OrderTicket order);

    /** An accepted order starts reserving what it needs (spot: the quote to pay or the base to deliver). */
    void reserve(long account, OrderTicket order);

    /**
     * An order's price or unfilled quantity changed (fill, amend), or it ended ({@code leavesQty == 0}): its
     * reservation follows. Unknown order ids are ignored.
     */
    void updateReservation(long account, long orderId, long price, long leavesQty);

    /**
     * Books a fill and charges its fee at the instrument's maker or taker rate (LIQUIDATION pays the taker rate); a
     * negative maker rate is a rebate.
     *
     * @return the fee charged in the settlement asset: positive paid, negative received
     */
    long onFill(long account, Instrument instrument, Side side, long price, long qty, Liquidity liquidity);

    /**
     * {@link #onFill(long, Instrument, Side, long, long, Liquidity)} of a fill of a known order (the venue's order
     * id): a ledger that reserves per order consumes the order's reservation here. The default ignores the id.
     */
    default long onFill(final long account, final long orderId, final Instrument instrument, final Side side,
                        final long price, final long qty, final Liquidity liquidity) {
        return onFill(account, instrument, side, price, qty, liquidity);
    }

    /**
     * Closes a position outside any order (the account closed it elsewhere): realizes it at {@code price} with no
     * fee. Spot holdings are not touched.
     *
     * @return the signed quantity that was closed (0 if flat or spot)
     */
    long closeOutside(long account, Instrument instrument, long price);

    /** The account's signed position (perpetual), or its base holding in quantity units (spot; truncated to the lot scale). */
    long position(long account, Instrument instrument);

    /** Every balance of the account, sorted by asset: total (wallet) and the part reserved by open orders. */
    List<VenueBalance> balances(long account);

    /** Every non-zero perpetual position of the account, sorted by instrument. */
    List<VenuePosition> positions(long account);

    /** Writes the whole ledger into a digest. */
    void digest(StateDigest digest);
}
